import path from 'node:path';
import type { Page } from 'playwright-core';
import type { AppProcess } from '../support/app-process';
import { ARTIFACTS, choose } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';
import type { HttpClient } from '../support/http-client';

/**
 * An organizer creates a tag category and a tag, tags everyone in a saved segment, then builds a
 * segment "contact has the tag" whose live count is exactly the number just tagged.
 */
describe('tags in Chromium: catalog, bulk tagging a segment, a segment on the tag', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let api: HttpClient;
  let page: Page;

  beforeAll(async () => {
    session = await startConsole({ label: 'tags', demo: true });
    ({ app, api, page } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('creates a category and a tag, tags a segment, and counts "has tag" live', async () => {
    // The way in: the accounts list links to the tags page.
    await page.goto(`${app.url}/accounts`);
    await page.getByTestId('tags-manage-link').click();
    await page.waitForURL('**/accounts/tags');

    await page.getByTestId('category-new').click();
    await page.getByTestId('category-name').fill('Interest 兴趣');
    await choose(page, page.getByTestId('category-color'), 'Purple');
    await page.getByTestId('category-save').click();
    const category = page.locator('[data-testid="tag-category"][data-name="Interest 兴趣"]');
    await category.waitFor();

    await category.getByTestId('category-add-tag').click();
    await page.getByTestId('tag-name').fill('Cloud migration');
    await page.getByTestId('tag-save').click();
    await category.getByTestId('tag-label').filter({ hasText: 'Cloud migration' }).waitFor();
    const [tag] = (await api.get('/api/v1/tags')).body[0].tags;
    expect(tag).toMatchObject({ name: 'Cloud migration', color: null });

    // Two companies picked in the accounts list, tagged from there.
    await page.goto(`${app.url}/accounts`);
    const rows = page.getByTestId('companies-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    const picked = [await rows.nth(0).getAttribute('data-row-key'), await rows.nth(1).getAttribute('data-row-key')];
    for (const index of [0, 1]) await rows.nth(index).locator('.ant-checkbox-input').check();
    await page.getByTestId('bulk-tag-open').click();
    await choose(page, page.getByTestId('bulk-tag-select'), 'Cloud migration');
    await page.getByTestId('bulk-tag-run').click();
    const companiesResult = page.getByTestId('bulk-tag-result');
    await companiesResult.waitFor();
    expect([await companiesResult.getAttribute('data-matched'), await companiesResult.getAttribute('data-changed')]).toEqual(['2', '2']);
    await page.screenshot({ path: path.join(ARTIFACTS, 'tags-bulk-companies.png') });
    await page.getByTestId('bulk-tag-close').click();
    for (const id of picked) {
      expect((await api.get(`/api/v1/companies/${id}/tags`)).body).toMatchObject([{ tagId: tag.id, source: 'manual', createdByName: 'Olga Organizer' }]);
    }

    // A saved segment of key-account contacts, tagged in one go from the segment editor.
    await page.goto(`${app.url}/segments/new`);
    await page.getByTestId('segment-name').fill('Key-account contacts');
    const root = page.getByTestId('segment-root');
    await root.getByTestId('add-condition').last().click();
    const tier = root.getByTestId('segment-condition').first();
    await choose(page, tier.getByTestId('condition-field'), 'Tier');
    await choose(page, tier.getByTestId('condition-value'), 'Key account');
    const kaFilter = { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'company.tier', op: 'in', value: ['ka'] }] };
    const kaCount = (await api.post('/api/v1/segments/preview', { target: 'contacts', filter: kaFilter })).body.count;
    expect(kaCount).toBeGreaterThan(0);
    await page.locator(`[data-testid="segment-count"][data-count="${kaCount}"][data-stale="false"]`).waitFor({ timeout: 15_000 });
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);

    await page.getByTestId('segment-tag').click();
    await choose(page, page.getByTestId('bulk-tag-select'), 'Cloud migration');
    await page.getByTestId('bulk-tag-run').click();
    const result = page.getByTestId('bulk-tag-result');
    await result.waitFor();
    const tagged = Number(await result.getAttribute('data-changed'));
    expect(Number(await result.getAttribute('data-matched'))).toBe(kaCount);
    expect(tagged).toBe(kaCount);
    await page.getByTestId('bulk-tag-close').click();

    // A new segment on the tag: its live count is exactly the number tagged.
    await page.goto(`${app.url}/segments/new`);
    await page.getByTestId('segment-name').fill('Interested in cloud migration');
    await page.getByTestId('segment-root').getByTestId('add-condition').last().click();
    const condition = page.getByTestId('segment-root').getByTestId('segment-condition').first();
    await choose(page, condition.getByTestId('condition-field'), 'Contact tags');
    await choose(page, condition.getByTestId('condition-value'), 'Cloud migration');
    await page.locator(`[data-testid="segment-count"][data-count="${tagged}"][data-stale="false"]`).waitFor({ timeout: 15_000 });
    await page.getByTestId('segment-sample').locator('tbody tr.ant-table-row').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'tags-segment.png'), fullPage: true });
    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    const saved = (await api.get('/api/v1/segments')).body.find((segment: { name: string }) => segment.name === 'Interested in cloud migration');
    expect(saved).toMatchObject({
      cachedCount: tagged,
      filter: { children: [{ field: 'contact.tags', op: 'has_any', value: [tag.id] }] },
    });

    // Back on the tags page, the usage counts show the tagging and the segment that uses it.
    await page.goto(`${app.url}/accounts/tags`);
    const row = category.getByTestId('tag-table').locator('tbody tr').filter({ hasText: 'Cloud migration' });
    await row.getByTestId('tag-usage-contacts').filter({ hasText: tagged.toLocaleString('en-US') }).waitFor();
    expect(await row.getByTestId('tag-usage-segments').textContent()).toBe('1');
    expect(await row.getByTestId('tag-usage-companies').textContent()).toBe('2');
    await page.screenshot({ path: path.join(ARTIFACTS, 'tags-page.png'), fullPage: true });
  });
});
