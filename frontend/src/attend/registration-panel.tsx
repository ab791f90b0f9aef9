import { useEffect, useMemo, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import type { Locale, PublicEvent, PublicInvitation, RegisterResult } from '@fulcrum/shared';
import { AttendRequestError, attendApi } from '@/attend/api';
import { describedBy, Field, fieldId, QuestionField } from '@/attend/form-fields';
import { canRegisterInOneClick, invitedEmailProblem, prefilledForm, registrationAvailable } from '@/attend/invitation';
import { useLocale } from '@/attend/locale';
import type { MessageKey, MessageParams } from '@/attend/messages';
import {
  attributionFrom,
  emptyForm,
  fieldPath,
  PERSON_FIELDS,
  problemFromMessage,
  validateRegistration,
  type AnswerValue,
  type FieldProblem,
  type FieldProblems,
  type FormValues,
  type PersonField,
} from '@/attend/registration-form';

type Banner = { key: MessageKey; params?: MessageParams } | { text: string };

/** A personal invitation link's token and what it says about the invitee. */
export interface Invited {
  token: string;
  invitation: PublicInvitation;
}

/** Why a closed event takes no registrations, in words a visitor can act on. */
function closedReason(event: PublicEvent): MessageKey {
  if (event.status === 'ended' || event.status === 'archived' || Date.parse(event.endsAt) <= Date.now()) return 'register.closed.ended';
  if (event.registrationMode === 'invite') return 'register.closed.invite';
  return 'register.closed.other';
}

/** Errors other than field problems: what happened and what to do, kept above the button. */
function bannerFor(error: unknown, invited: Invited | null): Banner {
  if (!(error instanceof AttendRequestError)) return { key: 'error.server' };
  switch (error.code) {
    case 'network':
      return { key: 'error.network' };
    case 'registrations.closed':
      return { key: 'error.closed' };
    case 'registrations.invite_only':
      // With an invitation in hand, the refusal means another address than the invited one.
      return invited ? { key: 'error.invitationEmail', params: { email: invited.invitation.email } } : { key: 'error.inviteOnly' };
    case 'invitations.not_found':
      return { key: 'error.invitationNotFound' };
    case 'events.not_found':
      return { key: 'error.notFound' };
    case 'auth.throttled':
      return { key: 'error.throttled' };
  }
  if (error.status === 429) return { key: 'error.throttled' };
  return { key: 'error.server' };
}

const PERSON_META: Record<PersonField, { label: MessageKey; type: string; autoComplete: string; inputMode?: 'email' | 'tel'; maxLength: number }> = {
  name: { label: 'field.name', type: 'text', autoComplete: 'name', maxLength: 200 },
  email: { label: 'field.email', type: 'email', autoComplete: 'email', inputMode: 'email', maxLength: 320 },
  company: { label: 'field.company', type: 'text', autoComplete: 'organization', maxLength: 200 },
  title: { label: 'field.title', type: 'text', autoComplete: 'organization-title', maxLength: 200 },
  phone: { label: 'field.phone', type: 'tel', autoComplete: 'tel', inputMode: 'tel', maxLength: 40 },
};
const REQUIRED_PERSON_FIELDS: ReadonlySet<PersonField> = new Set(['name', 'email']);

function greeting(invitation: PublicInvitation, t: (key: MessageKey, params?: MessageParams) => string): string {
  const name = invitation.name.trim();
  return name ? t('invite.greeting', { name }) : t('invite.greetingAnonymous');
}

/**
 * The registration area of the landing page: the form, or why there is none, or "already registered".
 * Opened from a personal invitation, it greets the invitee and has their details filled in.
 */
export function RegistrationPanel({ event, invited, showMine }: { event: PublicEvent; invited: Invited | null; showMine: (token: string) => void }) {
  const { t } = useLocale();
  const [already, setAlready] = useState<RegisterResult | null>(null);
  const heading = invited ? greeting(invited.invitation, t) : t('register.title');
  const mineToken = invited?.invitation.registrationToken;

  if (mineToken) {
    const path = `/r/${encodeURIComponent(mineToken)}`;
    return (
      <section className="attend-card" id="register" data-testid="invitation-registered">
        <h2>{heading}</h2>
        <p className="attend-notice attend-notice--ok">
          <strong>{t('invite.registeredTitle')}</strong>
          <br />
          {t('invite.registeredText')}
        </p>
        <a className="attend-button" href={path} onClick={(e) => (e.preventDefault(), showMine(mineToken))} data-testid="invitation-view-registration">
          {t('invite.registeredView')}
        </a>
      </section>
    );
  }
  if (!registrationAvailable(event, invited !== null)) {
    return (
      <section className="attend-card" id="register" data-testid="registration-closed">
        <h2>{heading}</h2>
        <p className="attend-notice attend-notice--closed">{t(closedReason(event))}</p>
      </section>
    );
  }
  if (already) {
    return (
      <section className="attend-card" id="register" data-testid="registration-already">
        <h2>{t('already.title')}</h2>
        <p className="attend-notice attend-notice--ok">{t('already.text')}</p>
        <button type="button" className="attend-button attend-button--secondary" onClick={() => setAlready(null)}>
          {t('already.back')}
        </button>
      </section>
    );
  }
  return (
    <RegistrationForm
      event={event}
      invited={invited}
      heading={heading}
      onDone={(result) => {
        if (result.created && result.token) showMine(result.token);
        else setAlready(result);
      }}
    />
  );
}

function initialValues(event: PublicEvent, invited: Invited | null): FormValues {
  return invited ? prefilledForm(event.questions, invited.invitation) : emptyForm(event.questions);
}

interface FormProps {
  event: PublicEvent;
  invited: Invited | null;
  heading: string;
  onDone: (result: RegisterResult) => void;
}

function RegistrationForm({ event, invited, heading, onDone }: FormProps) {
  const { t, locale } = useLocale();
  const [values, setValues] = useState<FormValues>(() => initialValues(event, invited));
  // An invitee with nothing left to fill in sees their details and one button; any problem opens the form.
  const [oneClick, setOneClick] = useState(() => invited !== null && canRegisterInOneClick(initialValues(event, invited), event.questions, locale));
  const [problems, setProblems] = useState<FieldProblems>({});
  // After the first attempt, a field is checked again as it changes, so a fixed one clears at once.
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const attribution = useMemo(() => attributionFrom(window.location.search), []);
  const formRef = useRef<HTMLFormElement>(null);

  const fieldOrder = useMemo(() => [...PERSON_FIELDS, ...event.questions.map((q) => `answers.${q.key}`)], [event.questions]);

  // Focus (and scroll to) the first field with a problem after a failed attempt.
  useEffect(() => {
    if (!focusRequest) return;
    const first = fieldOrder.find((path) => problems[path]);
    const target = first ? document.getElementById(fieldId(first)) : formRef.current?.querySelector<HTMLElement>('.attend-banner');
    target?.scrollIntoView({ block: 'center' });
    target?.focus({ preventScroll: true });
    // Only a new attempt moves the focus; typing afterwards must not.
  }, [focusRequest]);

  const check = (next: FormValues, currentLocale: Locale) => {
    const { body, problems: found } = validateRegistration(next, event.questions, { ...attribution, locale: currentLocale });
    const notInvited = invited && !found.email ? invitedEmailProblem(next.email, event, invited.invitation) : null;
    return { body: invited ? { ...body, invitation: invited.token } : body, problems: notInvited ? { ...found, email: notInvited } : found };
  };

  const change = (next: FormValues, path: string) => {
    setValues(next);
    setProblems((current) => {
      const rest = { ...current };
      delete rest[path];
      if (!attempted) return rest;
      const again = check(next, locale).problems[path];
      return again ? { ...rest, [path]: again } : rest;
    });
  };
  const setPerson = (field: PersonField, value: string) => change({ ...values, [field]: value }, field);
  const setAnswer = (key: string, value: AnswerValue) => change({ ...values, answers: { ...values.answers, [key]: value } }, `answers.${key}`);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempted(true);
    const { body, problems: found } = check(values, locale);
    if (Object.keys(found).length) {
      setOneClick(false);
      setProblems(found);
      setBanner({ key: 'register.fixErrors' });
      setFocusRequest((n) => n + 1);
      return;
    }
    setBusy(true);
    setBanner(null);
    try {
      onDone(await attendApi.register(event.slug, body));
    } catch (error) {
      // What the visitor typed stays in the form whatever happened; only the messages change.
      if (error instanceof AttendRequestError && error.code === 'validation.failed' && error.details.length) {
        const onFields: FieldProblems = {};
        const elsewhere: string[] = [];
        for (const detail of error.details) {
          const path = fieldPath(detail.path);
          if (fieldOrder.includes(path)) onFields[path] ??= problemFromMessage(detail.message);
          else elsewhere.push(detail.message);
        }
        setProblems(onFields);
        setBanner(elsewhere.length ? { text: elsewhere.join(' ') } : { key: 'register.fixErrors' });
        if (Object.keys(onFields).length) setOneClick(false);
      } else {
        setBanner(bannerFor(error, invited));
      }
      setFocusRequest((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const submitLabel: MessageKey = busy
    ? 'register.submitting'
    : event.registrationMode === 'approval'
      ? 'register.submitApproval'
      : event.full
        ? 'register.submitWaitlist'
        : 'register.submit';

  return (
    <section className="attend-card" id="register" data-testid="registration" data-invited={invited ? (oneClick ? 'one-click' : 'form') : undefined}>
      <h2 data-testid={invited ? 'invitation-greeting' : undefined}>{heading}</h2>
      {invited && <p className="attend-muted">{t(oneClick ? 'invite.oneClick' : 'invite.form')}</p>}
      {event.full && (
        <p className="attend-notice attend-notice--waitlist" data-testid="registration-full">
          {t('register.full')}
        </p>
      )}
      {event.registrationMode === 'approval' && (
        <p className="attend-notice" data-testid="registration-approval">
          {t('register.approval')}
        </p>
      )}
      <form ref={formRef} noValidate onSubmit={submit} data-testid="registration-form" aria-busy={busy}>
        {oneClick ? (
          <InviteeDetails values={values} />
        ) : (
          <>
            {PERSON_FIELDS.map((field) => {
              const meta = PERSON_META[field];
              const problem: FieldProblem | undefined = problems[field];
              return (
                <Field key={field} path={field} label={t(meta.label)} required={REQUIRED_PERSON_FIELDS.has(field)} problem={problem}>
                  <input
                    id={fieldId(field)}
                    name={field}
                    className="attend-input"
                    type={meta.type}
                    inputMode={meta.inputMode}
                    autoComplete={meta.autoComplete}
                    maxLength={meta.maxLength}
                    value={values[field]}
                    disabled={busy}
                    onChange={(e) => setPerson(field, e.target.value)}
                    {...describedBy(field, problem, REQUIRED_PERSON_FIELDS.has(field))}
                  />
                </Field>
              );
            })}
            {event.questions.map((question) => (
              <QuestionField
                key={question.key}
                question={question}
                value={values.answers[question.key]}
                problem={problems[`answers.${question.key}`]}
                disabled={busy}
                onChange={(value) => setAnswer(question.key, value)}
              />
            ))}
          </>
        )}
        {banner && (
          <p className="attend-banner" role="alert" tabIndex={-1} data-testid="registration-banner">
            {'text' in banner ? banner.text : t(banner.key, banner.params)}
          </p>
        )}
        <button type="submit" className="attend-button" disabled={busy} data-testid="registration-submit">
          {t(submitLabel)}
        </button>
        {oneClick && (
          <button type="button" className="attend-button attend-button--link" disabled={busy} onClick={() => setOneClick(false)} data-testid="invitation-edit">
            {t('invite.edit')}
          </button>
        )}
      </form>
    </section>
  );
}

/** Who one tap registers, as the invitation has it. */
function InviteeDetails({ values }: { values: FormValues }) {
  const { t } = useLocale();
  const rows: Array<[MessageKey, string]> = [
    ['field.name', values.name],
    ['field.email', values.email],
    ['field.company', values.company],
    ['field.title', values.title],
  ];
  return (
    <dl className="attend-invitee" data-testid="invitation-details">
      {rows
        .filter(([, value]) => value.trim())
        .map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
