import { AttendRequestError, attendApi } from '@/attend/api';
import { EventDetails, EventHero } from '@/attend/event-summary';
import { useLocale } from '@/attend/locale';
import { LoadFailed, Loading, NoticePage } from '@/attend/notice-page';
import { RegistrationPanel } from '@/attend/registration-panel';
import { useDocumentTitle, useLoad } from '@/attend/use-load';

/** The public landing page of an event, `/e/:slug`: what, when, where, who, and the registration form. */
export function EventPage({ slug, navigate }: { slug: string; navigate: (path: string) => void }) {
  const { t } = useLocale();
  const { loaded, reload } = useLoad((signal) => attendApi.event(slug, signal), [slug]);
  useDocumentTitle(loaded.state === 'ready' ? loaded.data.title : null);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') {
    if (loaded.error instanceof AttendRequestError && loaded.error.status === 404) {
      return <NoticePage testId="event-not-found" title={t('notFound.title')} text={t('notFound.text')} />;
    }
    return <LoadFailed onRetry={reload} />;
  }
  const event = loaded.data;
  return (
    <>
      <EventHero event={event}>
        {event.registrationOpen && (
          <a className="attend-button attend-hero-cta" href="#register" data-testid="register-cta">
            {t(event.full && event.registrationMode !== 'approval' ? 'register.submitWaitlist' : 'register.cta')}
          </a>
        )}
      </EventHero>
      <EventDetails event={event} />
      <RegistrationPanel event={event} onRegistered={(token) => navigate(`/r/${encodeURIComponent(token)}`)} />
    </>
  );
}
