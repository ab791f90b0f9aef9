import { useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Card, Col, Empty, Flex, Row } from 'antd';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CompanyDetail, ContactDetail, HistoryEntry, MergeResult } from '@fulcrum/shared';
import { ContentSpin } from '@/components/full-page-spin';
import { LoadErrorAlert } from '@/components/load-error-alert';
import { PageHeader } from '@/components/page-header';
import { DuplicatesCard } from '@/pages/accounts/duplicates-card';
import type { DuplicateItem } from '@/pages/accounts/duplicates-card';
import { HistoryCard } from '@/pages/accounts/history-card';
import { MergeModal } from '@/pages/accounts/merge-modal';
import { EntityTags } from '@/pages/tags/tag-picker';
import { canEditAccounts } from '@/session/access';
import { useUser } from '@/session/session-context';
import '@/pages/accounts/accounts.css';

type Entity = 'company' | 'contact';

/** Where each kind of record is listed, and where one is shown. */
const PATHS: Record<Entity, { list: string; record: (id: string) => string }> = {
  company: { list: '/accounts', record: (id) => `/accounts/companies/${id}` },
  contact: { list: '/accounts/contacts', record: (id) => `/accounts/contacts/${id}` },
};

/** A likely duplicate of the page's record: the other record, a line about it, and why it looks the same. */
export interface DuplicateOf<R> {
  record: R;
  description: ReactNode;
  reasons: DuplicateItem['reasons'];
}

export interface EditModalProps {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}

function BackLink({ entity }: { entity: Entity }) {
  const { t } = useTranslation();
  return (
    <Link to={PATHS[entity].list}>
      <Button icon={<ArrowLeftOutlined />}>{t(`accountsBrowse.${entity}.back`)}</Button>
    </Link>
  );
}

/** A company's or contact's page while its record loads, or why it did not. */
export function AccountDetailLoading({ entity, error, onRetry }: { entity: Entity; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`accountsBrowse.${entity}.title`)} extra={<BackLink entity={entity} />} />
      {error ? <LoadErrorAlert error={error} onRetry={onRetry} /> : <ContentSpin />}
    </>
  );
}

/** The engagement timeline's place: filled in when events, registrations and activities exist. */
export function EngagementCard({ entity, className }: { entity: Entity; className?: string }) {
  const { t } = useTranslation();
  return (
    <Card title={t('accountsBrowse.engagement.title')} data-testid={`${entity}-engagement-slot`} className={className}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('accountsBrowse.engagement.soon')} />
    </Card>
  );
}

/**
 * A company's or contact's page around what is its own: the header with back and edit, its tags,
 * likely duplicates (to merge) and history (to undo), and the edit and merge dialogs. `main` fills the
 * wide column, `side` goes under the tags, `children` are rows between those and the duplicates.
 * After an edit, a merge or an undo it reloads the record and its duplicates, and calls `onChanged`
 * for anything else the page shows.
 */
export function AccountDetailLayout<R extends CompanyDetail | ContactDetail>({
  entity,
  record,
  subtitle,
  detail,
  duplicates,
  duplicateItems,
  onChanged,
  editModal,
  main,
  side,
  children,
}: {
  entity: Entity;
  record: R;
  subtitle: ReactNode;
  /** The record's load, with its history; a failed reload shows above the page. */
  detail: { data: { history: HistoryEntry[] } | null; error: unknown; reload: () => void };
  duplicates: { loading: boolean; error: unknown; reload: () => void };
  duplicateItems: Array<DuplicateOf<R>> | null;
  onChanged?: () => void;
  editModal: (props: EditModalProps) => ReactNode;
  main: ReactNode;
  side: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const canEdit = canEditAccounts(user.role);
  const [editing, setEditing] = useState(false);
  const [mergingId, setMergingId] = useState<string | null>(null);
  const candidate = useMemo(() => duplicateItems?.find((item) => item.record.id === mergingId)?.record ?? null, [duplicateItems, mergingId]);

  const reloadAll = () => {
    detail.reload();
    duplicates.reload();
    onChanged?.();
  };

  const onMerged = (result: MergeResult) => {
    setMergingId(null);
    void message.success(t('accountsBrowse.merge.done'));
    if (result.survivorId !== record.id) navigate(PATHS[entity].record(result.survivorId));
    else reloadAll();
  };

  const onSaved = () => {
    setEditing(false);
    void message.success(t('accountsBrowse.edit.saved'));
    reloadAll();
  };

  return (
    <>
      <PageHeader
        title={record.name}
        subtitle={subtitle}
        extra={
          <>
            <BackLink entity={entity} />
            {canEdit ? (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid={`${entity}-edit`}>
                {t('common.edit')}
              </Button>
            ) : null}
          </>
        }
      />
      {detail.error ? <LoadErrorAlert error={detail.error} onRetry={detail.reload} /> : null}
      <Row gutter={[16, 16]} className="detail-grid">
        <Col xs={24} xl={16}>
          {main}
        </Col>
        <Col xs={24} xl={8}>
          <Flex vertical gap={16}>
            <Card title={t('accountsBrowse.tags')} data-testid={`${entity}-tags-slot`}>
              <div className="tags-slot">
                <EntityTags entity={entity} id={record.id} editable={canEdit} />
              </div>
            </Card>
            {side}
          </Flex>
        </Col>
        {children}
        <Col xs={24} xl={12}>
          <DuplicatesCard
            items={
              duplicateItems?.map(({ record: other, description, reasons }) => ({
                id: other.id,
                name: other.name,
                link: <Link to={PATHS[entity].record(other.id)}>{other.name}</Link>,
                description,
                reasons,
              })) ?? null
            }
            loading={duplicates.loading}
            error={duplicates.error}
            onRetry={duplicates.reload}
            canMerge={canEdit}
            onMerge={setMergingId}
          />
        </Col>
        <Col xs={24} xl={12}>
          <HistoryCard entries={detail.data?.history ?? []} canUndo={canEdit} onUndone={reloadAll} />
        </Col>
      </Row>
      {editModal({ open: editing, onClose: () => setEditing(false), onSaved })}
      <MergeModal entity={entity} current={record} candidate={candidate} onClose={() => setMergingId(null)} onMerged={onMerged} />
    </>
  );
}
