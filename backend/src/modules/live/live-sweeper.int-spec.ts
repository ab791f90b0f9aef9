import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { LIVE_NAMESPACE, type LiveStats } from '@fulcrum/shared';
import { next, type LiveClient } from 'testing/live-client';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';
import { LiveStaleSweeper } from './live-sweeper';

/**
 * The stale-attendance sweep in the single-process default (ROLE=all, no Redis): it runs on this
 * process, and the organizers watching get the new numbers through the gateway's own namespace.
 */
describe('LiveStaleSweeper in one process', () => {
  let t: TestApp;
  let db: DataSource;
  let url: string;
  let admin: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}${LIVE_NAMESPACE}`;
    admin = await setupAdmin(t, { email: 'sweep@example.com', name: 'Sweep Admin', password: 'sweep admin password', locale: 'en' });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await t?.close();
  });

  const connect = (options: { auth?: object; cookie?: string }): LiveClient => {
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

  it('closes a session nobody closed and tells the organizers through this process', async () => {
    const call = (path: string, payload: object, cookie: string | null = admin) => t.app.inject({ method: 'POST', url: path, payload, headers: cookie ? { cookie } : {} });
    const start = new Date(Date.now() + 7 * 24 * 3600_000);
    const created = await call('/api/v1/events', { title: 'Sweep', format: 'online', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3600_000).toISOString(), timeZone: 'Asia/Shanghai' });
    const event = created.json() as { id: string; slug: string };
    for (const status of ['scheduled', 'live']) expect((await call(`/api/v1/events/${event.id}/status`, { status })).statusCode).toBe(200);
    const tokens: string[] = [];
    for (const email of ['ada@example.com', 'bo@example.com']) {
      const registered = await call(`/api/v1/public/events/${event.slug}/registrations`, { name: email.split('@')[0], email, answers: {} }, null);
      tokens.push(registered.json().token);
    }

    const organizer = connect({ cookie: admin });
    await next(organizer, 'session:welcomed');
    expect((await organizer.emitWithAck('room:join', { eventId: event.id })).ok).toBe(true);
    const bothIn = next(organizer, 'room:stats-updated', (stats: LiveStats) => stats.inRoom === 2);
    for (const token of tokens) {
      const attendee = connect({ auth: { token, event: event.slug } });
      await next(attendee, 'room:state');
    }
    await bothIn;

    // Nothing stale yet: the sweep closes nothing and sends nothing.
    expect(await t.app.get(LiveStaleSweeper).sweepStale()).toBeNull();

    // Ada's process "died" ten minutes ago as far as the database knows.
    await db.query(
      `UPDATE attendance_sessions SET joined_at = now() - interval '20 minutes', last_seen_at = now() - interval '10 minutes'
       WHERE registration_id = (SELECT id FROM registrations WHERE token = $1)`,
      [tokens[0]],
    );
    const swept = next(organizer, 'room:stats-updated', (stats: LiveStats) => stats.inRoom === 1);
    expect(await t.app.get(LiveStaleSweeper).sweepStale()).toBe('closed stale attendance sessions in 1 event(s)');
    expect(await swept).toMatchObject({ eventId: event.id, inRoom: 1, checkedIn: 2, registered: 2 });
    const [left] = await db.query(`SELECT data->>'reason' AS reason FROM activities WHERE event_id = $1 AND kind = 'left'`, [event.id]);
    expect(left).toEqual({ reason: 'timed_out' });
  });

});
