import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/components/page-header';
import { useLiveRoom } from '@/pages/live/use-live-room';
import { WallChat } from '@/pages/live/wall-chat';
import { WallQuestions } from '@/pages/live/wall-questions';
import '@/pages/live/live-wall.css';

/**
 * The live wall at /live/:id/wall, for the venue's screen: no console around it, big type on a dark
 * background, the approved questions and chat messages as they come, side by side.
 */
export function LiveWallPage() {
  const { id = '' } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const room = useLiveRoom(id);
  const event = room.room?.event;
  useDocumentTitle(event ? t('liveConsole.wall.documentTitle', { title: event.title }) : t('liveConsole.wall.title'));
  const connected = room.join === 'joined';

  return (
    <main className="live-wall" data-testid="live-wall" data-state={room.join}>
      <header className="live-wall-head">
        <h1 className="live-wall-title" data-testid="wall-title">
          {event?.title ?? t('liveConsole.wall.title')}
        </h1>
        {event?.status === 'live' ? <span className="live-wall-badge">{t('liveConsole.wall.live')}</span> : null}
        {/* The operator needs to know when the screen is stale; the room does not need the details. */}
        <span className={`live-wall-dot${connected ? ' live-wall-dot--on' : ''}`} title={t(connected ? 'liveConsole.connection.joined' : 'liveConsole.connection.reconnecting')} />
      </header>
      {room.error ? (
        <p className="live-wall-empty" data-testid="wall-error">
          {t('liveConsole.wall.unavailable')}
        </p>
      ) : (
        <div className="live-wall-columns">
          <WallQuestions questions={room.questions} />
          <WallChat socket={room.socket} eventId={id} />
        </div>
      )}
    </main>
  );
}
