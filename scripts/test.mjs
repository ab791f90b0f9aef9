// `npm test`: sees to what the tests need (PostgreSQL, Redis, Chromium, a fresh build), runs
// every jest project, and ends with one line `N passed, N failed`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAll, has, reachable, run, waitFor } from './lib.mjs';

const env = {
  ...process.env,
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  TEST_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
};
const isRoot = os.userInfo().uid === 0;

function fail(message) {
  process.stderr.write(`\nnpm test cannot run: ${message}\n\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exit(1);
}

async function ensurePostgres() {
  const url = new URL(env.TEST_DATABASE_URL);
  const [host, port] = [url.hostname, Number(url.port || 5432)];
  if (await reachable(host, port)) return;
  if (isRoot && has('pg_ctlcluster') && fs.existsSync('/etc/postgresql')) {
    const version = fs.readdirSync('/etc/postgresql')[0];
    process.stdout.write(`starting PostgreSQL ${version} ...\n`);
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
    if (await waitFor(() => reachable(host, port), 20_000)) return;
  }
  fail(
    `no PostgreSQL at ${host}:${port} (TEST_DATABASE_URL). Start one (on Debian: \`apt-get install -y postgresql\` then ` +
      '`pg_ctlcluster --skip-systemctl-redirect 15 main start`, trust auth for 127.0.0.1), or set TEST_DATABASE_URL to a ' +
      'superuser URL of a server the tests may create databases on.',
  );
}

async function ensureRedis() {
  const url = new URL(env.TEST_REDIS_URL);
  const [host, port] = [url.hostname, Number(url.port || 6379)];
  if (await reachable(host, port)) return;
  if (has('redis-server') && ['127.0.0.1', 'localhost'].includes(host)) {
    process.stdout.write('starting Redis ...\n');
    await run('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no']);
    if (await waitFor(() => reachable(host, port), 10_000)) return;
  }
  fail(`no Redis at ${host}:${port} (TEST_REDIS_URL). Install and start it (\`apt-get install -y redis-server\`), or set TEST_REDIS_URL.`);
}

async function ensureChromium() {
  if (fs.existsSync(env.CHROMIUM_PATH)) return;
  if (isRoot && has('apt-get')) {
    process.stdout.write('installing Chromium for the browser tests (apt-get install chromium) ...\n');
    await run('apt-get', ['update', '-qq']);
    await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (fs.existsSync(env.CHROMIUM_PATH)) return;
  }
  fail(`no Chromium at ${env.CHROMIUM_PATH} (CHROMIUM_PATH). Install it (\`sudo apt-get install -y chromium\`) or set CHROMIUM_PATH.`);
}

await ensurePostgres();
await ensureRedis();
await ensureChromium();
try {
  await buildAll();
} catch (error) {
  fail(error.message);
}

const resultsFile = path.join(os.tmpdir(), `fulcrum-jest-${process.pid}.json`);
const jestArgs = ['jest', '--ci', '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
const code = await run('npx', jestArgs, { env });
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  fs.rmSync(resultsFile, { force: true });
} catch {
  failed = Math.max(failed, 1);
}
if (code !== 0 && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(code === 0 && failed === 0 ? 0 : 1);
