import type { Venue } from './events';

/**
 * Add-to-calendar links for an event, the same in the confirmation email (which also carries the .ics
 * entry) and on the registrant's own page.
 */
export interface AddToCalendarInput {
  title: string;
  /** Plain text; cut to 1000 characters. */
  description: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
}

export interface AddToCalendarLinks {
  google: string;
  /** Outlook.com (personal Microsoft accounts). */
  outlook: string;
  /** Outlook on the web for work and school accounts (Microsoft 365). */
  office365: string;
}

const LINK_DESCRIPTION_CHARACTERS = 1000;

/** Where an event takes place, as one line for calendars: "Hall 3, 1099 Guozhan Road"; null online. */
export function eventLocation(venue: Venue | null): string | null {
  if (!venue) return null;
  return [venue.name, venue.address].filter(Boolean).join(', ');
}

export function addToCalendarLinks(input: AddToCalendarInput): AddToCalendarLinks {
  const start = instant(input.startsAt, 'startsAt');
  const end = instant(input.endsAt, 'endsAt');
  const description = truncate(input.description, LINK_DESCRIPTION_CHARACTERS);
  const google = query({
    action: 'TEMPLATE',
    text: input.title,
    dates: `${compactUtc(start)}/${compactUtc(end)}`,
    details: description,
    location: input.location,
  });
  const outlook = query({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: input.title,
    startdt: isoSeconds(start),
    enddt: isoSeconds(end),
    body: description,
    location: input.location,
  });
  return {
    google: `https://calendar.google.com/calendar/render?${google}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?${outlook}`,
    office365: `https://outlook.office.com/calendar/0/deeplink/compose?${outlook}`,
  };
}

function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`${field} is not a date and time: ${value}`);
  return date;
}

/** 20261220T060000Z */
function compactUtc(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** 2026-12-20T06:00:00Z: Outlook's deep links want no milliseconds. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function truncate(value: string, characters: number): string {
  const codePoints = [...value];
  return codePoints.length <= characters ? value : `${codePoints.slice(0, characters - 1).join('')}…`;
}

/** Encodes spaces as %20, not +, which Outlook's deep links would show literally. */
function query(parameters: Record<string, string | null>): string {
  return Object.entries(parameters)
    .filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== '')
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
}
