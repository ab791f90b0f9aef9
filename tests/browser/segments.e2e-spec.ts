import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startApp, tempDataDir, type AppProcess } from '../support/app-process';
import { ARTIFACTS, launchChromium } from '../support/browser';
import { HttpClient } from '../support/http-client';

/**
 * Picks an option in an Ant Design select: opens it, types the label when the select is searchable
 * (long lists are virtualized), then clicks the option whose text is exactly the label.
 */
async function choose(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  if (await select.locator('input[type="search"]').count()) await page.keyboard.type(label);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) });
  await option.first().click();
  if (await page.locator('.ant-select-dropdown:visible').count()) await page.keyboard.press('Escape');
}

/** An organizer builds a nested segment in the visual builder, watches the count, saves and exports it. */
describe('segment builder in Chromium against the demo target database', () => {
  const dataDir = tempDataDir('segments');
  let app: AppProcess;
  let api: HttpClient;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp({ DATA_DIR: dataDir, DEMO: 'load' });
    api = new HttpClient(app.url);
    await api.post('/api/v1/setup', { email: 'olga@example.com', name: 'Olga Organizer', password: 'organizer password', locale: 'en' });
    for (let i = 0; i < 120 && (await api.get('/api/v1/demo')).body.state !== 'loaded'; i++) await new Promise((r) => setTimeout(r, 500));
    chromium = await launchChromium();
    browser = chromium.browser;
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    // Signed in through the API (as the setup above did); the browser gets the same session cookie.
    const session = (await api.post('/api/v1/auth/sign-in', { email: 'olga@example.com', password: 'organizer password' })).headers.get('set-cookie');
    await context.addCookies([{ name: 'fulcrum_session', value: String(session).split(';')[0].split('=')[1], url: app.url }]);
    page = await context.newPage();
  });

  afterAll(async () => {
    await chromium?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds "key accounts whose contact is a CIO or 首席信息官", counts it live, saves and exports it', async () => {
    await page.goto(`${app.url}/segments`);
    await page.getByTestId('segment-new').first().click();
    await page.waitForURL('**/segments/new');
    await page.getByTestId('segment-name').fill('Key-account CIOs');

    const root = page.getByTestId('segment-root');
    await root.getByTestId('add-condition').last().click();
    const tier = root.getByTestId('segment-condition').first();
    await choose(page, tier.getByTestId('condition-field'), 'Tier');
    await choose(page, tier.getByTestId('condition-value'), 'Key account');

    await root.getByTestId('add-group').last().click();
    const group = root.getByTestId('segment-group').first();
    await group.getByTestId('group-combinator').getByText('any of').click();
    // A new group starts with one blank condition; the second comes from "Add condition".
    for (const [index, title] of ['Chief Information', '首席信息官'].entries()) {
      if (index > 0) await group.getByTestId('add-condition').last().click();
      const condition = group.getByTestId('segment-condition').nth(index);
      await choose(page, condition.getByTestId('condition-field'), 'Title');
      await choose(page, condition.getByTestId('condition-operator'), 'contains');
      await condition.getByTestId('condition-value').fill(title);
    }

    // The same filter through the API is the oracle for the live count on screen.
    const filter = {
      kind: 'group',
      combinator: 'and',
      children: [
        { kind: 'condition', field: 'company.tier', op: 'in', value: ['ka'] },
        {
          kind: 'group',
          combinator: 'or',
          children: [
            { kind: 'condition', field: 'contact.title', op: 'contains', value: 'Chief Information' },
            { kind: 'condition', field: 'contact.title', op: 'contains', value: '首席信息官' },
          ],
        },
      ],
    };
    const expected = (await api.post('/api/v1/segments/preview', { target: 'contacts', filter })).body.count;
    expect(expected).toBeGreaterThan(0);
    await page.locator(`[data-testid="segment-count"][data-count="${expected}"][data-stale="false"]`).waitFor({ timeout: 15_000 });
    await page.getByTestId('segment-sample').locator('tbody tr.ant-table-row').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'segments-builder.png'), fullPage: true });

    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    const saved = (await api.get('/api/v1/segments')).body[0];
    expect(saved).toMatchObject({ name: 'Key-account CIOs', target: 'contacts', cachedCount: expected, filter });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('segment-export').click()]);
    const csv = fs.readFileSync(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(expected + 1);
    expect(lines.slice(1).every((line) => line.endsWith(',ka'))).toBe(true);
  });
});
