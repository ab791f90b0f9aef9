import { useMemo, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Modal, Tag, Typography } from 'antd';
import { ClockCircleOutlined, DeleteOutlined, SaveOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import type { Campaign } from '@fulcrum/shared';
import { useFormat } from '@/components/format';
import { CAMPAIGN_STATUS_COLORS } from '@/pages/campaigns/campaign-labels';
import { browserTimeZone, zoneOffsetLabel } from '@/pages/events/event-time';

const PICKER_FORMAT = 'YYYY-MM-DD HH:mm';

/** Picks when a campaign starts, on the browser's clock (the organizer's own time zone). */
function ScheduleModal({ initial, onClose, onSchedule }: { initial: string | null; onClose: () => void; onSchedule: (at: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const zone = useMemo(() => browserTimeZone(), []);
  // Tomorrow at 10:00 is when most invitations go out; a saved time is kept.
  const [at, setAt] = useState<Dayjs | null>(() => (initial ? dayjs(initial) : dayjs().add(1, 'day').hour(10).minute(0).second(0).millisecond(0)));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!at) {
      setProblem(t('campaigns.schedule.pick'));
      return;
    }
    if (!at.isAfter(dayjs().add(1, 'minute'))) {
      setProblem(t('campaigns.schedule.past'));
      return;
    }
    setBusy(true);
    try {
      if (await onSchedule(at.toISOString())) onClose();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('campaigns.schedule.title')}
      okText={t('campaigns.schedule.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'campaign-schedule-ok' }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Flex vertical gap={8}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format={PICKER_FORMAT}
          value={at}
          onChange={(value) => {
            setAt(value);
            setProblem(null);
          }}
          disabledDate={(day) => day.isBefore(dayjs().startOf('day'))}
          status={problem ? 'error' : undefined}
          className="campaign-date"
          data-testid="campaign-schedule-at"
        />
        {problem ? <Typography.Text type="danger">{problem}</Typography.Text> : null}
        <Typography.Text type="secondary">{t('campaigns.schedule.zone', { zone, offset: zoneOffsetLabel(zone, Date.now()) })}</Typography.Text>
      </Flex>
    </Modal>
  );
}

/**
 * The editor's side panel: where the campaign stands, saving, scheduling and sending now (which asks
 * first, with the number of people), deleting a draft and cancelling a scheduled campaign.
 */
export function CampaignActionsCard({
  saved,
  dirty,
  saving,
  audienceSize,
  onSave,
  onSchedule,
  countAudience,
  onDelete,
  onCancel,
}: {
  saved: Campaign | null;
  dirty: boolean;
  saving: boolean;
  /** The audience the current preview counted, when it is up to date. */
  audienceSize: number | null;
  onSave: () => void;
  onSchedule: (at: string | null) => Promise<boolean>;
  countAudience: () => Promise<number | null>;
  onDelete: () => Promise<void>;
  onCancel: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const format = useFormat();
  const [scheduling, setScheduling] = useState(false);
  const [counting, setCounting] = useState(false);
  const status = saved?.status ?? null;
  const name = saved?.name ?? t('campaigns.editor.thisCampaign');

  const sendNow = async () => {
    setCounting(true);
    const count = await countAudience().finally(() => setCounting(false));
    if (count === null) return;
    modal.confirm({
      title: t('campaigns.confirmSend.title', { count, formatted: format.integer(count) }),
      content: dirty || !saved ? t('campaigns.confirmSend.bodySaving') : t('campaigns.confirmSend.body'),
      okText: t('campaigns.confirmSend.ok'),
      okButtonProps: { 'data-testid': 'campaign-send-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => onSchedule(null),
    });
  };

  const confirmDelete = () =>
    modal.confirm({
      title: t('campaigns.confirmDelete.title', { name }),
      content: t('campaigns.confirmDelete.body'),
      okText: t('campaigns.delete'),
      okButtonProps: { danger: true, 'data-testid': 'campaign-delete-confirm' },
      cancelText: t('common.cancel'),
      onOk: onDelete,
    });

  const confirmCancel = () =>
    modal.confirm({
      title: t('campaigns.confirmCancel.title', { name }),
      content: t('campaigns.confirmCancel.bodyScheduled'),
      okText: t('campaigns.actions.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'campaign-cancel-confirm' },
      cancelText: t('campaigns.confirmCancel.keep'),
      onOk: onCancel,
    });

  return (
    <Card title={t('campaigns.status.title')} className="campaign-status-card" data-testid="campaign-status-panel">
      <Flex vertical gap={12}>
        <div>
          <Tag color={status ? CAMPAIGN_STATUS_COLORS[status] : undefined} className="campaign-status-tag" data-testid="campaign-status" data-status={status ?? 'new'}>
            {status ? t(`campaigns.statuses.${status}`) : t('campaigns.status.new')}
          </Tag>
          <Typography.Paragraph type="secondary" className="campaign-status-help">
            {status === 'scheduled' && saved?.scheduledAt
              ? t('campaigns.statusHelp.scheduledAt', { time: format.dateTime(saved.scheduledAt) })
              : t(`campaigns.statusHelp.${status === 'scheduled' ? 'scheduled' : status === 'draft' ? 'draft' : 'new'}`)}
          </Typography.Paragraph>
          {audienceSize !== null ? (
            <Typography.Text className="cell-secondary" data-testid="campaign-audience-size">
              {t('campaigns.status.audience', { count: audienceSize, formatted: format.integer(audienceSize) })}
            </Typography.Text>
          ) : null}
        </div>

        <Button type={dirty || !saved ? 'primary' : 'default'} icon={<SaveOutlined />} block loading={saving} disabled={saved !== null && !dirty} onClick={onSave} data-testid="campaign-save">
          {saved ? t('campaigns.status.save') : t('campaigns.status.create')}
        </Button>
        {saved && dirty ? (
          <Typography.Text type="warning" className="cell-secondary" data-testid="campaign-unsaved">
            {t('campaigns.status.unsaved')}
          </Typography.Text>
        ) : null}
        <Button icon={<ClockCircleOutlined />} block disabled={saving} onClick={() => setScheduling(true)} data-testid="campaign-schedule">
          {status === 'scheduled' ? t('campaigns.actions.reschedule') : t('campaigns.actions.schedule')}
        </Button>
        <Button type="primary" ghost icon={<SendOutlined />} block loading={counting} disabled={saving} onClick={() => void sendNow()} data-testid="campaign-send-now">
          {t('campaigns.actions.sendNow')}
        </Button>
        {status === 'draft' ? (
          <Button type="text" danger icon={<DeleteOutlined />} block disabled={saving} onClick={confirmDelete} data-testid="campaign-delete">
            {t('campaigns.delete')}
          </Button>
        ) : null}
        {status === 'scheduled' ? (
          <Button type="text" danger icon={<StopOutlined />} block disabled={saving} onClick={confirmCancel} data-testid="campaign-cancel">
            {t('campaigns.actions.cancel')}
          </Button>
        ) : null}
      </Flex>
      {scheduling ? <ScheduleModal initial={saved?.scheduledAt ?? null} onClose={() => setScheduling(false)} onSchedule={(at) => onSchedule(at)} /> : null}
    </Card>
  );
}
