import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AppProcess } from '../support/app-process';
import { ARTIFACTS, choose } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';
import type { HttpClient } from '../support/http-client';

/** An organizer builds a nested segment in the visual builder, watches the count, saves and exports it. */
describe('segment builder in Chromium against the demo target database', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let api: HttpClient;
  let page: Page;

  beforeAll(async () => {
    session = await startConsole({ label: 'segments', demo: true });
    ({ app, api, page } = session);
  });

  afterAll(async () => {
    await session?.close();
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
