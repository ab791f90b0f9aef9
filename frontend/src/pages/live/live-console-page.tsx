import { useState } from 'react';
import { Alert, App, Badge, Button, Flex, Tag, Typography } from 'antd';
import type { BadgeProps } from 'antd';
import { ArrowLeftOutlined, DesktopOutlined, PlayCircleOutlined, PoweroffOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { CHECK_IN_EVENT_STATUSES, CHECK_IN_FORMATS, type EventStatus } from '@fulcrum/shared';
import { api } from '@/api/client';
import { ContentSpin } from '@/components/full-page-spin';
import { useFormat } from '@/components/format';
import { PageHeader } from '@/components/page-header';
import { useApiData } from '@/components/use-api-data';
import { errorMessage } from '@/i18n/error-message';
import { STATUS_COLORS } from '@/pages/events/event-labels';
import { CheckInFeed } from '@/pages/live/check-in-feed';
import { useLiveErrorMessage } from '@/pages/live/live-error';
import { liveNumbers } from '@/pages/live/live-numbers';
import { LiveNumbersRow } from '@/pages/live/live-numbers-row';
import { ChatModeration } from '@/pages/live/chat-moderation';
import { PollControl } from '@/pages/live/poll-control';
import { QaModeration } from '@/pages/live/qa-moderation';
import { useLiveRoom } from '@/pages/live/use-live-room';
import type { LiveRoom } from '@/pages/live/use-live-room';
import '@/pages/live/live-console.css';

/** The one move the console offers from each status: start a scheduled event, end a live one. */
const MOVES: Partial<Record<EventStatus, { to: EventStatus; action: 'goLive' | 'end' }>> = {
  scheduled: { to: 'live', action: 'goLive' },
  live: { to: 'ended', action: 'end' },
};

function ConnectionBadge({ room }: { room: LiveRoom }) {
  const { t } = useTranslation();
  const [status, key]: [BadgeProps['status'], 'joined' | 'joining' | 'reconnecting' | 'failed'] =
    room.connection === 'failed' || room.join === 'refused'
      ? ['error', 'failed']
      : room.join === 'joined'
        ? ['success', 'joined']
        : room.connection === 'disconnected'
          ? ['warning', 'reconnecting']
          : ['processing', 'joining'];
  return <Badge status={status} text={t(`liveConsole.connection.${key}`)} data-testid="live-console-connection" data-state={key} />;
}

/** Start (scheduled → live) or end (live → ended) over the REST status change the event editor uses, after a confirmation. */
function StatusButton({ room, eventId }: { room: LiveRoom; eventId: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [moving, setMoving] = useState(false);
  const event = room.room?.event;
  const move = event ? MOVES[event.status] : undefined;
  if (!event || !move || !room.room?.organizer?.canModerate) return null;

  const confirm = () =>
    modal.confirm({
      title: t(`events.confirm.${move.action}.title`, { title: event.title }),
      content: t(`events.confirm.${move.action}.body`),
      okText: t(`liveConsole.status.${move.action}`),
      okButtonProps: { danger: move.action === 'end', 'data-testid': 'live-status-confirm' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setMoving(true);
        try {
          const result = await api.changeEventStatus(eventId, move.to);
          room.statusChanged(result.status);
          void message.success(t(`events.moved.${move.to as 'live' | 'ended'}`, { title: result.title }));
        } catch (error) {
          void message.error(errorMessage(t, error));
        } finally {
          setMoving(false);
        }
      },
    });

  return (
    <Button
      type={move.action === 'goLive' ? 'primary' : 'default'}
      danger={move.action === 'end'}
      icon={move.action === 'goLive' ? <PlayCircleOutlined /> : <PoweroffOutlined />}
      loading={moving}
      onClick={confirm}
      data-testid={move.action === 'goLive' ? 'live-start' : 'live-end'}
    >
      {t(`liveConsole.status.${move.action}`)}
    </Button>
  );
}

/** The console of one event at /live/:id: status with start and end, live numbers, check-ins, Q&A moderation and polls. */
export function LiveConsolePage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const format = useFormat();
  const room = useLiveRoom(id);
  // The room's state carries no time zone: times read in the event's own, as in the events list, once it is known.
  const { data: detail } = useApiData((signal) => api.getEvent(id, { signal }), [id]);
  const liveErrorMessage = useLiveErrorMessage();
  const numbers = liveNumbers(room);
  const event = room.room?.event;
  const when = (iso: string) => (detail ? format.dateTimeIn(iso, detail.timeZone) : format.dateTime(iso));
  const canModerate = room.room?.organizer?.canModerate ?? false;

  const back = (
    <Link to="/live" data-testid="live-console-back">
      <ArrowLeftOutlined /> {t('liveConsole.backToList')}
    </Link>
  );

  if (!event) {
    return (
      <>
        <PageHeader title={t('liveConsole.title')} extra={<ConnectionBadge room={room} />} />
        {room.error ? <Alert type="error" showIcon title={liveErrorMessage(room.error)} className="page-alert" data-testid="live-console-error" /> : <ContentSpin />}
        {back}
      </>
    );
  }

  return (
    <div className="live-console" data-testid="live-console" data-event-status={event.status}>
      {back}
      <PageHeader
        title={event.title}
        subtitle={
          <Flex gap={8} align="center" wrap>
            <Tag color={STATUS_COLORS[event.status]} data-testid="live-console-status" data-status={event.status}>
              {t(`events.statuses.${event.status}`)}
            </Tag>
            <Typography.Text type="secondary" data-testid="live-console-when">
              {t('liveConsole.when', { start: when(event.startsAt), end: when(event.endsAt) })}
              {detail ? ` · ${detail.timeZone}` : null}
            </Typography.Text>
          </Flex>
        }
        extra={
          <>
            <ConnectionBadge room={room} />
            {detail && CHECK_IN_FORMATS.includes(detail.format) && CHECK_IN_EVENT_STATUSES.includes(event.status) ? (
              <Link to={`/events/${event.id}/check-in`} data-testid="live-open-check-in">
                <Button icon={<QrcodeOutlined />}>{t('checkin.title')}</Button>
              </Link>
            ) : null}
            <Button icon={<DesktopOutlined />} href={`/live/${event.id}/wall`} target="_blank" rel="noopener noreferrer" data-testid="live-open-wall">
              {t('liveConsole.openWall')}
            </Button>
            <StatusButton room={room} eventId={event.id} />
          </>
        }
      />
      {room.connection === 'disconnected' ? <Alert type="warning" showIcon title={t('liveConsole.reconnecting')} className="page-alert" data-testid="live-console-reconnecting" /> : null}
      {!canModerate ? <Alert type="info" showIcon title={t('liveConsole.watchOnly')} className="page-alert" /> : null}
      <LiveNumbersRow numbers={numbers} />
      <div className="live-console-grid">
        <QaModeration questions={room.questions} canModerate={canModerate} moderate={room.moderate} />
        <div className="live-console-side">
          <PollControl polls={room.polls} canModerate={canModerate} actions={room} />
          <ChatModeration socket={room.socket} eventId={event.id} canModerate={canModerate} />
          <CheckInFeed checkIns={room.checkIns} />
        </div>
      </div>
    </div>
  );
}
