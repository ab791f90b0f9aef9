import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHAT_LIMITS, type ChatMessage } from '@fulcrum/shared';
import type { AppProcess } from '../support/app-process';
import { nextMonth, phoneContext, scheduleEvent } from '../support/attendee';
import { ARTIFACTS } from '../support/browser';
import { DEFAULT_ADMIN, startConsole, type ConsoleSession } from '../support/console-session';
import { liveClient, type LiveClient, registerAttendee, sessionCookie } from '../support/live-socket';

const SCRIPTED = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>Look at this`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Chat on the join page, two attendees on phones and the organizer moderating over the gateway:
 * messages flow both ways within a second, script-laden text shows as text and runs nothing, a hidden
 * message disappears from both phones, the organizer's post carries its badge, and with
 * pre-moderation on a message waits until approved.
 */
describe('live chat on the join page in Chromium, on phones', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let organizer: LiveClient | null = null;
  const contexts: BrowserContext[] = [];

  async function phone(locale: string): Promise<Page> {
    const opened = await phoneContext(session.browser, { locale, timezoneId: 'Asia/Shanghai' });
    contexts.push(opened.context);
    return opened.page;
  }

  const register = (slug: string, name: string, email: string) => registerAttendee(app.url, slug, name, email);

  /** Types a message on a phone and sends it with the button; resolves when the gateway broadcast it to the organizer. */
  async function send(page: Page, text: string): Promise<ChatMessage> {
    const posted = new Promise<ChatMessage>((resolve) => {
      const listener = (message: ChatMessage) => {
        if (message.text !== text) return;
        organizer!.off('chat:posted', listener);
        resolve(message);
      };
      organizer!.on('chat:posted', listener);
    });
    await page.getByTestId('chat-input').fill(text);
    await page.getByTestId('chat-send').click();
    return posted;
  }

  const item = (page: Page, id: string) => page.locator(`[data-testid="chat-message"][data-id="${id}"]`);
  const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

  beforeAll(async () => {
    session = await startConsole({ label: 'live-chat', externalDatabase: true });
    ({ app } = session);
  });

  afterAll(async () => {
    organizer?.disconnect();
    for (const context of contexts) await context.close().catch(() => undefined);
    await session?.close();
  });

  it('sends both ways live, renders script as text, hides for everyone, badges the organizer and holds messages for approval', async () => {
    const event = await scheduleEvent(session.api, { title: 'Smart factory live chat', format: 'online', ...nextMonth(2), timeZone: 'Asia/Shanghai' });
    expect((await session.api.post(`/api/v1/events/${event.id}/status`, { status: 'live' })).status).toBe(200);
    const tokenA = await register(event.slug, 'Ada Chen', 'ada.chen@example.com');
    const tokenB = await register(event.slug, '王博', 'wang.bo@example.com');

    // The organizer, over the gateway with their console session.
    organizer = liveClient(app.url, { cookie: await sessionCookie(app.url, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password) });
    const joined = await organizer.timeout(10_000).emitWithAck('room:join', { eventId: event.id });
    expect(joined.ok).toBe(true);

    const a = await phone('en-US');
    const b = await phone('zh-CN');
    for (const [page, token] of [
      [a, tokenA],
      [b, tokenB],
    ] as const) {
      await page.goto(`${app.url}/j/${token}`);
      await page.locator('[data-testid="live-connection"][data-state="in-room"]').waitFor();
      await page.getByTestId('chat-empty').waitFor();
    }
    expect(await a.getByTestId('chat').locator('h2').textContent()).toBe('Chat');
    expect(await b.getByTestId('chat').locator('h2').textContent()).toBe('聊天');

    // A → B within a second, by name; A's own marked as theirs, the input emptied.
    let sentAt = Date.now();
    const hello = await send(a, 'Hello from Suzhou!');
    await item(b, hello.id).waitFor({ timeout: 1_000 });
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(await item(b, hello.id).getByTestId('chat-author').textContent()).toBe('Ada Chen');
    expect(await item(b, hello.id).getByTestId('chat-text').textContent()).toBe('Hello from Suzhou!');
    await item(a, hello.id).waitFor();
    expect(await item(a, hello.id).getByTestId('chat-author').textContent()).toBe('You');
    expect(await a.getByTestId('chat-input').inputValue()).toBe('');

    // B → A within a second.
    sentAt = Date.now();
    const reply = await send(b, '你好，Ada');
    await item(a, reply.id).waitFor({ timeout: 1_000 });
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(await item(a, reply.id).getByTestId('chat-author').textContent()).toBe('王博');
    expect(await item(b, reply.id).getByTestId('chat-author').textContent()).toBe('我');

    // Too soon after one's last message: refused in words, the text kept, still in the room.
    await b.getByTestId('chat-input').fill('Again?');
    await b.getByTestId('chat-send').click();
    await b.getByTestId('chat-error').waitFor();
    expect(await b.getByTestId('chat-error').getAttribute('data-key')).toBe('chat.error.rate_limited');
    expect(await b.getByTestId('chat-input').inputValue()).toBe('Again?');
    expect(await b.locator('[data-testid="live-connection"]').getAttribute('data-state')).toBe('in-room');

    // Script-laden text: shown literally on both phones, nothing runs, no element made of it.
    await sleep(CHAT_LIMITS.sendEveryMs);
    const scripted = await send(a, SCRIPTED);
    for (const page of [a, b]) {
      await item(page, scripted.id).waitFor({ timeout: 1_000 });
      expect(await item(page, scripted.id).getByTestId('chat-text').textContent()).toBe(SCRIPTED);
      expect(await page.getByTestId('chat').locator('img, script').count()).toBe(0);
    }
    await sleep(300);
    for (const page of [a, b]) expect(await pwned(page)).toBeUndefined();
    await b.screenshot({ path: path.join(ARTIFACTS, 'live-chat-script-as-text-zh.png'), fullPage: true });

    // Hidden by the organizer: gone from both phones.
    const hidden = await organizer.timeout(5_000).emitWithAck('chat:moderate', { messageId: scripted.id, action: 'hide' });
    expect(hidden).toMatchObject({ ok: true, changed: true });
    for (const page of [a, b]) await item(page, scripted.id).waitFor({ state: 'detached', timeout: 1_000 });
    expect(await a.getByTestId('chat-message').count()).toBe(2);

    // The organizer posts: both phones show it with the badge, in their language.
    const posted = await organizer.timeout(5_000).emitWithAck('chat:send', { text: 'Welcome! The demo starts in 5 minutes.', eventId: event.id });
    if (!posted.ok) throw new Error(`chat:send refused: ${JSON.stringify(posted.error)}`);
    await item(a, posted.message.id).getByTestId('chat-organizer').waitFor({ timeout: 1_000 });
    expect(await item(a, posted.message.id).getByTestId('chat-organizer').textContent()).toBe('Organizer');
    expect(await item(b, posted.message.id).getByTestId('chat-organizer').textContent()).toBe('主办方');

    // Pre-moderation on: both phones say so; B's message waits (B sees it marked), A sees nothing until approved.
    expect(await organizer.timeout(5_000).emitWithAck('chat:settings', { eventId: event.id, moderation: 'pre' })).toMatchObject({ ok: true, changed: true });
    await a.getByTestId('chat-premoderation').waitFor({ timeout: 1_000 });
    await b.getByTestId('chat-premoderation').waitFor({ timeout: 1_000 });
    const waiting = await send(b, 'Can we get the slides?');
    expect(waiting.status).toBe('pending');
    await item(b, waiting.id).getByTestId('chat-pending').waitFor({ timeout: 1_000 });
    expect(await item(b, waiting.id).getByTestId('chat-pending').textContent()).toBe('待审核');
    await sleep(500);
    expect(await item(a, waiting.id).count()).toBe(0);
    await b.screenshot({ path: path.join(ARTIFACTS, 'live-chat-pending-zh.png'), fullPage: true });

    const approvedAt = Date.now();
    expect(await organizer.timeout(5_000).emitWithAck('chat:moderate', { messageId: waiting.id, action: 'approve' })).toMatchObject({ ok: true, changed: true });
    await item(a, waiting.id).waitFor({ timeout: 1_000 });
    expect(Date.now() - approvedAt).toBeLessThan(1_000);
    expect(await item(a, waiting.id).getByTestId('chat-text').textContent()).toBe('Can we get the slides?');
    await b.locator(`[data-testid="chat-message"][data-id="${waiting.id}"][data-status="approved"]`).waitFor({ timeout: 1_000 });
    expect(await item(b, waiting.id).getByTestId('chat-pending').count()).toBe(0);

    // A reload (a rejoin) rebuilds the conversation from chat:state, without the hidden one.
    await a.reload();
    await a.locator('[data-testid="live-connection"][data-state="in-room"]').waitFor();
    await item(a, waiting.id).waitFor();
    expect(await a.getByTestId('chat-message').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')))).toEqual([
      hello.id,
      reply.id,
      posted.message.id,
      waiting.id,
    ]);
    expect(await item(a, hello.id).getByTestId('chat-author').textContent()).toBe('You');
    for (const page of [a, b]) expect(await pwned(page)).toBeUndefined();
    await a.screenshot({ path: path.join(ARTIFACTS, 'live-chat-en.png'), fullPage: true });

    // The event ends: the conversation stays on the page, read-only.
    expect((await session.api.post(`/api/v1/events/${event.id}/status`, { status: 'ended' })).status).toBe(200);
    await b.getByTestId('chat-closed').waitFor({ timeout: 5_000 });
    expect(await b.getByTestId('chat-form').count()).toBe(0);
    expect(await item(b, waiting.id).count()).toBe(1);
    await b.reload();
    await item(b, waiting.id).waitFor();
    await b.getByTestId('chat-closed').waitFor();
    expect(await b.getByTestId('chat-message').count()).toBe(4);
  });
});
