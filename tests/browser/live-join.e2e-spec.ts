import path from 'node:path';
import { Client } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import type { AppProcess } from '../support/app-process';
import { nextMonth, phoneContext, scheduleEvent } from '../support/attendee';
import { ARTIFACTS } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';
import { HttpClient } from '../support/http-client';

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * An attendee on a phone: from their registration page into the live room of an event that is on air,
 * checked in online, present in an attendance session that closes when they close the page; and a
 * forged link refused with a message that says what to do.
 */
describe('the live room join page in Chromium, on a phone', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let api: HttpClient;
  let db: Client;
  const contexts: BrowserContext[] = [];

  async function phone(locale: string): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await phoneContext(session.browser, { locale, timezoneId: 'Asia/Shanghai' });
    contexts.push(opened.context);
    return opened;
  }

  beforeAll(async () => {
    session = await startConsole({ label: 'live-join', externalDatabase: true });
    ({ app, api } = session);
    db = new Client({ connectionString: session.databaseUrl ?? undefined });
    await db.connect();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await session?.close();
  });

  it('joins from the registration page, checks in online, keeps an attendance session and closes it on leaving', async () => {
    const event = await scheduleEvent(api, {
      title: '工业 AI 直播：从试点到量产',
      format: 'online',
      ...nextMonth(2),
      timeZone: 'Asia/Shanghai',
    });
    const registered = await fetch(`${app.url}/api/v1/public/events/${event.slug}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '陈静', email: 'chen.jing@example.com', company: '华东自动化', answers: {} }),
    });
    expect(registered.status).toBe(201);
    const { token } = (await registered.json()) as { token: string };
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    const { context, page } = await phone('zh-CN');
    // hls.js is fetched only to play an HLS stream: never on the registrant's page, nor for an embedded player.
    const scripts: string[] = [];
    context.on('request', (request) => void (request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname)));

    // A month before the start, the registrant's page says when the room opens; no way in yet.
    await page.goto(`${app.url}/r/${token}`);
    await page.getByTestId('join-opens').waitFor();
    expect(await page.getByTestId('join-opens').textContent()).toContain('直播间将于');
    expect(await page.getByTestId('join-room').count()).toBe(0);

    const live = await api.post(`/api/v1/events/${event.id}/status`, { status: 'live' });
    expect(live.status).toBe(200);

    // On air: a prominent button leads into the room.
    await page.reload();
    const join = page.getByTestId('join-room');
    await join.waitFor();
    expect(await join.textContent()).toBe('进入直播间');
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-join-registration.png') });
    await join.click();
    await page.waitForURL(new RegExp(`/j/${token}$`));

    const connection = page.getByTestId('live-connection');
    await page.locator('[data-testid="live-connection"][data-state="in-room"]').waitFor();
    expect(await connection.textContent()).toContain('陈静，您已进入直播间');
    expect(await page.getByTestId('live-event-status').textContent()).toBe('直播中');
    expect(await page.getByTestId('event-title').textContent()).toBe('工业 AI 直播：从试点到量产');
    await page.getByTestId('live-checked-in').waitFor();
    // The public view of a registration does not carry the stream's address yet: the page says it is coming.
    expect(await page.getByTestId('player-placeholder').textContent()).toContain('主办方开始直播后');
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-join-room.png') });

    const { rows: checkIns } = await db.query(`SELECT id, checked_in_at, check_in_method FROM registrations WHERE token = $1`, [token]);
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0].checked_in_at).toBeInstanceOf(Date);
    expect(checkIns[0].check_in_method).toBe('online');
    const registrationId = checkIns[0].id as string;
    const sessions = () => db.query(`SELECT mode, joined_at, left_at FROM attendance_sessions WHERE registration_id = $1 ORDER BY joined_at`, [registrationId]).then((r) => r.rows);
    const open = await sessions();
    expect(open).toHaveLength(1);
    expect(open[0].mode).toBe('live');
    expect(open[0].left_at).toBeNull();

    // Leaving: closing the page closes the session within seconds, not at the 2-minute sweep.
    await page.close();
    const closed = await until('the attendance session after closing the page', sessions, (rows) => rows.length === 1 && rows[0].left_at !== null, 8_000);
    expect(closed[0].left_at.getTime()).toBeGreaterThanOrEqual(closed[0].joined_at.getTime());

    // The player, once the organizer gives the event a stream (an embeddable player page; a local page stands in
    // for the video platform's, no outside network in tests): a sandboxed frame that may go full screen.
    const withStream = await api.request('PATCH', `/api/v1/events/${event.id}`, { streamUrl: `${app.url}/api/health` });
    expect(withStream.status).toBe(200);
    const again = await context.newPage();
    // The page's clock is ours: the 30-second heartbeat is fast-forwarded rather than waited for.
    await again.clock.install();
    const beats: string[] = [];
    again.on('websocket', (socket) => socket.on('framesent', (frame) => void (String(frame.payload).includes('presence:heartbeat') && beats.push(String(frame.payload)))));
    await again.goto(`${app.url}/j/${token}`);
    await again.locator('[data-testid="live-connection"][data-state="in-room"]').waitFor();
    const lastSeen = () => db.query(`SELECT max(last_seen_at) AS at FROM attendance_sessions WHERE registration_id = $1 AND left_at IS NULL`, [registrationId]).then((r) => r.rows[0].at as Date | null);
    const seenBefore = await until('the reopened session', lastSeen, (at) => at !== null);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await again.clock.fastForward(30_000);
    await until('a heartbeat', async () => beats.length, (n) => n >= 1, 5_000);
    await until('last_seen_at after the heartbeat', lastSeen, (at) => at !== null && at.getTime() > seenBefore!.getTime(), 5_000);

    // The connection drops (a phone in a lift): the page says it is reconnecting, and is back in the room by itself.
    await context.setOffline(true);
    await again.clock.fastForward(60_000);
    await again.locator('[data-testid="live-connection"][data-state="reconnecting"]').waitFor({ timeout: 10_000 });
    expect(await again.getByTestId('live-connection').textContent()).toContain('正在重新连接');
    await again.screenshot({ path: path.join(ARTIFACTS, 'live-join-reconnecting.png') });
    await context.setOffline(false);
    await again.clock.fastForward(10_000);
    await again.locator('[data-testid="live-connection"][data-state="in-room"]').waitFor({ timeout: 15_000 });
    const frame = again.getByTestId('player-embed');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-presentation');
    expect(await frame.getAttribute('allowfullscreen')).not.toBeNull();
    expect(await frame.getAttribute('src')).toBe(`${app.url}/api/health`);
    await again.screenshot({ path: path.join(ARTIFACTS, 'live-join-player.png') });
    expect(scripts.some((name) => name.includes('/live-page-'))).toBe(true);
    expect(scripts.filter((name) => name.includes('/hls-'))).toEqual([]);
    await again.close();
    await until('the second visit’s session', sessions, (rows) => rows.length >= 1 && rows.every((row) => row.left_at !== null), 8_000);

    // An HLS stream: a <video> played by hls.js, which only now is fetched.
    const hls = await context.newPage();
    const playlist = `${app.url}/streams/live.m3u8`;
    let playlistRequested = false;
    await hls.route(playlist, (route) => {
      playlistRequested = true;
      return route.fulfill({ contentType: 'application/vnd.apple.mpegurl', body: '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:0\n' });
    });
    expect((await api.request('PATCH', `/api/v1/events/${event.id}`, { streamUrl: playlist })).status).toBe(200);
    await hls.goto(`${app.url}/j/${token}`);
    await hls.getByTestId('player-video').waitFor();
    await until('hls.js and the playlist', async () => playlistRequested && scripts.some((name) => name.includes('/hls-')), (loaded) => loaded, 8_000);
    expect(await hls.getByTestId('player').getAttribute('data-kind')).toBe('hls');
    await hls.close();
  });

  it('refuses a forged link with a message that says what to do, in English for an English phone', async () => {
    const { page } = await phone('en-US');
    await page.goto(`${app.url}/j/${'x'.repeat(43)}`);
    const refused = page.getByTestId('live-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('token_invalid');
    expect(await refused.textContent()).toContain('You cannot enter the live room');
    expect(await refused.textContent()).toContain('Use the link in your latest confirmation email');
    await page.screenshot({ path: path.join(ARTIFACTS, 'live-join-refused.png') });

    // A registration that no longer holds a seat: its page loads, and the room itself says no.
    const event = await scheduleEvent(api, { title: 'Cancelled seat webinar', format: 'online', ...nextMonth(1), timeZone: 'Asia/Shanghai' });
    expect((await api.post(`/api/v1/events/${event.id}/status`, { status: 'live' })).status).toBe(200);
    const guest = new HttpClient(app.url);
    const registered = await guest.post(`/api/v1/public/events/${event.slug}/registrations`, { name: 'Ann Lee', email: 'ann.lee@example.com' });
    expect(registered.status).toBe(201);
    expect((await guest.post(`/api/v1/public/registrations/${registered.body.token}/cancel`)).status).toBe(200);
    await page.goto(`${app.url}/j/${registered.body.token}`);
    await page.locator('[data-testid="live-refused"][data-code="not_registered"]').waitFor();
    expect(await refused.textContent()).toContain('does not hold a seat');
    expect(await page.getByTestId('live-my-registration').getAttribute('href')).toBe(`/r/${registered.body.token}`);
  });
});
