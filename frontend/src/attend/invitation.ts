import { normalizeEmail, type Locale, type PublicEvent, type PublicInvitation, type RegistrationQuestion } from '@fulcrum/shared';
import { emptyForm, validateRegistration, type FieldProblem, type FormValues } from '@/attend/registration-form';

/** The query parameter of a personal invitation link: `/e/{slug}?i={token}`. */
export const INVITATION_PARAM = 'i';
const TOKEN_MAX = 128;

/** The invitation token of a page's query string, or null; an overlong value is no token (the API would refuse it). */
export function invitationTokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get(INVITATION_PARAM)?.trim();
  return token && token.length <= TOKEN_MAX ? token : null;
}

/** The query string without the invitation token, so a copied or shared address never carries it. */
export function withoutInvitation(search: string): string {
  const params = new URLSearchParams(search);
  params.delete(INVITATION_PARAM);
  const rest = params.toString();
  return rest ? `?${rest}` : '';
}

/** What the personal link opened: no invitation, one for this event, or a token that names none (or another event). */
export type InvitationState = { kind: 'none' } | { kind: 'valid'; token: string; invitation: PublicInvitation } | { kind: 'invalid' };

export function invitationState(slug: string, token: string | null, invitation: PublicInvitation | null): InvitationState {
  if (token === null) return { kind: 'none' };
  // Another event's invitation registers nobody here (the server treats it as unknown), so it is not valid on this page.
  return invitation && invitation.eventSlug === slug ? { kind: 'valid', token, invitation } : { kind: 'invalid' };
}

/** The registration form as the invitation fills it: who was invited, and every question still unanswered. */
export function prefilledForm(questions: readonly RegistrationQuestion[], invitation: PublicInvitation): FormValues {
  return { ...emptyForm(questions), name: invitation.name, email: invitation.email, company: invitation.company ?? '', title: invitation.title ?? '' };
}

const OPEN_STATUSES: ReadonlySet<PublicEvent['status']> = new Set(['scheduled', 'live']);

/**
 * Whether the page offers the form. `registrationOpen` is false for an invite-only event, which its
 * invitees may still register for as long as the event itself takes registrations.
 */
export function registrationAvailable(event: PublicEvent, invited: boolean, now = Date.now()): boolean {
  if (event.registrationOpen) return true;
  return invited && event.registrationMode === 'invite' && OPEN_STATUSES.has(event.status) && Date.parse(event.endsAt) > now;
}

/**
 * One tap registers when nothing is missing: the invitation gave a name and a valid address, and the
 * event asks no required question (the invitation answers none). Otherwise the filled-in form is shown.
 */
export function canRegisterInOneClick(values: FormValues, questions: readonly RegistrationQuestion[], locale: Locale): boolean {
  return Object.keys(validateRegistration(values, questions, { locale, utm: {} }).problems).length === 0;
}

/**
 * For an invite-only event, only the invited address registers through the link (another one is a
 * forwarded link, which the server refuses there): said on the email field before the round trip.
 */
export function invitedEmailProblem(email: string, event: PublicEvent, invitation: PublicInvitation): FieldProblem | null {
  if (event.registrationMode !== 'invite') return null;
  const typed = normalizeEmail(email);
  if (!typed.ok) return null;
  const invited = normalizeEmail(invitation.email);
  return invited.ok && invited.value !== typed.value ? { key: 'error.invitationEmail', params: { email: invitation.email } } : null;
}
