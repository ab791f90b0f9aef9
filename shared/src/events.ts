import { z } from 'zod';
import { ctaListSchema, ctaSchema, surveyQuestionListSchema, surveyQuestionSchema } from './engagement';
import { pageQuerySchema } from './pagination';

/**
 * Events: a webinar (online), an on-site event, or both at once (hybrid). An event is prepared as a
 * draft, scheduled (public page and registration open), run live, ended (replay), and archived.
 */
export const EVENT_FORMATS = ['online', 'onsite', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** open: anyone with the page; invite: personal invitation links only; approval: an organizer approves each. */
export const REGISTRATION_MODES = ['open', 'invite', 'approval'] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];

export const EVENT_STATUSES = ['draft', 'scheduled', 'live', 'ended', 'archived'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Where an event may go from each status. Going back from scheduled to draft closes registration. */
export const EVENT_TRANSITIONS: Record<EventStatus, readonly EventStatus[]> = {
  draft: ['scheduled'],
  scheduled: ['draft', 'live'],
  live: ['ended'],
  ended: ['archived'],
  archived: ['ended'],
};

export function canMoveEvent(from: EventStatus, to: EventStatus): boolean {
  return EVENT_TRANSITIONS[from].includes(to);
}

export const QUESTION_TYPES = ['text', 'textarea', 'select', 'multiselect', 'checkbox'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const EVENT_LIMITS = {
  titleLength: 200,
  /** Sanitized HTML of the description. */
  descriptionLength: 50_000,
  urlLength: 2_000,
  textLength: 500,
  bioLength: 2_000,
  agendaItems: 100,
  speakers: 50,
  questions: 30,
  options: 50,
  reminders: 10,
  /** A reminder at most 30 days before the start. */
  reminderMinutes: 30 * 24 * 60,
  capacity: 1_000_000,
} as const;

/** The reminders an event starts with: one day and one hour before, and "we are live" at the start. */
export const DEFAULT_REMINDERS: readonly number[] = [24 * 60, 60, 0];

/** True when `zone` is an IANA time zone this runtime knows (e.g. Asia/Shanghai). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}

const text = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${label}: at most ${max} characters` });

const optionalText = (max: number, label: string) =>
  text(max, label)
    .transform((value) => (value === '' ? null : value))
    .nullable();

const httpUrl = z
  .string()
  .trim()
  .max(EVENT_LIMITS.urlLength, { message: `At most ${EVENT_LIMITS.urlLength} characters` })
  .refine((value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value), { message: 'Enter a web address starting with http:// or https://' })
  .transform((value) => (value === '' ? null : value))
  .nullable();

const instant = z.iso.datetime({ offset: true, message: 'Enter a date and time' });

export const venueSchema = z.object({
  name: text(EVENT_LIMITS.textLength, 'Venue').min(1, { message: 'Enter the venue name' }),
  address: optionalText(EVENT_LIMITS.textLength, 'Address').default(null),
  /** How to get there, which entrance, parking… */
  directions: optionalText(EVENT_LIMITS.bioLength, 'Directions').default(null),
});
export type Venue = z.infer<typeof venueSchema>;

export const agendaItemSchema = z.object({
  /** Local time of day in the event's time zone, e.g. "14:30". */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'Enter a time as HH:MM' }),
  title: text(EVENT_LIMITS.textLength, 'Agenda item').min(1, { message: 'Enter what happens' }),
  speaker: optionalText(EVENT_LIMITS.textLength, 'Speaker').default(null),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const speakerSchema = z.object({
  name: text(EVENT_LIMITS.textLength, 'Speaker name').min(1, { message: 'Enter the speaker name' }),
  title: optionalText(EVENT_LIMITS.textLength, 'Title').default(null),
  company: optionalText(EVENT_LIMITS.textLength, 'Company').default(null),
  bio: optionalText(EVENT_LIMITS.bioLength, 'Bio').default(null),
  photoUrl: httpUrl.default(null),
});
export type Speaker = z.infer<typeof speakerSchema>;

export const registrationQuestionSchema = z
  .object({
    /** Stable key the answers are stored under, e.g. "role" or "q1". */
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Use lower-case letters, digits and _' }),
    label: text(EVENT_LIMITS.textLength, 'Question').min(1, { message: 'Enter the question' }),
    type: z.enum(QUESTION_TYPES),
    required: z.boolean().default(false),
    options: z.array(text(EVENT_LIMITS.textLength, 'Option').min(1)).max(EVENT_LIMITS.options).default([]),
  })
  .superRefine((question, ctx) => {
    const choice = question.type === 'select' || question.type === 'multiselect';
    if (choice && question.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice needs at least two options' });
    if (!choice && question.options.length > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only choice questions have options' });
    if (new Set(question.options).size !== question.options.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Options must differ' });
  });
export type RegistrationQuestion = z.infer<typeof registrationQuestionSchema>;

const reminders = z
  .array(z.number().int().min(0).max(EVENT_LIMITS.reminderMinutes, { message: 'A reminder goes out at most 30 days before' }))
  .max(EVENT_LIMITS.reminders)
  .refine((values) => new Set(values).size === values.length, { message: 'Each reminder time once' })
  .transform((values) => [...values].sort((a, b) => b - a));

/** The fields an organizer edits; every one optional on update. */
const eventFields = z.object({
  title: text(EVENT_LIMITS.titleLength, 'Title').min(1, { message: 'Enter a title' }),
  /** Rich text (HTML); the server keeps only safe markup. */
  description: z.string().max(EVENT_LIMITS.descriptionLength, { message: 'The description is too long' }),
  format: z.enum(EVENT_FORMATS),
  startsAt: instant,
  endsAt: instant,
  timeZone: z.string().refine(isTimeZone, { message: 'Choose a time zone such as Asia/Shanghai' }),
  streamUrl: httpUrl,
  replayUrl: httpUrl,
  venue: venueSchema.nullable(),
  capacity: z.number().int().min(1).max(EVENT_LIMITS.capacity).nullable(),
  registrationMode: z.enum(REGISTRATION_MODES),
  agenda: z.array(agendaItemSchema).max(EVENT_LIMITS.agendaItems),
  speakers: z.array(speakerSchema).max(EVENT_LIMITS.speakers),
  questions: z
    .array(registrationQuestionSchema)
    .max(EVENT_LIMITS.questions)
    .refine((questions) => new Set(questions.map((q) => q.key)).size === questions.length, { message: 'Each question needs its own key' }),
  reminderMinutes: reminders,
  /** Calls to action shown in the live room and the replay (see ./engagement). */
  ctas: ctaListSchema,
  /** The end-of-event survey (see ./engagement). */
  survey: surveyQuestionListSchema,
});

function endsAfterStart(body: { startsAt?: string; endsAt?: string }, ctx: z.RefinementCtx) {
  if (body.startsAt && body.endsAt && Date.parse(body.endsAt) <= Date.parse(body.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'The end must come after the start' });
  }
}

export const createEventRequestSchema = eventFields
  .extend({
    description: eventFields.shape.description.default(''),
    streamUrl: httpUrl.default(null),
    replayUrl: httpUrl.default(null),
    venue: venueSchema.nullable().default(null),
    capacity: eventFields.shape.capacity.default(null),
    registrationMode: z.enum(REGISTRATION_MODES).default('open'),
    agenda: eventFields.shape.agenda.default([]),
    speakers: eventFields.shape.speakers.default([]),
    questions: eventFields.shape.questions.default([]),
    reminderMinutes: reminders.default([...DEFAULT_REMINDERS]),
    ctas: ctaListSchema.default([]),
    survey: surveyQuestionListSchema.default([]),
  })
  .superRefine(endsAfterStart);
export type CreateEventRequest = z.input<typeof createEventRequestSchema>;

export const updateEventRequestSchema = eventFields
  .partial()
  .superRefine(endsAfterStart)
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one field' });
export type UpdateEventRequest = z.input<typeof updateEventRequestSchema>;

export const changeEventStatusRequestSchema = z.object({ status: z.enum(EVENT_STATUSES) });
export type ChangeEventStatusRequest = z.infer<typeof changeEventStatusRequestSchema>;

/** What a scheduled event must have; drafts may be incomplete. Returns the problems as field → message. */
export function schedulingProblems(event: Pick<EventDetail, 'format' | 'venue' | 'startsAt' | 'endsAt'>): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (event.format !== 'online' && !event.venue) problems.push({ path: 'venue', message: 'An on-site or hybrid event needs a venue' });
  if (Date.parse(event.endsAt) <= Date.now()) problems.push({ path: 'endsAt', message: 'The event is already over' });
  return problems;
}

export const eventListItemSchema = z.object({
  id: z.guid(),
  slug: z.string(),
  title: z.string(),
  format: z.enum(EVENT_FORMATS),
  status: z.enum(EVENT_STATUSES),
  startsAt: z.string(),
  endsAt: z.string(),
  timeZone: z.string(),
  registrationMode: z.enum(REGISTRATION_MODES),
  capacity: z.number().nullable(),
  venueName: z.string().nullable(),
  updatedAt: z.string(),
});
export type EventListItem = z.infer<typeof eventListItemSchema>;

export const eventDetailSchema = eventListItemSchema.extend({
  description: z.string(),
  streamUrl: z.string().nullable(),
  /** hls: a `.m3u8` playlist played with hls.js; embed: a player page shown in a frame. */
  streamKind: z.enum(['hls', 'embed']).nullable(),
  replayUrl: z.string().nullable(),
  venue: venueSchema.nullable(),
  agenda: z.array(agendaItemSchema),
  speakers: z.array(speakerSchema),
  questions: z.array(registrationQuestionSchema),
  reminderMinutes: z.array(z.number()),
  ctas: z.array(ctaSchema),
  survey: z.array(surveyQuestionSchema),
  /** Bumped when a published event's time changes: the SEQUENCE of the calendar entries sent to registrants. */
  scheduleVersion: z.number(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const eventListQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional(),
  status: z.enum(EVENT_STATUSES).optional(),
  /** upcoming: not ended yet, soonest first; past: ended, latest first. */
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
});
export type EventListQuery = z.input<typeof eventListQuerySchema>;

export function streamKindOf(url: string | null): 'hls' | 'embed' | null {
  if (!url) return null;
  return /\.m3u8(\?|#|$)/i.test(url) ? 'hls' : 'embed';
}

/** A file attendees can download (slides, whitepapers, a recording): stored under DATA_DIR/materials. */
export const MATERIAL_LIMITS = { fileBytes: 200 * 1024 * 1024, titleLength: 200, perEvent: 50 } as const;

export const eventMaterialSchema = z.object({
  id: z.guid(),
  eventId: z.guid(),
  title: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  /** The console's download address (signed-in users). */
  downloadUrl: z.string(),
});
export type EventMaterial = z.infer<typeof eventMaterialSchema>;

export const uploadMaterialQuerySchema = z.object({
  fileName: z.string().trim().min(1, { message: 'Name the file' }).max(255),
  /** Shown to attendees; the file name when absent. */
  title: z.string().trim().max(MATERIAL_LIMITS.titleLength).optional(),
});

export const updateMaterialRequestSchema = z.object({
  title: z.string().trim().min(1, { message: 'Enter a title' }).max(MATERIAL_LIMITS.titleLength),
});
export type UpdateMaterialRequest = z.infer<typeof updateMaterialRequestSchema>;
