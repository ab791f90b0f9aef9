import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startApp, tempDataDir, type AppProcess } from '../support/app-process';
import { ARTIFACTS, launchChromium } from '../support/browser';

/** A newcomer's first minutes, in a real browser against the embedded default. */
describe('console in Chromium: first-run setup, demo data, sign-in, language, sign-out', () => {
  const dataDir = tempDataDir('browser');
  let app: AppProcess;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    app = await startApp({ DATA_DIR: dataDir });
    chromium = await launchChromium();
    browser = chromium.browser;
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1366, height: 850 } });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  });

  afterAll(async () => {
    await chromium?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `console-${name}.png`), fullPage: true });

  it('sends a fresh installation to setup and creates the first admin with demo data', async () => {
    await page.goto(`${app.url}/accounts`);
    await page.waitForURL('**/setup');
    await page.getByTestId('setup-name').fill('Grace Hopper');
    await page.getByTestId('setup-email').fill('grace@example.com');
    await page.getByTestId('setup-password').fill('a strong password');
    await page.getByTestId('setup-password-confirm').fill('a strong password');
    expect(await page.getByTestId('setup-demo').isChecked()).toBe(true);
    await shot('setup');
    await page.getByTestId('setup-submit').click();
    await page.waitForURL('**/accounts');
    // The demo target database loads through the job queue; the table fills when it is done.
    await page.getByTestId('companies-table').locator('tbody tr.ant-table-row').nth(5).waitFor({ timeout: 90_000 });
    await page.reload();
    await page.getByTestId('companies-table').locator('tbody tr.ant-table-row').nth(5).waitFor({ timeout: 90_000 });
    const rows = await page.getByTestId('companies-table').locator('tbody tr.ant-table-row').count();
    expect(rows).toBeGreaterThanOrEqual(10);
    await shot('accounts');
  });

  it('signs out and back in', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/sign-in');
    await page.getByTestId('signin-email').fill('grace@example.com');
    await page.getByTestId('signin-password').fill('not the password');
    await page.getByTestId('signin-submit').click();
    await page.getByText('The email or password is not correct.').first().waitFor();
    await shot('sign-in-error');
    await page.getByTestId('signin-password').fill('a strong password');
    await page.getByTestId('signin-submit').click();
    await page.waitForURL('**/accounts');
  });

  it('invites a colleague and shows the invitation email rendered in the outbox', async () => {
    await page.getByTestId('nav-users').click();
    await page.getByTestId('user-add').click();
    await page.getByTestId('user-email').fill('linus@example.com');
    await page.getByTestId('user-name').fill('Linus Sales');
    await page.getByTestId('user-create-submit').click();
    await page.getByTestId('users-table').getByText('Linus Sales').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await shot('users');

    await page.getByTestId('nav-outbox').click();
    // Mail is sent by the job queue: the list fills once the worker has written the .eml.
    const row = page.getByTestId('outbox-table').getByText('Grace Hopper invited you to Fulcrum');
    for (let attempt = 0; attempt < 10; attempt++) {
      if (await row.waitFor({ timeout: 2_000 }).then(() => true, () => false)) break;
      await page.reload();
    }
    await row.click();
    const preview = page.frameLocator('[data-testid="outbox-preview"]');
    await preview.getByText('Hello Linus Sales,').waitFor();
    expect(await preview.locator('a', { hasText: 'Choose your password' }).getAttribute('href')).toMatch(/\/reset-password\?token=[\w-]{40,}/);
    await shot('outbox');
    await page.keyboard.press('Escape');
  });

  it('switches the language to Chinese and keeps it after a reload', async () => {
    const englishTitle = await page.getByTestId('page-title').innerText();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-zh-CN').click();
    await page.waitForFunction((before) => document.querySelector('[data-testid="page-title"]')?.textContent !== before, englishTitle);
    const chineseTitle = await page.getByTestId('page-title').innerText();
    expect(chineseTitle).toMatch(/[\u4e00-\u9fff]/);
    await page.reload();
    await page.getByTestId('page-title').waitFor();
    expect(await page.getByTestId('page-title').innerText()).toBe(chineseTitle);
    await shot('accounts-zh');
  });

  it('signs out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL('**/sign-in');
    await page.goto(`${app.url}/users`);
    await page.waitForURL('**/sign-in**');
    expect(consoleErrors).toEqual([]);
  });
});
