import { surveyWindow, type MyRegistration } from '@fulcrum/shared';
import { AttendRequestError, attendApi } from '@/attend/api';
import { formatInstant, formatTimeRange } from '@/attend/event-time';
import { refusalOf, streamOf } from '@/attend/live-room';
import { useLocale } from '@/attend/locale';
import { LoadFailed, Loading } from '@/attend/notice-page';
import { StreamPlayer } from '@/attend/stream-player';
import { QaPanel } from '@/attend/qa-panel';
import { ChatPanel } from '@/attend/chat-panel';
import { CtaPanel } from '@/attend/cta-panel';
import { MaterialsPanel } from '@/attend/materials-panel';
import { SurveyPanel } from '@/attend/survey-panel';
import { PollPanel } from '@/attend/poll-panel';
import { useAttendeeLive, type AttendeeLiveRoom } from '@/attend/use-attendee-live';
import { useDocumentTitle, useLoad } from '@/attend/use-load';

/**
 * The live room's join page `/j/{token}`, opened from the registrant's page: the stream (or the replay
 * after the event), and the connection that checks the person in and counts their presence.
 */
export function LivePage({ token, navigate }: { token: string; navigate: (path: string) => void }) {
  const { loaded, reload } = useLoad((signal) => attendApi.mine(token, signal), [token]);
  useDocumentTitle(loaded.state === 'ready' ? loaded.data.event.title : null);
  const live = useAttendeeLive(token, loaded.state === 'ready' ? loaded.data.event.slug : null);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') {
    // The personal link is unknown: the same refusal the room would give.
    if (loaded.error instanceof AttendRequestError && loaded.error.status === 404) return <Refused code="live.token_invalid" />;
    return <LoadFailed onRetry={reload} />;
  }
  return <Room mine={loaded.data} live={live} token={token} navigate={navigate} />;
}

function Room({ mine, live, token, navigate }: { mine: MyRegistration; live: AttendeeLiveRoom; token: string; navigate: (path: string) => void }) {
  const { t, locale } = useLocale();
  // The room's state is fresher than the page's load (the organizer may have gone live since).
  const event = live.room ? { ...mine.event, status: live.room.event.status, startsAt: live.room.event.startsAt, endsAt: live.room.event.endsAt } : mine.event;
  const stream = streamOf(event.status, mine);
  const minePath = `/r/${encodeURIComponent(token)}`;
  const checkedInAt = live.room?.attendee?.checkedInAt ?? mine.checkedInAt;

  if (live.state === 'refused') {
    return (
      <>
        <Refused code={live.error?.code} />
        <BackLink path={minePath} navigate={navigate} />
      </>
    );
  }

  return (
    <>
      <header className="attend-live-head">
        <span className={`attend-live-badge attend-live-badge--${event.status}`} data-testid="live-event-status">
          {t(event.status === 'live' ? 'live.badge.live' : event.status === 'ended' ? 'live.badge.replay' : 'live.badge.soon')}
        </span>
        <h1 className="attend-live-title" data-testid="event-title">
          {event.title}
        </h1>
        <p className="attend-muted">{formatTimeRange(event.startsAt, event.endsAt, event.timeZone, locale)}</p>
      </header>

      {stream.url && stream.kind ? (
        <StreamPlayer url={stream.url} kind={stream.kind} title={event.title} />
      ) : (
        <div className="attend-player attend-player--empty" data-testid="player-placeholder">
          <p>
            {stream.replay
              ? t('live.player.noReplay')
              : event.status === 'scheduled' && Date.parse(event.startsAt) > Date.now()
                ? t('live.player.startsAt', { time: formatInstant(event.startsAt, event.timeZone, locale) })
                : t('live.player.waiting')}
          </p>
        </div>
      )}

      <section className="attend-card" data-testid="live-connection" data-state={live.state}>
        <p className={`attend-live-state attend-live-state--${live.state}`} role="status">
          <span className="attend-live-dot" aria-hidden="true" />
          {live.state === 'in-room'
            ? t(live.room?.attendee?.mode === 'replay' ? 'live.state.replay' : 'live.state.inRoom', { name: live.room?.attendee?.name ?? mine.name })
            : t(live.state === 'reconnecting' ? 'live.state.reconnecting' : 'live.state.connecting')}
        </p>
        {checkedInAt && (
          <p className="attend-muted" data-testid="live-checked-in">
            {t('mine.checkedIn', { time: formatInstant(checkedInAt, event.timeZone, locale) })}
          </p>
        )}
      </section>
      <PollPanel polls={live.polls} connected={live.state === 'in-room'} replay={event.status === 'ended'} vote={live.vote} />
      {/* Q&A takes questions and votes before and during the event, not in the replay. */}
      {event.status !== 'ended' && <QaPanel qa={live.qa} connected={live.state === 'in-room'} ask={live.ask} upvote={live.upvote} />}
      {/* Chat: open before and during the event; in the replay the conversation stays, read-only. */}
      <ChatPanel socket={live.socket} connected={live.state === 'in-room'} ended={event.status === 'ended'} />
      {/* The survey opens when the event ends; buttons and materials are offered live and in the replay. */}
      {mine.hasSurvey && surveyWindow(event) !== 'not_open' && <SurveyPanel token={token} timeZone={event.timeZone} refreshKey={event.status} />}
      {(event.status === 'live' || event.status === 'ended') && <CtaPanel ctas={mine.ctas} token={token} />}
      {(event.status === 'live' || event.status === 'ended') && <MaterialsPanel materials={mine.materials} />}
      <BackLink path={minePath} navigate={navigate} />
    </>
  );
}

function Refused({ code }: { code: string | null | undefined }) {
  const { t } = useLocale();
  const refusal = refusalOf(code);
  return (
    <section className="attend-card attend-notice-page" data-testid="live-refused" data-code={refusal}>
      <h1 className="attend-title">{t('live.refused.title')}</h1>
      <p>{t(`live.refused.${refusal}`)}</p>
    </section>
  );
}

function BackLink({ path, navigate }: { path: string; navigate: (path: string) => void }) {
  const { t } = useLocale();
  return (
    <a className="attend-link attend-live-back" href={path} onClick={(e) => (e.preventDefault(), navigate(path))} data-testid="live-my-registration">
      ← {t('live.myRegistration')}
    </a>
  );
}
