import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from 'app.module';
import { loadConfig } from 'config/env';
import { configureHttp } from 'http-server';
import { LiveAdapter } from 'modules/live/live-adapter';
import { prepareQueueConnection } from 'queue/queue-connection';
import { RuntimeContext } from 'runtime-context';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  runtime: RuntimeContext;
  database: TestDatabase;
  dataDir: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Jobs on Redis (TEST_REDIS_URL) instead of BullMQ's PostgreSQL backend. */
  redis?: boolean;
  env?: Record<string, string>;
}

/**
 * The whole app in-process on a fresh database, with real PostgreSQL, real BullMQ (Redis or
 * PostgreSQL backend) and the outbox in a temporary DATA_DIR. Drive it with `app.inject()`.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-test-'));
  const redisUrl = options.redis ? (process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379') : undefined;
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    PORT: '0',
    ...(redisUrl ? { REDIS_URL: redisUrl, QUEUE_PREFIX: `test-${path.basename(dataDir)}` } : {}),
    ...options.env,
  });
  const queue = await prepareQueueConnection(config.REDIS_URL, database.url, config.QUEUE_PREFIX);
  const runtime = new RuntimeContext(config, database.url, 'external', queue, 'test-secret-test-secret-test-secret');
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(runtime), new FastifyAdapter(), { logger: false });
  // The socket adapter main.ts installs, so the live gateways are tested as they run.
  app.useWebSocketAdapter(new LiveAdapter(app, runtime));
  await configureHttp(app, runtime);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    runtime,
    database,
    dataDir,
    async close() {
      await app.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Completes first-run setup through the API and returns the admin's session cookie (`name=value`). */
export async function setupAdmin(t: TestApp, admin: { email: string; name: string; password: string; locale: 'en' | 'zh-CN' }): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/setup', payload: admin });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`);
  return String(response.headers['set-cookie']).split(';')[0];
}

/** Creates a console user through the API (as `adminCookie`) and signs them in; returns their session cookie. */
export async function createUserAndSignIn(
  t: TestApp,
  adminCookie: string,
  user: { email: string; name: string; role: 'admin' | 'organizer' | 'sales'; password: string },
): Promise<string> {
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: adminCookie }, payload: user });
  if (created.statusCode !== 201) throw new Error(`creating ${user.email} failed: ${created.statusCode} ${created.body}`);
  const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: user.email, password: user.password } });
  if (signIn.statusCode !== 200) throw new Error(`signing in ${user.email} failed: ${signIn.statusCode} ${signIn.body}`);
  return String(signIn.headers['set-cookie']).split(';')[0];
}
