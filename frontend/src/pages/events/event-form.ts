import { DEFAULT_REMINDERS } from '@fulcrum/shared';
import type { CreateEventRequest, EventDetail, EventFormat, QuestionType, RegistrationMode, UpdateEventRequest } from '@fulcrum/shared';
import { ctasToRequest, ctasToValues, surveyToRequest, surveyToValues } from '@/pages/events/engagement-form';
import type { CtaFormValue, SurveyFormValue } from '@/pages/events/engagement-form';
import { instantToWall, wallToIso } from '@/pages/events/event-time';
import type { WallTime } from '@/pages/events/event-time';

/**
 * What the editor's antd Form holds. Text fields hold '' rather than null, times are wall-clock text
 * in the event's zone; `toRequest` turns it into the contract's shape.
 */
export interface EventFormValues {
  title: string;
  format: EventFormat;
  startsAt: WallTime | null;
  endsAt: WallTime | null;
  timeZone: string;
  description: string;
  streamUrl: string;
  replayUrl: string;
  venue: { name: string; address: string; directions: string };
  capacity: number | null;
  registrationMode: RegistrationMode;
  agenda: Array<{ time: string; title: string; speaker: string }>;
  speakers: Array<{ name: string; title: string; company: string; bio: string; photoUrl: string }>;
  questions: Array<{ key: string; label: string; type: QuestionType; required: boolean; options: string[] }>;
  reminderMinutes: number[];
  ctas: CtaFormValue[];
  survey: SurveyFormValue[];
}

export const EMPTY_VENUE: EventFormValues['venue'] = { name: '', address: '', directions: '' };

export function isChoice(type: QuestionType | undefined): boolean {
  return type === 'select' || type === 'multiselect';
}

export function newEventValues(timeZone: string): EventFormValues {
  return {
    title: '',
    format: 'online',
    startsAt: null,
    endsAt: null,
    timeZone,
    description: '',
    streamUrl: '',
    replayUrl: '',
    venue: { ...EMPTY_VENUE },
    capacity: null,
    registrationMode: 'open',
    agenda: [],
    speakers: [],
    questions: [],
    reminderMinutes: [...DEFAULT_REMINDERS],
    ctas: [],
    survey: [],
  };
}

export function eventToValues(event: EventDetail): EventFormValues {
  return {
    title: event.title,
    format: event.format,
    startsAt: instantToWall(event.startsAt, event.timeZone),
    endsAt: instantToWall(event.endsAt, event.timeZone),
    timeZone: event.timeZone,
    description: event.description,
    streamUrl: event.streamUrl ?? '',
    replayUrl: event.replayUrl ?? '',
    venue: event.venue ? { name: event.venue.name, address: event.venue.address ?? '', directions: event.venue.directions ?? '' } : { ...EMPTY_VENUE },
    capacity: event.capacity,
    registrationMode: event.registrationMode,
    agenda: event.agenda.map((item) => ({ time: item.time, title: item.title, speaker: item.speaker ?? '' })),
    speakers: event.speakers.map((speaker) => ({
      name: speaker.name,
      title: speaker.title ?? '',
      company: speaker.company ?? '',
      bio: speaker.bio ?? '',
      photoUrl: speaker.photoUrl ?? '',
    })),
    questions: event.questions.map((question) => ({ ...question, options: [...question.options] })),
    reminderMinutes: [...event.reminderMinutes],
    ctas: ctasToValues(event.ctas),
    survey: surveyToValues(event.survey),
  };
}

function trimmed(value: string | null | undefined): string {
  return (value ?? '').trim();
}

function orNull(value: string | null | undefined): string | null {
  return trimmed(value) || null;
}

/**
 * The create body of what the form holds. Every row is kept, so the server's row indexes are the form's;
 * an emptied venue is no venue, and an online event has none. The server checks the rest and says which field.
 */
export function toRequest(values: EventFormValues): CreateEventRequest {
  const venue = values.venue ?? EMPTY_VENUE;
  const hasVenue = values.format !== 'online' && [venue.name, venue.address, venue.directions].some((text) => trimmed(text) !== '');
  return {
    title: trimmed(values.title),
    description: values.description ?? '',
    format: values.format,
    startsAt: (values.startsAt && wallToIso(values.startsAt, values.timeZone)) ?? '',
    endsAt: (values.endsAt && wallToIso(values.endsAt, values.timeZone)) ?? '',
    timeZone: values.timeZone,
    streamUrl: orNull(values.streamUrl),
    replayUrl: orNull(values.replayUrl),
    venue: hasVenue ? { name: trimmed(venue.name), address: orNull(venue.address), directions: orNull(venue.directions) } : null,
    capacity: values.capacity ?? null,
    registrationMode: values.registrationMode,
    agenda: (values.agenda ?? [])
      .map((item) => ({ time: trimmed(item.time), title: trimmed(item.title), speaker: orNull(item.speaker) })),
    speakers: (values.speakers ?? [])
      .map((speaker) => ({
        name: trimmed(speaker.name),
        title: orNull(speaker.title),
        company: orNull(speaker.company),
        bio: orNull(speaker.bio),
        photoUrl: orNull(speaker.photoUrl),
      })),
    questions: (values.questions ?? [])
      .map((question) => ({
        key: trimmed(question.key),
        label: trimmed(question.label),
        type: question.type,
        required: Boolean(question.required),
        options: isChoice(question.type) ? (question.options ?? []).map((option) => option.trim()).filter(Boolean) : [],
      })),
    reminderMinutes: [...(values.reminderMinutes ?? [])].sort((a, b) => b - a),
    ctas: ctasToRequest(values.ctas),
    survey: surveyToRequest(values.survey),
  };
}

function sameInstant(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a !== '' && Date.parse(a) === Date.parse(b);
}

/** The fields of `next` that differ from `saved` (both request bodies): what a PATCH sends. */
export function changedFields(saved: CreateEventRequest, next: CreateEventRequest): UpdateEventRequest {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(next)) {
    const before = (saved as Record<string, unknown>)[key];
    if ((key === 'startsAt' || key === 'endsAt') && sameInstant(before, value)) continue;
    if (JSON.stringify(before ?? null) !== JSON.stringify(value ?? null)) changes[key] = value;
  }
  return changes as UpdateEventRequest;
}

export type FieldName = Array<string | number>;

const TOP_FIELDS = new Set([
  'title',
  'description',
  'format',
  'startsAt',
  'endsAt',
  'timeZone',
  'streamUrl',
  'replayUrl',
  'capacity',
  'registrationMode',
  'reminderMinutes',
]);
const VENUE_FIELDS = new Set(['name', 'address', 'directions']);
const ROW_FIELDS: Record<string, Set<string>> = {
  agenda: new Set(['time', 'title', 'speaker']),
  speakers: new Set(['name', 'title', 'company', 'bio', 'photoUrl']),
  questions: new Set(['key', 'label', 'type', 'required', 'options']),
  ctas: new Set(['kind', 'label', 'url']),
  survey: new Set(['kind', 'prompt', 'required', 'options']),
};

/**
 * The form field a server problem's path (`endsAt`, `venue.name`, `questions.0.options.1`) belongs to,
 * or null when no single field shows it (the page's banner does). A missing venue lands on its name.
 * A problem on a row the form does not have (`rowCounts`) goes to the banner too.
 */
export function fieldOfPath(path: string, rowCounts: Partial<Record<string, number>> = {}): FieldName | null {
  const [head, ...rest] = path.split('.');
  if (!head) return null;
  if (TOP_FIELDS.has(head)) return [head];
  if (head === 'venue') {
    const field = rest[0];
    return ['venue', field && VENUE_FIELDS.has(field) ? field : 'name'];
  }
  const fields = ROW_FIELDS[head];
  if (!fields) return null;
  const index = Number(rest[0]);
  const field = rest[1];
  if (!Number.isInteger(index) || index < 0 || index >= (rowCounts[head] ?? Infinity) || !field || !fields.has(field)) return null;
  return [head, index, field];
}
