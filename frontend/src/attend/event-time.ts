import type { Locale } from '@fulcrum/shared';

/** "Wed, May 20, 2026 14:00–16:00" in `timeZone`; the end carries its own date when the event spans days. */
export function formatTimeRange(startsAt: string, endsAt: string, timeZone: string, locale: Locale): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', year: 'numeric', month: 'long', day: 'numeric' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const endText = day.format(start) === day.format(end) ? time.format(end) : `${day.format(end)} ${time.format(end)}`;
  return `${day.format(start)} ${time.format(start)}–${endText}`;
}

export interface EventWhen {
  /** In the event's own time zone: what the organizer announced. */
  event: string;
  /** In the visitor's zone, or null when the clock reads the same there. */
  visitor: string | null;
}

export function eventWhen(startsAt: string, endsAt: string, eventZone: string, visitorZone: string, locale: Locale): EventWhen {
  const event = formatTimeRange(startsAt, endsAt, eventZone, locale);
  if (visitorZone === eventZone) return { event, visitor: null };
  let visitor: string;
  try {
    visitor = formatTimeRange(startsAt, endsAt, visitorZone, locale);
  } catch {
    return { event, visitor: null };
  }
  return { event, visitor: visitor === event ? null : visitor };
}

/** The browser's IANA zone, e.g. "Europe/Berlin"; UTC when the runtime cannot tell. */
export function visitorTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** "Asia/Shanghai" → "Asia/Shanghai, GMT+8": the offset helps visitors who do not know the zone names. */
export function zoneLabel(zone: string, at: string, locale: Locale): string {
  if (zone === 'UTC') return zone;
  try {
    const parts = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'en' : locale, { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date(at));
    const offset = parts.find((part) => part.type === 'timeZoneName')?.value;
    return offset && offset !== zone ? `${zone.replace(/_/g, ' ')}, ${offset}` : zone.replace(/_/g, ' ');
  } catch {
    return zone.replace(/_/g, ' ');
  }
}

/** A time of check-in and the like, in the event's zone. */
export function formatInstant(at: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));
}
