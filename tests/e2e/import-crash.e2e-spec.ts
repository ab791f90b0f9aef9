import fs from 'node:fs';
import { Client } from 'pg';
import { startApp, tempDataDir, type AppProcess } from '../support/app-process';
import { HttpClient } from '../support/http-client';
import { createEmptyDatabase } from '../support/test-database';

const ROWS = 3000;

/**
 * The process running an import is killed in the middle of its merge. Nothing of the import is in
 * the database afterwards; when Fulcrum comes back, the queue hands the stalled job to the new worker,
 * which imports the file from the start, exactly once.
 */
describe('an import survives the death of its process', () => {
  const dataDir = tempDataDir('import-crash');
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let app: AppProcess | undefined;
  let db: Client;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    db = new Client({ connectionString: database.url });
  });

  afterAll(async () => {
    await app?.stop();
    await db?.end().catch(() => undefined);
    await database?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves nothing half-written and finishes the import after a restart', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: database.url };
    app = await startApp(env);
    const api = new HttpClient(app.url);
    await api.post('/api/v1/setup', { email: 'olga@example.com', name: 'Olga Organizer', password: 'organizer password', locale: 'en' });
    const lines = ['Company,Name,Email,Mobile'];
    for (let i = 0; i < ROWS; i++) lines.push(`Crash Test ${i % 40} Ltd,Person ${i},person${i}@crash-test-${i % 40}.com,+86 138 ${String(i).padStart(4, '0')} 0000`);
    const upload = await api.upload('/api/v1/imports?fileName=crash.csv', Buffer.from(lines.join('\r\n')));
    expect(upload.status).toBe(201);
    const id = upload.body.import.id as string;

    // The merge waits for this lock inside its transaction: the process dies there.
    await db.connect();
    await db.query(`SELECT pg_advisory_lock(hashtext('fulcrum.imports.merge'))`);
    const started = await api.post(`/api/v1/imports/${id}/start`, { mapping: ['company.name', 'contact.name', 'contact.email', 'contact.phone'] });
    expect(started.status).toBe(201);
    for (let i = 0; i < 120 && (await api.get(`/api/v1/imports/${id}`)).body.status !== 'merging'; i++) await new Promise((r) => setTimeout(r, 250));
    expect((await api.get(`/api/v1/imports/${id}`)).body.status).toBe('merging');
    await app.stop('SIGKILL');
    await db.query(`SELECT pg_advisory_unlock(hashtext('fulcrum.imports.merge'))`);

    const counts = async () => (await db.query(`SELECT (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM companies)::int AS companies`)).rows[0];
    expect(await counts()).toEqual({ contacts: 0, companies: 0 });

    app = await startApp(env);
    const again = new HttpClient(app.url);
    await again.post('/api/v1/auth/sign-in', { email: 'olga@example.com', password: 'organizer password' });
    let status = '';
    // BullMQ sees the job stalled once its lock (30 s) expires, and moves it back to the queue.
    for (let i = 0; i < 240 && status !== 'done' && status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await again.get(`/api/v1/imports/${id}`)).body.status;
    }
    const finished = (await again.get(`/api/v1/imports/${id}`)).body;
    expect(finished).toMatchObject({ status: 'done', counts: { inserted: ROWS, rejected: 0, companiesInserted: 40 } });
    expect(await counts()).toEqual({ contacts: ROWS, companies: 40 });
    const staging = await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'import_rows_%'`);
    expect(staging.rows[0].n).toBe(0);
  }, 240_000);
});
