import { DataSource } from 'typeorm';
import type { SegmentGroup } from '@fulcrum/shared';
import { createTestApp, createUserAndSignIn, setupAdmin, type TestApp } from 'testing/test-app';
import { waitFor } from 'testing/wait-for';

const KA_CIOS: SegmentGroup = {
  kind: 'group',
  combinator: 'and',
  children: [
    { kind: 'condition', field: 'company.tier', op: 'in', value: ['ka', 'growth'] },
    { kind: 'condition', field: 'contact.seniority', op: 'in', value: ['c_level', 'vp', 'director'] },
  ],
};

describe('segments API: live preview, saved segments, CSV export for Excel', () => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp();
    cookie = await setupAdmin(t, { email: 'seg@example.com', name: 'Seg Admin', password: 'segment password', locale: 'en' });
    await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: { cookie }, payload: { companies: 400, seed: 3 } });
    await waitFor(async () => (await t.app.inject({ method: 'GET', url: '/api/v1/demo', headers: { cookie } })).json().state === 'loaded', 60_000, 'demo');
    // A hostile company name, as an import might bring: it must come out of the export inert.
    const db = t.app.get(DataSource);
    const [company] = await db.query(
      `INSERT INTO companies (name, normalized_name, tier) VALUES ('=cmd|'' /C calc''!A0', 'cmd', 'ka') RETURNING id`,
    );
    await db.query(`INSERT INTO contacts (company_id, name, email, title, seniority) VALUES ($1, '王, "小明"', 'xm@example.cn', '首席信息官', 'c_level')`, [company.id]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, as = cookie) =>
    t.app.inject({ method, url, payload, headers: { cookie: as } });

  it('counts and samples as the filter is built', async () => {
    const everyone = (await call('POST', '/api/v1/segments/preview', { target: 'contacts', filter: { kind: 'group', combinator: 'and', children: [] } })).json();
    const narrowed = await call('POST', '/api/v1/segments/preview', { target: 'contacts', filter: KA_CIOS, sampleSize: 5 });
    expect(narrowed.statusCode).toBe(200);
    const preview = narrowed.json();
    expect(preview.count).toBeGreaterThan(0);
    expect(preview.count).toBeLessThan(everyone.count);
    expect(preview.sample).toHaveLength(5);
    expect(preview.sample[0]).toEqual(expect.objectContaining({ companyName: expect.any(String), tier: expect.stringMatching(/^(ka|growth)$/) }));
    const companies = (await call('POST', '/api/v1/segments/preview', { target: 'companies', filter: KA_CIOS })).json();
    expect(companies.count).toBeGreaterThan(0);
    expect(companies.count).toBeLessThanOrEqual(preview.count);
  });

  it('refuses an invalid filter with the path of the bad condition', async () => {
    const response = await call('POST', '/api/v1/segments/preview', {
      target: 'contacts',
      filter: { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'company.employees', op: 'contains', value: 'x' }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'segments.bad_filter', details: [{ path: 'filter.children.0' }] });
    const unknownField = await call('POST', '/api/v1/segments/preview', {
      target: 'contacts',
      filter: { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'contact.password', op: 'equals', value: 'x' }] },
    });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().code).toBe('validation.failed');
  });

  it('saves a segment with its count, refuses a duplicate name, updates and deletes it', async () => {
    const created = await call('POST', '/api/v1/segments', { name: 'KA decision makers', target: 'contacts', filter: KA_CIOS });
    expect(created.statusCode).toBe(201);
    const segment = created.json();
    expect(segment.cachedCount).toBeGreaterThan(0);
    const duplicate = await call('POST', '/api/v1/segments', { name: 'ka DECISION makers', target: 'contacts', filter: KA_CIOS });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('segments.name_taken');

    const updated = await call('PATCH', `/api/v1/segments/${segment.id}`, { name: 'KA decision makers (companies)', target: 'companies', filter: KA_CIOS });
    expect(updated.json()).toMatchObject({ target: 'companies', name: 'KA decision makers (companies)' });
    expect((await call('GET', '/api/v1/segments')).json().map((s: { id: string }) => s.id)).toContain(segment.id);
    expect((await call('DELETE', `/api/v1/segments/${segment.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/segments/${segment.id}`)).json().code).toBe('segments.not_found');
  });

  it('exports UTF-8 CSV with a BOM that Excel opens, formulas neutralized, every member once', async () => {
    const segment = (await call('POST', '/api/v1/segments', { name: '导出 测试', target: 'contacts', filter: KA_CIOS })).json();
    const response = await call('GET', `/api/v1/segments/${segment.id}/export.csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(response.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('导出-测试')}`);
    const raw = response.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = raw.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('name,email,phone,title,department,seniority,consent,company,domain,industry,city,province,country,tier');
    expect(lines.length - 1).toBe(segment.cachedCount);
    const hostile = lines.find((line) => line.includes('xm@example.cn'));
    expect(hostile).toBe(`"王, ""小明""",xm@example.cn,,首席信息官,,c_level,legitimate_interest,'=cmd|' /C calc'!A0,,,,,,ka`);
  });

  it('is for organizers and admins only', async () => {
    const sales = await createUserAndSignIn(t, cookie, { email: 'sam@example.com', name: 'Sam Sales', role: 'sales', password: 'sales password 1' });
    expect((await call('GET', '/api/v1/segments', undefined, sales)).statusCode).toBe(403);
  });
});
