import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import {
  type CheckInBatchResponse,
  type CheckInScan,
  type CheckInSearchResult,
  type CreateEventRequest,
  type EventDetail,
  LIVE_NAMESPACE,
  type LiveCheckIn,
} from '@fulcrum/shared';
import { next, type LiveClient } from 'testing/live-client';
import { createTestApp, createUserAndSignIn, setupAdmin, type TestApp } from 'testing/test-app';

const DAY = 24 * 3600 * 1000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600 * 1000).toISOString();
const ONSITE: CreateEventRequest = {
  title: 'Factory Automation Day',
  format: 'onsite',
  venue: { name: 'Hall A', address: '1 Expo Road', directions: null },
  startsAt: inDays(7),
  endsAt: inDays(7, 8),
  timeZone: 'Asia/Shanghai',
};

interface Registered {
  id: string;
  token: string;
  link: string;
}

describe('on-site check-in: scans in batches, idempotent, at the scan time, announced live', () => {
  let t: TestApp;
  let db: DataSource;
  let url: string;
  let admin: string;
  let event: EventDetail;
  let other: EventDetail;
  const clients: LiveClient[] = [];
  let scanNumber = 0;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
    admin = await setupAdmin(t, { email: 'desk@example.com', name: 'Desk Admin', password: 'check-in password', locale: 'en' });
    event = await newEvent(ONSITE);
    other = await newEvent({ ...ONSITE, title: 'Another Day' });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await t?.close();
  });

  const call = (method: 'GET' | 'POST', path: string, payload?: object, cookie: string | null = admin) =>
    t.app.inject({ method, url: path, payload, headers: cookie ? { cookie } : {} });
  async function newEvent(body: CreateEventRequest): Promise<EventDetail> {
    const created = await call('POST', '/api/v1/events', body);
    expect(created.statusCode).toBe(201);
    expect((await call('POST', `/api/v1/events/${created.json().id}/status`, { status: 'scheduled' })).statusCode).toBe(200);
    return created.json();
  }
  async function register(on: EventDetail, person: { name: string; email: string; company?: string; phone?: string }): Promise<Registered> {
    const response = await call('POST', `/api/v1/public/events/${on.slug}/registrations`, { ...person, answers: {} }, null);
    expect(response.statusCode).toBe(201);
    const token: string = response.json().token;
    const [row] = await db.query(`SELECT id FROM registrations WHERE token = $1`, [token]);
    // What the confirmation's QR code carries.
    return { id: row.id, token, link: `https://fulcrum.example.com/r/${token}` };
  }
  const scan = (code: string, over: Partial<CheckInScan> = {}): CheckInScan => ({
    clientScanId: `scan-${++scanNumber}`,
    code,
    scannedAt: new Date().toISOString(),
    source: 'scan',
    ...over,
  });
  async function send(scans: CheckInScan[], on: EventDetail = event, cookie: string = admin): Promise<CheckInBatchResponse> {
    const response = await call('POST', `/api/v1/events/${on.id}/check-ins`, { scans }, cookie);
    expect(response.statusCode).toBe(200);
    return response.json();
  }
  const row = async (id: string) =>
    (await db.query(`SELECT checked_in_at, check_in_method FROM registrations WHERE id = $1`, [id]))[0] as { checked_in_at: Date | null; check_in_method: string | null };
  const checkIns = async (id: string) => db.query(`SELECT data FROM activities WHERE registration_id = $1 AND kind = 'checked_in'`, [id]);
  async function organizer(): Promise<LiveClient> {
    const client: LiveClient = io(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: admin } });
    clients.push(client);
    await next(client, 'session:welcomed');
    const reply = await client.emitWithAck('room:join', { eventId: event.id });
    expect(reply.ok).toBe(true);
    return client;
  }

  it('checks in the person behind the QR link at the time it was scanned, once, and tells the organizers', async () => {
    const ada = await register(event, { name: 'Ada Lovelace', email: 'ada@acme.example', company: 'Acme Robotics' });
    // She registered last week (a check-in is never dated before the registration).
    await db.query(`UPDATE registrations SET created_at = now() - interval '7 days' WHERE id = $1`, [ada.id]);
    const watcher = await organizer();
    const announced = next(watcher, 'checkin:updated', (payload: LiveCheckIn) => payload.registrationId === ada.id);
    // Scanned offline two minutes ago, sent now.
    const scannedAt = new Date(Date.now() - 120_000).toISOString();
    const first = scan(`${ada.link}\n`, { scannedAt });
    const reply = await send([first]);
    expect(reply.results).toEqual([
      {
        clientScanId: first.clientScanId,
        outcome: 'checked_in',
        attendee: { registrationId: ada.id, name: 'Ada Lovelace', company: 'Acme Robotics', status: 'registered', checkedInAt: scannedAt, checkInMethod: 'onsite' },
      },
    ]);
    expect(reply.counts).toEqual({ checkedIn: 1, registered: 1 });
    expect(await row(ada.id)).toEqual({ checked_in_at: new Date(scannedAt), check_in_method: 'onsite' });
    expect(await announced).toMatchObject({ eventId: event.id, name: 'Ada Lovelace', method: 'onsite', checkedInAt: scannedAt, checkedIn: 1 });
    const [activity] = await checkIns(ada.id);
    expect(activity.data).toMatchObject({ method: 'onsite', source: 'scan', clientScanId: first.clientScanId, scannedAt });

    // The reply was lost and the device sends the batch again: same answer, nothing counted twice.
    const again = await send([first]);
    expect(again.results[0]).toMatchObject({ outcome: 'checked_in', attendee: { checkedInAt: scannedAt } });
    expect(again.counts.checkedIn).toBe(1);
    // Scanned again (the bare token this time): already checked in, at the first time.
    const rescan = await send([scan(ada.token)]);
    expect(rescan.results[0]).toMatchObject({ outcome: 'already_checked_in', attendee: { checkedInAt: scannedAt, checkInMethod: 'onsite' } });
    expect(await checkIns(ada.id)).toHaveLength(1);
    expect(await row(ada.id)).toEqual({ checked_in_at: new Date(scannedAt), check_in_method: 'onsite' });
  });

  it('answers every scan of a batch: another event, no seat, unknown codes', async () => {
    const bo = await register(event, { name: 'Bo Peep', email: 'bo@example.com' });
    const elsewhere = await register(other, { name: 'Cy Young', email: 'cy@example.com', company: 'Young & Co' });
    const cancelled = await register(event, { name: 'Di Cancel', email: 'di@example.com' });
    await db.query(`UPDATE registrations SET status = 'cancelled' WHERE id = $1`, [cancelled.id]);
    const scans = [
      scan(bo.link),
      scan(elsewhere.link),
      scan(cancelled.link),
      scan(`https://fulcrum.example.com/r/${'x'.repeat(43)}`),
      scan('WIFI:S:venue;T:WPA;P:secret;;'),
      scan('https://fulcrum.example.com/e/factory-automation-day'),
    ];
    const reply = await send(scans);
    expect(reply.results.map((result) => [result.clientScanId, result.outcome, result.attendee?.name ?? null])).toEqual([
      [scans[0].clientScanId, 'checked_in', 'Bo Peep'],
      [scans[1].clientScanId, 'wrong_event', 'Cy Young'],
      [scans[2].clientScanId, 'not_registered', 'Di Cancel'],
      [scans[3].clientScanId, 'not_found', null],
      [scans[4].clientScanId, 'not_found', null],
      [scans[5].clientScanId, 'not_found', null],
    ]);
    expect(reply.results[2].attendee?.status).toBe('cancelled');
    expect((await row(elsewhere.id)).checked_in_at).toBeNull();
    expect((await row(cancelled.id)).checked_in_at).toBeNull();
  });

  it('never dates a check-in in the future (a fast device clock) nor before the registration', async () => {
    const fast = await register(event, { name: 'Fay Fast', email: 'fay@example.com' });
    const slow = await register(event, { name: 'Sol Slow', email: 'sol@example.com' });
    const before = Date.now();
    await send([scan(fast.link, { scannedAt: inDays(2) }), scan(slow.link, { scannedAt: '2001-01-01T00:00:00.000Z' })]);
    const fastAt = (await row(fast.id)).checked_in_at!.getTime();
    expect(fastAt).toBeGreaterThanOrEqual(before - 1000);
    expect(fastAt).toBeLessThanOrEqual(Date.now());
    const [{ created_at }] = await db.query(`SELECT created_at FROM registrations WHERE id = $1`, [slow.id]);
    expect((await row(slow.id)).checked_in_at).toEqual(created_at);
  });

  it('counts concurrent scans of one code, from several devices, once', async () => {
    const gil = await register(event, { name: 'Gil Crowd', email: 'gil@example.com' });
    const { counts } = await send([scan('nothing')]);
    const replies = await Promise.all(Array.from({ length: 8 }, () => send([scan(gil.link)])));
    const outcomes = replies.map((reply) => reply.results[0].outcome).sort();
    expect(outcomes).toEqual(['already_checked_in', ...Array(6).fill('already_checked_in'), 'checked_in'].sort());
    expect(await checkIns(gil.id)).toHaveLength(1);
    const after = await send([scan('nothing')]);
    expect(after.counts.checkedIn).toBe(counts.checkedIn + 1);
  });

  it('keeps an online check-in as it is', async () => {
    const hal = await register(event, { name: 'Hal Online', email: 'hal@example.com' });
    const onlineAt = new Date(Date.now() - 3600_000);
    await db.query(`UPDATE registrations SET checked_in_at = $2, check_in_method = 'online' WHERE id = $1`, [hal.id, onlineAt]);
    const reply = await send([scan(hal.link)]);
    expect(reply.results[0]).toMatchObject({ outcome: 'already_checked_in', attendee: { checkInMethod: 'online', checkedInAt: onlineAt.toISOString() } });
    expect(await row(hal.id)).toEqual({ checked_in_at: onlineAt, check_in_method: 'online' });
  });

  it('finds people by name, email or phone however it is written, with their check-in', async () => {
    await register(event, { name: '王建国', email: 'wang.jianguo@huadong.example', company: '华东自动化', phone: '13800138000' });
    const search = async (q: string): Promise<CheckInSearchResult> => {
      const response = await call('GET', `/api/v1/events/${event.id}/check-ins/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    for (const q of ['建国', 'WANG.JIANGUO', '华东', '+86 138 0013 8000', '138-0013-8000', '0013 8000']) {
      const found = await search(q);
      expect([q, found.people.map((person) => person.name)]).toEqual([q, ['王建国']]);
    }
    const [wang] = (await search('建国')).people;
    expect(wang).toMatchObject({ email: 'wang.jianguo@huadong.example', phone: '+8613800138000', company: '华东自动化', checkedInAt: null, status: 'registered' });
    expect((await search('Ada')).people[0]).toMatchObject({ name: 'Ada Lovelace', checkInMethod: 'onsite' });
    // Wildcards are text; other events' registrations are not found.
    expect((await search('%')).people).toEqual([]);
    expect((await search('Cy Young')).people).toEqual([]);
    expect((await call('GET', `/api/v1/events/${event.id}/check-ins/search?q=`)).json()).toMatchObject({ code: 'validation.failed' });
  });

  it('lets attendees check themselves in at a kiosk by email or phone, showing them their name only', async () => {
    const ivy = await register(event, { name: 'Ivy Kiosk', email: 'ivy@kiosk.example', company: 'Secret Corp', phone: '13900139000' });
    const byEmail = await send([scan(' IVY@kiosk.example ', { source: 'kiosk' })]);
    expect(byEmail.results[0]).toMatchObject({ outcome: 'checked_in', attendee: { name: 'Ivy Kiosk', company: null, checkInMethod: 'kiosk' } });
    expect((await row(ivy.id)).check_in_method).toBe('kiosk');
    expect((await send([scan('139 0013 9000', { source: 'kiosk' })])).results[0]).toMatchObject({ outcome: 'already_checked_in', attendee: { name: 'Ivy Kiosk' } });
    // Another event's code at the kiosk: not for here, and nothing about whose it is.
    const elsewhere = await register(other, { name: 'Jo Elsewhere', email: 'jo@example.com' });
    expect((await send([scan(elsewhere.link, { source: 'kiosk' })])).results[0]).toEqual(expect.objectContaining({ outcome: 'wrong_event', attendee: null }));
    // A phone number two registrations share is not guessed.
    await register(event, { name: 'Kim One', email: 'kim1@example.com', phone: '13700137000' });
    await register(event, { name: 'Kim Two', email: 'kim2@example.com', phone: '13700137000' });
    expect((await send([scan('13700137000', { source: 'kiosk' })])).results[0]).toMatchObject({ outcome: 'ambiguous', attendee: null });
  });

  it('refuses sales users, strangers, bad batches, unknown events and events without a venue', async () => {
    const sales = await createUserAndSignIn(t, admin, { email: 'sales@example.com', name: 'Sam Sales', role: 'sales', password: 'sales password 1' });
    const organizer = await createUserAndSignIn(t, admin, { email: 'org@example.com', name: 'Orla Org', role: 'organizer', password: 'organizer password 1' });
    const body = { scans: [scan('x')] };
    expect((await call('POST', `/api/v1/events/${event.id}/check-ins`, body, sales)).json()).toMatchObject({ statusCode: 403, code: 'auth.forbidden' });
    expect((await call('GET', `/api/v1/events/${event.id}/check-ins`, undefined, sales)).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/events/${event.id}/check-ins`, body, null)).statusCode).toBe(401);
    expect((await call('POST', `/api/v1/events/${event.id}/check-ins`, body, organizer)).statusCode).toBe(200);
    const bad = await call('POST', `/api/v1/events/${event.id}/check-ins`, { scans: [{ clientScanId: 'a', code: ' ', scannedAt: 'soon', source: 'camera' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('validation.failed');
    expect((await call('POST', `/api/v1/events/${event.id}/check-ins`, { scans: [] })).statusCode).toBe(400);
    expect((await call('POST', `/api/v1/events/0b8e2a51-9c3d-4f6e-8a1b-2c3d4e5f6a7b/check-ins`, body)).json()).toMatchObject({ statusCode: 404, code: 'events.not_found' });
    const online = await newEvent({ ...ONSITE, title: 'Webinar', format: 'online', venue: null });
    expect((await call('POST', `/api/v1/events/${online.id}/check-ins`, body)).json()).toMatchObject({ statusCode: 409, code: 'checkin.unavailable' });

    const overview = (await call('GET', `/api/v1/events/${event.id}/check-ins`)).json();
    expect(overview).toMatchObject({ event: { id: event.id, title: 'Factory Automation Day', format: 'onsite', venueName: 'Hall A', status: 'scheduled' } });
    const [{ checked_in, registered }] = await db.query(
      `SELECT count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS checked_in, count(*) FILTER (WHERE status = 'registered')::int AS registered FROM registrations WHERE event_id = $1`,
      [event.id],
    );
    expect(overview.counts).toEqual({ checkedIn: checked_in, registered });
  });
});
