// segments: live count + first page (POST /api/v1/segments/preview, 20 sample rows) over a demo
// target database of about 1,000,000 contacts, for a handful of typical filters; p50/p95 per
// filter and over all. Baseline, same run, same database: a bare `SELECT count(*) FROM contacts`
// over a direct connection (the floor of any full count).
//   npm run bench -- segments [--contacts 1000000] [--rounds 15] [--database postgres://…]
// --database measures an existing database instead of a fresh one (kept afterwards; the demo data is
// loaded into it only when it has no contacts yet), to re-measure without the minutes of loading.
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, freePort, machine, median, parseArgs, round, spawnReady, summary, tempDir } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const options = parseArgs(process.argv.slice(2), { contacts: 1_000_000, rounds: 15, database: '' });
const companies = Math.min(200_000, Math.ceil(options.contacts / 5.5));

const group = (combinator, ...children) => ({ kind: 'group', combinator, children });
const cond = (field, op, value) => ({ kind: 'condition', field, op, ...(value === undefined ? {} : { value }) });
const FILTERS = {
  'KA + growth accounts': ['contacts', group('and', cond('company.tier', 'in', ['ka', 'growth']))],
  'directors and up in Shanghai or Hangzhou': ['contacts', group('and', cond('company.city', 'in', ['上海', '杭州']), cond('contact.seniority', 'in', ['c_level', 'vp', 'director']))],
  'title contains 总监': ['contacts', group('and', cond('contact.title', 'contains', '总监'))],
  'cloud users or 1000+ employees, mailable': [
    'contacts',
    group('and', group('or', cond('company.techTags', 'has_any', ['aliyun', 'aws']), cond('company.employees', 'gte', 1000)), cond('contact.consent', 'not_in', ['unsubscribed', 'do_not_contact'])),
  ],
  'companies with a CIO or 首席信息官': ['companies', group('or', cond('contact.title', 'contains', 'Chief Information'), cond('contact.title', 'contains', '首席信息官'))],
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

const database = options.database ? { url: options.database, drop: async () => undefined } : await createDatabase();
const probe = new pg.Client({ connectionString: database.url });
await probe.connect();
// A fresh database has no contacts table yet (the app migrates it): only then ask whether it holds any.
const migrated = options.database ? (await probe.query(`SELECT to_regclass('contacts') IS NOT NULL AS migrated`)).rows[0].migrated : false;
const loaded = migrated ? (await probe.query(`SELECT EXISTS (SELECT 1 FROM contacts) AS loaded`)).rows[0].loaded : false;
await probe.end();
const port = await freePort();
const fulcrum = await spawnReady(
  [path.join(root, 'backend', 'dist', 'main.js')],
  { DATABASE_URL: database.url, DATA_DIR: tempDir('segments'), PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) },
  /Fulcrum is running at/,
  { cwd: root },
);
const base = `http://127.0.0.1:${port}`;
const client = new pg.Client({ connectionString: database.url });
try {
  const account = { email: 'bench@example.com', name: 'Bench', password: 'bench password', locale: 'en' };
  const post = (url, body) => fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // A reused database has its administrator from an earlier run: sign in instead.
  let session = await post('/api/v1/setup', account);
  if (!session.headers.get('set-cookie')) session = await post('/api/v1/auth/sign-in', { email: account.email, password: account.password });
  if (!session.headers.get('set-cookie')) throw new Error(`cannot sign in: ${session.status} ${await session.text()}`);
  const cookie = session.headers.get('set-cookie').split(';')[0];
  const loadStarted = Date.now();
  if (!loaded) await fetch(`${base}/api/v1/demo`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ companies }) });
  for (let last = -1; !loaded; ) {
    const status = await (await fetch(`${base}/api/v1/demo`, { headers: { cookie } })).json();
    if (status.state === 'failed') throw new Error(`demo load failed: ${status.error}`);
    if (status.state === 'loaded') break;
    const percent = Math.floor((status.progress ?? 0) * 100);
    if (percent >= last + 10) {
      process.stdout.write(`loading demo data: ${percent}%\n`);
      last = percent;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  await client.connect();
  await client.query('VACUUM ANALYZE');
  const { rows } = await client.query('SELECT (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM companies)::int AS companies');
  console.log(`segments benchmark · ${machine()} · ${rows[0].contacts} contacts at ${rows[0].companies} companies (${loaded ? 'already loaded' : `loaded in ${Math.round((Date.now() - loadStarted) / 1000)} s`}) · ${options.rounds} rounds`);

  const preview = async (target, filter) => {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/segments/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ target, filter, sampleSize: 20 }),
    });
    const body = await response.json();
    if (response.status !== 200) throw new Error(`preview failed: ${JSON.stringify(body)}`);
    return { ms: performance.now() - started, count: body.count };
  };
  const baselineOnce = async () => {
    const started = performance.now();
    await client.query('SELECT count(*) FROM contacts');
    return performance.now() - started;
  };

  for (const [target, filter] of Object.values(FILTERS)) await preview(target, filter); // warm-up
  await baselineOnce();
  const all = [];
  const baseline = [];
  for (const [name, [target, filter]] of Object.entries(FILTERS)) {
    const times = [];
    let count = 0;
    for (let i = 0; i < options.rounds; i++) {
      baseline.push(await baselineOnce());
      const result = await preview(target, filter);
      times.push(result.ms);
      count = result.count;
    }
    all.push(...times);
    console.log(`${name.padEnd(44)} ${String(count).padStart(8)} ${target.padEnd(9)} p50 ${round(median(times))} ms · p95 ${round(percentile(times, 95))} ms`);
  }
  console.log(`all filters: p50 ${round(median(all))} ms · p95 ${round(percentile(all, 95))} ms · baseline count(*) p50 ${round(median(baseline))} ms · p95 ${round(percentile(baseline, 95))} ms`);
  // The machine may be shared: the load average says how much else was running.
  console.log(`load average at the end: ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`);
  summary('segments', percentile(all, 95), percentile(baseline, 95), 'ms');
} finally {
  await client.end().catch(() => undefined);
  await fulcrum.stop();
  await database.drop();
}
