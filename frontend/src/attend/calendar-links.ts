import type { PublicEvent } from '@fulcrum/shared';

export interface CalendarLinks {
  google: string;
  outlook: string;
}

/** 20261220T060000Z */
function compactUtc(at: string): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** 2026-12-20T06:00:00Z: Outlook's deep links want no milliseconds. */
function isoSeconds(at: string): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function eventLocation(event: Pick<PublicEvent, 'venue'>): string | null {
  if (!event.venue) return null;
  return [event.venue.name, event.venue.address].filter(Boolean).join(', ');
}

/**
 * Add-to-calendar links built in the page, in the same form as the confirmation email's (the email
 * also carries the .ics entry). `details` is the registrant's own page, as in that entry.
 */
export function calendarLinks(event: Pick<PublicEvent, 'title' | 'startsAt' | 'endsAt' | 'venue'>, details: string): CalendarLinks {
  const location = eventLocation(event);
  const google = new URLSearchParams({ action: 'TEMPLATE', text: event.title, dates: `${compactUtc(event.startsAt)}/${compactUtc(event.endsAt)}`, details });
  const outlook = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: event.title,
    startdt: isoSeconds(event.startsAt),
    enddt: isoSeconds(event.endsAt),
    body: details,
  });
  if (location) {
    google.set('location', location);
    outlook.set('location', location);
  }
  return {
    google: `https://calendar.google.com/calendar/render?${google.toString()}`,
    outlook: `https://outlook.live.com/calendar/0/deeplink/compose?${outlook.toString()}`,
  };
}
