import { useState } from 'react';
import { App, Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';
import { useAccountLabels } from '@/pages/accounts/account-labels';

const KIND_COLORS: Record<HistoryEntry['kind'], string> = { import: 'blue', edit: 'gold', merge: 'purple' };

/** What happened to a record, newest first; edits and merges can be undone from here. */
export function HistoryCard({ entries, canUndo, onUndone }: { entries: HistoryEntry[]; canUndo: boolean; onUndone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAccountLabels();
  const { message, modal } = App.useApp();
  const [undoing, setUndoing] = useState<string | null>(null);

  const undo = (entry: HistoryEntry) => {
    modal.confirm({
      title: t(`accountsBrowse.history.undoTitle.${entry.kind === 'merge' ? 'merge' : 'edit'}`),
      content: entry.kind === 'merge' ? t('accountsBrowse.history.undoMergeBody', { count: entry.merged.length }) : t('accountsBrowse.history.undoEditBody'),
      okText: t('accountsBrowse.history.undo'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        setUndoing(entry.id);
        try {
          await api.undoMerge(entry.id);
          void message.success(t('accountsBrowse.history.undoDone'));
          onUndone();
        } catch (error) {
          void message.error(errorMessage(t, error), 8);
        } finally {
          setUndoing(null);
        }
      },
    });
  };

  return (
    <Card title={t('accountsBrowse.history.title')} data-testid="history-card">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accountsBrowse.history.empty')} />
      ) : (
        <List
          itemLayout="vertical"
          dataSource={entries}
          renderItem={(entry) => (
            <List.Item
              key={entry.id}
              data-testid="history-entry"
              data-kind={entry.kind}
              data-undone={entry.undoneAt ? 'true' : 'false'}
              extra={
                canUndo && entry.undoable && entry.role === 'survivor' ? (
                  <Button size="small" icon={<UndoOutlined />} loading={undoing === entry.id} onClick={() => undo(entry)} data-testid="history-undo">
                    {t('accountsBrowse.history.undo')}
                  </Button>
                ) : null
              }
            >
              <Flex gap={8} align="center" wrap>
                <Tag color={KIND_COLORS[entry.kind]}>{t(`accountsBrowse.history.kinds.${entry.kind}`)}</Tag>
                <Typography.Text type="secondary">
                  {entry.kind === 'import'
                    ? t('accountsBrowse.history.byImport', { name: entry.importName ?? t('accountsBrowse.history.anImport') })
                    : t('accountsBrowse.history.by', { name: entry.actorName ?? t('accountsBrowse.provenance.someone') })}
                  {' · '}
                  {format.dateTime(entry.createdAt)}
                </Typography.Text>
                {entry.undoneAt ? (
                  <Tag>{t('accountsBrowse.history.undone', { name: entry.undoneByName ?? t('accountsBrowse.provenance.someone'), date: format.dateTime(entry.undoneAt) })}</Tag>
                ) : null}
              </Flex>
              {entry.kind === 'merge' ? (
                <Typography.Paragraph className="history-line">
                  {entry.role === 'survivor'
                    ? t('accountsBrowse.history.mergedHere', { names: entry.merged.map((record) => record.name).join('、') })
                    : t('accountsBrowse.history.mergedAway')}
                  {entry.movedContacts ? ` ${t('accountsBrowse.history.movedContacts', { count: entry.movedContacts })}` : ''}
                </Typography.Paragraph>
              ) : null}
              {entry.changes.length ? (
                <ul className="history-changes">
                  {entry.changes.map((change) => (
                    <li key={change.field}>
                      <Typography.Text strong>{labels.field(change.field)}</Typography.Text>: <del>{labels.value(change.field, change.before)}</del> →{' '}
                      {labels.value(change.field, change.after)}
                    </li>
                  ))}
                </ul>
              ) : null}
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
