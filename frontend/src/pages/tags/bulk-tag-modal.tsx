import { useEffect, useState } from 'react';
import { Alert, Button, Flex, Modal, Result, Segmented, Tooltip, Typography } from 'antd';
import { TagsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { TAG_LIMITS } from '@fulcrum/shared';
import type { BulkTagRequest, BulkTagResult, BulkTagSelection, SegmentGroup, SegmentTarget, TagEntity } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';
import { canManageTags, TAGS_PATH } from '@/session/access';
import { useUser } from '@/session/session-context';
import { TagSelect } from '@/pages/tags/tag-select';

type Action = BulkTagRequest['action'];

/**
 * Adds tags to (or removes them from) many companies or contacts in one request: those selected in a
 * list, or everyone in a segment. Tags a record already has keep their original source.
 */
export function BulkTagModal({
  open,
  entity,
  selection,
  count,
  onClose,
  onDone,
}: {
  open: boolean;
  entity: TagEntity;
  selection: BulkTagSelection;
  /** How many records the selection holds, when known (a live segment count, or the selected rows). */
  count: number | null;
  onClose: () => void;
  onDone?: (result: BulkTagResult) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [action, setAction] = useState<Action>('tag');
  const [tagIds, setTagIds] = useState<string[]>([]);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<BulkTagResult | null>(null);

  useEffect(() => {
    if (!open) return;
    setAction('tag');
    setTagIds([]);
    setFailure(null);
    setResult(null);
  }, [open]);

  const records = (n: number) => t(`tags.bulk.records.${entity}`, { count: n, formatted: format.integer(n) });
  const scope = selection.kind === 'ids' ? t('tags.bulk.scopeSelected', { records: records(count ?? selection.ids.length) }) : count === null ? t('tags.bulk.scopeSegmentUncounted') : t('tags.bulk.scopeSegment', { records: records(count) });

  const run = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const done = await api.bulkTag({ action, entity, tagIds, selection });
      setResult(done);
      onDone?.(done);
    } catch (error) {
      setFailure(errorMessage(t, error));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('tags.bulk.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        result ? (
          <Button type="primary" onClick={onClose} data-testid="bulk-tag-close">
            {t('tags.bulk.close')}
          </Button>
        ) : (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              danger={action === 'untag'}
              loading={running}
              disabled={tagIds.length === 0}
              onClick={() => void run()}
              data-testid="bulk-tag-run"
            >
              {t(action === 'tag' ? 'tags.bulk.runTag' : 'tags.bulk.runUntag')}
            </Button>
          </Flex>
        )
      }
    >
      {result ? (
        <Result
          status="success"
          title={t(result.action === 'tag' ? 'tags.bulk.doneTag' : 'tags.bulk.doneUntag', { changed: format.integer(result.changed), count: result.changed })}
          subTitle={t(result.action === 'tag' ? 'tags.bulk.doneTagDetail' : 'tags.bulk.doneUntagDetail', { records: records(result.matched) })}
          data-testid="bulk-tag-result"
          data-changed={result.changed}
          data-matched={result.matched}
        />
      ) : (
        <Flex vertical gap={12}>
          <Segmented<Action>
            block
            value={action}
            onChange={setAction}
            options={[
              { value: 'tag', label: t('tags.bulk.add') },
              { value: 'untag', label: t('tags.bulk.remove') },
            ]}
            data-testid="bulk-tag-action"
          />
          <Typography.Text>{scope}</Typography.Text>
          <TagSelect
            value={tagIds}
            onChange={(next) => setTagIds(next.slice(0, TAG_LIMITS.tagsPerRequest))}
            placeholder={t('tags.bulk.chooseTags')}
            aria-label={t('tags.bulk.chooseTags')}
            data-testid="bulk-tag-select"
          />
          <Typography.Text type="secondary">
            {t(action === 'tag' ? 'tags.bulk.keepSource' : 'tags.bulk.untagHint')} <Link to={TAGS_PATH}>{t('tags.manage')}</Link>
          </Typography.Text>
          {failure ? <Alert type="error" showIcon title={failure} role="alert" /> : null}
        </Flex>
      )}
    </Modal>
  );
}

/** "Tag…" for the rows selected in a list, plus the way to the tags page; sales get only the latter. */
export function BulkTagButton({ entity, ids, onDone }: { entity: TagEntity; ids: string[]; onDone?: (result: BulkTagResult) => void }) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      {canManageTags(user.role) ? (
        <Tooltip title={ids.length === 0 ? t('tags.bulk.selectFirst') : undefined}>
          <Button icon={<TagsOutlined />} disabled={ids.length === 0} onClick={() => setOpen(true)} data-testid="bulk-tag-open">
            {ids.length ? t('tags.bulk.button', { count: ids.length }) : t('tags.bulk.buttonNone')}
          </Button>
        </Tooltip>
      ) : null}
      <Button type="link" icon={<TagsOutlined />} onClick={() => navigate(TAGS_PATH)} data-testid="tags-manage-link">
        {t('tags.manage')}
      </Button>
      <BulkTagModal open={open} entity={entity} selection={{ kind: 'ids', ids }} count={ids.length} onClose={() => setOpen(false)} onDone={onDone} />
    </>
  );
}

/**
 * "Tag everyone…" on the segment editor: the saved segment when what is on screen is saved,
 * otherwise the filter on screen, so the records tagged are the ones the live count shows.
 */
export function TagSegmentButton({
  target,
  filter,
  savedSegmentId,
  count,
  disabled,
}: {
  target: SegmentTarget;
  filter: SegmentGroup;
  /** Set only when the segment is saved and unchanged. */
  savedSegmentId: string | null;
  count: number | null;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const [open, setOpen] = useState(false);
  if (!canManageTags(user.role)) return null;
  const selection: BulkTagSelection = savedSegmentId ? { kind: 'segment', segmentId: savedSegmentId } : { kind: 'filter', filter };
  return (
    <>
      <Tooltip title={disabled ? t('tags.bulk.fixSegmentFirst') : t('tags.bulk.segmentHint')}>
        <Button icon={<TagsOutlined />} disabled={disabled} onClick={() => setOpen(true)} data-testid="segment-tag">
          {t('tags.bulk.segmentButton')}
        </Button>
      </Tooltip>
      <BulkTagModal open={open} entity={target === 'contacts' ? 'contact' : 'company'} selection={selection} count={count} onClose={() => setOpen(false)} />
    </>
  );
}
