import { Button, Card, Flex, Tag, Typography } from 'antd';
import { DeleteOutlined, ExportOutlined, QrcodeOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CHECK_IN_EVENT_STATUSES, CHECK_IN_FORMATS, EVENT_TRANSITIONS } from '@fulcrum/shared';
import type { EventDetail, EventStatus } from '@fulcrum/shared';
import { useFormat } from '@/components/format';
import { STATUS_COLORS, statusAction } from '@/pages/events/event-labels';

/**
 * The editor's side panel: where the event stands, the moves EVENT_TRANSITIONS allow from there,
 * saving, and deleting a draft. Read-only users see the status alone.
 */
export function EventStatusPanel({
  saved,
  readOnly,
  dirty,
  saving,
  moving,
  onSave,
  onMove,
  onDelete,
}: {
  saved: EventDetail | null;
  readOnly: boolean;
  dirty: boolean;
  saving: boolean;
  moving: EventStatus | null;
  onSave: () => void;
  onMove: (to: EventStatus) => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = saved?.status ?? null;
  const busy = saving || moving !== null;

  return (
    <Card title={t('events.status.title')} className="event-status-card" data-testid="event-status-panel">
      <Flex vertical gap={12}>
        <div>
          {status ? (
            <Tag color={STATUS_COLORS[status]} className="event-status-tag" data-testid="event-status" data-status={status}>
              {t(`events.statuses.${status}`)}
            </Tag>
          ) : (
            <Tag className="event-status-tag" data-testid="event-status" data-status="new">
              {t('events.status.new')}
            </Tag>
          )}
          <Typography.Paragraph type="secondary" className="event-status-help">
            {t(`events.statusHelp.${status ?? 'new'}`)}
          </Typography.Paragraph>
        </div>

        {readOnly ? null : (
          <>
            <Button type="primary" icon={<SaveOutlined />} block loading={saving} disabled={(saved !== null && !dirty) || moving !== null} onClick={onSave} data-testid="event-save">
              {saved ? t('events.status.save') : t('events.status.create')}
            </Button>
            {saved && dirty ? (
              <Typography.Text type="warning" className="cell-secondary" data-testid="event-unsaved">
                {t('events.status.unsaved')}
              </Typography.Text>
            ) : null}
            {status && EVENT_TRANSITIONS[status].length > 0 ? (
              <Flex vertical gap={8}>
                {EVENT_TRANSITIONS[status].map((to) => {
                  const action = statusAction(status, to);
                  if (!action) return null;
                  const forward = to !== 'draft' && !(status === 'archived' && to === 'ended');
                  return (
                    <Button
                      key={to}
                      block
                      type={forward ? 'default' : 'text'}
                      danger={action === 'end'}
                      loading={moving === to}
                      disabled={busy && moving !== to}
                      onClick={() => onMove(to)}
                      data-testid={`event-move-${to}`}
                    >
                      {dirty ? t(`events.actions.${action}Saving`) : t(`events.actions.${action}`)}
                    </Button>
                  );
                })}
              </Flex>
            ) : null}
            {status === 'draft' ? (
              <Button type="text" danger icon={<DeleteOutlined />} block disabled={busy} onClick={onDelete} data-testid="event-delete">
                {t('events.delete')}
              </Button>
            ) : null}
          </>
        )}

        {saved && status !== 'draft' ? (
          <Typography.Link href={`/e/${saved.slug}`} target="_blank" rel="noopener noreferrer" data-testid="event-public-link">
            <ExportOutlined /> {t('events.status.publicPage')}
          </Typography.Link>
        ) : saved ? (
          <Typography.Text type="secondary" className="cell-secondary">
            {t('events.status.publicPageDraft')}
          </Typography.Text>
        ) : null}

        {saved && !readOnly && CHECK_IN_FORMATS.includes(saved.format) && CHECK_IN_EVENT_STATUSES.includes(saved.status) ? (
          <Link to={`/events/${saved.id}/check-in`} data-testid="event-check-in-link">
            <QrcodeOutlined /> {t('checkin.title')}
          </Link>
        ) : null}

        {saved ? (
          <Typography.Text type="secondary" className="cell-secondary event-status-meta">
            {saved.createdByName
              ? t('events.status.createdBy', { name: saved.createdByName, date: format.dateTime(saved.createdAt) })
              : t('events.status.createdAt', { date: format.dateTime(saved.createdAt) })}
            <br />
            {t('events.status.updatedAt', { date: format.dateTime(saved.updatedAt) })}
          </Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}
