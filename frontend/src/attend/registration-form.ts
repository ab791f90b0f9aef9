import {
  answersSchemaFor,
  normalizeEmail,
  normalizePhone,
  REGISTRATION_LIMITS,
  registerRequestSchema,
  type Locale,
  type RegisterRequest,
  type RegistrationQuestion,
} from '@fulcrum/shared';
import type { MessageKey, MessageParams } from '@/attend/messages';

export type AnswerValue = string | string[] | boolean;

export interface FormValues {
  name: string;
  email: string;
  company: string;
  title: string;
  phone: string;
  answers: Record<string, AnswerValue>;
}

/** A problem shown under a field: one of ours, translated; or the server's own words when we do not know it. */
export type FieldProblem = { key: MessageKey; params?: MessageParams } | { text: string };
/** Keyed by the field's path as the API names it: `email`, `answers.role`. */
export type FieldProblems = Record<string, FieldProblem>;

export const PERSON_FIELDS = ['name', 'email', 'company', 'title', 'phone'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** Where the visitor came from, read from the page's query string. */
export interface Attribution {
  utm: NonNullable<RegisterRequest['utm']>;
  ref?: string;
}

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
const REF_MAX = 64;

/** utm_* and ref from `?utm_source=wechat&ref=…`; overlong values are cut (utm) or dropped (ref) so they never fail the form. */
export function attributionFrom(search: string): Attribution {
  const params = new URLSearchParams(search);
  const utm: Attribution['utm'] = {};
  for (const key of UTM_KEYS) {
    const value = params.get(`utm_${key}`)?.trim();
    if (value) utm[key] = value.slice(0, REGISTRATION_LIMITS.utm);
  }
  const ref = params.get('ref')?.trim();
  return ref && ref.length <= REF_MAX ? { utm, ref } : { utm };
}

export function emptyForm(questions: readonly RegistrationQuestion[]): FormValues {
  const answers: Record<string, AnswerValue> = {};
  for (const question of questions) {
    answers[question.key] = question.type === 'multiselect' ? [] : question.type === 'checkbox' ? false : '';
  }
  return { name: '', email: '', company: '', title: '', phone: '', answers };
}

/** The answers as the API takes them: an optional question left blank is left out. */
export function answersFor(values: FormValues, questions: readonly RegistrationQuestion[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const question of questions) {
    const value = values.answers[question.key];
    switch (question.type) {
      case 'text':
      case 'textarea':
      case 'select': {
        // A required text goes as '' so the schema says "required"; an unchosen select is simply absent.
        const text = typeof value === 'string' ? value.trim() : '';
        if (text || (question.required && question.type !== 'select')) answers[question.key] = text;
        break;
      }
      case 'multiselect': {
        const chosen = Array.isArray(value) ? value : [];
        if (chosen.length || question.required) answers[question.key] = chosen;
        break;
      }
      case 'checkbox':
        if (value === true || question.required) answers[question.key] = value === true;
        break;
    }
  }
  return answers;
}

const KNOWN_MESSAGES: Record<string, MessageKey> = {
  // registerRequestSchema
  'Enter your name': 'problem.nameRequired',
  'Enter your email address': 'problem.emailRequired',
  // the registration service's own checks
  'Enter a valid email address': 'problem.emailInvalid',
  'Enter a valid phone number': 'problem.phoneInvalid',
  // answersSchemaFor
  'This answer is required': 'problem.answerRequired',
  'Choose one of the options': 'problem.chooseOne',
  'Choose among the options': 'problem.chooseOne',
  'Choose at least one option': 'problem.chooseAtLeastOne',
  'Each option once': 'problem.invalid',
  'Please confirm': 'problem.confirm',
};

/** The shared schemas and the server speak English; the page shows the visitor's language where it knows the message. */
export function problemFromMessage(message: string): FieldProblem {
  const key = KNOWN_MESSAGES[message];
  if (key) return { key };
  const max = /^At most (\d+) characters$/.exec(message) ?? /<=\s*(\d+)\s*characters/.exec(message);
  if (max) return { key: 'problem.tooLong', params: { max: Number(max[1]) } };
  return { text: message };
}

/** `answers.role.0` (one option of a multiselect) is the `answers.role` field; `email` is `email`. */
export function fieldPath(path: string): string {
  const parts = path.split('.');
  return parts[0] === 'answers' && parts.length > 1 ? `answers.${parts[1]}` : parts[0];
}

function addProblem(problems: FieldProblems, path: string, problem: FieldProblem) {
  const field = fieldPath(path);
  if (!problems[field]) problems[field] = problem;
}

/**
 * The request the form sends, and what is wrong with it: the same shared schemas the server applies
 * (registerRequestSchema, answersSchemaFor) plus its address and phone checks, so a visitor sees every
 * problem at once instead of one round trip per field.
 */
export function validateRegistration(
  values: FormValues,
  questions: readonly RegistrationQuestion[],
  context: Attribution & { locale: Locale },
): { body: RegisterRequest; problems: FieldProblems } {
  const optional = (value: string) => value.trim() || undefined;
  const body: RegisterRequest = {
    name: values.name,
    email: values.email,
    company: optional(values.company),
    title: optional(values.title),
    phone: optional(values.phone),
    locale: context.locale,
    answers: answersFor(values, questions),
    utm: context.utm,
    ...(context.ref ? { ref: context.ref } : {}),
  };
  const problems: FieldProblems = {};
  const request = registerRequestSchema.safeParse(body);
  if (!request.success) for (const issue of request.error.issues) addProblem(problems, issue.path.join('.'), problemFromMessage(issue.message));
  const answers = answersSchemaFor(questions).safeParse(body.answers);
  if (!answers.success) {
    for (const issue of answers.error.issues) {
      const problem = problemFromMessage(issue.message);
      addProblem(problems, ['answers', ...issue.path].join('.'), 'text' in problem ? { key: 'problem.invalid' } : problem);
    }
  }
  if (!problems.email && !normalizeEmail(values.email).ok) problems.email = { key: 'problem.emailInvalid' };
  if (!problems.phone && body.phone && !normalizePhone(body.phone).ok) problems.phone = { key: 'problem.phoneInvalid' };
  return { body, problems };
}
