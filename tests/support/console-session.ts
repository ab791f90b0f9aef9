import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, tempDataDir, type AppProcess } from './app-process';
import { launchChromium } from './browser';
import { HttpClient } from './http-client';
import { createEmptyDatabase } from './test-database';

export interface ConsoleAdmin {
  email: string;
  name: string;
  password: string;
  locale: 'en' | 'zh-CN';
}

export interface ConsoleOptions {
  /** Names the temporary DATA_DIR. */
  label: string;
  admin?: ConsoleAdmin;
  /** Load the demo target database (DEMO=load) and wait until it is in. */
  demo?: boolean;
  /** Run on a fresh database of the test PostgreSQL instead of the embedded one, so the test can reach it. */
  externalDatabase?: boolean;
  /** The browser's language, e.g. 'zh-CN'. Default 'en-US'. */
  browserLocale?: string;
  viewport?: { width: number; height: number };
  /** The browser's time zone, e.g. 'Asia/Shanghai'. Default: the machine's. */
  timezoneId?: string;
  /** More environment for the app, e.g. SMTP_URL of a test SMTP server. */
  env?: Record<string, string>;
}

export interface ConsoleSession {
  app: AppProcess;
  /** Signed in as the admin, like the browser. */
  api: HttpClient;
  /** The test PostgreSQL database the app runs on (`externalDatabase`), else null. */
  databaseUrl: string | null;
  dataDir: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export const DEFAULT_ADMIN: ConsoleAdmin = { email: 'olga@example.com', name: 'Olga Organizer', password: 'organizer password', locale: 'en' };

/**
 * The built app on a fresh DATA_DIR (and database), set up with its first admin, and Chromium with
 * that admin's session cookie: what every console browser test starts from.
 */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleSession> {
  const admin = options.admin ?? DEFAULT_ADMIN;
  const dataDir = tempDataDir(options.label);
  const database = options.externalDatabase ? await createEmptyDatabase() : null;
  const cleanup: Array<() => Promise<unknown>> = [async () => fs.rmSync(dataDir, { recursive: true, force: true })];
  if (database) cleanup.unshift(() => database.drop());
  const close = async () => {
    for (const step of cleanup.splice(0)) await step().catch(() => undefined);
  };
  try {
    const app = await startApp({ DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}), ...(options.demo ? { DEMO: 'load' } : {}), ...options.env });
    cleanup.unshift(() => app.stop());
    const api = new HttpClient(app.url);
    const setup = await api.post('/api/v1/setup', admin);
    if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${JSON.stringify(setup.body)}`);
    if (options.demo) {
      for (let i = 0; i < 240 && (await api.get('/api/v1/demo')).body.state !== 'loaded'; i++) await new Promise((r) => setTimeout(r, 500));
    }
    const chromium = await launchChromium();
    cleanup.unshift(() => chromium.close());
    const context = await chromium.browser.newContext({
      locale: options.browserLocale ?? 'en-US',
      viewport: options.viewport ?? { width: 1366, height: 900 },
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      acceptDownloads: true,
    });
    // Signed in through the API (as setup did); the browser gets the same session cookie.
    const session = (await api.post('/api/v1/auth/sign-in', { email: admin.email, password: admin.password })).headers.get('set-cookie');
    await context.addCookies([{ name: 'fulcrum_session', value: String(session).split(';')[0].split('=')[1], url: app.url }]);
    const page = await context.newPage();
    return { app, api, databaseUrl: database?.url ?? null, dataDir, browser: chromium.browser, context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
