import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Client } from 'pg';
import type { AppProcess } from '../support/app-process';
import { ARTIFACTS } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';

/**
 * An administrator handles two privacy requests in the console: an unsubscribe list from the mail
 * provider goes onto the suppression list, and one person asks to be erased.
 */
describe('privacy page in Chromium: suppression list and erasing a person', () => {
  let session: ConsoleSession;
  let db: Client;
  let app: AppProcess;
  let page: Page;
  let zhangId: string;

  beforeAll(async () => {
    session = await startConsole({
      label: 'privacy',
      externalDatabase: true,
      admin: { email: 'ada@example.com', name: 'Ada Admin', password: 'admin password 1', locale: 'en' },
    });
    ({ app, page } = session);

    db = new Client({ connectionString: session.databaseUrl! });
    await db.connect();
    const company = await db.query(`INSERT INTO companies (name, normalized_name, domain) VALUES ('Acme 自动化有限公司', 'acme自动化', 'acme.example.cn') RETURNING id`);
    const people = [
      ['Zhang Wei', 'zhang.wei@acme.example.cn', '+8613800138000'],
      ['Li Na', 'li.na@acme.example.cn', null],
    ];
    for (const [name, email, phone] of people) {
      const { rows } = await db.query(`INSERT INTO contacts (company_id, name, email, phone, consent) VALUES ($1, $2, $3, $4, 'opt_in') RETURNING id`, [
        company.rows[0].id,
        name,
        email,
        phone,
      ]);
      await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('email', $1, $2, 'crm.csv')`, [email, rows[0].id]);
      if (phone) await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('phone', $1, $2, 'crm.csv')`, [phone, rows[0].id]);
      if (name === 'Zhang Wei') zhangId = rows[0].id;
    }
  });

  afterAll(async () => {
    await db?.end();
    await session?.close();
  });

  it('adds a pasted unsubscribe list; matching contacts become unsubscribed', async () => {
    await page.goto(`${app.url}/accounts`);
    await page.getByTestId('nav-privacy').click();
    await page.waitForURL('**/privacy');
    await page.getByTestId('suppressions-add').click();
    await page.getByTestId('privacy-add-values').fill('Email\nLI.NA@acme.example.cn\n@spam.example.org\nnot an address@\n');
    await page.getByTestId('privacy-add-count').getByText('Values to add: 3').waitFor();
    await page.getByTestId('privacy-add-submit').click();
    const result = page.getByTestId('privacy-add-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('Added: 2');
    expect(await result.textContent()).toContain('contacts now unsubscribed or do not contact: 1');
    expect(await result.textContent()).toContain('not an address@');
    await page.screenshot({ path: path.join(ARTIFACTS, 'privacy-add.png') });
    await page.getByTestId('privacy-add-close').click();

    const table = page.getByTestId('suppressions-table');
    await table.getByText('li.na@acme.example.cn').waitFor();
    await table.getByText('spam.example.org').waitFor();
    const li = await db.query(`SELECT consent, consent_source FROM contacts WHERE email = 'li.na@acme.example.cn'`);
    expect(li.rows).toEqual([{ consent: 'unsubscribed', consent_source: 'suppression' }]);
  });

  it('finds a person, exports their data and erases them, keeping the address suppressed', async () => {
    await page.getByPlaceholder('Email, phone, name or contact id').fill('+86 138 0013 8000');
    await page.keyboard.press('Enter');
    const person = page.locator(`[data-testid="privacy-person"][data-contact-id="${zhangId}"]`);
    await person.waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), person.getByTestId('privacy-person-export').click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^person-${zhangId}-\\d{4}-\\d{2}-\\d{2}\\.json$`));
    const exported = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
    expect(exported.contact).toMatchObject({ name: 'Zhang Wei', email: 'zhang.wei@acme.example.cn' });
    expect(exported.identities).toHaveLength(2);

    await person.getByTestId('privacy-person-erase').click();
    const submit = page.getByTestId('privacy-erase-submit');
    expect(await submit.isDisabled()).toBe(true);
    await page.getByTestId('privacy-erase-confirm').fill('zhang.wei@acme.example');
    expect(await submit.isDisabled()).toBe(true);
    await page.getByTestId('privacy-erase-confirm').fill('Zhang.Wei@acme.example.cn');
    expect(await page.locator('.ant-modal').getByRole('checkbox').isChecked()).toBe(true);
    expect(await submit.isEnabled()).toBe(true);
    // Let the button finish its enabled transition, so the screenshot shows it.
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(ARTIFACTS, 'privacy-erase-dialog.png') });
    await submit.click();
    await page.getByText('Zhang Wei is erased').waitFor();
    await person.waitFor({ state: 'detached' });

    expect((await db.query(`SELECT 1 FROM contacts WHERE id = $1`, [zhangId])).rows).toHaveLength(0);
    expect((await db.query(`SELECT 1 FROM identities WHERE contact_id = $1`, [zhangId])).rows).toHaveLength(0);
    const kept = await db.query(`SELECT reason, source FROM suppressions WHERE kind = 'email' AND value = 'zhang.wei@acme.example.cn'`);
    expect(kept.rows).toEqual([{ reason: 'do_not_contact', source: 'erasure' }]);
    const audit = await db.query(`SELECT data FROM audit_log WHERE action = 'privacy.erase'`);
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0].data)).not.toMatch(/zhang|acme|13800138000/i);
    // The list below shows the kept address without a reload.
    await page.getByTestId('suppressions-table').getByText('zhang.wei@acme.example.cn').waitFor();

    // Asked again later, the console can tell the address was erased.
    await page.getByPlaceholder('Email, phone, name or contact id').fill('zhang.wei@acme.example.cn');
    await page.keyboard.press('Enter');
    await page.getByTestId('privacy-erased-before').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'privacy.png'), fullPage: true });
  });
});
