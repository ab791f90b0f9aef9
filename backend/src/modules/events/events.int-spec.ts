import { DataSource } from 'typeorm';
import type { CreateEventRequest, EventDetail } from '@fulcrum/shared';
import { createTestApp, createUserAndSignIn, setupAdmin, type TestApp } from 'testing/test-app';

const DAY = 24 * 3600 * 1000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600 * 1000).toISOString();

const SUMMIT: CreateEventRequest = {
  title: '2026 数字化转型峰会 · Shanghai',
  description: '<h1>欢迎</h1><p onclick="steal()">Agenda <strong>inside</strong></p><script>alert(1)</script><a href="javascript:x()">x</a>',
  format: 'onsite',
  startsAt: inDays(10),
  endsAt: inDays(10, 6),
  timeZone: 'Asia/Shanghai',
  capacity: 300,
  registrationMode: 'approval',
  agenda: [
    { time: '09:00', title: '签到 Check-in' },
    { time: '09:30', title: 'Keynote', speaker: 'Grace Hopper' },
  ],
  speakers: [{ name: 'Grace Hopper', title: 'CTO', company: 'Example Ltd.' }],
  questions: [
    { key: 'role', label: '您的角色', type: 'select', required: true, options: ['IT', 'Business'] },
    { key: 'topics', label: 'Topics', type: 'textarea' },
  ],
};

describe('events API: create, edit, publish and move through the event lifecycle', () => {
  let t: TestApp;
  let db: DataSource;
  let cookie: string;
  let sales: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    cookie = await setupAdmin(t, { email: 'events@example.com', name: 'Eve Events', password: 'events password', locale: 'en' });
    sales = await createUserAndSignIn(t, cookie, { email: 'sid@example.com', name: 'Sid Sales', role: 'sales', password: 'sales password 1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, as = cookie) =>
    t.app.inject({ method, url, payload, headers: { cookie: as } });
  const create = async (body: CreateEventRequest): Promise<EventDetail> => {
    const response = await call('POST', '/api/v1/events', body);
    expect(response.statusCode).toBe(201);
    return response.json();
  };

  it('creates a draft with defaults, a slug, and a description stripped of anything active', async () => {
    const event = await create(SUMMIT);
    expect(event).toMatchObject({
      title: SUMMIT.title,
      status: 'draft',
      format: 'onsite',
      timeZone: 'Asia/Shanghai',
      capacity: 300,
      registrationMode: 'approval',
      venue: null,
      reminderMinutes: [1440, 60, 0],
      scheduleVersion: 0,
      createdByName: 'Eve Events',
      streamKind: null,
    });
    expect(event.slug).toMatch(/^2026-shanghai-[a-z2-9]{6}$/);
    expect(event.description).toBe('<h2>欢迎</h2><p>Agenda <strong>inside</strong></p><a target="_blank" rel="noopener noreferrer nofollow">x</a>');
    expect(event.agenda[1]).toEqual({ time: '09:30', title: 'Keynote', speaker: 'Grace Hopper' });
    expect(event.questions[0]).toEqual({ key: 'role', label: '您的角色', type: 'select', required: true, options: ['IT', 'Business'] });
    const [audit] = await db.query(`SELECT action FROM audit_log WHERE subject_id = $1`, [event.id]);
    expect(audit.action).toBe('events.created');
  });

  it('refuses bad input field by field and keeps nothing', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const response = await call('POST', '/api/v1/events', {
      ...SUMMIT,
      title: ' ',
      startsAt: inDays(3),
      endsAt: inDays(2),
      timeZone: 'Mars/Olympus',
      streamUrl: 'ftp://example.com/live',
      capacity: 0,
      agenda: [{ time: '25:00', title: 'Late' }],
      questions: [
        { key: 'role', label: 'Role', type: 'select', options: ['only one'] },
        { key: 'role', label: 'Again', type: 'text' },
      ],
      reminderMinutes: [60, 60],
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json().details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'timeZone', 'streamUrl', 'capacity', 'agenda.0.time', 'questions.0.options', 'questions', 'reminderMinutes']));
    expect((await db.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(before);
    const backwards = await call('POST', '/api/v1/events', { ...SUMMIT, startsAt: inDays(3), endsAt: inDays(2) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details).toEqual([{ path: 'endsAt', message: 'The end must come after the start' }]);
  });

  it('schedules an on-site event only with a venue, then goes live, ends and archives; no skipping steps', async () => {
    const event = await create(SUMMIT);
    const early = await call('POST', `/api/v1/events/${event.id}/status`, { status: 'scheduled' });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ code: 'events.not_ready', details: [{ path: 'venue' }] });

    const withVenue = await call('PATCH', `/api/v1/events/${event.id}`, { venue: { name: '上海国际会议中心', address: '浦东新区滨江大道2727号' } });
    expect(withVenue.statusCode).toBe(200);
    expect(withVenue.json().venue).toEqual({ name: '上海国际会议中心', address: '浦东新区滨江大道2727号', directions: null });
    // Fields the PATCH does not name stay as they were.
    expect(withVenue.json()).toMatchObject({ description: event.description, agenda: event.agenda, questions: event.questions, title: event.title });

    const skip = await call('POST', `/api/v1/events/${event.id}/status`, { status: 'ended' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().code).toBe('events.bad_transition');

    for (const status of ['scheduled', 'live', 'ended', 'archived'] as const) {
      const moved = await call('POST', `/api/v1/events/${event.id}/status`, { status });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().status).toBe(status);
    }
    const deleted = await call('DELETE', `/api/v1/events/${event.id}`);
    expect(deleted.statusCode).toBe(409);
    const actions = (await db.query(`SELECT data->>'to' AS to FROM audit_log WHERE subject_id = $1 AND action = 'events.status_changed' ORDER BY id`, [event.id])).map(
      (row: { to: string }) => row.to,
    );
    expect(actions).toEqual(['scheduled', 'live', 'ended', 'archived']);
  });

  it('bumps the schedule version when a published event moves, not for other edits or for drafts', async () => {
    const online = await create({ ...SUMMIT, title: 'Cloud webinar', format: 'online', streamUrl: 'https://cdn.example.com/live/master.m3u8?token=1' });
    expect(online.streamKind).toBe('hls');
    const draftMove = await call('PATCH', `/api/v1/events/${online.id}`, { startsAt: inDays(11), endsAt: inDays(11, 1) });
    expect(draftMove.json().scheduleVersion).toBe(0);
    expect((await call('POST', `/api/v1/events/${online.id}/status`, { status: 'scheduled' })).statusCode).toBe(200);

    const retitled = await call('PATCH', `/api/v1/events/${online.id}`, { title: 'Cloud webinar (Chinese session)', streamUrl: 'https://player.example.com/embed/42' });
    expect(retitled.json()).toMatchObject({ scheduleVersion: 0, streamKind: 'embed' });
    const sameTime = await call('PATCH', `/api/v1/events/${online.id}`, { startsAt: new Date(Date.parse(retitled.json().startsAt)).toISOString().replace('Z', '+00:00') });
    expect(sameTime.json().scheduleVersion).toBe(0);
    const moved = await call('PATCH', `/api/v1/events/${online.id}`, { startsAt: inDays(12), endsAt: inDays(12, 2) });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().scheduleVersion).toBe(1);
    const rezoned = await call('PATCH', `/api/v1/events/${online.id}`, { timeZone: 'Europe/Berlin' });
    expect(rezoned.json().scheduleVersion).toBe(2);

    const backwards = await call('PATCH', `/api/v1/events/${online.id}`, { endsAt: inDays(1) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details).toEqual([{ path: 'endsAt', message: 'The end must come after the start' }]);
    const hybrid = await call('PATCH', `/api/v1/events/${online.id}`, { format: 'hybrid' });
    expect(hybrid.statusCode).toBe(422);
    expect(hybrid.json().details[0].path).toBe('venue');
    expect((await call('GET', `/api/v1/events/${online.id}`)).json()).toMatchObject({ format: 'online', scheduleVersion: 2 });
  });

  it('will not schedule an event that is already over', async () => {
    const past = await create({ ...SUMMIT, title: 'Last year', format: 'online', startsAt: inDays(-30), endsAt: inDays(-30, 2) });
    const response = await call('POST', `/api/v1/events/${past.id}/status`, { status: 'scheduled' });
    expect(response.statusCode).toBe(422);
    expect(response.json().details[0].path).toBe('endsAt');
  });

  it('lists upcoming soonest first and past latest first, searches titles, and pages', async () => {
    const soon = await create({ ...SUMMIT, title: 'Soon 早', format: 'online', startsAt: inDays(1), endsAt: inDays(1, 1) });
    const later = await create({ ...SUMMIT, title: 'Later 晚', format: 'online', startsAt: inDays(40), endsAt: inDays(40, 1) });
    const upcoming = (await call('GET', '/api/v1/events?when=upcoming&pageSize=200')).json();
    const ids = upcoming.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf(later.id));
    expect(upcoming.items.every((item: { endsAt: string }) => Date.parse(item.endsAt) > Date.now())).toBe(true);
    const past = (await call('GET', '/api/v1/events?when=past')).json();
    expect(past.items.map((item: { title: string }) => item.title)).toContain('Last year');
    expect(past.items.map((item: { id: string }) => item.id)).not.toContain(soon.id);
    const found = (await call('GET', `/api/v1/events?q=${encodeURIComponent('早')}`)).json();
    expect(found.items.map((item: { id: string }) => item.id)).toEqual([soon.id]);
    const literal = (await call('GET', `/api/v1/events?q=${encodeURIComponent('%')}`)).json();
    expect(literal.total).toBe(0);
    const paged = (await call('GET', '/api/v1/events?pageSize=2&page=2')).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
    expect((await call('GET', '/api/v1/events?status=archived')).json().total).toBe(1);
  });

  it('deletes drafts, answers 404 for unknown events, and lets sales read but not write', async () => {
    const draft = await create({ ...SUMMIT, title: 'Throwaway' });
    expect((await call('GET', `/api/v1/events/${draft.id}`, undefined, sales)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/events', undefined, sales)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/events', SUMMIT, sales)).statusCode).toBe(403);
    expect((await call('PATCH', `/api/v1/events/${draft.id}`, { title: 'Mine' }, sales)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/events/${draft.id}/status`, { status: 'scheduled' }, sales)).statusCode).toBe(403);
    expect((await call('DELETE', `/api/v1/events/${draft.id}`, undefined, sales)).statusCode).toBe(403);

    expect((await call('DELETE', `/api/v1/events/${draft.id}`)).statusCode).toBe(204);
    const gone = await call('GET', `/api/v1/events/${draft.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().code).toBe('events.not_found');
    expect((await call('PATCH', `/api/v1/events/${draft.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/events/not-a-uuid')).statusCode).toBe(400);
  });
});
