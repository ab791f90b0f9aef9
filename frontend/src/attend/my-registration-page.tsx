import { useRef, useState } from 'react';
import { addToCalendarLinks, eventLocation, surveyWindow } from '@fulcrum/shared';
import type { MyRegistration, RegistrationStatus } from '@fulcrum/shared';
import { AttendRequestError, attendApi } from '@/attend/api';
import { EventHero } from '@/attend/event-summary';
import { formatInstant } from '@/attend/event-time';
import { joinOffer, joinPath } from '@/attend/live-room';
import { useLocale } from '@/attend/locale';
import type { MessageKey } from '@/attend/messages';
import { LoadFailed, Loading, NoticePage } from '@/attend/notice-page';
import { SurveyPanel } from '@/attend/survey-panel';
import { useDocumentTitle, useLoad } from '@/attend/use-load';

/** Statuses a registrant may still cancel. */
const CANCELLABLE: ReadonlySet<RegistrationStatus> = new Set(['registered', 'waitlisted', 'pending']);

/** The registrant's own page, opened with the personal link from the confirmation (and right after registering). */
export function MyRegistrationPage({ token, navigate }: { token: string; navigate: (path: string) => void }) {
  const { t } = useLocale();
  const { loaded, reload, replace } = useLoad((signal) => attendApi.mine(token, signal), [token]);
  useDocumentTitle(loaded.state === 'ready' ? loaded.data.event.title : null);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') {
    if (loaded.error instanceof AttendRequestError && loaded.error.status === 404) {
      return <NoticePage testId="token-invalid" title={t('badToken.title')} text={t('badToken.text')} />;
    }
    return <LoadFailed onRetry={reload} />;
  }
  const mine = loaded.data;
  return (
    <>
      <EventHero event={mine.event}>
        <JoinRoom mine={mine} token={token} navigate={navigate} />
      </EventHero>
      <StatusCard mine={mine} navigate={navigate} />
      {mine.status === 'registered' && mine.hasSurvey && surveyWindow(mine.event) !== 'not_open' && <SurveyPanel token={token} timeZone={mine.event.timeZone} />}
      {mine.status === 'registered' && <CalendarCard mine={mine} />}
      {mine.status !== 'cancelled' && mine.status !== 'rejected' && <ShareCard mine={mine} />}
      {CANCELLABLE.has(mine.status) && mine.event.status !== 'ended' && mine.event.status !== 'archived' && <CancelCard mine={mine} token={token} onCancelled={replace} />}
    </>
  );
}

/** The way into the live room: from 30 minutes before the start, while live, and for the replay. */
function JoinRoom({ mine, token, navigate }: { mine: MyRegistration; token: string; navigate: (path: string) => void }) {
  const { t, locale } = useLocale();
  const offer = joinOffer(mine, new Date());
  if (offer.kind === 'none') return null;
  if (offer.kind === 'opensAt') {
    return (
      <p className="attend-muted" data-testid="join-opens">
        {t('mine.joinOpens', { time: formatInstant(offer.at, mine.event.timeZone, locale) })}
      </p>
    );
  }
  const path = joinPath(token);
  return (
    <a className="attend-button attend-hero-cta" href={path} onClick={(e) => (e.preventDefault(), navigate(path))} data-testid="join-room">
      {t(offer.kind === 'replay' ? 'mine.replay' : 'mine.join')}
    </a>
  );
}

function StatusCard({ mine, navigate }: { mine: MyRegistration; navigate: (path: string) => void }) {
  const { t, locale } = useLocale();
  const eventPath = `/e/${encodeURIComponent(mine.event.slug)}`;
  return (
    <section className="attend-card" data-testid="registration-status" data-status={mine.status}>
      <h2>{t('mine.status')}</h2>
      <p className="attend-hello">{t('mine.hello', { name: mine.name })}</p>
      <p>
        <span className={`attend-status attend-status--${mine.status}`}>{t(`mine.status.${mine.status}`)}</span>
      </p>
      <p data-testid="registration-explain">{t(`mine.explain.${mine.status}`, { email: mine.email, position: mine.waitlistPosition ?? '' })}</p>
      {mine.checkedInAt && <p className="attend-muted">{t('mine.checkedIn', { time: formatInstant(mine.checkedInAt, mine.event.timeZone, locale) })}</p>}
      {(mine.status === 'cancelled' || mine.status === 'rejected') && mine.event.registrationOpen ? (
        <a className="attend-button" href={eventPath} onClick={(e) => (e.preventDefault(), navigate(eventPath))} data-testid="register-again">
          {t('mine.registerAgain')}
        </a>
      ) : (
        <a className="attend-link" href={eventPath} onClick={(e) => (e.preventDefault(), navigate(eventPath))}>
          {t('mine.viewEvent')} →
        </a>
      )}
    </section>
  );
}

function CalendarCard({ mine }: { mine: MyRegistration }) {
  const { t } = useLocale();
  const { event } = mine;
  // The details carry the registrant's own page, as the confirmation's calendar entry does.
  const links = addToCalendarLinks({
    title: event.title,
    description: window.location.href.split('?')[0],
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    location: eventLocation(event.venue),
  });
  return (
    <section className="attend-card" data-testid="calendar">
      <h2>{t('mine.calendar')}</h2>
      <div className="attend-actions">
        <a className="attend-button attend-button--secondary" href={links.outlook} target="_blank" rel="noopener noreferrer" data-testid="calendar-outlook">
          {t('mine.calendarOutlook')}
        </a>
        <a className="attend-button attend-button--secondary" href={links.google} target="_blank" rel="noopener noreferrer" data-testid="calendar-google">
          {t('mine.calendarGoogle')}
        </a>
      </div>
    </section>
  );
}

/** The clipboard API needs a secure context and permission; some in-app browsers have neither, hence the fallbacks. */
async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input?.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

function ShareCard({ mine }: { mine: MyRegistration }) {
  const { t } = useLocale();
  const [copied, setCopied] = useState<'yes' | 'manual' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const link = `${window.location.origin}/e/${encodeURIComponent(mine.event.slug)}?ref=${encodeURIComponent(mine.shareCode)}`;
  return (
    <section className="attend-card" data-testid="share">
      <h2>{t('mine.share')}</h2>
      <p className="attend-muted">{t('mine.shareText')}</p>
      <div className="attend-share">
        <input ref={input} className="attend-input" readOnly value={link} aria-label={t('mine.share')} onFocus={(e) => e.target.select()} data-testid="share-link" />
        <button
          type="button"
          className="attend-button attend-button--secondary"
          onClick={async () => setCopied((await copyText(link, input.current)) ? 'yes' : 'manual')}
          data-testid="share-copy"
        >
          {copied === 'yes' ? t('mine.copied') : t('mine.copy')}
        </button>
      </div>
      {copied === 'manual' && <p className="attend-hint">{t('mine.copyManual')}</p>}
    </section>
  );
}

function CancelCard({ mine, token, onCancelled }: { mine: MyRegistration; token: string; onCancelled: (mine: MyRegistration) => void }) {
  const { t } = useLocale();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);

  const cancel = async () => {
    setBusy(true);
    setProblem(null);
    try {
      onCancelled(await attendApi.cancel(token));
    } catch (error) {
      setProblem(error instanceof AttendRequestError && error.code === 'registrations.bad_state' ? 'error.cancelOver' : error instanceof AttendRequestError && error.code === 'network' ? 'error.network' : 'error.cancelFailed');
      setBusy(false);
    }
  };

  return (
    <section className="attend-card attend-card--quiet" data-testid="cancel">
      {!confirming ? (
        <button type="button" className="attend-button attend-button--danger-link" onClick={() => setConfirming(true)} data-testid="cancel-start">
          {t('mine.cancel')}
        </button>
      ) : (
        <div role="group" aria-label={t('mine.cancel')}>
          <p>{t('mine.cancelConfirm', { title: mine.event.title })}</p>
          <div className="attend-actions">
            <button type="button" className="attend-button attend-button--danger" disabled={busy} onClick={cancel} data-testid="cancel-confirm">
              {busy ? t('mine.cancelling') : t('mine.cancelYes')}
            </button>
            <button type="button" className="attend-button attend-button--secondary" disabled={busy} onClick={() => setConfirming(false)} data-testid="cancel-keep">
              {t('mine.cancelNo')}
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p className="attend-banner" role="alert">
          {t(problem)}
        </p>
      )}
    </section>
  );
}
