// Shared by the live benchmarks (fanout, join-storm, fanout-redis): our backend and the bare socket.io
// server as child processes, an event with N registrations written directly into a fresh database,
// client processes (live-clients.mjs), the organizer's socket and the broadcasts it triggers.
import { fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { io } from 'socket.io-client';
import { freePort, median, spawnReady, tempDir } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
export const now = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const fmt = (n, digits = 0) => Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** At most this many client sockets per process (a process may hold 20,000 open files here). */
const SOCKETS_PER_PROCESS = 5_000;
const QUESTION_TEXT = 'Will the slides and the replay be shared after the session, and where can we find them?';
const POLL = { question: 'Which topic should we cover in the next session?', options: ['Predictive maintenance', 'Digital twins on the shop floor', 'Energy management'] };

export const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

/** The quantile q (0–1) of values, nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

// ---------------------------------------------------------------------------------------------------
// Servers.

const PROBE = ['--expose-gc', '--require', path.join(here, 'memory-probe.cjs')];

/**
 * A server's memory after two full garbage collections (memory-probe.cjs, preloaded into each server):
 * process.memoryUsage() in bytes.
 */
export function memoryOf(server) {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      server.child.stdout.off('data', onData);
      reject(new Error(`${server.label}: no memory reading within 30 s`));
    }, 30_000);
    const onData = (chunk) => {
      buffer += chunk.toString();
      const match = /bench-memory (\{.*\})\n/.exec(buffer);
      if (!match) return;
      clearTimeout(timer);
      server.child.stdout.off('data', onData);
      resolve(JSON.parse(match[1]));
    };
    server.child.stdout.on('data', onData);
    server.child.kill('SIGUSR2');
  });
}

/** A private redis-server on a free port (the shared one is left alone). */
export async function startPrivateRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      if (/Ready to accept connections/.test(output)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}):\n${output}`)));
  });
  child.stdout.resume();
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) };
}

/** The bare socket.io server (bare-socketio-server.mjs) in its own process. */
export async function startBare() {
  const port = await freePort();
  const server = await spawnReady([...PROBE, path.join(here, 'bare-socketio-server.mjs')], { PORT: String(port) }, /bare socket\.io listening/);
  return { label: 'bare socket.io', url: `http://127.0.0.1:${port}`, pid: server.child.pid, child: server.child, stop: server.stop };
}

/**
 * Our api process (`backend/dist/main.js`, ROLE=api, production settings) on `databaseUrl`, with Redis
 * when given; `nodeArgs` e.g. ['--cpu-prof', '--cpu-prof-dir', dir].
 */
export async function startOurs({ databaseUrl, redisUrl, prefix, nodeArgs = [] }) {
  const port = await freePort();
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: tempDir('live'),
    DATABASE_URL: databaseUrl,
    ROLE: 'api',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    ...(redisUrl ? { REDIS_URL: redisUrl, QUEUE_PREFIX: prefix ?? 'bench' } : { REDIS_URL: '' }),
  };
  const server = await spawnReady([...PROBE, ...nodeArgs, path.join(root, 'backend', 'dist', 'main.js')], env, /Fulcrum is running at/, { cwd: root });
  return { label: 'ours', url: `http://127.0.0.1:${port}`, pid: server.child.pid, child: server.child, stop: server.stop };
}

// ---------------------------------------------------------------------------------------------------
// The event: set up through the API (admin, event, live), registrations and questions in SQL.

async function call(url, method, pathname, body, cookie) {
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${pathname}: ${response.status} ${text}`);
  return { body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/**
 * A live online event on our server with `size` registrations (tokens returned) and `questions`
 * pending questions to approve, plus the organizer's session cookie.
 */
export async function seedEvent(ours, databaseUrl, { size, questions }) {
  const admin = { email: 'bench@example.com', name: 'Bench Organizer', password: 'bench organizer password', locale: 'en' };
  await call(ours.url, 'POST', '/api/v1/setup', admin);
  const signIn = await call(ours.url, 'POST', '/api/v1/auth/sign-in', { email: admin.email, password: admin.password });
  const cookie = String(signIn.headers.get('set-cookie')).split(';')[0];
  const start = new Date(Date.now() + 3600_000);
  const created = await call(
    ours.url,
    'POST',
    '/api/v1/events',
    { title: 'Smart manufacturing summit (live benchmark)', format: 'online', startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(), timeZone: 'Asia/Shanghai' },
    cookie,
  );
  const eventId = created.body.id;
  await call(ours.url, 'POST', `/api/v1/events/${eventId}/status`, { status: 'scheduled' }, cookie);
  await call(ours.url, 'POST', `/api/v1/events/${eventId}/status`, { status: 'live' }, cookie);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = await db.query(
      `INSERT INTO registrations (event_id, email, name, company, title, locale, source, status, token, share_code)
       SELECT $1::uuid, 'attendee' || g || '@bench.example.com', 'Attendee ' || g, 'Bench Co ' || (g % 500), 'Engineer', 'zh-CN', 'open', 'registered',
              md5('token-a' || g || $1::text) || md5('token-b' || g || $1::text), substr(md5('share' || g || $1::text), 1, 16)
       FROM generate_series(1, $2::int) AS g
       RETURNING id, token`,
      [eventId, size],
    );
    const registrations = rows.rows;
    const asked = await db.query(
      `INSERT INTO questions (event_id, registration_id, text) SELECT $1::uuid, unnest($2::uuid[]), $3 RETURNING id`,
      [eventId, Array.from({ length: questions }, (_, i) => registrations[i % registrations.length].id), QUESTION_TEXT],
    );
    return { eventId, cookie, tokens: registrations.map((r) => r.token), questionIds: asked.rows.map((r) => r.id) };
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------------
// Clients.

/**
 * `auths.length` clients of `url`, in processes of at most 5,000 sockets, each process from its own
 * loopback source address (127.0.0.<addressBase + i>), so ephemeral ports never run short.
 */
export async function openClients({ url, auths, addressBase, concurrency = 100, spreadMs = 0 }) {
  // With spreadMs, every process spreads its share over the whole time: together they start
  // auths.length clients evenly within spreadMs.
  const chunks = [];
  for (let i = 0; i < auths.length; i += SOCKETS_PER_PROCESS) chunks.push(auths.slice(i, i + SOCKETS_PER_PROCESS));
  const children = chunks.map(() => fork(path.join(here, 'live-clients.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  const ask = (child, message, type) =>
    new Promise((resolve) => {
      const onMessage = (reply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        resolve(reply);
      };
      child.on('message', onMessage);
      child.send(message);
    });
  const started = now();
  const replies = await Promise.all(
    children.map((child, i) =>
      ask(child, { cmd: 'connect', url: `${url}/live`, auths: chunks[i], localAddress: `127.0.0.${addressBase + i}`, concurrency, spreadMs }, 'connected'),
    ),
  );
  return {
    ok: replies.reduce((sum, r) => sum + r.ok, 0),
    failed: replies.reduce((sum, r) => sum + r.failed, 0),
    errors: [...new Set(replies.flatMap((r) => r.errors))],
    latencies: replies.flatMap((r) => r.latencies),
    seconds: (now() - started) / 1000,
    /** Per broadcast key, over every process: clients that got it, the latest and the summed receipt times. */
    async collect() {
      const all = await Promise.all(children.map((child) => ask(child, { cmd: 'collect' }, 'collected')));
      const merged = {};
      for (const { stats } of all) {
        for (const [key, s] of Object.entries(stats)) {
          const m = (merged[key] ??= { count: 0, max: 0, sum: 0 });
          m.count += s.count;
          m.sum += s.sum;
          m.max = Math.max(m.max, s.max);
        }
      }
      return merged;
    },
    async close() {
      await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.send({ cmd: 'close' }))))));
    },
  };
}

/** The organizer's socket: ours with the console session and `room:join`, the bare server with `auth.organizer`. */
export async function organizerSocket(server, { cookie, eventId } = {}) {
  const socket = io(`${server.url}/live`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(cookie ? { extraHeaders: { cookie } } : { auth: { organizer: true } }),
  });
  await new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  if (cookie) {
    const joined = await socket.timeout(30_000).emitWithAck('room:join', { eventId });
    if (!joined.ok) throw new Error(`room:join refused: ${JSON.stringify(joined.error)}`);
  }
  return socket;
}

/**
 * One round of broadcasts triggered the way production does: a poll launched (ours: created as a
 * draft first, then `poll:launch`), then a burst of `burst` questions approved back to back
 * (`qa:moderate`), each one broadcast to every attendee. t0 is when the organizer's request leaves;
 * a broadcast's time to the last recipient is the latest receipt minus t0.
 */
export async function broadcastRound({ ours, organizer, pools, expected, eventId, questionIds, burst, timeoutMs = 60_000 }) {
  const results = [];
  const waitFor = async (keys) => {
    const deadline = now() + timeoutMs;
    for (;;) {
      const stats = await mergedStats(pools);
      if (keys.every(({ key }) => (stats[key]?.count ?? 0) >= expected) || now() > deadline) return stats;
      await sleep(250);
    }
  };
  const record = (stats, { key, kind, t0 }) => {
    const s = stats[key] ?? { count: 0, max: t0, sum: 0 };
    results.push({ kind, toLast: s.max - t0, mean: s.count ? s.sum / s.count - t0 : NaN, coverage: s.count / expected });
  };

  // The poll.
  let pollKey;
  if (ours) {
    const created = await organizer.timeout(30_000).emitWithAck('poll:create', { eventId, question: POLL.question, kind: 'single', options: POLL.options });
    if (!created.ok) throw new Error(`poll:create refused: ${JSON.stringify(created.error)}`);
    const t0 = now();
    const launched = organizer.timeout(30_000).emitWithAck('poll:launch', { pollId: created.poll.id });
    pollKey = { key: `p:${created.poll.id}`, kind: 'poll', t0 };
    const reply = await launched;
    if (!reply.ok) throw new Error(`poll:launch refused: ${JSON.stringify(reply.error)}`);
  } else {
    const pollId = randomUUID();
    const t0 = now();
    await organizer.timeout(30_000).emitWithAck('poll:launch', { pollId, question: POLL.question, options: POLL.options.map((text) => ({ id: randomUUID(), text })) });
    pollKey = { key: `p:${pollId}`, kind: 'poll', t0 };
  }
  record(await waitFor([pollKey]), pollKey);

  // The burst of approved questions.
  const keys = [];
  const acks = [];
  for (const questionId of questionIds.splice(0, burst)) {
    keys.push({ key: `q:${questionId}`, kind: 'qa', t0: now() });
    acks.push(organizer.timeout(30_000).emitWithAck('qa:moderate', ours ? { questionId, action: 'approve' } : { questionId, text: QUESTION_TEXT }));
  }
  for (const reply of await Promise.all(acks)) if (!reply.ok) throw new Error(`qa:moderate refused: ${JSON.stringify(reply.error)}`);
  const stats = await waitFor(keys);
  for (const key of keys) record(stats, key);
  return results;
}

async function mergedStats(pools) {
  const merged = {};
  for (const pool of pools) {
    for (const [key, s] of Object.entries(await pool.collect())) {
      const m = (merged[key] ??= { count: 0, max: 0, sum: 0 });
      m.count += s.count;
      m.sum += s.sum;
      m.max = Math.max(m.max, s.max);
    }
  }
  return merged;
}

/** Bare question ids: the bare server broadcasts whatever id it is given. */
export const bareQuestionIds = (count) => Array.from({ length: count }, () => randomUUID());

/** p50 / p99 of the time to the last recipient, mean delivery and worst coverage of a list of broadcasts. */
export function summarize(broadcasts) {
  const toLast = broadcasts.map((b) => b.toLast);
  return {
    count: broadcasts.length,
    p50: quantile(toLast, 0.5),
    p99: quantile(toLast, 0.99),
    pollMedian: median(broadcasts.filter((b) => b.kind === 'poll').map((b) => b.toLast)),
    meanDelivery: median(broadcasts.map((b) => b.mean)),
    coverage: Math.min(...broadcasts.map((b) => b.coverage)),
  };
}

/**
 * The figures of a fan-out run per side (`baseline`, `ours`: their broadcasts, memory before and after
 * connecting `n` clients, CPU over the rounds), printed side by side; returns them.
 */
export function printFanoutReport(sides, n, baselineLabel, oursLabel = 'ours') {
  const report = {};
  for (const [name, side] of Object.entries(sides)) {
    report[name] = {
      ...summarize(side.broadcasts),
      kbPerConnection: (side.after.rss - side.before.rss) / 1024 / n,
      heapKbPerConnection: (side.after.heapUsed - side.before.heapUsed) / 1024 / n,
      cpuUsPerRecipient: (side.cpu * 1e6) / (side.broadcasts.length * n),
    };
  }
  const width = baselineLabel.length + 2;
  console.log('');
  console.log(`${' '.repeat(22)}${baselineLabel.padStart(width)}   ${oursLabel}`);
  const row = (label, pick, digits = 0) => console.log(`${label.padEnd(22)}${fmt(pick(report.baseline), digits).padStart(width)}   ${fmt(pick(report.ours), digits)}`);
  row('broadcasts', (r) => r.count);
  row('to last p50 (ms)', (r) => r.p50);
  row('to last p99 (ms)', (r) => r.p99);
  row('poll launch (ms)', (r) => r.pollMedian);
  row('mean delivery (ms)', (r) => r.meanDelivery);
  row('coverage (%)', (r) => r.coverage * 100, 2);
  row('RSS/conn (KB)', (r) => r.kbPerConnection, 1);
  row('heap/conn (KB)', (r) => r.heapKbPerConnection, 1);
  row('CPU/recipient (µs)', (r) => r.cpuUsPerRecipient, 1);
  return report;
}
