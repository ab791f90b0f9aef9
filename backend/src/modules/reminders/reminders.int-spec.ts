import { DataSource } from 'typeorm';
import type { CreateEventRequest, EventDetail } from '@fulcrum/shared';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';
import { RemindersService } from './reminders.service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('reminders and rescheduling notices, computed from the database by a sweep', () => {
  let t: TestApp;
  let db: DataSource;
  let cookie: string;
  let reminders: RemindersService;
  const base = Date.now();

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    reminders = t.app.get(RemindersService);
    cookie = await setupAdmin(t, { email: 'remind@example.com', name: 'Remi Minder', password: 'reminders password', locale: 'en' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'POST' | 'PATCH', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
  const scheduledEvent = async (title: string, startsIn: number): Promise<EventDetail> => {
    const body: CreateEventRequest = {
      title,
      format: 'online',
      startsAt: new Date(base + startsIn).toISOString(),
      endsAt: new Date(base + startsIn + 2 * HOUR).toISOString(),
      timeZone: 'Asia/Shanghai',
      reminderMinutes: [1440, 60, 0],
    };
    const created = (await call('POST', '/api/v1/events', body)).json();
    expect((await call('POST', `/api/v1/events/${created.id}/status`, { status: 'scheduled' })).statusCode).toBe(200);
    return created;
  };
  /** Registers through the public API; `registeredAgo` moves the registration back in time. */
  const register = async (event: EventDetail, email: string, registeredAgo = 0): Promise<string> => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1/public/events/${event.slug}/registrations`, payload: { email, name: email.split('@')[0], locale: 'en' } });
    expect(response.statusCode).toBe(201);
    if (registeredAgo) await db.query(`UPDATE registrations SET created_at = now() - make_interval(secs => $2) WHERE email = $1`, [email, registeredAgo / 1000]);
    return response.json().token;
  };
  const reminderMail = async (email: string): Promise<Array<{ live: boolean; lead: string; key: string }>> =>
    (
      await db.query(`SELECT context, dedupe_key FROM mail_messages WHERE to_address = $1 AND template = 'event-reminder' ORDER BY created_at`, [email])
    ).map((row: { context: { live: boolean; lead: string }; dedupe_key: string }) => ({ live: row.context.live, lead: row.context.lead, key: row.dedupe_key }));

  it('sends each reminder when it is due, to those registered before it, once, however often it sweeps', async () => {
    const event = await scheduledEvent('Webinar in two hours', 2 * HOUR);
    await register(event, 'early@example.com', 2 * DAY);
    await register(event, 'late@example.com');
    const cancelled = await register(event, 'gone@example.com', 2 * DAY);
    await t.app.inject({ method: 'POST', url: `/api/v1/public/registrations/${cancelled}/cancel` });

    // Now: the one-day reminder's time has passed but the start has not; "late" registered after it.
    expect((await reminders.sweep(new Date(base))).reminders).toBe(1);
    expect((await reminders.sweep(new Date(base))).reminders).toBe(0);
    expect(await reminderMail('early@example.com')).toEqual([{ live: false, lead: 'tomorrow', key: expect.stringMatching(/:0:1440$/) }]);
    expect(await reminderMail('late@example.com')).toEqual([]);

    // Just after the one-hour mark: both get it; two sweepers at once still send it once each.
    const [a, b] = await Promise.all([reminders.sweep(new Date(base + HOUR + MINUTE)), reminders.sweep(new Date(base + HOUR + MINUTE))]);
    expect(a.reminders + b.reminders).toBe(2);
    // At the start: "we are live".
    expect((await reminders.sweep(new Date(base + 2 * HOUR + MINUTE))).reminders).toBe(2);
    expect((await reminders.sweep(new Date(base + 2 * HOUR + 2 * MINUTE))).reminders).toBe(0);
    expect((await reminderMail('early@example.com')).map((m) => m.lead)).toEqual(['tomorrow', 'in 1 hour', 'now']);
    expect((await reminderMail('early@example.com')).map((m) => m.live)).toEqual([false, false, true]);
    expect((await reminderMail('late@example.com')).map((m) => m.live)).toEqual([false, true]);
    expect(await reminderMail('gone@example.com')).toEqual([]);
    // After the end nothing is due any more.
    expect((await reminders.sweep(new Date(base + 5 * HOUR))).reminders).toBe(0);
  });

  it('after a sweep outage sends only the nearest due reminder, not a burst of stale ones', async () => {
    const event = await scheduledEvent('Webinar in half an hour', 30 * MINUTE);
    await register(event, 'outage@example.com', 3 * DAY);
    expect((await reminders.sweep(new Date(base))).reminders).toBe(1);
    expect((await reminders.sweep(new Date(base + 5 * MINUTE))).reminders).toBe(0);
    expect((await reminderMail('outage@example.com')).map((m) => m.lead)).toEqual(['in 1 hour']);
  });

  it('sends the new time with an updated calendar entry when a published event moves, and reminds again for the new time', async () => {
    const event = await scheduledEvent('Webinar that moves', 3 * HOUR);
    await register(event, 'mover@example.com', 2 * DAY);
    expect((await reminders.sweep(new Date(base))).reminders).toBe(1); // one day before
    expect((await reminders.sweep(new Date(base))).rescheduled).toBe(0);

    const moved = await call('PATCH', `/api/v1/events/${event.id}`, {
      startsAt: new Date(base + 27 * HOUR).toISOString(),
      endsAt: new Date(base + 29 * HOUR).toISOString(),
    });
    expect(moved.json().scheduleVersion).toBe(1);
    const swept = await reminders.sweep(new Date(base));
    expect(swept.rescheduled).toBe(1);
    expect((await reminders.sweep(new Date(base))).rescheduled).toBe(0);
    const [notice] = await db.query(`SELECT context FROM mail_messages WHERE to_address = 'mover@example.com' AND template = 'event-rescheduled'`);
    expect(notice.context.calendar.content).toContain('SEQUENCE:1');
    expect(notice.context.calendar.content).toMatch(/UID:registration-[0-9a-f-]+@fulcrum/);
    // The one-day reminder for the new time is due again from 27 − 24 = 3 hours from now.
    expect(swept.reminders).toBe(0);
    const later = await reminders.sweep(new Date(base + 3 * HOUR + MINUTE));
    expect(later.reminders).toBe(1);
    expect((await reminderMail('mover@example.com')).map((m) => m.key.split(':').slice(2).join(':'))).toEqual(['0:1440', '1:1440']);
  });
});
