import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { Client } from 'pg';
import { PNG } from 'pngjs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { LiveCheckIn } from '@fulcrum/shared';
import type { ParsedMail } from 'mailparser';
import type { AppProcess } from '../support/app-process';
import { nextMonth, phoneContext, scheduleEvent } from '../support/attendee';
import { ARTIFACTS } from '../support/browser';
import { DEFAULT_ADMIN, startConsole, type ConsoleSession } from '../support/console-session';
import { liveClient, type LiveClient, registerAttendee, sessionCookie } from '../support/live-socket';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/** What a phone's camera reads from the QR code image of a confirmation email. */
function qrOf(mail: ParsedMail): { text: string; image: PNG } {
  const attachment = mail.attachments.find((a) => a.contentType === 'image/png' && a.cid);
  if (!attachment) throw new Error(`no QR code image in "${mail.subject}"`);
  const image = PNG.sync.read(attachment.content);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!code) throw new Error('the QR code image does not decode');
  return { text: code.data, image };
}

/** A Y4M video (what Chromium's fake camera plays) showing the QR code image, big and centred on white. */
function y4mOf(qr: PNG, file: string): void {
  const width = 640;
  const height = 480;
  const scale = Math.max(1, Math.floor(Math.min(width, height) / qr.height));
  const left = Math.floor((width - qr.width * scale) / 2);
  const top = Math.floor((height - qr.height * scale) / 2);
  const y = Buffer.alloc(width * height, 235);
  for (let row = 0; row < qr.height * scale; row++) {
    for (let col = 0; col < qr.width * scale; col++) {
      const i = (Math.floor(row / scale) * qr.width + Math.floor(col / scale)) * 4;
      const luma = 0.299 * qr.data[i] + 0.587 * qr.data[i + 1] + 0.114 * qr.data[i + 2];
      y[(top + row) * width + left + col] = Math.round(16 + (luma * 219) / 255);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  fs.writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array(10).fill(frame)]));
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * On-site check-in on a staff phone: the QR code of a real confirmation email typed by a USB scanner,
 * a scan made while the network is cut that survives a reload and is counted once when it comes back,
 * the organizer told live; search, the kiosk, and the camera path with Chromium's fake camera.
 */
describe('on-site check-in in Chromium', () => {
  let sink: SmtpSink;
  let session: ConsoleSession;
  let app: AppProcess;
  let db: Client;
  let organizer: LiveClient | undefined;
  let cameraBrowser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    session = await startConsole({ label: 'onsite-checkin', externalDatabase: true, env: { SMTP_URL: sink.url } });
    app = session.app;
    db = new Client({ connectionString: session.databaseUrl as string });
    await db.connect();
  });

  afterAll(async () => {
    organizer?.disconnect();
    for (const context of contexts) await context.close().catch(() => undefined);
    await cameraBrowser?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await session?.close();
    await sink?.close();
  });

  const signIn = (email: string, password: string) => sessionCookie(app.url, email, password);
  /** A staff phone signed in with this session cookie (`name=value`); the console speaks the user's language. */
  async function staffPhone(cookie: string, locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await phoneContext(session.browser, { locale, timezoneId: 'Asia/Shanghai' });
    contexts.push(opened.context);
    const [name, value] = cookie.split('=');
    await opened.context.addCookies([{ name, value, url: app.url }]);
    return opened;
  }
  const register = (slug: string, name: string, email: string, extra: Record<string, string> = {}) => registerAttendee(app.url, slug, name, email, extra);
  const registration = async (token: string) =>
    (await db.query(`SELECT id, checked_in_at, check_in_method FROM registrations WHERE token = $1`, [token])).rows[0] as {
      id: string;
      checked_in_at: Date | null;
      check_in_method: string | null;
    };
  const activities = async (id: string) => (await db.query(`SELECT data FROM activities WHERE registration_id = $1 AND kind = 'checked_in'`, [id])).rows;
  const count = (page: Page) => page.getByTestId('checkin-count').getAttribute('data-checked-in');

  it('checks in from the QR code of the confirmation email, also after the network was cut, once, live for the organizer', async () => {
    const event = await scheduleEvent(session.api, {
      title: '2026 智能制造峰会',
      format: 'onsite',
      venue: { name: '上海国际会议中心', address: '浦东新区滨江大道 2727 号', directions: null },
      ...nextMonth(8),
      timeZone: 'Asia/Shanghai',
    });
    const tokenA = await register(event.slug, '陈静', 'chen.jing@example.com', { company: '华东自动化' });
    const tokenB = await register(event.slug, 'Grace Chen', 'grace.chen@example.com', { company: 'Acme Robotics' });
    const qrA = qrOf(await sink.waitFor((mail) => mail.to !== undefined && JSON.stringify(mail.to).includes('chen.jing@example.com')));
    const qrB = qrOf(await sink.waitFor((mail) => mail.to !== undefined && JSON.stringify(mail.to).includes('grace.chen@example.com')));
    // The personal link (on the app's public URL), which carries the registration token.
    expect(qrA.text).toMatch(new RegExp(`^https?://[^/]+/r/${tokenA}$`));
    expect(qrB.text).toMatch(new RegExp(`^https?://[^/]+/r/${tokenB}$`));

    // The organizer's console, over the live gateway.
    const cookie = await signIn(DEFAULT_ADMIN.email, DEFAULT_ADMIN.password);
    organizer = liveClient(app.url, { cookie });
    const announced: LiveCheckIn[] = [];
    organizer.on('checkin:updated', (checkIn) => announced.push(checkIn));
    expect((await organizer.timeout(10_000).emitWithAck('room:join', { eventId: event.id })).ok).toBe(true);

    // …and in the browser: the event's live console.
    const consolePage = session.page;
    await consolePage.goto(`${app.url}/live/${event.id}`);
    await consolePage.getByTestId('live-checkins').waitFor();

    // At the door: a Chinese-speaking organizer with her phone.
    const staff = await session.api.post('/api/v1/users', { email: 'wang.fang@example.com', name: '王芳', role: 'organizer', locale: 'zh-CN', password: 'door staff password' });
    expect(staff.status).toBe(201);
    const { context, page } = await staffPhone(await signIn('wang.fang@example.com', 'door staff password'), 'zh-CN');
    await page.goto(`${app.url}/events/${event.id}/check-in`);
    await page.getByTestId('checkin-page').waitFor();
    expect(await page.getByTestId('checkin-title').textContent()).toBe('2026 智能制造峰会');
    expect(await count(page)).toBe('0');
    expect(await page.getByTestId('checkin-count').getAttribute('data-registered')).toBe('2');
    expect(await page.getByTestId('checkin-queue').textContent()).toBe('扫码记录已全部上传');

    // A USB scanner types the code into the focused field and presses Enter.
    const scanner = page.getByTestId('checkin-scanner-input');
    await until('the scanner field has the focus', () => scanner.evaluate((el) => el === document.activeElement), Boolean, 5_000);
    await page.keyboard.type(qrA.text);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="checkin-latest"][data-status="checked_in"]').waitFor();
    expect(await page.getByTestId('checkin-latest').textContent()).toContain('陈静');
    expect(await page.getByTestId('checkin-latest').textContent()).toContain('签到成功');
    await until('the count', () => count(page), (n) => n === '1');
    expect(await registration(tokenA)).toMatchObject({ check_in_method: 'onsite', checked_in_at: expect.any(Date) });
    await until('the organizer hears of 陈静', async () => announced.map((c) => c.name), (names) => names.includes('陈静'));
    expect(announced[0]).toMatchObject({ eventId: event.id, method: 'onsite', checkedIn: 1 });
    await consolePage.getByTestId('live-checkin').filter({ hasText: '陈静' }).waitFor();
    await consolePage.screenshot({ path: path.join(ARTIFACTS, 'onsite-checkin-organizer-console.png') });
    expect(await scanner.inputValue()).toBe('');
    await page.screenshot({ path: path.join(ARTIFACTS, 'onsite-checkin-scanned.png') });

    // The network drops: the scan is kept on the phone, and says so.
    await context.setOffline(true);
    const offlineAt = new Date();
    await scanner.focus();
    await page.keyboard.type(qrB.text);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="checkin-latest"][data-status="queued"]').waitFor();
    expect(await page.getByTestId('checkin-latest').textContent()).toBe('已扫描的签到码已保存 — 联网后自动上传');
    await page.locator('[data-testid="checkin-queue"][data-pending="1"]').waitFor();
    await until('the queue badge', () => page.getByTestId('checkin-queue').getAttribute('data-state'), (state) => state === 'offline');
    expect(await page.getByTestId('checkin-queue').textContent()).toBe('1 条扫码记录待上传 — 离线');
    // Scanning it again while it waits queues nothing more.
    await page.keyboard.type(qrB.text);
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('checkin-latest').textContent()).toContain('已在等待上传');
    await page.locator('[data-testid="checkin-queue"][data-pending="1"]').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'onsite-checkin-offline.png') });
    expect((await registration(tokenB)).checked_in_at).toBeNull();

    // The page reloads while the check-in API is still out of reach: the scan is still there, waiting.
    await context.route('**/api/v1/events/*/check-ins', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await context.setOffline(false);
    await page.reload();
    await page.getByTestId('checkin-page').waitFor();
    await page.locator('[data-testid="checkin-queue"][data-pending="1"]').waitFor();
    expect(await page.locator('[data-testid="checkin-feed-item"][data-status="queued"]').count()).toBe(1);
    expect((await registration(tokenB)).checked_in_at).toBeNull();

    // Back: synced on the next retry, checked in once, at the time it was scanned.
    const backAt = new Date();
    await context.unroute('**/api/v1/events/*/check-ins');
    await page.locator('[data-testid="checkin-queue"][data-state="synced"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="checkin-feed-item"][data-status="checked_in"]').count()).toBe(2);
    const b = await registration(tokenB);
    expect(b.check_in_method).toBe('onsite');
    expect(b.checked_in_at!.getTime()).toBeGreaterThanOrEqual(offlineAt.getTime() - 1000);
    expect(b.checked_in_at!.getTime()).toBeLessThan(backAt.getTime());
    expect(await activities(b.id)).toHaveLength(1);
    await until('the count', () => count(page), (n) => n === '2');
    await until('the organizer hears of Grace', async () => announced.map((c) => c.name), (names) => names.includes('Grace Chen'));
    expect(announced.filter((c) => c.name === 'Grace Chen')).toHaveLength(1);

    // Scanned once more, on this phone and on another one: already checked in, still once.
    await scanner.focus();
    await page.keyboard.type(qrB.text);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="checkin-latest"][data-status="already_checked_in"]').waitFor();
    expect(await page.getByTestId('checkin-latest').textContent()).toMatch(/Grace Chen已于 \d\d:\d\d 签到/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'onsite-checkin-synced.png') });
    const other = await staffPhone(cookie, 'en-US');
    await other.page.goto(`${app.url}/events/${event.id}/check-in`);
    await other.page.getByTestId('checkin-page').waitFor();
    await other.page.getByTestId('checkin-scanner-input').fill(tokenB);
    await other.page.getByTestId('checkin-scanner-input').press('Enter');
    await other.page.locator('[data-testid="checkin-latest"][data-status="already_checked_in"]').waitFor();
    expect(await other.page.getByTestId('checkin-latest').textContent()).toMatch(/Already checked in at \d\d:\d\d/);
    expect(await activities(b.id)).toHaveLength(1);
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND checked_in_at IS NOT NULL`, [event.id])).rows;
    expect(n).toBe(2);

    // Search: someone without their email at hand, found by phone number and checked in with a tap.
    const tokenC = await register(event.slug, '王建国', 'wang.jianguo@example.com', { phone: '13800138000', company: '苏州精工' });
    await other.page.getByTestId('checkin-mode').getByText('Search').click();
    await other.page.getByPlaceholder('Name, email, phone or company').fill('138 0013 8000');
    const person = other.page.getByTestId('checkin-person');
    await person.first().waitFor();
    expect(await person.count()).toBe(1);
    expect(await person.textContent()).toContain('王建国');
    await other.page.getByTestId('checkin-person-checkin').click();
    await other.page.locator('[data-testid="checkin-latest"][data-status="checked_in"]').waitFor();
    await other.page.getByTestId('checkin-person-done').waitFor();
    await other.page.screenshot({ path: path.join(ARTIFACTS, 'onsite-checkin-search-en.png') });
    expect((await registration(tokenC)).check_in_method).toBe('onsite');
  });

  it('welcomes attendees at the kiosk by name, showing nobody else', async () => {
    const event = await scheduleEvent(session.api, {
      title: 'Robotics Expo',
      format: 'hybrid',
      venue: { name: 'Hall 3', address: null, directions: null },
      ...nextMonth(6),
      timeZone: 'Asia/Shanghai',
    });
    const token = await register(event.slug, 'Ada Lovelace', 'ada@example.com', { company: 'Analytical Engines' });
    const context = await session.browser.newContext({ locale: 'en-US', viewport: { width: 1024, height: 768 }, hasTouch: true });
    contexts.push(context);
    await context.addCookies(await session.context.cookies());
    const page = await context.newPage();
    // From the event editor to the check-in desk, and from there to the kiosk.
    await page.goto(`${app.url}/events/${event.id}`);
    await page.getByTestId('event-check-in-link').click();
    await page.getByTestId('checkin-page').waitFor();
    await page.getByTestId('checkin-kiosk-link').click();
    await page.getByTestId('kiosk-page').waitFor();
    expect(page.url()).toBe(`${app.url}/events/${event.id}/kiosk`);
    expect(await page.locator('.console-layout, .ant-layout-sider').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'onsite-checkin-kiosk-en.png') });
    await page.getByTestId('kiosk-input').fill('ADA@example.com');
    await page.getByTestId('kiosk-submit').click();
    await page.locator('[data-testid="kiosk-result"][data-status="checked_in"]').waitFor();
    expect(await page.getByTestId('kiosk-result-title').textContent()).toBe('Welcome, Ada Lovelace!');
    expect(await page.getByTestId('kiosk-result').textContent()).not.toContain('Analytical Engines');
    await page.screenshot({ path: path.join(ARTIFACTS, 'onsite-checkin-kiosk-welcome-en.png') });
    expect(await registration(token)).toMatchObject({ check_in_method: 'kiosk' });
    await page.getByTestId('kiosk-next').click();
    await page.getByTestId('kiosk-input').fill('nobody@example.com');
    await page.getByTestId('kiosk-input').press('Enter');
    await page.locator('[data-testid="kiosk-result"][data-status="not_found"]').waitFor();
    expect(await page.getByTestId('kiosk-result').textContent()).toContain('Please see the registration desk.');
  });

  it('reads the QR code with the phone camera (Chromium fake camera playing the confirmation QR)', async () => {
    const event = await scheduleEvent(session.api, {
      title: 'Camera Day',
      format: 'onsite',
      venue: { name: 'Hall 5', address: null, directions: null },
      ...nextMonth(4),
      timeZone: 'Asia/Shanghai',
    });
    const token = await register(event.slug, '李娜', 'li.na@example.com');
    const qr = qrOf(await sink.waitFor((mail) => JSON.stringify(mail.to ?? '').includes('li.na@example.com')));
    const video = path.join(session.dataDir, 'qr-camera.y4m');
    y4mOf(qr.image, video);
    cameraBrowser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    });
    const { context, page } = await phoneContext(cameraBrowser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.grantPermissions(['camera'], { origin: app.url });
    await context.addCookies(await session.context.cookies());
    await page.goto(`${app.url}/events/${event.id}/check-in`);
    await page.getByTestId('checkin-page').waitFor();
    await page.getByTestId('checkin-camera-toggle').click();
    await page.locator('[data-testid="checkin-latest"][data-status="checked_in"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('checkin-latest').textContent()).toContain('李娜');
    await page.screenshot({ path: path.join(ARTIFACTS, 'onsite-checkin-camera.png') });
    expect(await registration(token)).toMatchObject({ check_in_method: 'onsite' });
    // The code stays in front of the camera: it is not sent again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await page.locator('[data-testid="checkin-feed-item"]').count()).toBe(1);
    expect(await activities((await registration(token)).id)).toHaveLength(1);
  });
});
