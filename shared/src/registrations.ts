import { z } from 'zod';
import { registrantCtaSchema, registrantMaterialSchema } from './engagement';
import { LOCALES } from './enums';
import {
  agendaItemSchema,
  EVENT_FORMATS,
  EVENT_STATUSES,
  REGISTRATION_MODES,
  registrationQuestionSchema,
  speakerSchema,
  venueSchema,
  type RegistrationQuestion,
} from './events';
import { pageQuerySchema } from './pagination';

/**
 * A registration: one person for one event. `registered` holds a seat; `waitlisted` waits for one (promoted
 * in order when a seat frees up); `pending` waits for an organizer's approval; `rejected` and `cancelled` end it.
 */
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'pending', 'rejected', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_SOURCES = ['invitation', 'open', 'referral', 'manual'] as const;
export type RegistrationSource = (typeof REGISTRATION_SOURCES)[number];

export const REGISTRATION_LIMITS = { text: 200, textarea: 5_000, utm: 200 } as const;

/** The answers a registration form must carry for `questions`: required ones present, choices among the options. */
export function answersSchemaFor(questions: readonly RegistrationQuestion[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const question of questions) {
    let answer: z.ZodType;
    switch (question.type) {
      case 'text':
      case 'textarea': {
        const max = question.type === 'text' ? REGISTRATION_LIMITS.text : REGISTRATION_LIMITS.textarea;
        const text = z.string().trim().max(max, { message: `At most ${max} characters` });
        answer = question.required ? text.min(1, { message: 'This answer is required' }) : text.optional();
        break;
      }
      case 'select': {
        const one = z.enum(question.options as [string, ...string[]], { message: 'Choose one of the options' });
        answer = question.required ? one : one.optional();
        break;
      }
      case 'multiselect': {
        const many = z.array(z.enum(question.options as [string, ...string[]], { message: 'Choose among the options' })).refine((v) => new Set(v).size === v.length, {
          message: 'Each option once',
        });
        answer = question.required ? many.min(1, { message: 'Choose at least one option' }) : many.optional();
        break;
      }
      case 'checkbox':
        answer = question.required ? z.literal(true, { message: 'Please confirm' }) : z.boolean().optional();
        break;
    }
    shape[question.key] = answer;
  }
  return z.object(shape).strict();
}

const utmValue = z.string().trim().max(REGISTRATION_LIMITS.utm).optional();

export const registerRequestSchema = z.object({
  email: z.string().trim().min(1, { message: 'Enter your email address' }).max(320),
  name: z.string().trim().min(1, { message: 'Enter your name' }).max(REGISTRATION_LIMITS.text),
  company: z.string().trim().max(REGISTRATION_LIMITS.text).optional(),
  title: z.string().trim().max(REGISTRATION_LIMITS.text).optional(),
  phone: z.string().trim().max(40).optional(),
  locale: z.enum(LOCALES).optional(),
  /** Checked against the event's questions by the server (answersSchemaFor). */
  answers: z.record(z.string(), z.unknown()).default({}),
  utm: z.object({ source: utmValue, medium: utmValue, campaign: utmValue, term: utmValue, content: utmValue }).strict().default({}),
  /** The share code of the registration whose link brought this person (a forwarded link). */
  ref: z.string().trim().max(64).optional(),
  /** The token of a personal invitation link: registers that invitee (source `invitation`), even for an invite-only event. */
  invitation: z.string().trim().max(128).optional(),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

/** What the public event page shows: no internal fields, and seats only as "full or not". */
export const publicEventSchema = z.object({
  slug: z.string(),
  title: z.string(),
  description: z.string(),
  format: z.enum(EVENT_FORMATS),
  status: z.enum(EVENT_STATUSES),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  venue: venueSchema.nullable(),
  agenda: z.array(agendaItemSchema),
  speakers: z.array(speakerSchema),
  questions: z.array(registrationQuestionSchema),
  registrationMode: z.enum(REGISTRATION_MODES),
  /** Registration is possible now (scheduled or live, not invite-only). */
  registrationOpen: z.boolean(),
  /** Every seat is taken: new registrations join the waitlist. */
  full: z.boolean(),
});
export type PublicEvent = z.infer<typeof publicEventSchema>;

export const registerResultSchema = z.object({
  status: z.enum(REGISTRATION_STATUSES),
  /** False when this address had registered before: nothing new is created and the confirmation is sent again. */
  created: z.boolean(),
  /** Only for a new registration: the personal link (join page, calendar, cancel). Never for an existing one. */
  token: z.string().nullable(),
  /** The link to share: people who register through it are recorded as referrals. */
  shareCode: z.string().nullable(),
});
export type RegisterResult = z.infer<typeof registerResultSchema>;

/** A registrant's own view, opened with the personal token. */
export const myRegistrationSchema = z.object({
  event: publicEventSchema,
  name: z.string(),
  email: z.string(),
  status: z.enum(REGISTRATION_STATUSES),
  /** 1 for the first person waiting; null unless waitlisted. */
  waitlistPosition: z.number().nullable(),
  shareCode: z.string(),
  checkedInAt: z.string().nullable(),
  /** The live stream and the replay: given to a confirmed registrant only (the public page never shows them). */
  streamUrl: z.string().nullable(),
  replayUrl: z.string().nullable(),
  /** The event's materials, calls to action and whether it has a survey: for a confirmed registrant only (empty otherwise). */
  materials: z.array(registrantMaterialSchema),
  ctas: z.array(registrantCtaSchema),
  hasSurvey: z.boolean(),
});
export type MyRegistration = z.infer<typeof myRegistrationSchema>;

export const registrationSchema = z.object({
  id: z.guid(),
  eventId: z.guid(),
  contactId: z.guid().nullable(),
  email: z.string(),
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  source: z.enum(REGISTRATION_SOURCES),
  utm: z.record(z.string(), z.string()),
  referredByName: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Registration = z.infer<typeof registrationSchema>;

export const registrationCountsSchema = z.object(Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, z.number()])) as Record<RegistrationStatus, z.ZodNumber>);
export type RegistrationCounts = z.infer<typeof registrationCountsSchema>;

export const registrationListQuerySchema = pageQuerySchema.extend({
  status: z.enum(REGISTRATION_STATUSES).optional(),
  q: z.string().trim().max(200).optional(),
});

export const reviewRegistrationRequestSchema = z.object({ decision: z.enum(['approve', 'reject']) });
export type ReviewRegistrationRequest = z.infer<typeof reviewRegistrationRequestSchema>;
