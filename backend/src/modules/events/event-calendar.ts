/**
 * The calendar side of an event: an RFC 5545 entry for the confirmation email (updated with the
 * same UID and a higher SEQUENCE when the event moves, CANCEL when a registration is cancelled)
 * and the add-to-calendar links of the web calendars. Pure functions; times always in UTC.
 */

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';
export type CalendarStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface EventCalendarInput {
  /** Stable for one registration (or event) across updates, e.g. `registration-<id>@fulcrum`. */
  uid: string;
  /** 0 first, higher with every update of the same UID; clients ignore a lower or equal one. */
  sequence: number;
  method: CalendarMethod;
  /** When this version of the entry was made (DTSTAMP). */
  stamp: Date;
  title: string;
  /** Plain text. */
  description: string;
  /** ISO 8601 instants. */
  startsAt: string;
  endsAt: string;
  location: string | null;
  url: string | null;
  organizer: CalendarPerson;
  /** Left out of PUBLISH entries, which RFC 5546 sends without attendees. */
  attendee: CalendarPerson | null;
  /** CONFIRMED unless given; always CANCELLED for METHOD:CANCEL. */
  status?: CalendarStatus;
}

const PRODID = '-//Fulcrum//Fulcrum Events//EN';
const ALARM_MINUTES = 15;
const MAX_LINE_OCTETS = 75;
/** Web calendars take the details through the URL; a long description would make it unusable. */

export function buildEventCalendar(input: EventCalendarInput): string {
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new Error(`SEQUENCE must be a whole number ≥ 0, got ${input.sequence}`);
  const start = instant(input.startsAt, 'startsAt');
  const end = instant(input.endsAt, 'endsAt');
  if (end.getTime() <= start.getTime()) throw new Error(`The event must end after it starts (${input.startsAt} – ${input.endsAt})`);
  const status: CalendarStatus = input.method === 'CANCEL' ? 'CANCELLED' : (input.status ?? 'CONFIRMED');

  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${escapeText(input.uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utc(instant(input.stamp, 'stamp'))}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(end)}`,
    `SUMMARY:${escapeText(input.title)}`,
    `DESCRIPTION:${escapeText(input.description)}`,
  ];
  if (input.location) lines.push(`LOCATION:${escapeText(input.location)}`);
  if (input.url) lines.push(`URL:${new URL(input.url).href}`);
  lines.push(`ORGANIZER;CN=${paramValue(input.organizer.name)}:${mailto(input.organizer.email)}`);
  if (input.attendee && input.method !== 'PUBLISH') {
    lines.push(`ATTENDEE;CN=${paramValue(input.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:${mailto(input.attendee.email)}`);
  }
  lines.push(`STATUS:${status}`);
  if (input.method !== 'CANCEL' && status !== 'CANCELLED') {
    lines.push('BEGIN:VALARM', 'ACTION:DISPLAY', `DESCRIPTION:${escapeText(input.title)}`, `TRIGGER:-PT${ALARM_MINUTES}M`, 'END:VALARM');
  }
  lines.push('END:VEVENT', 'END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function instant(value: string | Date, field: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${field} is not a date and time: ${String(value)}`);
  return date;
}

/** 20261220T060000Z */
function utc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}


// Control characters other than tab are not allowed in iCalendar content.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** RFC 5545 §3.3.11 TEXT. */
function escapeText(value: string): string {
  return value
    .replace(CONTROL, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A parameter value is always quoted (names hold commas and colons); a quote cannot be escaped in it. */
function paramValue(value: string): string {
  return `"${value.replace(CONTROL, '').replace(/[\r\n]+/g, ' ').replace(/"/g, "'")}"`;
}

function mailto(email: string): string {
  if (!/^[^\s<>"(),;:\\]+@[^\s<>"(),;:\\]+$/.test(email)) throw new Error(`Not an email address: ${email}`);
  return `mailto:${email}`;
}

/**
 * RFC 5545 §3.1: lines of at most 75 octets, continued on lines starting with a space, never
 * splitting a UTF-8 character (a Chinese character is 3 octets, an emoji 4).
 */
function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (const character of line) {
    const size = Buffer.byteLength(character, 'utf8');
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1; // the leading space counts
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}


