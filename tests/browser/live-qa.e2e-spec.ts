import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { QaReply } from '@fulcrum/shared';
import type { AppProcess } from '../support/app-process';
import { nextMonth, phoneContext, scheduleEvent } from '../support/attendee';
import { ARTIFACTS } from '../support/browser';
import { DEFAULT_ADMIN, startConsole, type ConsoleSession } from '../support/console-session';
import { liveClient, type LiveClient, registerAttendee, sessionCookie } from '../support/live-socket';

const QUESTION = '<img src=x onerror="window.__pwned=1">Is there a replay?';

/**
 * Q&A on the join page, two attendees on phones and the organizer moderating over the gateway: a
 * question is asked, approved, seen by the other attendee as plain text (never HTML), upvoted once and
 * answered in writing, each change reaching both phones live.
 */
describe('live Q&A on the join page in Chromium, on phones', () => {
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

  async function moderate(questionId: string, action: 'approve' | 'answer', answer?: string): Promise<void> {
    const reply: QaReply = await organizer!.timeout(5_000).emitWithAck('qa:moderate', { questionId, action, ...(answer ? { answer } : {}) });
    if (!reply.ok) throw new Error(`qa:moderate ${action} refused: ${JSON.stringify(reply.error)}`);
    expect(reply.changed).toBe(true);
  }

  const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

  beforeAll(async () => {
    session = await startConsole({ label: 'live-qa', externalDatabase: true });
    ({ app } = session);
  });

  afterAll(async () => {
    organizer?.disconnect();
    for (const context of contexts) await context.close().catch(() => undefined);
    await session?.close();
  });

  it('asks, approves, shows the question as text, upvotes once and answers in writing, live on both phones', async () => {
    const event = await scheduleEvent(session.api, { title: 'Smart factory live Q&A', format: 'online', ...nextMonth(2), timeZone: 'Asia/Shanghai' });
    expect((await session.api.post(`/api/v1/events/${event.id}/status`, { status: 'live' })).status).toBe(200);
    const tokenA = await register(event.slug, 'Ada Chen', 'ada.chen@example.com');
    const tokenB = await register(event.slug, '王博', 'wang.bo@example.com');

    // The organizer, over the gateway with their console session (the live console's screens come later).
    organizer = liveClient(app.url, { cookie: await sessionCookie(app.url, DEFAULT_ADMIN.email, DEFAULT_ADMIN.password) });
    const asked = new Promise<string>((resolve) => organizer!.on('qa:asked', (question) => resolve(question.id)));
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
      await page.getByTestId('qa-empty').waitFor();
    }
    expect(await a.getByTestId('qa').locator('h2').textContent()).toBe('Questions');
    expect(await b.getByTestId('qa').locator('h2').textContent()).toBe('提问');

    // A asks (by name): sent, waiting for approval, listed under their own questions; B sees nothing yet.
    await a.getByTestId('qa-text').fill(QUESTION);
    expect(await a.getByTestId('qa-counter').textContent()).toBe(`${QUESTION.length}/500`);
    expect(await a.getByTestId('qa-anonymous').isChecked()).toBe(false);
    await a.getByTestId('qa-submit').click();
    await a.getByTestId('qa-sent').waitFor();
    expect(await a.getByTestId('qa-sent').textContent()).toContain('shown once the organizer approves it');
    expect(await a.getByTestId('qa-text').inputValue()).toBe('');
    const mine = a.getByTestId('qa-mine-item');
    await mine.waitFor();
    expect(await mine.getAttribute('data-status')).toBe('pending');
    expect(await mine.locator('.attend-qa-question').textContent()).toBe(QUESTION);
    const questionId = await asked;
    expect(await mine.getAttribute('data-id')).toBe(questionId);
    await a.screenshot({ path: path.join(ARTIFACTS, 'live-qa-asked.png'), fullPage: true });

    // Asking again within 10 s is refused, and what was typed stays.
    await a.getByTestId('qa-text').fill('And the slides?');
    await a.getByTestId('qa-submit').click();
    await a.getByTestId('qa-error').waitFor();
    expect(await a.getByTestId('qa-error').getAttribute('data-key')).toBe('qa.error.rate_limited');
    expect(await a.getByTestId('qa-text').inputValue()).toBe('And the slides?');
    expect(await a.locator('[data-testid="live-connection"]').getAttribute('data-state')).toBe('in-room');

    // Approved: B sees it within a second, literally, by name; nothing of it runs as HTML.
    const approvedAt = Date.now();
    await moderate(questionId, 'approve');
    const shownB = b.locator(`[data-testid="qa-question"][data-id="${questionId}"]`);
    await shownB.waitFor({ timeout: 1_000 });
    expect(Date.now() - approvedAt).toBeLessThan(1_000);
    expect(await shownB.getByTestId('qa-text-shown').textContent()).toBe(QUESTION);
    expect(await shownB.textContent()).toContain('<img src=x');
    expect(await shownB.getByTestId('qa-asker').textContent()).toBe('Ada Chen');
    expect(await shownB.getByTestId('qa-votes').textContent()).toBe('0');
    const shownA = a.locator(`[data-testid="qa-question"][data-id="${questionId}"]`);
    await shownA.waitFor({ timeout: 1_000 });
    await a.locator('[data-testid="qa-mine-item"][data-status="approved"]').waitFor();
    for (const page of [a, b]) {
      expect(await pwned(page)).toBeUndefined();
      expect(await page.getByTestId('qa').locator('img').count()).toBe(0);
    }

    // B upvotes: counted at once, the button stays disabled; A sees the vote arrive.
    const upvoteB = shownB.getByTestId('qa-upvote');
    expect(await upvoteB.isEnabled()).toBe(true);
    await upvoteB.click();
    await b.locator(`[data-testid="qa-question"][data-id="${questionId}"] [data-testid="qa-upvote"][aria-pressed="true"]:disabled`).waitFor();
    expect(await shownB.getByTestId('qa-votes').textContent()).toBe('1');
    await a.locator(`[data-testid="qa-question"][data-id="${questionId}"] [data-testid="qa-votes"]:text-is("1")`).waitFor({ timeout: 3_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await shownB.getByTestId('qa-votes').textContent()).toBe('1');
    expect(await upvoteB.isDisabled()).toBe(true);
    await b.screenshot({ path: path.join(ARTIFACTS, 'live-qa-upvoted-zh.png'), fullPage: true });

    // Answered in writing: both phones show the answer and the badge; A's own question reads answered.
    const answer = 'Yes — the replay is on this page after the event.';
    await moderate(questionId, 'answer', answer);
    for (const shown of [shownA, shownB]) {
      await shown.getByTestId('qa-answer').waitFor({ timeout: 3_000 });
      expect(await shown.getByTestId('qa-answer').textContent()).toContain(answer);
      await shown.getByTestId('qa-answered').waitFor();
    }
    await a.locator('[data-testid="qa-mine-item"][data-status="answered"]').waitFor();
    expect(await b.getByTestId('qa-answered').textContent()).toBe('已回答');

    // A reload (a rejoin) rebuilds it all from qa:state: the question, its count, B's vote.
    await b.reload();
    await b.locator('[data-testid="live-connection"][data-state="in-room"]').waitFor();
    await shownB.getByTestId('qa-answer').waitFor();
    expect(await shownB.getByTestId('qa-votes').textContent()).toBe('1');
    expect(await shownB.getByTestId('qa-upvote').isDisabled()).toBe(true);
    for (const page of [a, b]) {
      expect(await pwned(page)).toBeUndefined();
      expect(await page.getByTestId('qa').locator('img').count()).toBe(0);
    }
    await a.screenshot({ path: path.join(ARTIFACTS, 'live-qa-answered-en.png'), fullPage: true });
    await b.screenshot({ path: path.join(ARTIFACTS, 'live-qa-answered-zh.png'), fullPage: true });
  });
});
