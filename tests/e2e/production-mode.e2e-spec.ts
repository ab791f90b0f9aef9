import { startApp, startWorker, tempDataDir, type AppProcess } from '../support/app-process';
import { HttpClient } from '../support/http-client';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { createEmptyDatabase } from '../support/test-database';

/**
 * The configured deployment: PostgreSQL at DATABASE_URL, BullMQ on Redis, a separate worker
 * process (ROLE=api + ROLE=worker), and mail to a real SMTP server.
 */
describe('PostgreSQL + Redis + SMTP with a separate worker process', () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let smtp: SmtpSink;
  let api: AppProcess;
  let worker: AppProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    smtp = await startSmtpSink();
    env = {
      DATA_DIR: tempDataDir('prod'),
      DATABASE_URL: database.url,
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: `e2e-${Date.now()}`,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Fulcrum Test <fulcrum@example.com>',
      JWT_SECRET: 'x'.repeat(40),
    };
    api = await startApp({ ...env, ROLE: 'api' });
  });

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await smtp?.close();
    await database?.drop();
  });

  it('reports external PostgreSQL, Redis and the queue on Redis', async () => {
    const health = await new HttpClient(api.url).get('/api/health');
    expect(health.body).toMatchObject({ role: 'api', database: { ok: true, mode: 'external' }, redis: { ok: true }, queue: { backend: 'redis' }, mail: { transport: 'smtp' } });
  });

  it('sends mail only once a worker runs, through real SMTP, with a working link', async () => {
    const client = new HttpClient(api.url);
    expect((await client.post('/api/v1/setup', { email: 'lin@example.com', name: '林雪', password: 'first password', locale: 'zh-CN' })).status).toBe(201);
    expect((await client.post('/api/v1/auth/password-reset/request', { email: 'lin@example.com' })).status).toBe(202);

    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages).toHaveLength(0); // ROLE=api runs no job processors

    worker = await startWorker({ ...env, ROLE: 'worker' });
    const mail = await smtp.waitFor((m) => m.subject === '重置您的 Fulcrum 密码');
    expect(mail.from?.text).toContain('fulcrum@example.com');
    expect((Array.isArray(mail.to) ? mail.to[0] : mail.to)?.text).toBe('lin@example.com');
    expect(mail.html).toContain('林雪，您好');
    expect(mail.text).toContain('reset-password?token=');
    const token = /reset-password\?token=([\w-]+)/.exec(String(mail.text))![1];
    expect((await client.post('/api/v1/auth/password-reset/confirm', { token, password: 'second password' })).status).toBe(204);
    expect((await client.post('/api/v1/auth/sign-in', { email: 'lin@example.com', password: 'second password' })).status).toBe(200);
  });
});
