import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { AppProcess } from '../support/app-process';
import { ARTIFACTS, choose } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';
import { HttpClient } from '../support/http-client';

/** The Form.Item around a control: where antd shows that field's error. */
function fieldOf(page: Page, control: Locator): Locator {
  return page.locator('.ant-form-item').filter({ has: control }).last();
}

/** Types a date and time into an antd DatePicker and confirms it. */
async function pickDateTime(page: Page, testId: string, value: string): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"] input, input[data-testid="${testId}"]`).first();
  await input.click();
  await input.fill(value);
  await page.keyboard.press('Enter');
  await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' }).catch(() => undefined);
}

/**
 * An organizer plans an on-site event in the editor (agenda, speaker, a choice question), is told a
 * venue is missing when scheduling it, adds one, schedules it, and finds it among the upcoming events.
 * A sales user then sees the same event read-only.
 */
describe('events in Chromium: the editor, scheduling, the list', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let api: HttpClient;
  let page: Page;
  let eventId = '';
  const year = new Date().getFullYear() + 1;
  const title = 'Smart Manufacturing Summit';

  beforeAll(async () => {
    // The browser is in Shanghai: a new event starts in that zone.
    session = await startConsole({ label: 'events', timezoneId: 'Asia/Shanghai' });
    ({ app, api, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('creates an on-site draft, refuses an end before the start, and needs a venue to schedule', async () => {
    await page.goto(`${app.url}/events`);
    await page.getByTestId('events-empty').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'events-empty.png') });
    await page.getByTestId('events-empty-create').click();
    await page.waitForURL('**/events/new');

    await page.getByTestId('event-title').fill(title);
    await page.getByTestId('event-format-onsite').click();
    await page.getByTestId('event-section-venue').waitFor();
    expect(await page.getByTestId('event-timezone').textContent()).toContain('Asia/Shanghai');
    // Materials need a saved event to belong to.
    await page.getByTestId('materials-save-first').waitFor();
    expect(await page.getByTestId('material-upload').count()).toBe(0);

    // An end before the start is refused on the field itself, and nothing is saved.
    await pickDateTime(page, 'event-starts', `${year}-06-18 14:00`);
    await pickDateTime(page, 'event-ends', `${year}-06-18 13:00`);
    const ends = fieldOf(page, page.getByTestId('event-ends'));
    await ends.locator('.ant-form-item-explain-error').filter({ hasText: 'The end must come after the start.' }).waitFor();
    await page.getByTestId('event-save').click();
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/\/events\/new$/);
    expect((await api.get('/api/v1/events')).body.total).toBe(0);
    await pickDateTime(page, 'event-ends', `${year}-06-18 17:30`);
    await ends.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });

    await page.getByTestId('agenda-add').click();
    const agenda = page.getByTestId('agenda-row').first();
    await agenda.getByTestId('agenda-time').fill('14:00');
    await agenda.getByTestId('agenda-title').fill('Keynote: the connected factory');

    await page.getByTestId('speaker-add').click();
    const speaker = page.getByTestId('speaker-row').first();
    await speaker.getByTestId('speaker-name').fill('Li Wei');
    await speaker.getByTestId('speaker-title').fill('CTO');
    await speaker.getByTestId('speaker-company').fill('East China Automation');
    await agenda.getByTestId('agenda-speaker').locator('input').or(agenda.locator('input[data-testid="agenda-speaker"]')).first().fill('Li Wei');

    // The stream address says how it will play.
    const kind = page.getByTestId('event-stream-kind');
    await page.getByTestId('event-stream-url').fill('https://live.example.com/summit/index.m3u8');
    await page.locator('[data-testid="event-stream-kind"][data-kind="hls"]').waitFor();
    await page.getByTestId('event-stream-url').fill('https://player.example.com/embed/summit');
    await page.locator('[data-testid="event-stream-kind"][data-kind="embed"]').waitFor();
    expect(await kind.textContent()).toContain('shown in a frame');

    // Markup the server does not keep: the preview shows what it keeps, never what was typed.
    await page.getByTestId('event-description').fill('<h2>Why attend</h2><p>Meet <strong>our engineers</strong>.</p><script>window.pwned = 1</script><img src="x" onerror="window.pwned = 2">');

    await page.getByTestId('question-add').click();
    const question = page.getByTestId('question-row').first();
    await question.getByTestId('question-label').fill('Your role in the purchase');
    await question.getByTestId('question-key').fill('role');
    await choose(page, question.getByTestId('question-type'), 'One choice');
    const options = question.getByTestId('question-options');
    await options.click();
    for (const option of ['IT', 'Business']) {
      await page.keyboard.type(option);
      await page.keyboard.press('Enter');
    }
    await options.locator('.ant-select-selection-item').filter({ hasText: 'Business' }).waitFor();

    await page.getByTestId('event-save').click();
    await page.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    eventId = page.url().split('/').pop() ?? '';
    await page.locator('[data-testid="event-status"][data-status="draft"]').waitFor();
    const saved = (await api.get(`/api/v1/events/${eventId}`)).body;
    expect(saved).toMatchObject({
      title,
      format: 'onsite',
      status: 'draft',
      timeZone: 'Asia/Shanghai',
      venue: null,
      agenda: [{ time: '14:00', title: 'Keynote: the connected factory', speaker: 'Li Wei' }],
      speakers: [{ name: 'Li Wei', title: 'CTO', company: 'East China Automation' }],
      questions: [{ key: 'role', label: 'Your role in the purchase', type: 'select', options: ['IT', 'Business'] }],
      reminderMinutes: [1440, 60, 0],
      streamUrl: 'https://player.example.com/embed/summit',
      streamKind: 'embed',
    });
    const preview = page.getByTestId('event-description-preview');
    await preview.locator('strong').filter({ hasText: 'our engineers' }).waitFor();
    expect(await preview.locator('h2').textContent()).toBe('Why attend');
    expect(await preview.locator('script, img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // 14:00 in Shanghai, whatever the offset the server writes it with.
    expect(Date.parse(saved.startsAt)).toBe(Date.parse(`${year}-06-18T14:00:00+08:00`));
    expect(Date.parse(saved.endsAt)).toBe(Date.parse(`${year}-06-18T17:30:00+08:00`));

    // Scheduling an on-site event without a venue: the server says so, on the venue field.
    await page.getByTestId('event-move-scheduled').click();
    const venueName = fieldOf(page, page.getByTestId('venue-name'));
    await venueName.locator('.ant-form-item-explain-error').filter({ hasText: 'needs a venue' }).waitFor();
    expect(await page.getByTestId('event-status').getAttribute('data-status')).toBe('draft');
    expect((await api.get(`/api/v1/events/${eventId}`)).body.status).toBe('draft');
    await page.screenshot({ path: path.join(ARTIFACTS, 'events-not-ready.png') });
  });

  it('schedules the event once it has a venue, and lists it as upcoming', async () => {
    await page.getByTestId('venue-name').fill('Shanghai World Expo Center, Hall 3');
    await page.getByTestId('venue-address').fill('1099 Guozhan Road, Pudong');
    // Unsaved changes are saved first: the button says so.
    const schedule = page.getByTestId('event-move-scheduled');
    expect(await schedule.textContent()).toBe('Save and schedule');
    const patch = page.waitForRequest((request) => request.method() === 'PATCH' && request.url().endsWith(`/api/v1/events/${eventId}`));
    await schedule.click();
    expect((await patch).postDataJSON()).toEqual({
      venue: { name: 'Shanghai World Expo Center, Hall 3', address: '1099 Guozhan Road, Pudong', directions: null },
    });
    await page.locator('[data-testid="event-status"][data-status="scheduled"]').waitFor();
    expect(await fieldOf(page, page.getByTestId('venue-name')).locator('.ant-form-item-explain-error').count()).toBe(0);
    expect((await api.get(`/api/v1/events/${eventId}`)).body).toMatchObject({
      status: 'scheduled',
      venue: { name: 'Shanghai World Expo Center, Hall 3', address: '1099 Guozhan Road, Pudong', directions: null },
      venueName: 'Shanghai World Expo Center, Hall 3',
      // Only what changed was sent: the description stays as it was saved.
      description: expect.stringContaining('<strong>our engineers</strong>'),
    });
    // The next moves from scheduled: go live, or back to draft. A scheduled event cannot be deleted.
    await page.getByTestId('event-move-live').waitFor();
    await page.getByTestId('event-move-draft').waitFor();
    expect(await page.getByTestId('event-delete').count()).toBe(0);
    // Scheduled, the event has a public page: the panel links to it, and it opens.
    const slug = (await api.get(`/api/v1/events/${eventId}`)).body.slug;
    expect(await page.getByTestId('event-public-link').getAttribute('href')).toBe(`/e/${slug}`);
    expect((await api.get(`/api/v1/public/events/${slug}`)).body.title).toBe((await api.get(`/api/v1/events/${eventId}`)).body.title);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, 'events-editor.png') });
    await page.evaluate(() => document.getElementById('event-section-registration')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(ARTIFACTS, 'events-editor-lists.png') });

    await page.getByTestId('event-back').click();
    await page.waitForURL(/\/events$/);
    await page.getByTestId('events-when-upcoming').click();
    await page.waitForURL(/when=upcoming/);
    await page.locator('.ant-segmented-item-selected').filter({ hasText: 'Upcoming' }).waitFor();
    const row = page.getByTestId('events-table').locator('tbody tr.ant-table-row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.getByTestId('event-status').getAttribute('data-status')).toBe('scheduled');
    expect(await row.getByTestId('event-status').textContent()).toBe('Scheduled');
    expect(await row.textContent()).toContain('Asia/Shanghai (GMT+8)');
    expect(await row.getByTestId('event-starts').textContent()).toContain('2:00');
    expect(await row.textContent()).toContain('Shanghai World Expo Center, Hall 3');
    await page.screenshot({ path: path.join(ARTIFACTS, 'events-list.png') });

    // It is not a past event.
    await page.getByTestId('events-when-past').click();
    await page.waitForURL(/when=past/);
    await page.getByTestId('events-table').getByText('No events match').waitFor();
  });

  it('attaches files to the event: uploads, renames, downloads and deletes one, and keeps another', async () => {
    await page.goto(`${app.url}/events/${eventId}`);
    const section = page.getByTestId('event-section-materials');
    await section.getByTestId('materials-empty').waitFor();
    // A small file that reads as a PDF: 3,000 bytes, so its size shows as 2.9 KB.
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000 - 9, 0x41)]);
    const file = path.join(os.tmpdir(), `fulcrum-slides-${process.pid}.pdf`);
    await writeFile(file, bytes);
    const uploaded = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes(`/api/v1/events/${eventId}/materials`));
    await section.getByTestId('material-upload').locator('input[type=file]').setInputFiles(file);
    expect((await uploaded).status()).toBe(201);
    const row = section.getByTestId('material-row').first();
    await row.waitFor();
    expect(await row.getByTestId('material-file').textContent()).toBe(path.basename(file));
    expect(await row.getByTestId('material-size').textContent()).toBe('2.9 KB');
    expect(await row.textContent()).toContain('Olga Organizer');
    const [listed] = (await api.get(`/api/v1/events/${eventId}/materials`)).body;
    expect(listed).toMatchObject({ fileName: path.basename(file), sizeBytes: 3000 });

    // Renamed in a small dialog; the list and the server both keep the new title.
    await row.getByTestId('material-rename').click();
    const input = page.getByTestId('material-rename-input');
    await input.fill('Keynote slides');
    await page.getByTestId('material-rename-save').click();
    await row.getByTestId('material-title').filter({ hasText: 'Keynote slides' }).waitFor();
    await page.locator('.ant-modal').filter({ has: input }).waitFor({ state: 'hidden' });
    expect((await api.get(`/api/v1/events/${eventId}/materials`)).body[0].title).toBe('Keynote slides');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(ARTIFACTS, 'events-materials.png') });

    // The download is the very bytes uploaded.
    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('material-download').click()]);
    expect(download.suggestedFilename()).toBe(path.basename(file));
    const saved = await download.path();
    expect(Buffer.compare(await readFile(saved), bytes)).toBe(0);

    // Deleting asks first, then the list is empty again.
    await row.getByTestId('material-delete').click();
    await page.getByTestId('material-delete-confirm').click();
    await section.getByTestId('materials-empty').waitFor();
    expect((await api.get(`/api/v1/events/${eventId}/materials`)).body).toEqual([]);

    // One stays for the sales user to find.
    await writeFile(file, Buffer.from('%PDF-1.4\nagenda'));
    await section.getByTestId('material-upload').locator('input[type=file]').setInputFiles(file);
    await section.getByTestId('material-row').waitFor();
    await rm(file, { force: true });
  });

  it('shows sales the event read-only, without a way to create one (in Chinese)', async () => {
    const sales = { email: 'sam@example.com', name: '王销售', role: 'sales', locale: 'zh-CN', password: 'sales password 1' };
    const created = await api.post('/api/v1/users', sales);
    expect(created.status).toBe(201);
    const salesApi = new HttpClient(app.url);
    const signedIn = await salesApi.post('/api/v1/auth/sign-in', { email: sales.email, password: sales.password });
    expect(signedIn.status).toBe(200);
    const context = await session.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai' });
    try {
      const cookie = String(signedIn.headers.get('set-cookie')).split(';')[0].split('=')[1];
      await context.addCookies([{ name: 'fulcrum_session', value: cookie, url: app.url }]);
      const salesPage = await context.newPage();
      await salesPage.goto(`${app.url}/events`);
      const row = salesPage.getByTestId('events-table').locator('tbody tr.ant-table-row').filter({ hasText: title });
      await row.waitFor();
      expect(await row.getByTestId('event-status').textContent()).toBe('已发布');
      expect(await salesPage.getByTestId('event-new').count()).toBe(0);
      await salesPage.screenshot({ path: path.join(ARTIFACTS, 'events-list-zh.png') });

      await salesPage.getByTestId('event-link').filter({ hasText: title }).click();
      await salesPage.waitForURL(`**/events/${eventId}`);
      await salesPage.locator('[data-testid="event-status"][data-status="scheduled"]').waitFor();
      // The saved, sanitized description instead of its HTML source.
      await salesPage.getByTestId('event-description-preview').locator('strong').waitFor();
      expect(await salesPage.getByTestId('event-description').count()).toBe(0);
      expect(await salesPage.getByTestId('event-title').inputValue()).toBe(title);
      expect(await salesPage.getByTestId('event-title').isDisabled()).toBe(true);
      // The materials: listed with a download link, nothing to upload, rename or delete.
      const material = salesPage.getByTestId('event-section-materials').getByTestId('material-row');
      await material.waitFor();
      await salesPage.getByTestId('event-section-materials').screenshot({ path: path.join(ARTIFACTS, 'events-materials-sales-zh.png') });
      expect(await material.getByTestId('material-download').getAttribute('href')).toMatch(new RegExp(`/api/v1/events/${eventId}/materials/[0-9a-f-]{36}/file$`));
      for (const control of ['event-save', 'event-move-live', 'agenda-add', 'question-add', 'material-upload', 'material-rename', 'material-delete']) {
        expect(await salesPage.getByTestId(control).count()).toBe(0);
      }
      await salesPage.screenshot({ path: path.join(ARTIFACTS, 'events-sales-read-only.png') });
      await salesPage.evaluate(() => document.getElementById('event-section-registration')?.scrollIntoView({ block: 'start' }));
      await salesPage.screenshot({ path: path.join(ARTIFACTS, 'events-sales-read-only-lists.png') });
    } finally {
      await context.close();
    }
  });

  it('goes live and ends the event after asking, and then lists it as past', async () => {
    await page.goto(`${app.url}/events/${eventId}`);
    for (const [to, question] of [
      ['live', `Go live with “${title}”?`],
      ['ended', `End “${title}”?`],
    ] as const) {
      await page.getByTestId(`event-move-${to}`).click();
      await page.locator('.ant-modal-confirm-title').filter({ hasText: question }).waitFor();
      if (to === 'live') {
        // Cancelling leaves it where it was.
        await page.locator('.ant-modal-confirm-btns button').filter({ hasText: 'Cancel' }).click();
        await page.locator('.ant-modal-confirm').waitFor({ state: 'detached' });
        expect((await api.get(`/api/v1/events/${eventId}`)).body.status).toBe('scheduled');
        await page.getByTestId(`event-move-${to}`).click();
      }
      await page.getByTestId('event-move-confirm').click();
      await page.locator(`[data-testid="event-status"][data-status="${to}"]`).waitFor();
    }
    expect((await api.get(`/api/v1/events/${eventId}`)).body.status).toBe('ended');
    await page.getByTestId('event-move-archived').waitFor();

    await page.goto(`${app.url}/events?when=past`);
    const row = page.getByTestId('events-table').locator('tbody tr.ant-table-row').filter({ hasText: title });
    await row.waitFor();
    expect(await row.getByTestId('event-status').getAttribute('data-status')).toBe('ended');
  });

  it('deletes a draft after asking', async () => {
    const draft = await api.post('/api/v1/events', {
      title: 'Draft to delete',
      format: 'online',
      startsAt: `${year}-09-01T10:00:00+08:00`,
      endsAt: `${year}-09-01T11:00:00+08:00`,
      timeZone: 'Asia/Shanghai',
    });
    expect(draft.status).toBe(201);
    await page.goto(`${app.url}/events/${draft.body.id}`);
    await page.getByTestId('event-delete').click();
    await page.getByTestId('event-delete-confirm').click();
    await page.waitForURL(/\/events$/);
    expect((await api.get(`/api/v1/events/${draft.body.id}`)).status).toBe(404);
  });
});
