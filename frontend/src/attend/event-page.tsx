import { useEffect, useState } from 'react';
import type { PublicEvent, PublicInvitation } from '@fulcrum/shared';
import { AttendRequestError, attendApi } from '@/attend/api';
import { EventDetails, EventHero } from '@/attend/event-summary';
import { invitationState, invitationTokenFrom, withoutInvitation, type InvitationState } from '@/attend/invitation';
import { useLocale } from '@/attend/locale';
import { LoadFailed, Loading, NoticePage } from '@/attend/notice-page';
import { RegistrationPanel } from '@/attend/registration-panel';
import { useDocumentTitle, useLoad } from '@/attend/use-load';

const STORAGE_PREFIX = 'fulcrum.attend.invitation:';

function isNotFound(error: unknown): boolean {
  return error instanceof AttendRequestError && error.status === 404;
}

/**
 * The invitation token of this visit: from `?i=` or, once that is gone from the address, from the tab's
 * session (so a reload keeps the invitation). The address bar loses the token, since the address is what
 * a visitor copies or shares (WeChat's share card takes it as it is), and the token is personal.
 */
function useInvitationToken(slug: string): string | null {
  const [token] = useState(() => {
    const fromLink = invitationTokenFrom(window.location.search);
    if (fromLink) return fromLink;
    try {
      return window.sessionStorage.getItem(STORAGE_PREFIX + slug);
    } catch {
      return null;
    }
  });
  useEffect(() => {
    if (!token) return;
    try {
      window.sessionStorage.setItem(STORAGE_PREFIX + slug, token);
    } catch {
      // Without storage a reload shows the plain page; the invitation email still has the link.
    }
    const { pathname, search, hash } = window.location;
    const rest = withoutInvitation(search);
    if (rest !== search) window.history.replaceState(window.history.state, '', `${pathname}${rest}${hash}`);
  }, [slug, token]);
  return token;
}

/** The public landing page of an event, `/e/:slug`: what, when, where, who, and the registration form. */
export function EventPage({ slug, navigate }: { slug: string; navigate: (path: string) => void }) {
  const { t, adopt } = useLocale();
  const token = useInvitationToken(slug);
  const { loaded, reload } = useLoad(
    async (signal): Promise<{ event: PublicEvent; invited: InvitationState }> => {
      const [event, invitation] = await Promise.all([
        attendApi.event(slug, signal),
        // An unknown token still shows the event, with a word that the personal link is not valid.
        token ? attendApi.invitation(token, signal).catch((error: unknown) => (isNotFound(error) ? null : Promise.reject(error))) : Promise.resolve(null as PublicInvitation | null),
      ]);
      const invited = invitationState(slug, token, invitation);
      // The invitation was written in the invitee's language: the page follows unless the visitor picked one.
      if (invited.kind === 'valid') adopt(invited.invitation.locale);
      return { event, invited };
    },
    [slug, token],
  );
  useDocumentTitle(loaded.state === 'ready' ? loaded.data.event.title : null);

  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') {
    // The event's own 404 (an invitation's is handled above): no such event.
    if (isNotFound(loaded.error)) {
      return <NoticePage testId="event-not-found" title={t('notFound.title')} text={t('notFound.text')} />;
    }
    return <LoadFailed onRetry={reload} />;
  }
  const { event, invited } = loaded.data;
  const showMine = (registrationToken: string) => navigate(`/r/${encodeURIComponent(registrationToken)}`);
  const panel = <RegistrationPanel event={event} invited={invited.kind === 'valid' ? invited : null} showMine={showMine} />;
  return (
    <>
      <EventHero event={event}>
        {event.registrationOpen && invited.kind !== 'valid' && (
          <a className="attend-button attend-hero-cta" href="#register" data-testid="register-cta">
            {t(event.full && event.registrationMode !== 'approval' ? 'register.submitWaitlist' : 'register.cta')}
          </a>
        )}
      </EventHero>
      {invited.kind === 'invalid' && (
        <p className="attend-notice attend-notice--closed" role="status" data-testid="invitation-invalid">
          {t('invite.invalid')}
        </p>
      )}
      {/* An invitee came to register: the greeting and the button come first, the details after. */}
      {invited.kind === 'valid' && panel}
      <EventDetails event={event} />
      {invited.kind !== 'valid' && panel}
    </>
  );
}
