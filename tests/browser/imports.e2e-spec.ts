import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { Client } from 'pg';
import { buildXlsx, rowXml, worksheetXml } from '../../backend/src/modules/imports/reader/xlsx-fixture';
import type { AppProcess } from '../support/app-process';
import { ARTIFACTS } from '../support/browser';
import { DEFAULT_ADMIN, startConsole, type ConsoleSession } from '../support/console-session';
import type { HttpClient } from '../support/http-client';

const HEADERS = ['公司名称', '官网', '行业', '员工人数', '城市', '客户等级', '姓名', '邮箱', '手机', '职位', '部门', '营销同意', '备注'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '杰', '涛', '明'];
const TITLES = ['首席信息官', 'IT 总监', '采购经理', '工程师', 'CTO', '数字化转型负责人', '运维主管'];

interface Existing {
  email: string;
  companyName: string;
  title: string | null;
}

/**
 * A trade-show lead list as marketing gets it: an instructions sheet first, then the data sheet with
 * Chinese headers; phones typed every way; e-mails in mixed case and full-width; some people twice;
 * a few broken rows; and three people the database already has, now with a new title.
 */
function tradeShowWorkbook(existing: Existing[]): { xlsx: Buffer; expected: { newPeople: number; duplicates: number; rejected: number } } {
  const rows: Array<Array<string | number | null>> = [HEADERS];
  let newPeople = 0;
  for (let i = 0; i < 1200; i++) {
    const company = i % 150;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3) % GIVEN.length]}`;
    const phone = [`138${String(10000000 + i).padStart(8, '0')}`, `+86 139-${String(1000 + (i % 9000)).padStart(4, '0')}-${String(i).padStart(4, '0')}`, null][i % 3];
    const email = i % 5 === 0 ? `Lead.${i}@Expo-${company}.COM.CN` : `lead.${i}@expo-${company}.com.cn`;
    rows.push([
      `展会客户${company}科技有限公司`,
      `www.expo-${company}.com.cn`,
      ['工业自动化', '新能源', '医疗器械'][company % 3],
      `${(company + 1) * 20}人`,
      ['上海', '苏州', '杭州'][company % 3],
      ['A', 'B', 'C'][company % 3],
      name,
      email,
      phone,
      TITLES[i % TITLES.length],
      '信息部',
      i % 10 === 0 ? '同意' : '',
      i === 7 ? '展位 A12\n需要回访' : '',
    ]);
    newPeople++;
  }
  // The same visitors scanned twice at the booth: the later rows win, the earlier ones are reported.
  for (let i = 0; i < 10; i++) rows.push([...rows[1 + i * 11]]);
  // Broken rows: e-mails that cannot be right, and people with no e-mail or phone at all.
  for (const bad of ['zhang@', 'li at expo.com', 'wang@expo', '陈@@expo.com', 'foo@bar..com']) {
    rows.push(['展会客户1科技有限公司', '', '', '', '', '', '坏数据', bad, '', '', '', '', '']);
  }
  for (let i = 0; i < 3; i++) rows.push(['展会客户2科技有限公司', '', '', '', '', '', `无联系方式${i}`, '', '', '', '', '', '']);
  // Full-width characters in an e-mail, as typed on a Chinese keyboard.
  rows.push(['展会客户3科技有限公司', '', '', '', '', '', '全角', 'ｑｕａｎｊｉａｏ＠expo-3.com.cn', '', '', '', '', '']);
  newPeople++;
  // People the database already has: upper-case e-mail, new title.
  for (const person of existing) rows.push([person.companyName, '', '', '', '', '', '', person.email.toUpperCase(), '', 'VP 数字化转型', '', '', '']);

  const instructions = [['Fulcrum 展会线索导入模板'], ['请在“客户名单”工作表中填写数据。'], ['邮箱或手机至少填写一项。']];
  const sheetXml = (data: Array<Array<string | number | null>>) => worksheetXml(data.map((cells, k) => rowXml(k + 1, cells)).join(''));
  const xlsx = buildXlsx({ sheets: [{ name: '说明', xml: sheetXml(instructions) }, { name: '客户名单', xml: sheetXml(rows) }] });
  return { xlsx, expected: { newPeople, duplicates: 10, rejected: 8 } };
}

describe('import wizard in Chromium: a messy trade-show workbook into the demo database', () => {
  let session: ConsoleSession;
  let app: AppProcess;
  let api: HttpClient;
  let page: Page;
  let existing: Existing[];

  beforeAll(async () => {
    session = await startConsole({
      label: 'imports',
      demo: true,
      externalDatabase: true,
      browserLocale: 'zh-CN',
      admin: { ...DEFAULT_ADMIN, locale: 'zh-CN' },
    });
    ({ app, api, page } = session);
    const sample = await api.post('/api/v1/segments/preview', {
      target: 'contacts',
      filter: { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'contact.hasEmail', op: 'is_true' }] },
      sampleSize: 3,
    });
    existing = sample.body.sample;
    expect(existing).toHaveLength(3);
  });

  afterAll(async () => {
    await session?.close();
  });

  /** Holds the merge lock so an import waits inside its merge: progress and cancel can be seen. */
  async function holdMerges(): Promise<Client> {
    const client = new Client({ connectionString: session.databaseUrl! });
    await client.connect();
    await client.query(`SELECT pg_advisory_lock(hashtext('fulcrum.imports.merge'))`);
    return client;
  }

  it('uploads the workbook, picks the data sheet, checks the guessed mapping, watches progress and reads the report', async () => {
    const { xlsx, expected } = tradeShowWorkbook(existing);
    const file = path.join(session.dataDir, '2026上海工业展线索.xlsx');
    fs.writeFileSync(file, xlsx);

    await page.goto(`${app.url}/accounts/imports`);
    await page.getByTestId('import-new').click();
    await page.waitForURL('**/accounts/imports/new');
    await page.locator('input[type="file"]').setInputFiles(file);

    // The first sheet is the instructions: nothing there identifies a person, so the wizard says so.
    await page.getByTestId('import-mapping').waitFor();
    await page.getByTestId('import-need-identity').waitFor();
    expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
    await page.getByTestId('import-sheet').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^客户名单$/ }).click();
    await page.getByTestId('import-need-identity').waitFor({ state: 'detached' });
    await expect(page.getByTestId('import-format').textContent()).resolves.toBe('Excel (.xlsx)');
    // Headers guessed: 邮箱 → 邮箱 (Email), 手机 → 手机, 备注 left out.
    await expect(page.getByTestId('import-map-7').textContent()).resolves.toContain('邮箱');
    await expect(page.getByTestId('import-map-8').textContent()).resolves.toContain('手机');
    await expect(page.getByTestId('import-map-12').textContent()).resolves.toContain('不导入');
    await expect(page.getByTestId('import-preview').textContent()).resolves.toContain('展位 A12');
    await page.getByTestId('import-source').fill('2026 上海工业展');
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-wizard-mapping.png'), fullPage: true });

    const lock = await holdMerges();
    try {
      await page.getByTestId('import-start').click();
      await page.waitForURL(/\/accounts\/imports\/[0-9a-f-]{36}$/);
      await page.getByTestId('import-running').waitFor();
      await page.getByTestId('import-phase').filter({ hasText: '正在匹配并合并' }).waitFor({ timeout: 30_000 });
      await expect(page.getByTestId('import-phase').textContent()).resolves.toContain('1,222');
      await page.screenshot({ path: path.join(ARTIFACTS, 'import-progress.png') });
    } finally {
      await lock.end();
    }

    await page.getByTestId('import-counts').waitFor({ timeout: 60_000 });
    const id = page.url().split('/').pop()!;
    const report = (await api.get(`/api/v1/imports/${id}`)).body;
    expect(report.counts).toMatchObject({ inserted: expected.newPeople, skipped: expected.duplicates, rejected: expected.rejected, companiesInserted: 150 });
    expect(report.counts.updated + report.counts.unchanged).toBe(3);
    expect(report.counts.updated).toBe(3);
    for (const key of ['inserted', 'updated', 'skipped', 'rejected'] as const) {
      const shown = await page.getByTestId(`import-count-${key}`).locator('.ant-statistic-content-value').textContent();
      expect(Number(shown!.replace(/[^0-9]/g, ''))).toBe(report.counts[key]);
    }

    // The reasons are listed in words; picking one filters the rows.
    await page.getByTestId('import-reasons').getByText(/^邮箱/).first().click();
    await page.getByTestId('import-errors').getByText(/^(zhang@|li at expo\.com|wang@expo|陈@@expo\.com|foo@bar\.\.com)$/).first().waitFor();
    await page.getByTestId('import-errors').getByText('row.missing_email_or_phone').first().waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(ARTIFACTS, 'import-report.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report-download').click()]);
    const csv = fs.readFileSync(await download.path(), 'utf8');
    expect(download.suggestedFilename()).toBe('2026上海工业展线索-rejected-rows.csv');
    expect(csv.startsWith('\uFEFF行号,类型,原因代码,原因,详情,公司名称,')).toBe(true);
    for (const bad of ['zhang@', 'li at expo.com', '无联系方式0', 'duplicate of line']) expect(csv).toContain(bad);

    // The people the database had are merged, not duplicated: one record each, with the new title.
    for (const person of existing) {
      const match = await api.post('/api/v1/segments/preview', {
        target: 'contacts',
        filter: { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'contact.email', op: 'equals', value: person.email }] },
        sampleSize: 5,
      });
      expect(match.body.count).toBe(1);
      expect(match.body.sample[0]).toMatchObject({ email: person.email, title: 'VP 数字化转型', companyName: person.companyName });
    }

    // The same workbook again changes nothing.
    const again = await api.upload(`/api/v1/imports?fileName=${encodeURIComponent('again.xlsx')}`, xlsx);
    expect(again.status).toBe(201);
    await api.post(`/api/v1/imports/${again.body.import.id}/start`, { mapping: report.mapping, sheet: '客户名单' });
    let second: { status: string; counts: Record<string, number> } | undefined;
    for (let i = 0; i < 120 && second?.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 500));
      second = (await api.get(`/api/v1/imports/${again.body.import.id}`)).body;
    }
    expect(second?.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: expected.newPeople + 3, companiesInserted: 0 });
  });

  it('cancels a running import from its page, and nothing lands', async () => {
    const before = (await api.get('/api/v1/demo')).body.contacts;
    const upload = await api.upload(`/api/v1/imports?fileName=cancel-me.csv`, Buffer.from('Email,Name\r\na1@cancel.example,A\r\na2@cancel.example,B\r\n'));
    const lock = await holdMerges();
    try {
      await api.post(`/api/v1/imports/${upload.body.import.id}/start`, { mapping: ['contact.email', 'contact.name'] });
      await page.goto(`${app.url}/accounts/imports/${upload.body.import.id}`);
      await page.getByTestId('import-phase').filter({ hasText: '正在匹配并合并' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('import-cancel').click();
      await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await page.getByTestId('import-cancelled').waitFor({ timeout: 30_000 });
    } finally {
      await lock.end();
    }
    expect((await api.get('/api/v1/demo')).body.contacts).toBe(before);
    await page.goto(`${app.url}/accounts/imports`);
    await page.getByTestId(`import-status-${upload.body.import.id}`).filter({ hasText: '已取消' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'imports-list.png') });
  });
});
