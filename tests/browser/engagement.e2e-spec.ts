import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { BrowserContext } from 'playwright-core';
import type { EngagementSummary, EventDetail } from '@fulcrum/shared';
import type { AppProcess } from '../support/app-process';
import { nextMonth, phoneContext, scheduleEvent } from '../support/attendee';
import { ARTIFACTS, choose } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';
import { registerAttendee } from '../support/live-socket';

/**
 * Materials, calls to action and the end-of-event survey end to end: the organizer configures a button
 * and a survey in the event editor and uploads a material; an attendee on a phone downloads it and taps
 * the button on the join page; the event ends; the attendee answers the survey (refused while a required
 * answer is missing, then saved and changed); the organizer reads the numbers in the Engagement summary.
 */
describe('engagement in Chromium: organizer editor, attendee phone, engagement summary', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let db: Client;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    session = await startConsole({ label: 'engagement', externalDatabase: true });
    ({ app } = session);
    db = new Client({ connectionString: session.databaseUrl ?? undefined });
    await db.connect();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await session?.close();
  });

  it('configures, downloads, clicks, answers and counts', async () => {
    const { api, page } = session;
    const event = await scheduleEvent(api, { title: '智能工厂线上峰会', format: 'online', ...nextMonth(2), timeZone: 'Asia/Shanghai' });
    const demoUrl = `${app.url}/e/${event.slug}?from=cta`;

    // The organizer: a "request a demo" button and a two-question survey, saved with the event.
    await page.goto(`${app.url}/events/${event.id}`);
    const ctas = page.getByTestId('event-section-ctas');
    await ctas.getByTestId('cta-add').click();
    const cta = ctas.getByTestId('cta-row').first();
    await choose(page, cta.getByTestId('cta-kind'), 'Request a demo');
    await cta.getByTestId('cta-url').fill('javascript:alert(1)');
    await cta.locator('.ant-form-item-explain-error').filter({ hasText: 'http:// or https://' }).waitFor();
    await cta.getByTestId('cta-url').fill(demoUrl);
    await cta.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });

    const survey = page.getByTestId('event-section-survey');
    await survey.getByTestId('survey-add').click();
    const rating = survey.getByTestId('survey-row').nth(0);
    await rating.getByTestId('survey-prompt').fill('How useful was the summit?');
    await rating.getByTestId('survey-required').check();
    await survey.getByTestId('survey-add').click();
    const choice = survey.getByTestId('survey-row').nth(1);
    await choice.getByTestId('survey-prompt').fill('What should we do next?');
    await choose(page, choice.getByTestId('survey-kind'), 'One choice');
    const options = choice.getByTestId('survey-options');
    await options.click();
    for (const option of ['Send me a demo', 'Call me']) {
      await page.keyboard.type(option);
      await page.keyboard.press('Enter');
    }
    await options.locator('.ant-select-selection-item').filter({ hasText: 'Call me' }).waitFor();
    await survey.getByTestId('survey-add').click();
    await survey.getByTestId('survey-row').nth(2).getByTestId('survey-prompt').fill('Anything else?');
    await choose(page, survey.getByTestId('survey-row').nth(2).getByTestId('survey-kind'), 'Free text');

    const saved = page.waitForResponse((response) => response.request().method() === 'PATCH' && response.url().endsWith(`/api/v1/events/${event.id}`));
    await page.getByTestId('event-save').click();
    expect((await saved).status()).toBe(200);
    await page.getByTestId('event-unsaved').waitFor({ state: 'detached' });
    const stored: EventDetail = (await api.get(`/api/v1/events/${event.id}`)).body;
    expect(stored.ctas).toEqual([{ id: 'cta1', kind: 'request_demo', label: null, url: demoUrl }]);
    expect(stored.survey.map((q) => [q.id, q.kind, q.required, q.options.map((o) => o.label)])).toEqual([
      ['s1', 'rating', true, []],
      ['s2', 'choice', false, ['Send me a demo', 'Call me']],
      ['s3', 'text', false, []],
    ]);
    await ctas.screenshot({ path: path.join(ARTIFACTS, 'engagement-editor-ctas.png') });
    await survey.screenshot({ path: path.join(ARTIFACTS, 'engagement-editor-survey.png') });

    // A material, uploaded in the editor.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(48_000, 0x42)]);
    const file = path.join(os.tmpdir(), `fulcrum-engagement-${process.pid}.pdf`);
    await writeFile(file, bytes);
    const uploaded = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes(`/api/v1/events/${event.id}/materials`));
    await page.getByTestId('event-section-materials').getByTestId('material-upload').locator('input[type=file]').setInputFiles(file);
    expect((await uploaded).status()).toBe(201);

    // Live, and an attendee on a phone (in Chinese) in the room.
    expect((await api.post(`/api/v1/events/${event.id}/status`, { status: 'live' })).status).toBe(200);
    await page.reload();
    const token = await registerAttendee(app.url, event.slug, '陈雅', 'chen.ya@example.com');
    const phone = await phoneContext(session.browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(phone.context);
    const attendee = phone.page;
    await attendee.goto(`${app.url}/j/${token}`);
    await attendee.locator('[data-testid="live-connection"][data-state="in-room"]').waitFor();
    const material = attendee.getByTestId('material');
    await material.waitFor();
    expect(await material.locator('.attend-material-title').textContent()).toBe(path.basename(file));
    expect(await attendee.getByTestId('materials').locator('h2').textContent()).toBe('活动资料');

    const [download] = await Promise.all([attendee.waitForEvent('download'), material.getByTestId('material-download').click()]);
    expect(download.suggestedFilename()).toBe(path.basename(file));
    expect((await readFile(await download.path())).equals(bytes)).toBe(true);

    const button = attendee.getByTestId('cta');
    expect(await button.textContent()).toBe('申请演示');
    const [opened] = await Promise.all([phone.context.waitForEvent('page'), button.click()]);
    await opened.waitForURL(demoUrl);
    await attendee.getByTestId('cta-opened').waitFor();
    expect(await attendee.getByTestId('cta-link').getAttribute('href')).toBe(demoUrl);
    await opened.close();
    // Before the end the survey is not offered.
    expect(await attendee.getByTestId('survey').count()).toBe(0);
    await attendee.screenshot({ path: path.join(ARTIFACTS, 'engagement-live-zh.png'), fullPage: true });

    const logged = await db.query(`SELECT kind FROM activities WHERE kind IN ('material.downloaded', 'cta.clicked') ORDER BY id`);
    expect(logged.rows.map((r) => r.kind)).toEqual(['material.downloaded', 'cta.clicked']);

    // The organizer ends the event in the editor; the phone's room shows the replay and the survey.
    await page.getByTestId('event-move-ended').click();
    await page.getByTestId('event-move-confirm').click();
    await page.locator('[data-testid="event-status"][data-status="ended"]').waitFor();
    const form = attendee.locator('[data-testid="survey"][data-state="open"]');
    await form.waitFor({ timeout: 10_000 });

    // A required answer missing: refused on the question, nothing sent.
    await form.getByTestId('survey-option-' + stored.survey[1].options[0].id).check();
    await form.getByTestId('survey-submit').click();
    await form.getByTestId('problem-survey.s1').waitFor();
    expect(await form.getByTestId('problem-survey.s1').textContent()).toBe('此题为必答题');
    expect((await db.query(`SELECT count(*)::int AS n FROM survey_responses`)).rows[0].n).toBe(0);

    await form.getByTestId('survey-rating-4').check();
    await form.getByTestId('survey-text').fill('<b>多一些</b>案例');
    await form.getByTestId('survey-submit').click();
    await form.getByTestId('survey-saved').waitFor();
    expect(await form.getByTestId('survey-saved').textContent()).toBe('感谢您的反馈，答案已保存。');
    await attendee.screenshot({ path: path.join(ARTIFACTS, 'engagement-survey-saved-zh.png'), fullPage: true });

    // The registrant's page shows the saved answers, still editable: a change is saved in place.
    await attendee.goto(`${app.url}/r/${token}`);
    const again = attendee.locator('[data-testid="survey"][data-state="open"]');
    await again.getByTestId('survey-answered').waitFor();
    expect(await again.getByTestId('survey-rating-4').isChecked()).toBe(true);
    expect(await again.getByTestId('survey-text').inputValue()).toBe('<b>多一些</b>案例');
    await again.getByTestId('survey-rating-5').check();
    await again.getByTestId('survey-submit').click();
    await again.getByTestId('survey-saved').waitFor();
    const answers = await db.query(`SELECT answers FROM survey_responses`);
    expect(answers.rows).toEqual([{ answers: { s1: 5, s2: stored.survey[1].options[0].id, s3: '<b>多一些</b>案例' } }]);
    expect(await attendee.locator('[data-testid="survey"] b').count()).toBe(0);
    await attendee.screenshot({ path: path.join(ARTIFACTS, 'engagement-my-registration-zh.png'), fullPage: true });
    // The same panel in English, with the answers kept.
    await attendee.getByTestId('language-switch').click();
    expect(await again.locator('h2').textContent()).toBe('Your feedback');
    expect(await again.getByTestId('survey-submit').textContent()).toBe('Save my changes');
    expect(await again.getByTestId('survey-rating-5').isChecked()).toBe(true);
    await attendee.screenshot({ path: path.join(ARTIFACTS, 'engagement-my-registration-en.png'), fullPage: true });

    // The organizer's summary.
    const summarySection = page.getByTestId('event-section-engagement');
    await summarySection.getByTestId('engagement-reload').click();
    await summarySection.locator('[data-testid="engagement-responses"][data-count="1"]').waitFor();
    expect(await summarySection.getByTestId('engagement-material-count').textContent()).toBe('People: 1 · in all: 1');
    expect(await summarySection.getByTestId('engagement-cta').textContent()).toContain('Request a demo');
    expect(await summarySection.getByTestId('engagement-cta-count').textContent()).toBe('People: 1 · in all: 1');
    const ratingSummary = summarySection.locator('[data-testid="engagement-question"][data-id="s1"]');
    expect(await ratingSummary.getByTestId('engagement-question-answered').textContent()).toBe('Average 5.0 of 5 · 1 answered');
    const choiceSummary = summarySection.locator('[data-testid="engagement-question"][data-id="s2"]');
    expect(await choiceSummary.locator(`[data-testid="engagement-option"][data-id="${stored.survey[1].options[0].id}"]`).getAttribute('data-count')).toBe('1');
    await summarySection.scrollIntoViewIfNeeded();
    await summarySection.screenshot({ path: path.join(ARTIFACTS, 'engagement-summary.png') });
    const summary: EngagementSummary = (await api.get(`/api/v1/events/${event.id}/engagement`)).body;
    expect(summary.materials[0]).toMatchObject({ people: 1, downloads: 1 });
    expect(summary.ctas[0]).toMatchObject({ people: 1, clicks: 1 });
  });
});
