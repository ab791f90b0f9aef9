import path from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import type { AppProcess } from '../support/app-process';
import { ARTIFACTS } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';
import type { HttpClient } from '../support/http-client';

/**
 * An organizer opens a company, corrects a field, finds that two contacts are one person, merges
 * them choosing which e-mail address stays, and undoes the merge from the history.
 */
describe('company and contact pages in Chromium: edit, merge duplicates, undo', () => {
  let session: ConsoleSession;
  let db: Client;
  let app: AppProcess;
  let api: HttpClient;
  let page: Page;
  let companyId: string;
  let keptId: string;
  let duplicateId: string;

  beforeAll(async () => {
    session = await startConsole({ label: 'accounts', externalDatabase: true, viewport: { width: 1440, height: 1000 } });
    ({ app, api, page } = session);

    // The target database as an import would leave it: one company, the same person twice.
    db = new Client({ connectionString: session.databaseUrl! });
    await db.connect();
    [{ id: companyId }] = (
      await db.query(
        `INSERT INTO companies (name, normalized_name, domain, industry, sub_industry, employees, employee_band, city, province, country, tier, source,
           field_sources)
         VALUES ('Acme Robotics (Shanghai) Co., Ltd.', 'acme robotics shanghai', 'acme-robotics.test', 'manufacturing', 'industrial_automation', 800, '200-999',
           'Shanghai', 'Shanghai', 'CN', 'ka', 'import', jsonb_build_object('employees', jsonb_build_object('source', 'trade show list', 'at', now())))
         RETURNING id`,
      )
    ).rows;
    const person = async (email: string, phone: string | null, title: string | null, consent: string) => {
      const { rows } = await db.query(
        `INSERT INTO contacts (company_id, name, email, phone, title, seniority, consent) VALUES ($1, 'Wang Fang', $2, $3, $4, 'director', $5) RETURNING id`,
        [companyId, email, phone, title, consent],
      );
      await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('email', $1, $2, 'import')`, [email, rows[0].id]);
      if (phone) await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('phone', $1, $2, 'import')`, [phone, rows[0].id]);
      return rows[0].id as string;
    };
    keptId = await person('wang.fang@acme-robotics.test', null, null, 'opt_in');
    duplicateId = await person('fang.wang@gmail.test', '+8613800138000', 'Chief Information Officer', 'legitimate_interest');
    await db.query(`INSERT INTO contacts (company_id, name, email, title) VALUES ($1, 'Li Na', 'li.na@acme-robotics.test', 'IT Manager')`, [companyId]);
  });

  afterAll(async () => {
    await db?.end();
    await session?.close();
  });

  it('lists contacts with the search in the URL', async () => {
    await page.goto(`${app.url}/accounts/contacts`);
    const rows = page.getByTestId('contacts-table').locator('tbody tr.ant-table-row');
    await rows.nth(2).waitFor();
    await page.getByLabel('Search by name, email, phone or company').fill('wang f');
    await page.waitForURL(/q=wang\+f/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contacts-table"] tbody tr.ant-table-row').length === 2);
    expect(await rows.allInnerTexts()).toEqual([expect.stringContaining('Wang Fang'), expect.stringContaining('Wang Fang')]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'accounts-contacts.png'), fullPage: true });
  });

  it('opens the company from the accounts list and edits a field, recording who changed it', async () => {
    await page.goto(`${app.url}/accounts`);
    await page.getByTestId('company-link').filter({ hasText: 'Acme Robotics' }).click();
    await page.waitForURL(`**/accounts/companies/${companyId}`);
    await page.getByTestId('firmographics').getByText('800').waitFor();
    const people = page.getByTestId('company-people').locator('tbody tr.ant-table-row');
    await people.nth(2).waitFor();
    expect(await people.count()).toBe(3);

    await page.getByTestId('company-edit').click();
    const employees = page.getByRole('dialog').getByLabel('Employees', { exact: true });
    await employees.fill('1250');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('firmographics').getByText('1,250').waitFor();
    await page.getByTestId('history-entry').filter({ hasText: 'Edit' }).first().waitFor();
    // The value's provenance: hovering shows who set it.
    await page.getByTestId('field-employees').hover();
    await page.getByRole('tooltip').filter({ hasText: 'Edited by Olga Organizer' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'accounts-company.png'), fullPage: true });

    const company = (await api.get(`/api/v1/companies/${companyId}`)).body.company;
    expect(company).toMatchObject({ employees: 1250, employeeBand: '1000-4999' });
    expect(company.fieldSources.employees).toMatchObject({ source: 'manual', userName: 'Olga Organizer' });
  });

  it('merges two contacts that are one person, keeping the chosen e-mail, and undoes the merge', async () => {
    await page.getByTestId('person-link').filter({ hasText: 'Wang Fang' }).first().click();
    await page.waitForURL(/\/accounts\/contacts\/[0-9a-f-]{36}$/);
    const openedId = page.url().split('/').pop() as string;
    const otherId = openedId === keptId ? duplicateId : keptId;

    const suggestion = page.getByTestId('duplicate-item').filter({ hasText: 'Same name, same company' });
    await suggestion.waitFor();
    await suggestion.getByTestId('duplicate-merge').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('merge-fields').waitFor();
    // Keep the opened record, but take the work address over the Gmail one whichever record has it.
    const workAddressColumn = openedId === keptId ? 'kept' : 'merged';
    await dialog.getByTestId(`merge-choice-email-${workAddressColumn}`).click();
    await dialog.getByTestId('merge-confirm').click();
    await page.getByTestId('history-entry').filter({ hasText: 'Merge' }).first().waitFor();
    await page.getByTestId('duplicates-card').getByText('No likely duplicates found.').waitFor();
    await page.getByTestId('contact-identities').getByText('+8613800138000').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'accounts-contact-merged.png'), fullPage: true });

    const merged = (await api.get(`/api/v1/contacts/${openedId}`)).body.contact;
    expect(merged).toMatchObject({ email: 'wang.fang@acme-robotics.test', phone: '+8613800138000', title: 'Chief Information Officer', consent: expect.any(String) });
    expect(merged.identities.map((identity: { value: string }) => identity.value).sort()).toEqual(
      ['+8613800138000', 'fang.wang@gmail.test', 'wang.fang@acme-robotics.test'].sort(),
    );
    expect((await api.get(`/api/v1/contacts/${otherId}`)).status).toBe(404);
    expect((await api.get(`/api/v1/contacts?companyId=${companyId}`)).body.total).toBe(2);

    await page.getByTestId('history-entry').filter({ hasText: 'Merge' }).first().getByTestId('history-undo').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Undo' }).click();
    await page.getByTestId('history-entry').filter({ hasText: 'Undone by Olga Organizer' }).waitFor();
    await page.getByTestId('duplicate-item').filter({ hasText: 'Same name, same company' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'accounts-contact-undone.png'), fullPage: true });

    const restored = (await api.get(`/api/v1/contacts/${otherId}`)).body.contact;
    expect(restored.identities.length).toBeGreaterThan(0);
    const kept = (await api.get(`/api/v1/contacts/${keptId}`)).body.contact;
    const duplicate = (await api.get(`/api/v1/contacts/${duplicateId}`)).body.contact;
    expect(kept).toMatchObject({ email: 'wang.fang@acme-robotics.test', phone: null, title: null, consent: 'opt_in' });
    expect(duplicate).toMatchObject({ email: 'fang.wang@gmail.test', phone: '+8613800138000', title: 'Chief Information Officer' });
    expect((await api.get(`/api/v1/contacts?companyId=${companyId}`)).body.total).toBe(3);
  });
});
