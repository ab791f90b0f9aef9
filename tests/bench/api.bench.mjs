// api: an authenticated API read (GET /api/v1/companies, first page of 20, with the session
// cookie) on PostgreSQL, under autocannon, against a bare node:http handler returning the same
// JSON body. Rounds alternate baseline and ours; the median of each is reported.
//   npm run bench -- api [--rounds 5] [--duration 10] [--connections 50] [--companies 2000]
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createDatabase, freePort, machine, median, parseArgs, round, spawnReady, summary, tempDir } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const options = parseArgs(process.argv.slice(2), { rounds: 5, duration: 10, connections: 50, companies: 2000 });
const READ = '/api/v1/companies?page=1&pageSize=20&sort=name';

const database = await createDatabase();
const port = await freePort();
const fulcrum = await spawnReady(
  [path.join(root, 'backend', 'dist', 'main.js')],
  { DATABASE_URL: database.url, DATA_DIR: tempDir('api'), PORT: String(port), LOG_LEVEL: 'info', NODE_ENV: 'production', JWT_SECRET: 'b'.repeat(40) },
  /Fulcrum is running at/,
  { cwd: root },
);
const base = `http://127.0.0.1:${port}`;
let bare;
try {
  const setup = await fetch(`${base}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench@example.com', name: 'Bench', password: 'bench password', locale: 'en' }),
  });
  const cookie = setup.headers.get('set-cookie').split(';')[0];
  await fetch(`${base}/api/v1/demo`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ companies: options.companies }) });
  for (;;) {
    const status = await (await fetch(`${base}/api/v1/demo`, { headers: { cookie } })).json();
    if (status.state === 'loaded') break;
    if (status.state === 'failed') throw new Error(`demo load failed: ${status.error}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const body = await (await fetch(`${base}${READ}`, { headers: { cookie } })).text();
  const barePort = await freePort();
  bare = await spawnReady([path.join(here, 'bare-json-server.mjs')], { PORT: String(barePort), BODY: body }, /bare server ready/);

  const measure = (url, headers) =>
    new Promise((resolve, reject) =>
      autocannon({ url, connections: options.connections, duration: options.duration, headers }, (error, result) => (error ? reject(error) : resolve(result))),
    );
  console.log(`api benchmark · ${machine()} · ${options.rounds} rounds × ${options.duration} s · ${options.connections} connections · body ${body.length} bytes`);
  await measure(`${base}${READ}`, { cookie }); // warm-up
  const ours = [];
  const baseline = [];
  for (let round_ = 1; round_ <= options.rounds; round_++) {
    const b = await measure(`http://127.0.0.1:${barePort}${READ}`, {});
    const o = await measure(`${base}${READ}`, { cookie });
    if (o.non2xx || o.errors) throw new Error(`ours: ${o.non2xx} non-2xx, ${o.errors} errors`);
    baseline.push(b.requests.average);
    ours.push(o.requests.average);
    console.log(`round ${round_}: baseline ${round(b.requests.average)} req/s (p99 ${b.latency.p99} ms) · ours ${round(o.requests.average)} req/s (p99 ${o.latency.p99} ms)`);
  }
  summary('api', median(ours), median(baseline), 'req/s');
} finally {
  await bare?.stop();
  await fulcrum.stop();
  await database.drop();
}
