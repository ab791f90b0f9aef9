import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from './app-process';

export const ARTIFACTS = path.join(REPO_ROOT, 'tests', '.artifacts');

/** The system Chromium (Debian package), headless; Playwright gives each launch a fresh profile directory. */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return { browser, close: () => browser.close() };
}

/**
 * Picks an option in an Ant Design select: opens it, types the label when the select is searchable
 * (long lists are virtualized), then clicks the option whose text is exactly the label.
 */
export async function choose(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  // Ant Design 6 marks a searchable select with a class (its input is type="text").
  const searchable = ((await select.getAttribute('class')) ?? '').includes('ant-select-show-search') || (await select.locator('input[type="search"]').count()) > 0;
  if (searchable) await page.keyboard.type(label);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: new RegExp(`^${label}$`) });
  await option.first().click();
  if (await page.locator('.ant-select-dropdown:visible').count()) await page.keyboard.press('Escape');
}
