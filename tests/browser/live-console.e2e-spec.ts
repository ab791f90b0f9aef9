import path from 'node:path';
import { Client } from 'pg';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { type EventDetail, QA_LIMITS } from '@fulcrum/shared';
import type { AppProcess } from '../support/app-process';
import { nextMonth, phoneContext, scheduleEvent } from '../support/attendee';
import { ARTIFACTS } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';

/** The Done-when bar of the live room: what an organizer does reaches the attendee's phone within this. */
const LIVE_WITHIN_MS = 1_000;

const QUESTION = 'Will the <b>line-side</b> AI models run offline?';

type Clocked = Window & { __clickedAt?: number; __appearedAt?: number };

/** Notes, by the page's clock, when the next click lands in it. */
function armClickClock(page: Page): Promise<void> {
  return page.evaluate(() => {
    document.addEventListener('click', () => ((window as Clocked).__clickedAt = Date.now()), { capture: true, once: true });
  });
}

/** Notes, by the page's clock, when `selector` first matches in it, watching from now. */
function armAppearClock(page: Page, selector: string): Promise<void> {
  return page.evaluate((watched) => {
    const clocked = window as Clocked;
    clocked.__appearedAt = undefined;
    const observer = new MutationObserver(() => seen());
    const seen = () => {
      if (!document.querySelector(watched)) return false;
      clocked.__appearedAt = Date.now();
      observer.disconnect();
      return true;
    };
    if (!seen()) observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, selector);
}

/**
 * From the organizer's click to the change on the attendee's screen, both read by the browsers' own clocks
 * (one machine, one clock): what the people see, without the test driver's round trips.
 */
async function clickToScreen(organizer: Page, target: Locator, attendee: Page, selector: string): Promise<number> {
  await armClickClock(organizer);
  await armAppearClock(attendee, selector);
  await target.click();
  await attendee.locator(selector).waitFor({ timeout: 5_000 });
  const clickedAt = await organizer.evaluate(() => (window as Clocked).__clickedAt);
  const appearedAt = await attendee.evaluate(() => (window as Clocked).__appearedAt);
  if (clickedAt === undefined || appearedAt === undefined) throw new Error(`no clock reading: click ${clickedAt}, screen ${appearedAt}`);
  return appearedAt - clickedAt;
}

/**
 * The organizer's live console as a new user would try it, in Chromium: an organizer on a desktop and an
 * attendee on a phone who joined from their registration link. The organizer starts the event from the
 * console, moderates the attendee's question (seen with name and company), runs a poll and closes it; the
 * attendee sees each within a second, and the numbers on the console follow. The venue wall shows the
 * approved question. Screenshots in English and Chinese.
 */
describe('the organizer live console in Chromium', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let console_: Page;
  let attendee: Page;
  let event: EventDetail;
  /** When the attendee sent their first question: one question per person every `askEveryMs`. */
  let firstAskedAt = 0;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const figure = (id: string): Locator => console_.getByTestId(`live-number-${id}`);
  /** Waits until the figure reads `value` (the numbers arrive coalesced, at most once a second). */
  const figureReads = (id: string, value: string) => console_.locator(`[data-testid="live-number-${id}"][data-value="${value}"]`).waitFor({ timeout: 5_000 });

  beforeAll(async () => {
    session = await startConsole({ label: 'live-console', externalDatabase: true, viewport: { width: 1440, height: 960 } });
    ({ app, page: console_ } = session);
    console_.on('pageerror', (error) => pageErrors.push(error.message));
    // Keeps the console's WebSockets at hand, so the test can cut them as a dropped network would.
    await console_.addInitScript(() => {
      const opened: WebSocket[] = [];
      (window as unknown as { __openedSockets: WebSocket[] }).__openedSockets = opened;
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          opened.push(this);
        }
      };
    });

    event = await scheduleEvent(session.api, { title: 'Smart factory summit', format: 'online', ...nextMonth(2), timeZone: 'Asia/Shanghai' });
    const registered = await fetch(`${app.url}/api/v1/public/events/${event.slug}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada Chen', email: 'ada.chen@example.com', company: 'Acme Robotics', title: 'Head of Automation', answers: {} }),
    });
    expect(registered.status).toBe(201);
    const { token } = (await registered.json()) as { token: string };
    // Her contact works for a key account of the target database (companies come from imports; set here directly).
    const db = new Client({ connectionString: session.databaseUrl ?? undefined });
    await db.connect();
    try {
      const [company] = (
        await db.query<{ id: string }>(`INSERT INTO companies (name, normalized_name, tier) VALUES ('Acme Robotics Co., Ltd.', 'acme robotics', 'ka') RETURNING id`)
      ).rows;
      const linked = await db.query(`UPDATE contacts SET company_id = $1 WHERE id = (SELECT contact_id FROM registrations WHERE email = 'ada.chen@example.com')`, [company!.id]);
      expect(linked.rowCount).toBe(1);
    } finally {
      await db.end();
    }

    const phone = await phoneContext(session.browser, { locale: 'en-US', timezoneId: 'Asia/Shanghai' });
    contexts.push(phone.context);
    attendee = phone.page;
    attendee.on('pageerror', (error) => pageErrors.push(`attendee: ${error.message}`));
    await attendee.goto(`${app.url}/j/${token}`);
    await attendee.locator('[data-testid="live-connection"][data-state="in-room"]').waitFor();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await session?.close();
  });

  it('lists the coming event, starts it from the console, moderates a question live, and shows it on the wall', async () => {
    // The Live area lists the coming event; it opens the console of that event.
    await console_.goto(`${app.url}/live`);
    const link = console_.locator(`[data-testid="live-event-link"][data-id="${event.id}"]`);
    await link.waitFor();
    expect(await console_.locator('[data-testid="live-event-status"]').first().getAttribute('data-status')).toBe('scheduled');
    await shot(console_, 'live-list-en');
    await link.click();
    await console_.waitForURL(`**/live/${event.id}`);
    await console_.locator('[data-testid="live-console-connection"][data-state="joined"]').waitFor();
    expect(await console_.getByTestId('page-title').textContent()).toBe('Smart factory summit');
    expect(await console_.getByTestId('live-console-status').getAttribute('data-status')).toBe('scheduled');
    // Times in the event's own zone (14:00 in Shanghai), as in the events list.
    await console_.locator('[data-testid="live-console-when"]:has-text("Asia/Shanghai")').waitFor();
    expect(await console_.getByTestId('live-console-when').textContent()).toContain('2:00 PM');

    // The attendee is in the room, not checked in yet: the event has not started.
    await figureReads('in-room', '1');
    expect(await figure('checked-in').getAttribute('data-value')).toBe('0');
    expect(await figure('checked-in').textContent()).toContain('/ 1');
    expect(await attendee.getByTestId('live-event-status').textContent()).toBe('Starting soon');

    // Start: confirmed, then the console and the attendee's page show the event live; the attendee is checked in.
    await console_.getByTestId('live-start').click();
    const startMs = await clickToScreen(console_, console_.getByTestId('live-status-confirm'), attendee, '[data-testid="live-event-status"].attend-live-badge--live');
    expect(await attendee.getByTestId('live-event-status').textContent()).toBe('Live');
    await console_.locator('[data-testid="live-console-status"][data-status="live"]').waitFor();
    expect(await console_.getByTestId('live-start').count()).toBe(0);
    await console_.getByTestId('live-end').waitFor();
    await figureReads('checked-in', '1');
    const checkIn = console_.getByTestId('live-checkin');
    await checkIn.waitFor();
    expect(await checkIn.textContent()).toContain('Ada Chen');
    expect(await checkIn.textContent()).toContain('Online');

    // The attendee asks: the question waits in the Pending queue, with who asked and their company.
    await attendee.getByTestId('qa-text').fill(QUESTION);
    await attendee.getByTestId('qa-submit').click();
    firstAskedAt = Date.now();
    await attendee.getByTestId('qa-sent').waitFor();
    const pending = console_.locator('[data-testid="qa-queue-pending"] [data-testid="qa-item"]');
    await pending.waitFor({ timeout: 3_000 });
    expect(await pending.getByTestId('qa-item-name').textContent()).toBe('Ada Chen');
    expect(await pending.getByTestId('qa-item-about').textContent()).toContain('Head of Automation · Acme Robotics Co., Ltd.');
    expect(await pending.getByTestId('qa-item-tier').textContent()).toBe('Key account');
    // Typed text stays text: the tags show literally, nothing of it became markup.
    expect(await pending.getByTestId('qa-item-text').textContent()).toBe(QUESTION);
    expect(await pending.locator('b').count()).toBe(0);
    await figureReads('questions', '1');
    expect(await console_.getByTestId('qa-tab-pending').getAttribute('data-count')).toBe('1');
    const questionId = await pending.getAttribute('data-id');

    // Approve: the attendee sees it in the list within a second.
    const approveMs = await clickToScreen(console_, pending.getByTestId('qa-action-approve'), attendee, `[data-testid="qa-question"][data-id="${questionId}"]`);
    expect(approveMs).toBeLessThan(LIVE_WITHIN_MS);
    await console_.locator('[data-testid="qa-tab-approved"][data-count="1"]').waitFor();
    await figureReads('questions', '0');

    // Pinned and answered live from the Approved tab; the attendee sees the answer mark.
    await console_.getByTestId('qa-tab-approved').click();
    const shown = console_.locator(`[data-testid="qa-queue-approved"] [data-testid="qa-item"][data-id="${questionId}"]`);
    await shown.getByTestId('qa-action-pin').click();
    await shown.getByTestId('qa-item-pinned').waitFor();
    await shown.getByTestId('qa-action-answer').click();
    await shown.getByTestId('qa-item-answered').waitFor();
    await attendee.locator(`[data-testid="qa-question"][data-id="${questionId}"] [data-testid="qa-answered"]`).waitFor({ timeout: 3_000 });
    // And in writing: the attendee reads the answer.
    await shown.getByTestId('qa-action-write').click();
    await console_.getByTestId('qa-answer-text').fill('Yes: the models run on the line controller, no cloud needed.');
    await console_.getByTestId('qa-answer-submit').click();
    await shown.getByTestId('qa-item-answer').waitFor();
    await attendee
      .locator(`[data-testid="qa-question"][data-id="${questionId}"] [data-testid="qa-answer"]:has-text("no cloud needed")`)
      .waitFor({ timeout: 3_000 });

    // The wall (full screen, no console around it) shows the approved question, pinned.
    const wall = await session.context.newPage();
    wall.on('pageerror', (error) => pageErrors.push(`wall: ${error.message}`));
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await wall.goto(`${app.url}/live/${event.id}/wall`);
    const onWall = wall.locator(`[data-testid="wall-question"][data-id="${questionId}"]`);
    await onWall.waitFor();
    expect(await onWall.getAttribute('data-pinned')).toBe('true');
    expect(await onWall.getByTestId('wall-question-text').textContent()).toBe(QUESTION);
    expect(await onWall.getByTestId('wall-question-asker').textContent()).toBe('Ada Chen');
    expect(await wall.locator('nav, .ant-layout-sider').count()).toBe(0);
    await shot(wall, 'live-wall-en');
    await wall.close();

    await shot(console_, 'live-console-en');
    await shot(attendee, 'live-console-attendee-en');
    // For the report: how long each change took to reach the phone.
    process.stdout.write(`live console: start reached the phone in ${startMs} ms, approval in ${approveMs} ms\n`);
  });

  it('creates and launches a poll, counts the vote, closes it with results shown, live on the phone', async () => {
    await console_.getByTestId('poll-new').click();
    await console_.getByTestId('poll-form-question').fill('Which line do you automate first?');
    await console_.getByTestId('poll-form-option-0').fill('Assembly');
    await console_.getByTestId('poll-form-option-1').fill('Packaging');
    await console_.getByTestId('poll-form-add-option').click();
    await console_.getByTestId('poll-form-option-2').fill('Quality inspection');
    await console_.getByTestId('poll-form-launch').click();
    const poll = console_.locator('[data-testid="poll-item"][data-status="open"]');
    await poll.waitFor();
    const pollId = await poll.getAttribute('data-id');
    await figureReads('poll-turnout', '0');

    // The attendee answers.
    const onPhone = attendee.locator(`[data-testid="poll"][data-id="${pollId}"]`);
    await attendee.locator(`[data-testid="poll"][data-id="${pollId}"][data-status="open"] [data-testid="poll-form"]`).waitFor({ timeout: 3_000 });
    await onPhone.getByTestId('poll-option').nth(1).check();
    await onPhone.getByTestId('poll-submit').click();
    await onPhone.getByTestId('poll-answer').waitFor();

    // The organizer sees the vote counted and the turnout move.
    await poll.locator('[data-testid="poll-respondents"][data-respondents="1"]').waitFor({ timeout: 3_000 });
    expect(await poll.locator('[data-testid="poll-bar-votes"]').nth(1).getAttribute('data-votes')).toBe('1');
    expect(await poll.locator('[data-testid="poll-bar-votes"]').nth(0).getAttribute('data-votes')).toBe('0');
    await figureReads('poll-turnout', '1');

    // Results shown to attendees, then closed: the phone shows it closed, with the results, within a second.
    await poll.getByTestId('poll-show-results').click();
    await console_.locator(`[data-testid="poll-item"][data-id="${pollId}"] [data-testid="poll-show-results"][aria-checked="true"]`).waitFor();
    const closeMs = await clickToScreen(console_, poll.getByTestId('poll-close'), attendee, `[data-testid="poll"][data-id="${pollId}"][data-status="closed"] [data-testid="poll-results"]`);
    expect(closeMs).toBeLessThan(LIVE_WITHIN_MS);
    expect(await onPhone.locator('[data-testid="poll-bar"]').nth(1).getAttribute('data-votes')).toBe('1');
    await console_.locator(`[data-testid="poll-item"][data-id="${pollId}"][data-status="closed"]`).waitFor();

    await shot(console_, 'live-console-poll-en');
    await shot(attendee, 'live-console-poll-attendee-en');
    process.stdout.write(`live console: closing the poll reached the phone in ${closeMs} ms\n`);
  });

  it('rejoins by itself after the connection drops, and catches up on what happened meanwhile', async () => {
    // The network goes: offline (no new connection) and the open socket cut.
    await session.context.setOffline(true);
    try {
      await console_.evaluate(() => {
        for (const socket of (window as unknown as { __openedSockets: WebSocket[] }).__openedSockets) socket.close();
      });
      await console_.locator('[data-testid="live-console-connection"][data-state="reconnecting"]').waitFor({ timeout: 5_000 });
      await console_.getByTestId('live-console-reconnecting').waitFor();
      // Asked while the console was away: only the state resent on the rejoin can bring it.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstAskedAt + QA_LIMITS.askEveryMs + 250 - Date.now())));
      await attendee.getByTestId('qa-text').fill('Is there a replay?');
      await attendee.getByTestId('qa-submit').click();
      await attendee.getByTestId('qa-mine-item').nth(1).waitFor();
      expect(await console_.getByTestId('qa-tab-pending').getAttribute('data-count')).toBe('0');
    } finally {
      await session.context.setOffline(false);
    }
    await console_.locator('[data-testid="live-console-connection"][data-state="joined"]').waitFor({ timeout: 15_000 });
    await console_.locator('[data-testid="qa-tab-pending"][data-count="1"]').waitFor({ timeout: 3_000 });
    await figureReads('questions', '1');
    expect(await console_.getByTestId('live-console-reconnecting').count()).toBe(0);

    // Hidden: it leaves the queue for the Hidden tab, and can be shown again from there.
    await console_.getByTestId('qa-tab-pending').click();
    await console_.locator('[data-testid="qa-queue-pending"] [data-testid="qa-action-hide"]').click();
    await console_.locator('[data-testid="qa-tab-hidden"][data-count="1"]').waitFor();
    await console_.getByTestId('qa-tab-hidden').click();
    expect(await console_.locator('[data-testid="qa-queue-hidden"] [data-testid="qa-item-text"]').textContent()).toBe('Is there a replay?');
    expect(await console_.locator('[data-testid="qa-queue-hidden"] [data-testid="qa-action-approve"]').textContent()).toBe('Show again');
  });

  it('reads in Chinese, console and wall, and ends the event after a confirmation', async () => {
    await console_.getByTestId('lang-switch').click();
    await console_.getByTestId('lang-zh-CN').click();
    await console_.locator('[data-testid="live-end"]:has-text("结束活动")').waitFor();
    expect(await console_.getByTestId('live-console-status').textContent()).toBe('直播中');
    await shot(console_, 'live-console-zh');

    const wall = await session.context.newPage();
    await wall.setViewportSize({ width: 1920, height: 1080 });
    await wall.goto(`${app.url}/live/${event.id}/wall`);
    await wall.getByTestId('wall-question').waitFor();
    expect(await wall.getByTestId('wall-questions').locator('.live-wall-column-title').textContent()).toBe('提问');
    expect(await wall.getByTestId('wall-chat').locator('.live-wall-column-title').textContent()).toBe('聊天');
    await shot(wall, 'live-wall-zh');
    await wall.close();

    await console_.getByTestId('live-end').click();
    await console_.getByTestId('live-status-confirm').click();
    await console_.locator('[data-testid="live-console-status"][data-status="ended"]').waitFor();
    expect(await console_.getByTestId('live-end').count()).toBe(0);
    await attendee.locator('[data-testid="live-event-status"]:text-is("Replay")').waitFor({ timeout: 3_000 });

    expect(pageErrors).toEqual([]);
  });
});
