// register: the public registration endpoint (POST /api/v1/public/events/:slug/registrations) under
// autocannon, every request a new person (unique e-mail), on PostgreSQL with the worker in the same
// process sending the confirmations to the outbox, against a bare node:http handler that parses the same
// body and answers with the same shape. Rounds alternate baseline and ours; the median of each is reported.
//   npm run bench -- register [--rounds 3] [--duration 10] [--connections 20] [--capacity 0]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createDatabase, freePort, machine, median, parseArgs, round, spawnReady, summary, tempDir } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const options = parseArgs(process.argv.slice(2), { rounds: 3, duration: 10, connections: 20, capacity: 0 });

const database = await createDatabase();
const port = await freePort();
const fulcrum = await spawnReady(
  [path.join(root, 'backend', 'dist', 'main.js')],
  { DATABASE_URL: database.url, DATA_DIR: tempDir('register'), PORT: String(port), LOG_LEVEL: 'info', NODE_ENV: 'production', JWT_SECRET: 'b'.repeat(40) },
  /Fulcrum is running at/,
  { cwd: root },
);
const base = `http://127.0.0.1:${port}`;
let bare;
try {
  const json = { 'content-type': 'application/json' };
  const setup = await fetch(`${base}/api/v1/setup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'bench@example.com', name: 'Bench', password: 'bench password', locale: 'en' }),
  });
  const cookie = setup.headers.get('set-cookie').split(';')[0];
  const start = Date.now() + 7 * 24 * 3600 * 1000;
  const created = await fetch(`${base}/api/v1/events`, {
    method: 'POST',
    headers: { ...json, cookie },
    body: JSON.stringify({
      title: 'Register benchmark',
      format: 'hybrid',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 2 * 3600 * 1000).toISOString(),
      timeZone: 'Asia/Shanghai',
      venue: { name: 'Hall 3', address: 'Shanghai' },
      capacity: options.capacity > 0 ? options.capacity : null,
      questions: [{ key: 'role', label: 'Role', type: 'select', required: true, options: ['IT', 'Business'] }],
    }),
  });
  const event = await created.json();
  if (!created.ok) throw new Error(`creating the event failed: ${JSON.stringify(event)}`);
  await fetch(`${base}/api/v1/events/${event.id}/status`, { method: 'POST', headers: { ...json, cookie }, body: JSON.stringify({ status: 'scheduled' }) });
  const barePort = await freePort();
  bare = await spawnReady([path.join(here, 'bare-register-server.mjs')], { PORT: String(barePort) }, /bare server ready/);

  const url = `/api/v1/public/events/${event.slug}/registrations`;
  let run = 0;
  const measure = (origin) => {
    run += 1;
    let n = 0;
    // Every request is a new person: a fresh e-mail per request (ASCII, as autocannon sizes bodies by characters).
    const person = () => JSON.stringify({ email: `r${run}-${(n += 1)}@bench.example.com`, name: 'Wang Fang Bench', company: 'Example Ltd.', answers: { role: 'IT' }, utm: { source: 'bench' } });
    return new Promise((resolve, reject) =>
      autocannon(
        {
          url: `${origin}${url}`,
          method: 'POST',
          headers: json,
          requests: [{ setupRequest: (request) => ({ ...request, body: person() }) }],
          connections: options.connections,
          duration: options.duration,
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      ),
    );
  };
  console.log(`register benchmark · ${machine()} · ${options.rounds} rounds × ${options.duration} s · ${options.connections} connections · capacity ${options.capacity || 'unlimited'}`);
  await measure(base); // warm-up
  const ours = [];
  const baseline = [];
  const p99 = { ours: [], baseline: [] };
  for (let round_ = 1; round_ <= options.rounds; round_++) {
    const b = await measure(`http://127.0.0.1:${barePort}`);
    const o = await measure(base);
    if (o.non2xx || o.errors) throw new Error(`ours: ${o.non2xx} non-2xx, ${o.errors} errors (${o.timeouts} timeouts), latency ${JSON.stringify(o.latency)}, ${o.requests.total} requests`);
    baseline.push(b.requests.average);
    ours.push(o.requests.average);
    p99.baseline.push(b.latency.p99);
    p99.ours.push(o.latency.p99);
    console.log(`round ${round_}: baseline ${round(b.requests.average)} req/s (p99 ${b.latency.p99} ms) · ours ${round(o.requests.average)} req/s (p99 ${o.latency.p99} ms)`);
  }
  const counts = await (await fetch(`${base}/api/v1/events/${event.id}/registrations?pageSize=1`, { headers: { cookie } })).json();
  console.log(`registrations stored: ${JSON.stringify(counts.counts)} · p99 median: baseline ${median(p99.baseline)} ms, ours ${median(p99.ours)} ms`);
  summary('register', median(ours), median(baseline), 'req/s');
} finally {
  await bare?.stop();
  await fulcrum.stop();
  await database.drop();
}
