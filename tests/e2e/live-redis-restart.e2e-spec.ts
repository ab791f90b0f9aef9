import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { Client } from 'pg';
import type { LiveStats, QaQuestion, QaReply, QaState } from '@fulcrum/shared';
import { freePort, startApp, tempDataDir, type AppProcess } from '../support/app-process';
import { nextMonth, scheduleEvent } from '../support/attendee';
import { DEFAULT_ADMIN } from '../support/console-session';
import { HttpClient } from '../support/http-client';
import { type LiveClient, liveClient, registerAttendee, sessionCookie, waitFor } from '../support/live-socket';
import { createEmptyDatabase } from '../support/test-database';

/** A private redis-server for this test (the shared one on 6379 is never restarted), append-only so a restart keeps the queues. */
class PrivateRedis {
  private child?: ChildProcess;

  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', this.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/Ready to accept connections/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${output}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Redis restarted mid-event under two api processes: while it is away each process still serves its
 * own clients, and every question, vote and check-in is written once to the database. What happens to
 * a broadcast sent while Redis is away: its own process's clients get it at once; for the other
 * process it waits in the publisher's offline queue and goes out when Redis is back (lost if the other
 * process has not re-subscribed yet, or when Redis is away for more than ~10 s: ioredis gives up on
 * queued commands after 20 reconnection attempts). So when a process's subscription comes back it
 * sends its clients their state afresh from the database (`room:state`, `qa:state`, `poll:state`,
 * `chat:state`): nothing made during the outage is missing afterwards, whichever way it arrives. (In
 * the runs so far, the outage's check-in and question reached the organizer by the queued publish,
 * and Bo's vote reached Ada only by the resync.)
 */
describe('restarting Redis mid-event under two api processes', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let redis: PrivateRedis;
  let apiA: AppProcess;
  let apiB: AppProcess;
  let dataDir: string;
  const sockets: LiveClient[] = [];
  const disconnects: string[] = [];

  beforeAll(async () => {
    database = await createEmptyDatabase();
    dataDir = tempDataDir('live-redis-restart');
    fs.mkdirSync(`${dataDir}/redis`);
    redis = new PrivateRedis(await freePort(), `${dataDir}/redis`);
    await redis.start();
    const env = { DATA_DIR: dataDir, DATABASE_URL: database.url, REDIS_URL: redis.url, JWT_SECRET: 'x'.repeat(40), ROLE: 'api' };
    apiA = await startApp(env);
    apiB = await startApp(env);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all([apiA?.stop(), apiB?.stop()]);
    await redis?.stop();
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Clients reconnect by themselves (socket.io's default), as the pages do; every disconnect is recorded. */
  function connect(name: string, app: AppProcess, options: { auth?: object; cookie?: string }): LiveClient {
    const socket = liveClient(app.url, { ...options, reconnection: true });
    socket.on('disconnect', (reason) => disconnects.push(`${name}: ${reason}`));
    sockets.push(socket);
    return socket;
  }

  const ask = async (socket: LiveClient, text: string): Promise<QaQuestion> => {
    const reply: QaReply = await socket.timeout(5_000).emitWithAck('qa:ask', { text });
    if (!reply.ok) throw new Error(`qa:ask refused: ${JSON.stringify(reply.error)}`);
    return reply.question;
  };
  const act = async (socket: LiveClient, message: 'qa:upvote' | 'qa:moderate', body: object): Promise<void> => {
    const reply: QaReply = await socket.timeout(5_000).emitWithAck(message as 'qa:upvote', body as never);
    if (!reply.ok || !reply.changed) throw new Error(`${message} did not change anything: ${JSON.stringify(reply)}`);
  };

  it('keeps serving, loses nothing, counts nothing twice, and every client is up to date after Redis is back', async () => {
    const api = new HttpClient(apiA.url);
    expect((await api.post('/api/v1/setup', DEFAULT_ADMIN)).status).toBe(201);
    const event = await scheduleEvent(api, { title: 'Redis restart', format: 'online', ...nextMonth(2), timeZone: 'Asia/Shanghai' });
    expect((await api.post(`/api/v1/events/${event.id}/status`, { status: 'live' })).status).toBe(200);
    const tokens: Record<string, string> = {};
    for (const name of ['Ada', 'Bo', 'Cy', 'Di']) tokens[name] = await registerAttendee(apiA.url, event.slug, name, `${name.toLowerCase()}@example.com`);
    const attendee = (name: string) => ({ auth: { token: tokens[name], event: event.slug } });

    // The organizer and Bo on B, Ada on A.
    const organizer = connect('organizer', apiB, { cookie: await sessionCookie(apiA.url, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password) });
    expect((await organizer.timeout(10_000).emitWithAck('room:join', { eventId: event.id })).ok).toBe(true);
    const ada = connect('Ada', apiA, attendee('Ada'));
    const bo = connect('Bo', apiB, attendee('Bo'));
    await Promise.all([waitFor(ada, 'qa:state', () => true), waitFor(bo, 'qa:state', () => true)]);

    // Before: a question asked on A reaches the organizer on B; approved there, it reaches Ada on A.
    const asked1 = waitFor(organizer, 'qa:asked', (q) => q.text === 'Before the restart?');
    const q1 = await ask(ada, 'Before the restart?');
    await asked1;
    const approved1 = waitFor(ada, 'qa:updated', (q) => q.id === q1.id && q.status === 'approved');
    await act(organizer, 'qa:moderate', { questionId: q1.id, action: 'approve' });
    await approved1;

    // Redis goes away; both processes notice (their subscriber connection closes).
    await redis.stop();
    for (const app of [apiA, apiB]) {
      for (let i = 0; i < 50 && !app.output().includes('Redis is unreachable'); i++) await sleep(100);
      expect(app.output()).toContain('Redis is unreachable');
    }

    // During the outage: Cy joins on A (an online check-in) and asks, Bo upvotes on B. All are
    // written; Bo's vote reaches the organizer at once (same process), whatever Redis does.
    const cy = connect('Cy', apiA, attendee('Cy'));
    await waitFor(cy, 'qa:state', () => true);
    const q2 = await ask(cy, 'During the outage?');
    const voteSeenOnB = waitFor(organizer, 'qa:updated', (q) => q.id === q1.id && q.upvotes === 1);
    await act(bo, 'qa:upvote', { questionId: q1.id });
    await voteSeenOnB;

    // Redis is back on the same port. Each process resyncs its clients from the database.
    const organizerResynced = waitFor(organizer, 'qa:state', (state: QaState) => state.questions.some((q) => q.id === q2.id), 30_000);
    const organizerRoom = waitFor(organizer, 'room:state', (state) => state.organizer?.stats.checkedIn === 3, 30_000);
    const adaResynced = waitFor(ada, 'qa:state', (state: QaState) => state.questions.some((q) => q.id === q1.id && q.upvotes === 1), 30_000);
    await redis.start();
    const [organizerState, room] = await Promise.all([organizerResynced, organizerRoom, adaResynced]);
    expect(organizerState.questions.map((q) => [q.text, q.status, q.upvotes])).toEqual(
      expect.arrayContaining([
        ['Before the restart?', 'approved', 1],
        ['During the outage?', 'pending', 0],
      ]),
    );
    expect(room.organizer?.stats).toMatchObject({ checkedIn: 3, inRoom: 3 });

    // After: everything crosses processes again — a check-in on A, a question asked on A, moderation
    // on B, a vote on A reaching B.
    const diCheckIn = waitFor(organizer, 'checkin:updated', (checkIn) => checkIn.name === 'Di', 15_000);
    // Online check-ins come with the live numbers they moved.
    const stats = waitFor(organizer, 'room:stats-updated', (s: LiveStats) => s.inRoom === 4, 15_000);
    const di = connect('Di', apiA, attendee('Di'));
    await waitFor(di, 'qa:state', () => true);
    expect(await diCheckIn).toMatchObject({ checkedIn: 4 });
    const asked3 = waitFor(organizer, 'qa:asked', (q) => q.text === 'After the restart?', 15_000);
    await ask(di, 'After the restart?');
    await asked3;
    const approved2 = waitFor(ada, 'qa:updated', (q) => q.id === q2.id && q.status === 'approved', 15_000);
    await act(organizer, 'qa:moderate', { questionId: q2.id, action: 'approve' });
    await approved2;
    const voteOnB = waitFor(bo, 'qa:updated', (q) => q.id === q2.id && q.upvotes === 1, 15_000);
    await act(ada, 'qa:upvote', { questionId: q2.id });
    await voteOnB;
    expect(await stats).toMatchObject({ checkedIn: 4, inRoom: 4 });

    // Exactly once each in the database.
    const db = new Client({ connectionString: database.url });
    await db.connect();
    try {
      const questions = await db.query(`SELECT text, count(*)::int AS n FROM questions WHERE event_id = $1 GROUP BY text ORDER BY text`, [event.id]);
      expect(questions.rows).toEqual([
        { text: 'After the restart?', n: 1 },
        { text: 'Before the restart?', n: 1 },
        { text: 'During the outage?', n: 1 },
      ]);
      const votes = await db.query(
        `SELECT q.text, count(*)::int AS n FROM question_votes v JOIN questions q ON q.id = v.question_id WHERE q.event_id = $1 GROUP BY q.text ORDER BY q.text`,
        [event.id],
      );
      expect(votes.rows).toEqual([
        { text: 'Before the restart?', n: 1 },
        { text: 'During the outage?', n: 1 },
      ]);
      const checkIns = await db.query(`SELECT name FROM registrations WHERE event_id = $1 AND checked_in_at IS NOT NULL ORDER BY name`, [event.id]);
      expect(checkIns.rows.map((row) => row.name)).toEqual(['Ada', 'Bo', 'Cy', 'Di']);
      const checkInActivities = await db.query(`SELECT count(*)::int AS n FROM activities WHERE event_id = $1 AND kind = 'checked_in'`, [event.id]);
      expect(checkInActivities.rows[0].n).toBe(4);
    } finally {
      await db.end();
    }

    // Redis restarting does not touch the clients' connections (they are to the api processes); any
    // that dropped reconnected by itself and is connected now.
    expect(sockets.every((socket) => socket.connected)).toBe(true);
    expect(disconnects).toEqual([]);
  }, 120_000);
});
