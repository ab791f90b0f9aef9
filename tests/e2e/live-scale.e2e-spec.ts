import fs from 'node:fs';
import { Client } from 'pg';
import type { LiveCheckIn, LiveStats, QaQuestion, QaReply } from '@fulcrum/shared';
import { startApp, startWorker, tempDataDir, type AppProcess } from '../support/app-process';
import { nextMonth, scheduleEvent } from '../support/attendee';
import { DEFAULT_ADMIN } from '../support/console-session';
import { HttpClient } from '../support/http-client';
import { type LiveClient, liveClient, registerAttendee, sessionCookie, waitFor } from '../support/live-socket';
import { createEmptyDatabase } from '../support/test-database';

/**
 * Scale-out (REDIS_URL): two api processes (ROLE=api) serve one event through socket.io's Redis
 * adapter, and a worker (ROLE=worker) reaches their clients through the Redis emitter. Attendees and
 * the organizer are spread over both processes; every change made on one reaches the clients of the other.
 */
describe('the live room over two api processes and a worker on Redis', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let apiA: AppProcess;
  let apiB: AppProcess;
  let worker: AppProcess;
  let dataDir: string;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    database = await createEmptyDatabase();
    dataDir = tempDataDir('live-scale');
    const env = {
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `e2e-scale-${Date.now()}`,
      JWT_SECRET: 'x'.repeat(40),
    };
    // One after the other: both migrate the same database at boot.
    apiA = await startApp({ ...env, ROLE: 'api' });
    [apiB, worker] = await Promise.all([startApp({ ...env, ROLE: 'api' }), startWorker({ ...env, ROLE: 'worker' })]);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([apiA?.stop(), apiB?.stop(), worker?.stop()]);
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  function connect(app: AppProcess, options: { auth?: object; cookie?: string }): LiveClient {
    const socket = liveClient(app.url, options);
    sockets.push(socket);
    return socket;
  }

  it('carries check-ins, questions, moderation, votes and the worker sweep across processes', async () => {
    const api = new HttpClient(apiA.url);
    expect((await api.post('/api/v1/setup', DEFAULT_ADMIN)).status).toBe(201);
    const event = await scheduleEvent(api, { title: 'Two-process live room', format: 'online', ...nextMonth(2), timeZone: 'Asia/Shanghai' });
    expect((await api.post(`/api/v1/events/${event.id}/status`, { status: 'live' })).status).toBe(200);
    const [tokenAda, tokenBo, tokenCy] = [
      await registerAttendee(apiA.url, event.slug, 'Ada Chen', 'ada@example.com'),
      await registerAttendee(apiA.url, event.slug, '王博', 'wang.bo@example.com'),
      await registerAttendee(apiA.url, event.slug, 'Cy Ren', 'cy@example.com'),
    ];

    // The organizer watches on B, with the session signed in on A (one database, one secret).
    const organizer = connect(apiB, { cookie: await sessionCookie(apiA.url, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password) });
    expect((await organizer.timeout(10_000).emitWithAck('room:join', { eventId: event.id })).ok).toBe(true);

    // Ada joins on A: checked in online there; the organizer on B sees the check-in.
    const adaCheckIn = waitFor(organizer, 'checkin:updated', (checkIn: LiveCheckIn) => checkIn.name === 'Ada Chen');
    const ada = connect(apiA, { auth: { token: tokenAda, event: event.slug } });
    await waitFor(ada, 'qa:state', () => true);
    expect(await adaCheckIn).toMatchObject({ eventId: event.id, method: 'online', checkedIn: 1 });
    const bo = connect(apiB, { auth: { token: tokenBo, event: event.slug } });
    const cy = connect(apiA, { auth: { token: tokenCy, event: event.slug } });
    await Promise.all([waitFor(bo, 'qa:state', () => true), waitFor(cy, 'qa:state', () => true)]);

    // Ada asks on A; the organizer on B gets it for moderation; Bo (B) does not see it yet.
    const asked = waitFor(organizer, 'qa:asked', (question) => question.text === 'Will the slides be shared?');
    const askReply: QaReply = await ada.timeout(5_000).emitWithAck('qa:ask', { text: 'Will the slides be shared?' });
    expect(askReply.ok).toBe(true);
    const question = await asked;
    expect(question).toMatchObject({ status: 'pending', asker: { name: 'Ada Chen', email: 'ada@example.com' } });

    // Approved on B: Bo (B) and Cy (A) see it.
    const seenByBo = waitFor(bo, 'qa:updated', (q) => q.id === question.id && q.status === 'approved');
    const seenByCy = waitFor(cy, 'qa:updated', (q) => q.id === question.id && q.status === 'approved');
    const approve: QaReply = await organizer.timeout(5_000).emitWithAck('qa:moderate', { questionId: question.id, action: 'approve' });
    expect(approve.ok).toBe(true);
    expect(await seenByBo).toMatchObject({ text: 'Will the slides be shared?', askerName: 'Ada Chen' });
    await seenByCy;

    // Cy upvotes on A: Bo on B and the organizer on B see the count move.
    const voteOnB = waitFor(bo, 'qa:updated', (q: QaQuestion) => q.id === question.id && q.upvotes === 1);
    const voteForOrganizer = waitFor(organizer, 'qa:updated', (q) => q.id === question.id && q.upvotes === 1);
    const upvote: QaReply = await cy.timeout(5_000).emitWithAck('qa:upvote', { questionId: question.id });
    expect(upvote).toMatchObject({ ok: true, changed: true });
    await Promise.all([voteOnB, voteForOrganizer]);

    // In the database once each: one question, one vote, three online check-ins.
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const counts = await db.query(
        `SELECT (SELECT count(*)::int FROM questions WHERE event_id = $1) AS questions,
                (SELECT count(*)::int FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.event_id = $1) AS votes,
                (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND checked_in_at IS NOT NULL) AS checked_in`,
        [event.id],
      );
      expect(counts.rows[0]).toEqual({ questions: 1, votes: 1, checked_in: 3 });

      // Cy's process "died" long ago as far as the database knows: the worker's sweep (not an api
      // process) closes the session and tells the organizer on B through the Redis emitter.
      const swept = waitFor(organizer, 'room:stats-updated', (stats: LiveStats) => stats.eventId === event.id && stats.inRoom === 2, 45_000);
      await db.query(
        `UPDATE attendance_sessions SET joined_at = now() - interval '20 minutes', last_seen_at = now() - interval '10 minutes'
         WHERE left_at IS NULL AND registration_id = (SELECT id FROM registrations WHERE token = $1)`,
        [tokenCy],
      );
      expect(await swept).toMatchObject({ inRoom: 2, checkedIn: 3 });
      const left = await db.query(`SELECT data->>'reason' AS reason FROM activities WHERE kind = 'left' AND event_id = $1`, [event.id]);
      expect(left.rows).toEqual([{ reason: 'timed_out' }]);
    } finally {
      await db.end();
    }
  }, 120_000);
});
