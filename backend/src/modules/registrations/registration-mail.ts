import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addToCalendarLinks, eventLocation, type Locale } from '@fulcrum/shared';
import { buildEventCalendar } from 'modules/events/event-calendar';
import { htmlToText } from 'modules/mail/mail-templates';
import { MailService } from 'modules/mail/mail.service';
import { RuntimeContext } from 'runtime-context';
import type { EventRow, RegistrationRow } from './registrations.service';

const FORMAT_LABELS: Record<EventRow['format'], Record<Locale, string>> = {
  online: { en: 'Online', 'zh-CN': '线上' },
  onsite: { en: 'On site', 'zh-CN': '线下' },
  hybrid: { en: 'Online and on site', 'zh-CN': '线上 + 线下' },
};

/**
 * The date and time formatters of a language and zone, made once: building an Intl.DateTimeFormat
 * costs about 50 µs and 50 KB of native memory, and a campaign formats the event's time per recipient.
 */
const formatters = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(locale: Locale, timeZone: string): { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat } {
  const key = `${locale}\n${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = {
      day: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', year: 'numeric', month: 'long', day: 'numeric' }),
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    };
    formatters.set(key, found);
  }
  return found;
}

/** "Sun, 20 Dec 2026, 14:00–16:00 (Asia/Shanghai)" in the reader's language and the event's zone. */
export function formatEventWhen(startsAt: Date, endsAt: Date, timeZone: string, locale: Locale): string {
  const { day, time } = formattersFor(locale, timeZone);
  const sameDay = day.format(startsAt) === day.format(endsAt);
  const end = sameDay ? time.format(endsAt) : `${day.format(endsAt)} ${time.format(endsAt)}`;
  return `${day.format(startsAt)} ${time.format(startsAt)}–${end} (${timeZone})`;
}

/** "tomorrow", "in 2 hours", "明天", "2 小时后": how far ahead a reminder's start is, by its offset. */
export function reminderLead(minutes: number, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (minutes === 0) return zh ? '现在' : 'now';
  if (minutes % 1440 === 0 && minutes > 0) {
    const days = minutes / 1440;
    if (days === 1) return zh ? '明天' : 'tomorrow';
    return zh ? `${days} 天后` : `in ${days} days`;
  }
  if (minutes % 60 === 0 && minutes > 0) {
    const hours = minutes / 60;
    return zh ? `${hours} 小时后` : `in ${hours} hour${hours === 1 ? '' : 's'}`;
  }
  return zh ? `${minutes} 分钟后` : `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** A re-sent confirmation goes out at most once an hour, however often the form is submitted. */
const RESEND_WINDOW_MS = 3600_000;

/**
 * The mail a registration sends: the confirmation (with the calendar entry, add-to-calendar links and
 * the check-in QR code) when a seat is held, and the waitlist or approval notice otherwise. Each is
 * queued in the caller's transaction; the caller hands the returned id to the queue after it commits.
 */
@Injectable()
export class RegistrationMail {
  constructor(
    private readonly mail: MailService,
    private readonly runtime: RuntimeContext,
  ) {}

  enqueue(mailId: string): Promise<void> {
    return this.mail.enqueue(mailId);
  }

  async confirmation(manager: EntityManager, event: EventRow, registration: RegistrationRow, options: { resend: boolean }): Promise<string | null> {
    const status = registration.status;
    if (status !== 'registered' && status !== 'waitlisted' && status !== 'pending') return null;
    const locale = registration.locale;
    const joinUrl = `${this.runtime.config.publicUrl}/r/${registration.token}`;
    const location = this.location(event);
    const description = `${htmlToText(event.description)}\n\n${joinUrl}`.trim();
    const seated = status === 'registered';
    const key = options.resend
      ? `registration:${registration.id}:resend:${Math.floor(Date.now() / RESEND_WINDOW_MS)}`
      : `registration:${registration.id}:${status}:${event.schedule_version}:${registration.token.slice(0, 8)}`;
    // A seat's confirmation carries the calendar entry of the event's current time.
    if (seated) await manager.query(`UPDATE registrations SET notified_version = $2 WHERE id = $1`, [registration.id, event.schedule_version]);
    return this.mail.queue(
      {
        template: 'registration-confirmed',
        to: registration.email,
        locale,
        dedupeKey: key,
        context: {
          name: registration.name,
          eventTitle: event.title,
          when: formatEventWhen(event.starts_at, event.ends_at, event.time_zone, locale),
          formatLabel: FORMAT_LABELS[event.format][locale],
          venue: location,
          joinUrl,
          status,
          links: addToCalendarLinks({ title: event.title, description, startsAt: event.starts_at.toISOString(), endsAt: event.ends_at.toISOString(), location }),
          checkInCode: seated && event.format !== 'online' ? joinUrl : null,
          calendar: seated ? { method: 'REQUEST', content: this.calendar(event, registration, 'REQUEST', description, location) } : null,
        },
      },
      manager,
    );
  }

  /** A cancelled registration: the calendar entry is withdrawn (METHOD:CANCEL, same UID). */
  async cancellation(manager: EntityManager, event: EventRow, registration: RegistrationRow): Promise<string | null> {
    const locale = registration.locale;
    const location = this.location(event);
    return this.mail.queue(
      {
        template: 'registration-cancelled',
        to: registration.email,
        locale,
        dedupeKey: `registration:${registration.id}:cancelled:${registration.token.slice(0, 8)}`,
        context: {
          name: registration.name,
          eventTitle: event.title,
          when: formatEventWhen(event.starts_at, event.ends_at, event.time_zone, locale),
          eventUrl: `${this.runtime.config.publicUrl}/e/${event.slug}`,
          calendar: { method: 'CANCEL', content: this.calendar(event, registration, 'CANCEL', htmlToText(event.description), location) },
        },
      },
      manager,
    );
  }

  /** A reminder before the start (`minutes` > 0) or "we are live" (0). Sent once per registration, minutes and event time. */
  async reminder(manager: EntityManager, event: EventRow, registration: RegistrationRow, minutes: number): Promise<string | null> {
    const locale = registration.locale;
    return this.mail.queue(
      {
        template: 'event-reminder',
        to: registration.email,
        locale,
        dedupeKey: `reminder:${registration.id}:${event.schedule_version}:${minutes}`,
        context: {
          name: registration.name,
          eventTitle: event.title,
          when: formatEventWhen(event.starts_at, event.ends_at, event.time_zone, locale),
          lead: reminderLead(minutes, locale),
          live: minutes === 0,
          venue: this.location(event),
          joinUrl: `${this.runtime.config.publicUrl}/r/${registration.token}`,
        },
      },
      manager,
    );
  }

  /** The event moved: the new time and the updated calendar entry (same UID, the event's new SEQUENCE). */
  async rescheduled(manager: EntityManager, event: EventRow, registration: RegistrationRow): Promise<string | null> {
    const locale = registration.locale;
    const joinUrl = `${this.runtime.config.publicUrl}/r/${registration.token}`;
    const location = this.location(event);
    const description = `${htmlToText(event.description)}\n\n${joinUrl}`.trim();
    await manager.query(`UPDATE registrations SET notified_version = $2 WHERE id = $1`, [registration.id, event.schedule_version]);
    return this.mail.queue(
      {
        template: 'event-rescheduled',
        to: registration.email,
        locale,
        dedupeKey: `rescheduled:${registration.id}:${event.schedule_version}`,
        context: {
          name: registration.name,
          eventTitle: event.title,
          when: formatEventWhen(event.starts_at, event.ends_at, event.time_zone, locale),
          venue: location,
          joinUrl,
          links: addToCalendarLinks({ title: event.title, description, startsAt: event.starts_at.toISOString(), endsAt: event.ends_at.toISOString(), location }),
          calendar: { method: 'REQUEST', content: this.calendar(event, registration, 'REQUEST', description, location) },
        },
      },
      manager,
    );
  }

  private location(event: EventRow): string | null {
    return eventLocation(event.venue);
  }

  private calendar(event: EventRow, registration: RegistrationRow, method: 'REQUEST' | 'CANCEL', description: string, location: string | null): string {
    const from = this.runtime.config.MAIL_FROM;
    const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
    return buildEventCalendar({
      uid: `registration-${registration.id}@fulcrum`,
      sequence: event.schedule_version + (method === 'CANCEL' ? 1 : 0),
      method,
      stamp: new Date(),
      title: event.title,
      description,
      startsAt: event.starts_at.toISOString(),
      endsAt: event.ends_at.toISOString(),
      location,
      url: `${this.runtime.config.publicUrl}/r/${registration.token}`,
      organizer: { name: 'Fulcrum', email: address },
      attendee: { name: registration.name, email: registration.email },
      status: method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED',
    });
  }
}
