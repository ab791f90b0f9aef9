import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { SessionUser } from '@fulcrum/shared';
import { createTestApp, type TestApp } from 'testing/test-app';
import { waitFor } from 'testing/wait-for';

const ADMIN = { email: 'Ada@Example.com', name: 'Ada Admin', password: 'correct horse battery', locale: 'en' };

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const header = response.headers['set-cookie'];
  const value = (Array.isArray(header) ? header : [header]).find((c) => String(c).startsWith('fulcrum_session='));
  if (!value) throw new Error('no session cookie');
  return String(value).split(';')[0];
}

function readOutbox(dataDir: string): Array<{ to: string; subject: string; text: string; html: string }> {
  const dir = path.join(dataDir, 'outbox');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}

describe.each([
  ['BullMQ on PostgreSQL', false],
  ['BullMQ on Redis', true],
])('auth and users (%s)', (_label, redis) => {
  let t: TestApp;
  let adminCookie: string;

  beforeAll(async () => {
    t = await createTestApp({ redis });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, cookie?: string) =>
    t.app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });

  it('asks for setup on a fresh installation and refuses a bad setup body with field errors', async () => {
    expect((await call('GET', '/api/v1/setup')).json()).toEqual({ needsSetup: true, demoAvailable: true });
    const bad = await call('POST', '/api/v1/setup', { email: 'not-an-email', name: '', password: 'short', locale: 'fr' });
    expect(bad.statusCode).toBe(400);
    const body = bad.json();
    expect(body.code).toBe('validation.failed');
    expect(body.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'locale', 'name', 'password']);
  });

  it('creates the first admin once, signed in by an httpOnly SameSite cookie', async () => {
    const response = await call('POST', '/api/v1/setup', ADMIN);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ email: 'ada@example.com', role: 'admin', locale: 'en' });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    adminCookie = cookieOf(response);
    const again = await call('POST', '/api/v1/setup', { ...ADMIN, email: 'eve@example.com' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('setup.already_done');
    expect((await call('GET', '/api/v1/setup')).json().needsSetup).toBe(false);
  });

  it('knows the session, and forgets it after sign-out', async () => {
    expect((await call('GET', '/api/v1/auth/me', undefined, adminCookie)).json().email).toBe('ada@example.com');
    const anonymous = await call('GET', '/api/v1/auth/me');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().code).toBe('auth.unauthenticated');

    const signIn = await call('POST', '/api/v1/auth/sign-in', { email: 'ADA@example.com ', password: ADMIN.password });
    expect(signIn.statusCode).toBe(200);
    const second = cookieOf(signIn);
    expect((await call('POST', '/api/v1/auth/sign-out', undefined, second)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/auth/me', undefined, second)).statusCode).toBe(401);
    expect((await call('GET', '/api/v1/auth/me', undefined, adminCookie)).statusCode).toBe(200);
  });

  it('switches the language of the signed-in user', async () => {
    const response = await call('PATCH', '/api/v1/auth/me', { locale: 'zh-CN' }, adminCookie);
    expect(response.json().locale).toBe('zh-CN');
    await call('PATCH', '/api/v1/auth/me', { locale: 'en' }, adminCookie);
  });

  it('refuses a wrong password, then throttles after repeated failures', async () => {
    const wrong = await call('POST', '/api/v1/auth/sign-in', { email: 'ada@example.com', password: 'wrong password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'auth.invalid_credentials', message: 'Wrong email or password' });
    for (let i = 0; i < 4; i++) await call('POST', '/api/v1/auth/sign-in', { email: 'ada@example.com', password: 'wrong password' });
    const throttled = await call('POST', '/api/v1/auth/sign-in', { email: 'ada@example.com', password: ADMIN.password });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('auth.throttled');
    await t.app.get(DataSource).query(`DELETE FROM sign_in_throttle`);
  });

  it('resets a password through the emailed one-time link and signs out other sessions', async () => {
    expect((await call('POST', '/api/v1/auth/password-reset/request', { email: 'nobody@example.com' })).statusCode).toBe(202);
    expect((await call('POST', '/api/v1/auth/password-reset/request', { email: 'ada@example.com' })).statusCode).toBe(202);
    const mail = await waitFor(() => readOutbox(t.dataDir).find((m) => m.subject === 'Reset your Fulcrum password'), 20_000, 'reset email');
    expect(mail.to).toBe('ada@example.com');
    expect(readOutbox(t.dataDir).filter((m) => m.to === 'nobody@example.com')).toHaveLength(0);
    const token = /reset-password\?token=([\w-]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();

    const weak = await call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    const confirmed = await call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'a brand new password' });
    expect(confirmed.statusCode).toBe(204);
    const reused = await call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'another new password' });
    expect(reused.json().code).toBe('auth.reset_token_invalid');

    expect((await call('GET', '/api/v1/auth/me', undefined, adminCookie)).statusCode).toBe(401);
    const signIn = await call('POST', '/api/v1/auth/sign-in', { email: 'ada@example.com', password: 'a brand new password' });
    expect(signIn.statusCode).toBe(200);
    adminCookie = cookieOf(signIn);
  });

  it('lets an admin invite users by email and guards routes by role', async () => {
    const created = await call('POST', '/api/v1/users', { email: 'olga@example.com', name: 'Olga Organizer', role: 'organizer', locale: 'zh-CN' }, adminCookie);
    expect(created.statusCode).toBe(201);
    const invite = await waitFor(() => readOutbox(t.dataDir).find((m) => m.to === 'olga@example.com'), 20_000, 'invitation email');
    expect(invite.subject).toBe('Ada Admin 邀请您加入 Fulcrum');
    const token = /reset-password\?token=([\w-]+)/.exec(invite.text)?.[1];
    expect((await call('POST', '/api/v1/auth/password-reset/confirm', { token, password: 'olga password 1' })).statusCode).toBe(204);
    const olga = cookieOf(await call('POST', '/api/v1/auth/sign-in', { email: 'olga@example.com', password: 'olga password 1' }));

    const forbidden = await call('GET', '/api/v1/users', undefined, olga);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('auth.forbidden');
    expect((await call('GET', '/api/v1/outbox', undefined, olga)).statusCode).toBe(200);

    const duplicate = await call('POST', '/api/v1/users', { email: 'OLGA@example.com', name: 'Olga 2', role: 'sales' }, adminCookie);
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('users.email_taken');

    const me = (await call('GET', '/api/v1/auth/me', undefined, adminCookie)).json() as SessionUser;
    const demote = await call('PATCH', `/api/v1/users/${me.id}`, { role: 'sales' }, adminCookie);
    expect(demote.statusCode).toBe(409);
    expect(demote.json().code).toBe('users.last_admin');

    const olgaId = created.json().id;
    expect((await call('PATCH', `/api/v1/users/${olgaId}`, { disabled: true }, adminCookie)).json().disabled).toBe(true);
    expect((await call('GET', '/api/v1/auth/me', undefined, olga)).statusCode).toBe(401);
    const disabledSignIn = await call('POST', '/api/v1/auth/sign-in', { email: 'olga@example.com', password: 'olga password 1' });
    expect(disabledSignIn.json().code).toBe('auth.account_disabled');
  });

  it('answers unknown API routes and malformed JSON with a clear JSON error', async () => {
    const missing = await call('GET', '/api/v1/nope', undefined, adminCookie);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('not_found');
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('validation.failed');
    expect(malformed.body).not.toMatch(/at .*\.js/);
  });
});
