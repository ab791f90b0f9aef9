import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startApp, tempDataDir, type AppProcess } from '../support/app-process';
import { HttpClient } from '../support/http-client';

const ADMIN = { email: 'admin@example.com', name: 'Admin', password: 'embedded password', locale: 'en' };

function postmasterPid(dataDir: string): number | null {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded default: no configuration at all, a real PostgreSQL started by the app. */
describe('embedded default (no DATABASE_URL, REDIS_URL or SMTP_URL)', () => {
  const dataDir = tempDataDir('embedded');
  let app: AppProcess | undefined;

  afterAll(async () => {
    await app?.stop('SIGTERM');
    const pid = postmasterPid(dataDir);
    if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts, migrates and reports healthy dependencies', async () => {
    app = await startApp({ DATA_DIR: dataDir });
    const health = await new HttpClient(app.url).get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({
      status: 'ok',
      role: 'all',
      database: { ok: true, mode: 'embedded' },
      redis: null,
      queue: { ok: true, backend: 'postgres' },
      mail: { transport: 'outbox' },
    });
    expect(fs.existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true);
  });

  it('serves the console, the API docs and the OpenAPI document on the same port', async () => {
    const client = new HttpClient(app!.url);
    const console = await client.get('/accounts');
    expect(console.status).toBe(200);
    expect(console.headers.get('content-type')).toContain('text/html');
    expect(String(console.body)).toContain('<div id="root">');
    expect((await client.get('/api/docs')).status).toBe(200);
    const openapi = await client.get('/api/docs-json');
    expect(openapi.body.paths['/api/v1/auth/sign-in']).toBeDefined();
  });

  it('keeps committed data across kill -9 and restarts on the same data directory', async () => {
    const client = new HttpClient(app!.url);
    expect((await client.post('/api/v1/setup', ADMIN)).status).toBe(201);

    const pgBefore = postmasterPid(dataDir);
    app!.child.kill('SIGKILL');
    await app!.exited();
    expect(pgBefore && alive(pgBefore)).toBe(true); // the orphaned postgres still holds the directory

    app = await startApp({ DATA_DIR: dataDir });
    expect(app.output()).toContain('left running by an earlier Fulcrum');
    const again = new HttpClient(app.url);
    expect((await again.get('/api/v1/setup')).body.needsSetup).toBe(false);
    const signIn = await again.post('/api/v1/auth/sign-in', { email: ADMIN.email, password: ADMIN.password });
    expect(signIn.status).toBe(200);
  });

  it('stops its PostgreSQL cleanly on SIGTERM', async () => {
    const pg = postmasterPid(dataDir);
    expect(pg).not.toBeNull();
    expect(await app!.stop('SIGTERM')).toBe(0);
    expect(alive(pg!)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    app = undefined;
  });

  it('gives the postgres OS user ownership of the database directory when run as root', () => {
    if (process.getuid?.() !== 0) return;
    const owner = execFileSync('stat', ['-c', '%U', path.join(dataDir, 'pg')], { encoding: 'utf8' }).trim();
    expect(owner).toBe('postgres');
  });
});
