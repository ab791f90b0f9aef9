import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { CreateEventRequest, EventDetail, RegisterRequest } from '@fulcrum/shared';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';
import { waitFor } from 'testing/wait-for';

const DAY = 24 * 3600 * 1000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600 * 1000).toISOString();

const EVENT: CreateEventRequest = {
  title: 'Cloud Summit 2026',
  format: 'hybrid',
  startsAt: inDays(14),
  endsAt: inDays(14, 3),
  timeZone: 'Asia/Shanghai',
  venue: { name: '上海国际会议中心', address: '浦东新区滨江大道2727号' },
  questions: [
    { key: 'role', label: '您的角色', type: 'select', required: true, options: ['IT', 'Business'] },
    { key: 'consent', label: 'I agree to the terms', type: 'checkbox', required: true },
  ],
};
const ANSWERS = { role: 'IT', consent: true };

describe('registrations: public event page, one registration per person, waitlist, approval, cancellation', () => {
  let t: TestApp;
  let db: DataSource;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    cookie = await setupAdmin(t, { email: 'reg@example.com', name: 'Rita Registrar', password: 'registrations password', locale: 'en' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, as: string | null = cookie) =>
    t.app.inject({ method, url, payload, headers: as ? { cookie: as } : {} });
  const publicCall = (method: 'GET' | 'POST', url: string, payload?: object) => call(method, url, payload, null);
  const newEvent = async (change: Partial<CreateEventRequest> = {}, schedule = true): Promise<EventDetail> => {
    const created = await call('POST', '/api/v1/events', { ...EVENT, ...change });
    expect(created.statusCode).toBe(201);
    if (schedule) expect((await call('POST', `/api/v1/events/${created.json().id}/status`, { status: 'scheduled' })).statusCode).toBe(200);
    return created.json();
  };
  const register = (slug: string, body: Partial<RegisterRequest> & { email: string }) =>
    publicCall('POST', `/api/v1/public/events/${slug}/registrations`, { name: 'Wang Fang', answers: ANSWERS, ...body });
  const mailTo = (address: string): Promise<Array<{ template: string; status: string; context: Record<string, unknown> }>> =>
    db.query(`SELECT template, status, context FROM mail_messages WHERE to_address = $1 ORDER BY created_at`, [address]);

  it('shows published events to visitors, never drafts, without internal fields', async () => {
    const draft = await newEvent({ title: 'Secret draft' }, false);
    expect((await publicCall('GET', `/api/v1/public/events/${draft.slug}`)).statusCode).toBe(404);
    const event = await newEvent();
    const page = await publicCall('GET', `/api/v1/public/events/${event.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: 'Cloud Summit 2026', registrationOpen: true, full: false, venue: { name: '上海国际会议中心' } });
    expect(page.json()).not.toHaveProperty('id');
    expect(page.json()).not.toHaveProperty('capacity');
    expect((await publicCall('GET', '/api/v1/public/events/no-such-event')).statusCode).toBe(404);
  });

  it('registers a new person: a contact, an activity, a personal link and a confirmation with its calendar entry', async () => {
    const event = await newEvent();
    const response = await register(event.slug, { email: '  Wang.Fang@Example.COM ', company: 'Example Ltd.', title: 'CIO', phone: '138 0013 8000', locale: 'zh-CN', utm: { source: 'wechat', campaign: 'q4' } });
    expect(response.statusCode).toBe(201);
    const result = response.json();
    expect(result).toMatchObject({ status: 'registered', created: true });
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const [row] = await db.query(`SELECT * FROM registrations WHERE token = $1`, [result.token]);
    expect(row).toMatchObject({ email: 'wang.fang@example.com', phone: '+8613800138000', source: 'open', utm: { source: 'wechat', campaign: 'q4' }, answers: ANSWERS });
    const [identity] = await db.query(`SELECT contact_id FROM identities WHERE kind = 'email' AND value = 'wang.fang@example.com'`);
    expect(identity.contact_id).toBe(row.contact_id);
    const activities = await db.query(`SELECT kind, contact_id, data FROM activities WHERE registration_id = $1`, [row.id]);
    expect(activities).toEqual([{ kind: 'registered', contact_id: row.contact_id, data: { status: 'registered', source: 'open', utm: { source: 'wechat', campaign: 'q4' } } }]);

    const [mail] = await mailTo('wang.fang@example.com');
    expect(mail.template).toBe('registration-confirmed');
    expect(mail.context).toMatchObject({ status: 'registered', joinUrl: `${t.runtime.config.publicUrl}/r/${result.token}`, checkInCode: expect.any(String) });
    expect(String((mail.context.calendar as { content: string }).content)).toContain(`UID:registration-${row.id}@fulcrum`);
    await waitFor(async () => (await mailTo('wang.fang@example.com'))[0]?.status === 'sent', 30_000, 'confirmation sent');
    const eml = fs.readdirSync(path.join(t.dataDir, 'outbox')).find((file) => file.endsWith('.eml') && fs.readFileSync(path.join(t.dataDir, 'outbox', file), 'utf8').includes('wang.fang@example.com'));
    expect(eml).toBeDefined();
    expect(fs.readFileSync(path.join(t.dataDir, 'outbox', eml!), 'utf8')).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);

    const mine = await publicCall('GET', `/api/v1/public/registrations/${result.token}`);
    expect(mine.json()).toMatchObject({ name: 'Wang Fang', status: 'registered', waitlistPosition: null, event: { slug: event.slug } });
  });

  it('registers a person once: the second form gets no new link and at most one re-sent confirmation an hour', async () => {
    const event = await newEvent();
    const first = await register(event.slug, { email: 'twice@example.com' });
    const again = await register(event.slug, { email: 'TWICE@example.com', name: 'Someone Else' });
    const third = await register(event.slug, { email: 'twice@example.com' });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual({ status: 'registered', created: false, token: null, shareCode: null });
    expect(third.json().created).toBe(false);
    const rows = await db.query(`SELECT name FROM registrations WHERE event_id = $1 AND email = 'twice@example.com'`, [event.id]);
    expect(rows).toEqual([{ name: 'Wang Fang' }]);
    expect(first.json().token).not.toBeNull();
    expect((await mailTo('twice@example.com')).map((m) => m.template)).toEqual(['registration-confirmed', 'registration-confirmed']);
  });

  it('keeps one registration and one contact when the same new person submits several times at once, for two events', async () => {
    const [first, second] = [await newEvent({ title: 'Open day A' }), await newEvent({ title: 'Open day B' })];
    const results = await Promise.all(
      [first, second, first, second, first].map((event) => register(event.slug, { email: 'rush@example.com', name: 'Rush' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(results.filter((r) => r.json().created)).toHaveLength(2);
    const rows = await db.query(`SELECT event_id, contact_id FROM registrations WHERE email = 'rush@example.com'`);
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((row: { contact_id: string }) => row.contact_id)).size).toBe(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM contacts WHERE email = 'rush@example.com'`))[0].n).toBe(1);
  });

  it('finds an existing contact by e-mail and leaves its curated values alone', async () => {
    const [contact] = await db.query(`INSERT INTO contacts (name, email, title) VALUES ('张伟', 'zhang.wei@example.cn', '首席信息官') RETURNING id`);
    await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('email', 'zhang.wei@example.cn', $1, 'test')`, [contact.id]);
    const event = await newEvent();
    await register(event.slug, { email: 'zhang.wei@example.cn', name: 'Wei Zhang', title: 'IT guy' });
    const [row] = await db.query(`SELECT contact_id FROM registrations WHERE email = 'zhang.wei@example.cn'`);
    expect(row.contact_id).toBe(contact.id);
    expect((await db.query(`SELECT name, title FROM contacts WHERE id = $1`, [contact.id]))[0]).toEqual({ name: '张伟', title: '首席信息官' });
  });

  it('refuses bad forms with a reason per field and keeps nothing', async () => {
    const event = await newEvent();
    const cases: Array<[object, string]> = [
      [{ email: 'not-an-email' }, 'email'],
      [{ email: 'a@b.com', name: '' }, 'name'],
      [{ email: 'a@b.com', phone: '12' }, 'phone'],
      [{ email: 'a@b.com', answers: { consent: true } }, 'answers.role'],
      [{ email: 'a@b.com', answers: { role: 'Astronaut', consent: true } }, 'answers.role'],
      [{ email: 'a@b.com', answers: { role: 'IT', consent: false } }, 'answers.consent'],
      [{ email: 'a@b.com', answers: { ...ANSWERS, extra: 'x' } }, 'answers'],
    ];
    for (const [body, field] of cases) {
      const response = await register(event.slug, body as RegisterRequest);
      expect(response.statusCode).toBe(400);
      expect(response.json().details.map((d: { path: string }) => d.path)).toContain(field);
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1`, [event.id]))[0].n).toBe(0);
  });

  it('keeps registration closed for drafts, ended and invite-only events, and refuses tampered links', async () => {
    const invite = await newEvent({ registrationMode: 'invite' });
    const refused = await register(invite.slug, { email: 'x@example.com' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('registrations.invite_only');
    expect((await publicCall('GET', `/api/v1/public/events/${invite.slug}`)).json().registrationOpen).toBe(false);
    const ended = await newEvent();
    for (const status of ['live', 'ended']) await call('POST', `/api/v1/events/${ended.id}/status`, { status });
    const closed = await register(ended.slug, { email: 'x@example.com' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().code).toBe('registrations.closed');
    for (const token of ['x', 'A'.repeat(43), `${'B'.repeat(42)}'`]) {
      const response = await publicCall('GET', `/api/v1/public/registrations/${encodeURIComponent(token)}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('registrations.not_found');
    }
  });

  it('fills the seats exactly under a burst, waitlists the rest in order, and promotes when a seat frees up', async () => {
    const event = await newEvent({ title: 'Small room', capacity: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, (_v, i) => register(event.slug, { email: `burst${i}@example.com`, name: `Burst ${i}` })));
    const statuses = results.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'registered')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(15);
    expect((await publicCall('GET', `/api/v1/public/events/${event.slug}`)).json().full).toBe(true);

    const seated = results.find((r) => r.json().status === 'registered')!.json().token;
    const waiting = await db.query(`SELECT email, token FROM registrations WHERE event_id = $1 AND status = 'waitlisted' ORDER BY waiting_since, id`, [event.id]);
    expect((await publicCall('GET', `/api/v1/public/registrations/${waiting[1].token}`)).json().waitlistPosition).toBe(2);
    expect((await mailTo(waiting[0].email))[0].context.status).toBe('waitlisted');

    const cancelled = await publicCall('POST', `/api/v1/public/registrations/${seated}/cancel`);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await publicCall('GET', `/api/v1/public/registrations/${waiting[0].token}`)).json()).toMatchObject({ status: 'registered', waitlistPosition: null });
    expect((await publicCall('GET', `/api/v1/public/registrations/${waiting[1].token}`)).json().waitlistPosition).toBe(1);
    expect((await mailTo(waiting[0].email)).map((m) => m.context.status)).toEqual(['waitlisted', 'registered']);
    const seats = await db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'registered'`, [event.id]);
    expect(seats[0].n).toBe(5);
    // Cancelling twice changes nothing more.
    expect((await publicCall('POST', `/api/v1/public/registrations/${seated}/cancel`)).json().status).toBe('cancelled');
    expect((await db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = 'registered'`, [event.id]))[0].n).toBe(5);
  });

  it('queues approval-mode registrations for an organizer, and records referrals from a forwarded link', async () => {
    const event = await newEvent({ title: 'Executive dinner', registrationMode: 'approval', capacity: 1 });
    const host = await register(event.slug, { email: 'host@example.com', name: 'Host' });
    expect(host.json().status).toBe('pending');
    const friend = await register(event.slug, { email: 'friend@example.com', name: 'Friend', ref: host.json().shareCode });
    const list = (await call('GET', `/api/v1/events/${event.id}/registrations?status=pending`)).json();
    expect(list.counts).toMatchObject({ pending: 2, registered: 0 });
    const friendRow = list.items.find((r: { email: string }) => r.email === 'friend@example.com');
    expect(friendRow).toMatchObject({ source: 'referral', referredByName: 'Host' });

    const hostRow = list.items.find((r: { email: string }) => r.email === 'host@example.com');
    const approved = await call('POST', `/api/v1/events/${event.id}/registrations/${hostRow.id}/review`, { decision: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'registered' });
    const second = await call('POST', `/api/v1/events/${event.id}/registrations/${friendRow.id}/review`, { decision: 'approve' });
    expect(second.json().status).toBe('waitlisted'); // the one seat is taken
    const again = await call('POST', `/api/v1/events/${event.id}/registrations/${hostRow.id}/review`, { decision: 'reject' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('registrations.bad_state');
    expect((await mailTo('host@example.com')).map((m) => m.context.status)).toEqual(['pending', 'registered']);
    expect(friend.json().token).toBeTruthy();
  });
});
