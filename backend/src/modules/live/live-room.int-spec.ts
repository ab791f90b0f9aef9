import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import {
  type CreateEventRequest,
  type EventDetail,
  LIVE_NAMESPACE,
  type LiveAttendeeAuth,
  type LiveError,
  type LiveRoomState,
  type LiveStats,
} from '@fulcrum/shared';
import { next, type LiveClient } from 'testing/live-client';
import { createTestApp, createUserAndSignIn, setupAdmin, type TestApp } from 'testing/test-app';
import { waitFor } from 'testing/wait-for';
import { LiveRoomService } from './live-room.service';


const DAY = 24 * 3600 * 1000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600 * 1000).toISOString();
const EVENT: CreateEventRequest = {
  title: 'Live Summit',
  format: 'hybrid',
  startsAt: inDays(14),
  endsAt: inDays(14, 3),
  timeZone: 'Asia/Shanghai',
  venue: { name: 'Hall 1', address: 'Pudong' },
};

/** Waits for the room state or the refusal, whichever comes first. */
function outcome(client: LiveClient): Promise<{ state: LiveRoomState } | { error: LiveError }> {
  return new Promise((resolve) => {
    client.once('room:state', (state) => resolve({ state }));
    client.once('session:errored', (error) => resolve({ error }));
  });
}

const disconnected = (client: LiveClient) => new Promise<void>((resolve) => (client.disconnected ? resolve() : client.once('disconnect', () => resolve())));

describe('/live room: attendee handshake, online check-in, presence and live numbers', () => {
  let t: TestApp;
  let db: DataSource;
  let url: string;
  let admin: string;
  let sales: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`;
    admin = await setupAdmin(t, { email: 'room@example.com', name: 'Room Admin', password: 'live room password', locale: 'en' });
    sales = await createUserAndSignIn(t, admin, { email: 'sam@example.com', name: 'Sam Sales', role: 'sales', password: 'sales password 1' });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await t?.close();
  });

  const call = (method: 'GET' | 'POST', path: string, payload?: object, cookie: string | null = admin) =>
    t.app.inject({ method, url: path, payload, headers: cookie ? { cookie } : {} });
  const newEvent = async (status: 'scheduled' | 'live' | 'ended' | 'archived', change: Partial<CreateEventRequest> = {}): Promise<EventDetail> => {
    const created = await call('POST', '/api/v1/events', { ...EVENT, ...change });
    expect(created.statusCode).toBe(201);
    const path = ['scheduled', 'live', 'ended', 'archived'];
    for (const step of path.slice(0, path.indexOf(status) + 1)) {
      expect((await call('POST', `/api/v1/events/${created.json().id}/status`, { status: step })).statusCode).toBe(200);
    }
    return { ...created.json(), status };
  };
  const setStatus = async (event: EventDetail, status: string) => expect((await call('POST', `/api/v1/events/${event.id}/status`, { status })).statusCode).toBe(200);
  const register = async (event: EventDetail, email: string): Promise<{ token: string; id: string; status: string }> => {
    const response = await call('POST', `/api/v1/public/events/${event.slug}/registrations`, { name: email.split('@')[0], email, answers: {} }, null);
    expect(response.statusCode).toBe(201);
    const [row] = await db.query(`SELECT id, status FROM registrations WHERE token = $1`, [response.json().token]);
    return { token: response.json().token, ...row };
  };

  const connect = (options: { auth?: LiveAttendeeAuth | Record<string, unknown>; cookie?: string }): LiveClient => {
    const client: LiveClient = io(url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(options.auth ? { auth: options.auth } : {}),
      ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    });
    clients.push(client);
    return client;
  };
  const attend = async (token: string, event: string): Promise<{ client: LiveClient; state: LiveRoomState }> => {
    const client = connect({ auth: { token, event } });
    const result = await outcome(client);
    if ('error' in result) throw new Error(`refused: ${result.error.code}`);
    return { client, state: result.state };
  };
  const watch = async (cookie: string, eventId: string): Promise<{ client: LiveClient; state: LiveRoomState }> => {
    const client = connect({ cookie });
    await next(client, 'session:welcomed');
    const reply = await client.emitWithAck('room:join', { eventId });
    if (!reply.ok) throw new Error(`room:join refused: ${reply.error.code}`);
    return { client, state: reply.state };
  };
  const sessionsOf = (registrationId: string): Promise<Array<{ id: string; mode: string; joined_at: Date; last_seen_at: Date; left_at: Date | null }>> =>
    db.query(`SELECT id, mode, joined_at, last_seen_at, left_at FROM attendance_sessions WHERE registration_id = $1 ORDER BY joined_at, id`, [registrationId]);
  const activitiesOf = (registrationId: string): Promise<Array<{ kind: string; data: Record<string, unknown> }>> =>
    db.query(`SELECT kind, data FROM activities WHERE registration_id = $1 AND kind <> 'registered' ORDER BY id`, [registrationId]);
  const registrationRow = async (id: string): Promise<{ checked_in_at: Date | null; check_in_method: string | null }> =>
    (await db.query(`SELECT checked_in_at, check_in_method FROM registrations WHERE id = $1`, [id]))[0];

  it('checks an attendee in once on joining a live event, tells the organizers, and closes the session on leaving', async () => {
    const event = await newEvent('live');
    const ada = await register(event, 'ada@example.com');
    const organizer = await watch(admin, event.id);
    expect(organizer.state.organizer).toMatchObject({ canModerate: true, stats: { inRoom: 0, checkedIn: 0, registered: 1 } });
    expect(organizer.state.attendee).toBeNull();

    const checkIn = next(organizer.client, 'checkin:updated');
    const stats = next(organizer.client, 'room:stats-updated', (s: LiveStats) => s.inRoom === 1);
    const first = await attend(ada.token, event.slug);
    expect(first.state.event).toMatchObject({ id: event.id, status: 'live' });
    expect(first.state.attendee).toMatchObject({ registrationId: ada.id, mode: 'live', checkInMethod: 'online', checkedInAt: expect.any(String) });
    expect(first.state.organizer).toBeNull();
    expect(await checkIn).toMatchObject({ eventId: event.id, registrationId: ada.id, name: 'ada', method: 'online', checkedIn: 1 });
    expect(await stats).toMatchObject({ eventId: event.id, inRoom: 1, checkedIn: 1, registered: 1 });

    const checkedIn = await registrationRow(ada.id);
    expect(checkedIn).toEqual({ checked_in_at: new Date(first.state.attendee!.checkedInAt!), check_in_method: 'online' });
    const [open] = await sessionsOf(ada.id);
    expect(open).toMatchObject({ mode: 'live', left_at: null });

    const empty = next(organizer.client, 'room:stats-updated', (s: LiveStats) => s.inRoom === 0);
    first.client.disconnect();
    await waitFor(async () => (await sessionsOf(ada.id))[0].left_at !== null, 10_000, 'session closed');
    expect(await empty).toMatchObject({ inRoom: 0, checkedIn: 1 });
    const [closed] = await sessionsOf(ada.id);
    expect(closed.left_at!.getTime()).toBeGreaterThanOrEqual(closed.joined_at.getTime());
    const activities = await activitiesOf(ada.id);
    expect(activities.map((a) => a.kind)).toEqual(['checked_in', 'joined', 'left']);
    expect(activities[2].data).toMatchObject({ mode: 'live', sessionId: closed.id, watchSeconds: expect.any(Number), reason: 'disconnected' });

    // Back again (a reload): a new session, the check-in untouched and not announced twice.
    let announced = false;
    organizer.client.on('checkin:updated', () => (announced = true));
    const again = await attend(ada.token, event.id);
    expect(again.state.attendee?.checkedInAt).toBe(first.state.attendee?.checkedInAt);
    expect(await registrationRow(ada.id)).toEqual(checkedIn);
    await next(organizer.client, 'room:stats-updated', (s: LiveStats) => s.inRoom === 1);
    expect(announced).toBe(false);
    expect((await activitiesOf(ada.id)).map((a) => a.kind)).toEqual(['checked_in', 'joined', 'left', 'joined']);
    expect(await sessionsOf(ada.id)).toHaveLength(2);
  });

  it('keeps an on-site check-in, and checks nobody in for a scheduled event days away', async () => {
    const live = await newEvent('live');
    const onsite = await register(live, 'onsite@example.com');
    await db.query(`UPDATE registrations SET checked_in_at = now() - interval '5 minutes', check_in_method = 'qr' WHERE id = $1`, [onsite.id]);
    const before = await registrationRow(onsite.id);
    const { state } = await attend(onsite.token, live.slug);
    expect(state.attendee).toMatchObject({ checkInMethod: 'qr', checkedInAt: before.checked_in_at!.toISOString() });
    expect(await registrationRow(onsite.id)).toEqual(before);

    const later = await newEvent('scheduled');
    const early = await register(later, 'early@example.com');
    const joined = await attend(early.token, later.slug);
    expect(joined.state.attendee).toMatchObject({ mode: 'live', checkedInAt: null });
    expect((await registrationRow(early.id)).checked_in_at).toBeNull();
    expect((await activitiesOf(early.id)).map((a) => a.kind)).toEqual(['joined']);
  });

  it('pushes a status change to everyone in the room: going live checks in who is waiting, archiving closes the room', async () => {
    const event = await newEvent('scheduled');
    const waiting = await register(event, 'waiting@example.com');
    const { client } = await attend(waiting.token, event.slug);
    const organizer = await watch(admin, event.id);
    expect((await registrationRow(waiting.id)).checked_in_at).toBeNull();

    const attendeeState = next(client, 'room:state', (state) => state.event.status === 'live');
    const organizerState = next(organizer.client, 'room:state', (state) => state.event.status === 'live');
    const checkedIn = next(organizer.client, 'checkin:updated', (checkIn) => checkIn.registrationId === waiting.id);
    await setStatus(event, 'live');
    expect((await attendeeState).attendee).toMatchObject({ checkInMethod: 'online', checkedInAt: expect.any(String) });
    expect((await organizerState).organizer).toMatchObject({ canModerate: true });
    expect(await checkedIn).toMatchObject({ method: 'online', checkedIn: 1 });
    expect(await registrationRow(waiting.id)).toMatchObject({ check_in_method: 'online' });

    await setStatus(event, 'ended');
    await next(client, 'room:state', (state) => state.event.status === 'ended');
    const refused = next(client, 'session:errored');
    await setStatus(event, 'archived');
    expect((await refused).code).toBe('live.event_unavailable');
    await disconnected(client);
    await waitFor(async () => (await sessionsOf(waiting.id)).every((session) => session.left_at !== null), 5_000, 'the session closed');
  });

  it('moves attendees in the room from the live session to the replay when the event ends', async () => {
    const event = await newEvent('live');
    const viewer = await register(event, 'viewer@example.com');
    const { client } = await attend(viewer.token, event.slug);
    const replay = next(client, 'room:state', (state) => state.event.status === 'ended');
    await setStatus(event, 'ended');
    expect((await replay).attendee).toMatchObject({ mode: 'replay' });
    await waitFor(async () => (await sessionsOf(viewer.id)).length === 2, 5_000, 'the replay session opened');
    const [live, opened] = await sessionsOf(viewer.id);
    expect(live).toMatchObject({ mode: 'live', left_at: expect.any(Date) });
    expect(opened).toMatchObject({ mode: 'replay', left_at: null });
    expect((await activitiesOf(viewer.id)).map((a) => [a.kind, a.data.mode, a.data.reason])).toEqual([
      ['checked_in', undefined, undefined],
      ['joined', 'live', undefined],
      ['left', 'live', 'mode_changed'],
      ['joined', 'replay', undefined],
    ]);
    // Leaving closes the replay session, the one the socket now holds.
    client.disconnect();
    await waitFor(async () => (await sessionsOf(viewer.id)).every((session) => session.left_at !== null), 5_000, 'the replay session closed');
  });

  it('admits a crowd joining at once: each gets its own check-in, session and state, each announced once with the numbers', async () => {
    const event = await newEvent('live');
    // Seated in SQL: 40 confirmation mails rendered meanwhile would only slow the test down.
    const crowd: Array<{ id: string; token: string }> = await db.query(
      `INSERT INTO registrations (event_id, email, name, locale, source, status, token, share_code)
       SELECT $1::uuid, 'crowd' || g || '@example.com', 'Crowd ' || g, 'en', 'open', 'registered', md5('a' || g || $1::text) || md5('b' || g || $1::text), substr(md5('s' || g || $1::text), 1, 16)
       FROM generate_series(1, 40) AS g ORDER BY g RETURNING id, token`,
      [event.id],
    );
    const organizer = await watch(admin, event.id);
    const announced: Array<{ registrationId: string; checkedIn: number }> = [];
    organizer.client.on('checkin:updated', (checkIn) => announced.push(checkIn));
    const everyone = next(organizer.client, 'room:stats-updated', (stats: LiveStats) => stats.inRoom === crowd.length);
    // One of them already in the room on another tab: the crowd's copy of that tab shares its session.
    const early = await attend(crowd[0].token, event.slug);
    const joined = await Promise.all(crowd.map((person) => attend(person.token, event.id)));
    for (const [i, { state }] of joined.entries()) {
      expect(state.attendee).toMatchObject({ registrationId: crowd[i].id, mode: 'live', checkInMethod: 'online', checkedInAt: expect.any(String) });
    }
    expect(await everyone).toMatchObject({ inRoom: crowd.length, checkedIn: crowd.length });
    await waitFor(async () => announced.length === crowd.length, 5_000, 'every check-in announced');
    expect(new Set(announced.map((checkIn) => checkIn.registrationId))).toEqual(new Set(crowd.map((person) => person.id)));
    expect(announced.map((checkIn) => checkIn.checkedIn).sort((a, b) => a - b)).toEqual(crowd.map((_, i) => i + 1));
    const [{ sessions, checkIns, joins }] = await db.query(
      `SELECT (SELECT count(*)::int FROM attendance_sessions WHERE event_id = $1 AND left_at IS NULL) AS sessions,
              (SELECT count(*)::int FROM activities WHERE event_id = $1 AND kind = 'checked_in') AS "checkIns",
              (SELECT count(*)::int FROM activities WHERE event_id = $1 AND kind = 'joined') AS joins`,
      [event.id],
    );
    expect({ sessions, checkIns, joins }).toEqual({ sessions: crowd.length, checkIns: crowd.length, joins: crowd.length });
    expect(early.state.attendee?.checkedInAt).toBe(joined[0].state.attendee?.checkedInAt);
  });

  it('refuses questions and chat from an attendee whose seat went away while their tab stayed open, and lets the socket go at its next heartbeat', async () => {
    const event = await newEvent('live');
    const leaver = await register(event, 'leaver@example.com');
    const { client } = await attend(leaver.token, event.slug);
    await db.query(`UPDATE registrations SET status = 'cancelled' WHERE id = $1`, [leaver.id]);
    const gone = { ok: false, error: { code: 'live.not_registered' } };
    expect(await client.emitWithAck('qa:ask', { text: 'Still here?' })).toMatchObject(gone);
    expect(await client.emitWithAck('chat:send', { text: 'Still here?' })).toMatchObject(gone);
    expect(await db.query(`SELECT 1 FROM questions WHERE registration_id = $1 UNION ALL SELECT 1 FROM chat_messages WHERE registration_id = $1`, [leaver.id])).toEqual([]);
    // Its next heartbeat lets the socket go, and the attendance session closes.
    const refused = next(client, 'session:errored', (error) => error.code === 'live.not_registered');
    client.emit('presence:heartbeat', () => undefined);
    await refused;
    await disconnected(client);
    await waitFor(async () => (await sessionsOf(leaver.id)).every((session) => session.left_at !== null), 5_000, 'the session closed');
    // And it cannot come back.
    const again = outcome(connect({ auth: { token: leaver.token, event: event.slug } }));
    expect(await again).toMatchObject({ error: { code: 'live.not_registered' } });
  });

  it('refuses forged and foreign tokens, seats not held and closed rooms with a clear code, then disconnects', async () => {
    const event = await newEvent('live', { capacity: 1 });
    const other = await newEvent('live');
    const seated = await register(event, 'seated@example.com');
    const waiting = await register(event, 'waiting@example.com');
    expect(waiting.status).toBe('waitlisted');
    const foreign = await register(other, 'foreign@example.com');
    const cancelled = await register(other, 'cancelled@example.com');
    expect((await call('POST', `/api/v1/public/registrations/${cancelled.token}/cancel`, {}, null)).statusCode).toBeLessThan(300);

    const refusals: Array<[string, Record<string, unknown>, string]> = [
      ['a forged token', { token: 'x'.repeat(43), event: event.slug }, 'live.token_invalid'],
      ['a short token', { token: 'abc', event: event.slug }, 'live.token_invalid'],
      ['a malformed handshake', { token: 42, event: event.slug }, 'live.token_invalid'],
      ['another event’s token', { token: foreign.token, event: event.slug }, 'live.wrong_event'],
      ['a waitlisted registration', { token: waiting.token, event: event.id }, 'live.not_registered'],
      ['a cancelled registration', { token: cancelled.token, event: other.slug }, 'live.not_registered'],
    ];
    for (const [what, auth, code] of refusals) {
      const client = connect({ auth });
      const result = await outcome(client);
      expect({ what, code: 'error' in result ? result.error.code : 'admitted' }).toEqual({ what, code });
      await disconnected(client);
    }
    expect(await db.query(`SELECT count(*)::int AS n FROM attendance_sessions WHERE registration_id = ANY($1)`, [[waiting.id, foreign.id, cancelled.id]])).toEqual([{ n: 0 }]);

    // A room closes with its event: the seated attendee of an archived event is refused too.
    await attend(seated.token, event.slug);
    await setStatus(event, 'ended');
    await setStatus(event, 'archived');
    const late = connect({ auth: { token: seated.token, event: event.slug } });
    const result = await outcome(late);
    expect('error' in result && result.error.code).toBe('live.event_unavailable');
  });

  it('moves last_seen_at on a heartbeat, at most one per 10 s per socket, and reopens a session the sweep closed', async () => {
    const event = await newEvent('live');
    const bea = await register(event, 'bea@example.com');
    const { client } = await attend(bea.token, event.slug);
    const secondTab = await attend(bea.token, event.slug);
    await db.query(`UPDATE attendance_sessions SET joined_at = now() - interval '1 minute', last_seen_at = now() - interval '1 minute' WHERE registration_id = $1`, [bea.id]);
    const [before] = await sessionsOf(bea.id);

    expect(await client.emitWithAck('presence:heartbeat')).toMatchObject({ accepted: true });
    const [after] = await sessionsOf(bea.id);
    expect(after.last_seen_at.getTime()).toBeGreaterThan(before.last_seen_at.getTime() + 50_000);
    await db.query(`UPDATE attendance_sessions SET last_seen_at = now() - interval '1 minute' WHERE registration_id = $1`, [bea.id]);
    expect(await client.emitWithAck('presence:heartbeat')).toMatchObject({ accepted: false });
    expect((await sessionsOf(bea.id))[0].last_seen_at.getTime()).toBeLessThan(Date.now() - 50_000);

    // The process holding a session died: the sweep closes it at the time it was last seen.
    await db.query(`UPDATE attendance_sessions SET last_seen_at = now() - interval '3 minutes', joined_at = now() - interval '10 minutes' WHERE registration_id = $1`, [bea.id]);
    const [stale] = await sessionsOf(bea.id);
    expect(await t.app.get(LiveRoomService).sweepStale()).toContain(event.id);
    const [swept] = await sessionsOf(bea.id);
    expect(swept.left_at).toEqual(stale.last_seen_at);
    expect((await activitiesOf(bea.id)).at(-1)).toEqual({ kind: 'left', data: { mode: 'live', sessionId: swept.id, watchSeconds: 420, reason: 'timed_out' } });

    // The attendee is in fact still here: the next heartbeat of one of their sockets opens a new session.
    expect(await secondTab.client.emitWithAck('presence:heartbeat')).toMatchObject({ accepted: true });
    const sessions = await sessionsOf(bea.id);
    expect(sessions).toHaveLength(2);
    expect(sessions[1].left_at).toBeNull();
    expect((await activitiesOf(bea.id)).map((a) => a.kind)).toEqual(['checked_in', 'joined', 'left', 'joined']);
  });

  it('gives several tabs of one person one session, closed when the last tab leaves', async () => {
    const event = await newEvent('live');
    const cy = await register(event, 'cy@example.com');
    const organizer = await watch(admin, event.id);
    const received: Array<{ at: number; stats: LiveStats }> = [];
    organizer.client.on('room:stats-updated', (stats) => received.push({ at: Date.now(), stats }));
    const tabs = await Promise.all([attend(cy.token, event.slug), attend(cy.token, event.slug), attend(cy.token, event.id)]);
    const sessions = await sessionsOf(cy.id);
    expect(sessions).toHaveLength(1);
    expect((await activitiesOf(cy.id)).map((a) => a.kind)).toEqual(['checked_in', 'joined']);
    // Three joins, coalesced: at most one broadcast a second, the last one with the final numbers.
    await waitFor(async () => received.at(-1)?.stats.inRoom === 1 && received.at(-1)?.stats.checkedIn === 1, 10_000, 'final stats');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    for (let i = 1; i < received.length; i++) expect(received[i].at - received[i - 1].at).toBeGreaterThanOrEqual(900);
    expect(received.at(-1)?.stats).toMatchObject({ inRoom: 1, checkedIn: 1, registered: 1 });

    tabs[0].client.disconnect();
    tabs[1].client.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await sessionsOf(cy.id))[0].left_at).toBeNull();
    const late = await watch(sales, event.id);
    expect(late.state.organizer?.stats).toMatchObject({ inRoom: 1, checkedIn: 1 });

    tabs[2].client.disconnect();
    await waitFor(async () => (await sessionsOf(cy.id))[0].left_at !== null, 10_000, 'session closed by the last tab');
    expect((await activitiesOf(cy.id)).map((a) => a.kind)).toEqual(['checked_in', 'joined', 'left']);
  });

  it('counts a visit after the event ended as replay, without a check-in', async () => {
    // Registration closes with the event: register while it is live, then end it.
    const target = await newEvent('live');
    const person = await register(target, 'dee@example.com');
    await setStatus(target, 'ended');
    const { state } = await attend(person.token, target.slug);
    expect(state.event.status).toBe('ended');
    expect(state.attendee).toMatchObject({ mode: 'replay', checkedInAt: null });
    expect(await sessionsOf(person.id)).toEqual([expect.objectContaining({ mode: 'replay', left_at: null })]);
    expect((await registrationRow(person.id)).checked_in_at).toBeNull();
    expect((await activitiesOf(person.id)).map((a) => [a.kind, a.data.mode])).toEqual([['joined', 'replay']]);
  });

  it('lets any console role watch a room, only admins and organizers moderate, and refuses bad joins', async () => {
    const event = await newEvent('scheduled');
    const bySales = await watch(sales, event.id);
    expect(bySales.state.organizer).toMatchObject({ canModerate: false, stats: { eventId: event.id, inRoom: 0 } });

    const errored = next(bySales.client, 'session:errored');
    expect(await bySales.client.emitWithAck('room:join', { eventId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'events.not_found' } });
    expect(await errored).toMatchObject({ code: 'events.not_found' });
    expect(await bySales.client.emitWithAck('room:join', { eventId: 'not-a-uuid' })).toMatchObject({ ok: false, error: { code: 'validation.failed' } });
    expect(bySales.client.connected).toBe(true);

    const eve = await register(event, 'eve@example.com');
    const { client } = await attend(eve.token, event.slug);
    expect(await client.emitWithAck('room:join', { eventId: event.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});
