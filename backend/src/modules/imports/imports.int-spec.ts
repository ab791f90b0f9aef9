import iconv from 'iconv-lite';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { Import, ImportPreview } from '@fulcrum/shared';
import { hashPassword } from 'modules/auth/password';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';
import { waitFor } from 'testing/wait-for';

/**
 * A CRM export as Excel on Chinese Windows writes it: GB18030, Chinese headers, a quoted cell with a
 * comma and a newline, full-width e-mail characters, phones with and without +86, an invalid e-mail,
 * a row without any identity, and the same person twice.
 */
const MESSY_ROWS = [
  ['公司名称', '统一社会信用代码', '姓名', '邮箱', '手机', '职位', '城市', '备注'],
  ['北京云杉科技有限公司', '', '王小明', 'Wang.XM@YunShan.cn', '13800138000', '首席信息官', '北京', '重点, 跟进\n下周回访'],
  ['北京云杉科技有限公司', '', '李娜', 'ｌｉｎａ＠yunshan.cn', '+86 139-0013-9000', '采购经理', '北京', ''],
  ['上海启明软件股份有限公司', '', '张伟', 'zhangwei@qiming', '13700137000', '工程师', '上海', ''],
  ['上海启明软件股份有限公司', '', '赵敏', '', '', 'HR', '上海', ''],
  ['上海启明软件股份有限公司', '', '陈静', 'chenjing@qiming.com', '021-6212 3456', '总监', '上海', ''],
  ['北京云杉科技 有限公司', '', '王小明', 'wang.xm@yunshan.cn', '', '首席信息官 (CIO)', '北京', ''],
];

function gb18030Csv(rows: string[][]): Buffer {
  const text = rows.map((cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
  return iconv.encode(text, 'gb18030');
}

describe('imports API: upload, preview, mapping, run through the queue, report, cancel', () => {
  let t: TestApp;
  let cookie: string;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await setupAdmin(t, { email: 'imp@example.com', name: 'Import Admin', password: 'import password', locale: 'zh-CN' });
    db = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
  });

  const upload = (body: Buffer, fileName: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/imports?fileName=${encodeURIComponent(fileName)}`,
      headers: { cookie, 'content-type': 'application/octet-stream' },
      payload: body,
    });
  const call = (method: 'GET' | 'POST', url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
  const finished = (id: string) =>
    waitFor(
      async () => {
        const current = (await call('GET', `/api/v1/imports/${id}`)).json<Import>();
        return ['done', 'failed', 'cancelled'].includes(current.status) ? current : undefined;
      },
      60_000,
      'import to finish',
    );
  const count = async (table: 'companies' | 'contacts') => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('reads a messy GB18030 export, guesses the mapping, imports it and reports every rejected row', async () => {
    const response = await upload(gb18030Csv(MESSY_ROWS), '客户名单.csv');
    expect(response.statusCode).toBe(201);
    const preview = response.json<ImportPreview>();
    expect(preview.import).toMatchObject({ status: 'uploaded', format: 'csv', encoding: 'gb18030', fileName: '客户名单.csv' });
    expect(preview.headers).toEqual(MESSY_ROWS[0]);
    expect(preview.rows).toHaveLength(6);
    expect(preview.rows[0].cells[7]).toBe('重点, 跟进\n下周回访');
    expect(preview.rows[2].line).toBe(5); // the quoted newline makes line 2 two lines long
    expect(preview.suggested.map((s) => s.field)).toEqual([
      'company.name', 'company.creditCode', 'contact.name', 'contact.email', 'contact.phone', 'contact.title', 'company.city', null,
    ]);

    const started = await call('POST', `/api/v1/imports/${preview.import.id}/start`, {
      mapping: preview.suggested.map((s) => s.field),
      source: 'CRM 导出 2026-11',
    });
    expect(started.statusCode).toBe(201);
    expect(started.json<Import>().status).toBe('queued');
    const done = await finished(preview.import.id);
    expect(done.status).toBe('done');
    // Wang appears twice (the later, fuller title wins), Zhang's e-mail is invalid, Zhao has neither e-mail nor phone.
    expect(done.counts).toMatchObject({ inserted: 3, skipped: 1, rejected: 2, companiesInserted: 2 });
    expect(done.progress).toMatchObject({ rowsRead: 6 });
    expect(done.progress!.bytesRead).toBe(done.fileSize);
    expect(done.reasons).toEqual(
      expect.arrayContaining([
        { reason: 'email.missing_tld', severity: 'error', rows: 1 },
        { reason: 'row.missing_email_or_phone', severity: 'error', rows: 1 },
        { reason: 'row.duplicate_in_file', severity: 'error', rows: 1 },
      ]),
    );
    const wang = await db.query(`SELECT c.name, c.title, c.phone, co.name AS company FROM contacts c JOIN companies co ON co.id = c.company_id WHERE c.email = 'wang.xm@yunshan.cn'`);
    // One person, one company: the in-file duplicate is skipped whole (its line is in the report), and the
    // company's name is the newest spelling; both spellings normalize to the same company.
    expect(wang).toEqual([{ name: '王小明', title: '首席信息官 (CIO)', phone: null, company: '北京云杉科技 有限公司' }]);
    expect((await db.query(`SELECT phone FROM contacts WHERE email = 'lina@yunshan.cn'`))[0].phone).toBe('+8613900139000');
    expect((await db.query(`SELECT phone FROM contacts WHERE email = 'chenjing@qiming.com'`))[0].phone).toBe('+862162123456');

    const errors = (await call('GET', `/api/v1/imports/${preview.import.id}/errors?severity=error`)).json();
    expect(errors.items.map((e: { line: number; reason: string }) => [e.line, e.reason])).toEqual([
      [2, 'row.duplicate_in_file'],
      [5, 'email.missing_tld'],
      [6, 'row.missing_email_or_phone'],
    ]);

    const report = await call('GET', `/api/v1/imports/${preview.import.id}/report.csv`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-disposition']).toContain(encodeURIComponent('客户名单-rejected-rows.csv'));
    const lines = report.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('行号,类型,原因代码,原因,详情,公司名称,统一社会信用代码,姓名,邮箱,手机,职位,城市,备注');
    // The original cells follow each reason, so the rows can be fixed and imported again.
    expect(lines.find((l) => l.startsWith('5,'))).toBe('5,拒绝,email.missing_tld,邮箱域名缺少顶级域名,zhangwei@qiming,上海启明软件股份有限公司,,张伟,zhangwei@qiming,13700137000,工程师,上海,');
    expect(report.body).toContain('2,拒绝,row.duplicate_in_file,与文件中后面的行重复（已采用后面的行）,duplicate of line 8,北京云杉科技有限公司,,王小明,Wang.XM@YunShan.cn,13800138000,首席信息官,北京,"重点, 跟进\n下周回访"\r\n');
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await db.query(`SELECT id, name, title, phone, updated_at FROM contacts ORDER BY id`);
    const preview = (await upload(gb18030Csv(MESSY_ROWS), '客户名单.csv')).json<ImportPreview>();
    await call('POST', `/api/v1/imports/${preview.import.id}/start`, { mapping: preview.suggested.map((s) => s.field) });
    const done = await finished(preview.import.id);
    expect(done.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, companiesInserted: 0 });
    expect(await db.query(`SELECT id, name, title, phone, updated_at FROM contacts ORDER BY id`)).toEqual(before);
  });

  it('refuses files it cannot import, keeping nothing', async () => {
    const cases: Array<[Buffer, string, number, string]> = [
      [Buffer.alloc(0), 'empty.csv', 422, 'imports.file_empty'],
      [Buffer.from('Email,Name\r\n'), 'header-only.csv', 422, 'imports.header_only'],
      [Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'list.csv', 422, 'imports.unsupported_type'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'old.xls', 422, 'imports.unsupported_type'],
    ];
    const importsBefore = Number((await db.query(`SELECT count(*) AS n FROM imports`))[0].n);
    for (const [body, name, status, code] of cases) {
      const response = await upload(body, name);
      expect([name, response.statusCode, response.json().code]).toEqual([name, status, code]);
    }
    expect(Number((await db.query(`SELECT count(*) AS n FROM imports`))[0].n)).toBe(importsBefore);
  });

  it('needs an email or phone column, and starts an import once', async () => {
    const preview = (await upload(Buffer.from('Company,Email\r\nAcme,a@acme.com\r\n'), 'one.csv')).json<ImportPreview>();
    const noIdentity = await call('POST', `/api/v1/imports/${preview.import.id}/start`, { mapping: ['company.name', null] });
    expect(noIdentity.statusCode).toBe(400);
    expect(noIdentity.json()).toMatchObject({ code: 'validation.failed', details: [{ path: 'mapping' }] });
    const notYet = await call('POST', `/api/v1/imports/${preview.import.id}/start`, { mapping: ['company.ownership', 'contact.email'] });
    expect(notYet.statusCode).toBe(400);
    expect(notYet.json().details[0].message).toContain('does not import yet');
    expect((await call('POST', `/api/v1/imports/${preview.import.id}/start`, { mapping: ['company.name', 'contact.email'] })).statusCode).toBe(201);
    const again = await call('POST', `/api/v1/imports/${preview.import.id}/start`, { mapping: ['company.name', 'contact.email'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('imports.bad_state');
    expect((await finished(preview.import.id)).status).toBe('done');
  });

  it('cancels an import during its merge: the transaction rolls back and nothing lands', async () => {
    const rows = ['Company,Name,Email'];
    for (let i = 0; i < 2000; i++) rows.push(`Cancel Co ${i % 50},Person ${i},cancel${i}@cancel-co-${i % 50}.com`);
    const preview = (await upload(Buffer.from(rows.join('\n')), 'cancel.csv')).json<ImportPreview>();
    const [companies, contacts] = [await count('companies'), await count('contacts')];
    // Hold the merge lock so the merge waits inside its transaction, then cancel it there.
    const blocker = new Client({ connectionString: t.database.url });
    await blocker.connect();
    try {
      await blocker.query(`SELECT pg_advisory_lock(hashtext('fulcrum.imports.merge'))`);
      await call('POST', `/api/v1/imports/${preview.import.id}/start`, { mapping: ['company.name', 'contact.name', 'contact.email'] });
      await waitFor(async () => (await call('GET', `/api/v1/imports/${preview.import.id}`)).json<Import>().status === 'merging', 30_000, 'merging');
      const cancel = await call('POST', `/api/v1/imports/${preview.import.id}/cancel`);
      expect(cancel.json<Import>().cancelRequested).toBe(true);
      const ended = await finished(preview.import.id);
      expect(ended.status).toBe('cancelled');
      expect(ended.progress?.rowsRead).toBe(2000);
    } finally {
      await blocker.end();
    }
    expect([await count('companies'), await count('contacts')]).toEqual([companies, contacts]);
    const staging = await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename LIKE 'import_rows_%'`);
    expect(staging[0].n).toBe(0);
    expect((await call('POST', `/api/v1/imports/${preview.import.id}/cancel`)).statusCode).toBe(409);
  });

  it('lets sales read imports but not upload', async () => {
    await db.query(`INSERT INTO users (email, name, role, locale, password_hash) VALUES ('sales@example.com', 'Sales', 'sales', 'en', $1)`, [
      await hashPassword('sales password 1'),
    ]);
    const signIn = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'sales@example.com', password: 'sales password 1' } });
    const sales = String(signIn.headers['set-cookie']).split(';')[0];
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/imports', headers: { cookie: sales } });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThan(0);
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports?fileName=x.csv',
      headers: { cookie: sales, 'content-type': 'application/octet-stream' },
      payload: Buffer.from('Email\na@b.com\n'),
    });
    expect(denied.statusCode).toBe(403);
  });
});
