import { useMemo, useState } from 'react';
import { App, Tag as AntTag, Button, Flex, Select, Spin, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RecordTag, TagEntity } from '@fulcrum/shared';
import { api } from '@/api/client';
import { useApiData } from '@/components/use-api-data';
import { useFormat } from '@/components/format';
import { errorMessage } from '@/i18n/error-message';
import { canManageTags } from '@/session/access';
import { useUser } from '@/session/session-context';
import { useTagOptions } from '@/pages/tags/tag-select';
import type { TagOptionData } from '@/pages/tags/tag-select';
import '@/pages/tags/tags.css';

/** Where a tag came from and when, for its tooltip. */
function SourceText({ tag }: { tag: RecordTag }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div data-testid="tag-source">
      <div>
        {tag.categoryName} · {tag.name}
      </div>
      <div>
        {t(`tags.sources.${tag.source}`)}
        {tag.sourceDetail ? ` (${tag.sourceDetail})` : ''}
      </div>
      <div>
        {tag.createdByName ? t('tags.picker.addedBy', { name: tag.createdByName, date: format.dateTime(tag.createdAt) }) : format.dateTime(tag.createdAt)}
      </div>
    </div>
  );
}

/** A one-pick select of the tags a record does not have yet, grouped by category. */
function AddTagSelect({ exclude, onPick, onDone }: { exclude: ReadonlySet<string>; onPick: (tagId: string) => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { selectProps } = useTagOptions(exclude);
  return (
    <Select<string, TagOptionData>
      {...selectProps}
      autoFocus
      defaultOpen
      size="small"
      className="entity-tags-add-select"
      data-testid="entity-tags-select"
      aria-label={t('tags.picker.add')}
      placeholder={t('tags.picker.choose')}
      notFoundContent={t('tags.select.noMatch')}
      onChange={(tagId) => onPick(tagId)}
      onBlur={onDone}
      onOpenChange={(open) => {
        if (!open) onDone();
      }}
    />
  );
}

/**
 * The tags of one company or contact, as coloured tags with their source on hover. When editable
 * (and the user may change tags), each tag can be removed and new ones added from the catalog.
 */
export function EntityTags({ entity, id, editable = false }: { entity: TagEntity; id: string; editable?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  const canEdit = editable && canManageTags(user.role);
  const { data, setData, loading, error, reload } = useApiData((signal) => api.recordTags(entity, id, { signal }), [entity, id]);
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const present = useMemo(() => new Set((data ?? []).map((tag) => tag.tagId)), [data]);

  const add = async (tagId: string) => {
    setAdding(false);
    setBusy(true);
    try {
      setData(await api.addRecordTags(entity, id, [tagId]));
    } catch (reason) {
      void message.error(errorMessage(t, reason));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (tag: RecordTag) => {
    setBusy(true);
    try {
      await api.removeRecordTag(entity, id, tag.tagId);
      setData((current) => (current ?? []).filter((existing) => existing.tagId !== tag.tagId));
    } catch (reason) {
      void message.error(errorMessage(t, reason));
    } finally {
      setBusy(false);
    }
  };

  if (error && !data) {
    return (
      <Typography.Text type="danger" data-testid="entity-tags-error">
        {errorMessage(t, error)}{' '}
        <Button type="link" size="small" onClick={reload}>
          {t('common.retry')}
        </Button>
      </Typography.Text>
    );
  }

  return (
    <Flex wrap gap={4} align="center" className="entity-tags" data-testid="entity-tags" aria-busy={loading || busy}>
      {loading && !data ? <Spin size="small" /> : null}
      {data?.length === 0 && !canEdit ? <Typography.Text type="secondary">{t('tags.picker.none')}</Typography.Text> : null}
      {(data ?? []).map((tag) => (
        <Tooltip key={tag.tagId} title={<SourceText tag={tag} />}>
          <AntTag
            color={tag.color}
            closable={canEdit}
            closeIcon={canEdit ? undefined : false}
            onClose={(event) => {
              event.preventDefault();
              void remove(tag);
            }}
            className="entity-tag"
            data-testid="entity-tag"
            data-source={tag.source}
          >
            {tag.name}
          </AntTag>
        </Tooltip>
      ))}
      {canEdit ? (
        adding ? (
          <AddTagSelect exclude={present} onPick={(tagId) => void add(tagId)} onDone={() => setAdding(false)} />
        ) : (
          <Button size="small" type="dashed" className="entity-tags-add" onClick={() => setAdding(true)} data-testid="entity-tags-add" icon={<PlusOutlined />}>
            {t('tags.picker.add')}
          </Button>
        )
      ) : null}
    </Flex>
  );
}
