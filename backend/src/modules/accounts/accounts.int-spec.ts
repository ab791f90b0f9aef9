import { DataSource } from 'typeorm';
import { LIST_DEPTH_LIMIT } from '@fulcrum/shared';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';

type Method = 'GET' | 'POST' | 'PATCH';

interface CompanyFixture {
  name: string;
  normalizedName?: string;
  domain?: string | null;
  creditCode?: string | null;
  tier?: string | null;
  city?: string | null;
  industry?: string | null;
  subIndustry?: string | null;
  techTags?: string[];
}

interface ContactFixture {
  companyId?: string | null;
  name: string;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  seniority?: string | null;
  consent?: string;
  createdAt?: string;
}

// Valid unified social credit codes (checksums included).
const CREDIT_CODE = '91330100MA2A111108';

describe('accounts API: contacts list, detail pages, edits, merges and undo', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: string;
  let organizer: string;
  let sales: string;

  const call = (method: Method, url: string, payload?: object, as = admin) => t.app.inject({ method, url, payload, headers: { cookie: as } });

  async function createCompany(fixture: CompanyFixture): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO companies (name, normalized_name, domain, credit_code, tier, city, industry, sub_industry, tech_tags, source, field_sources)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'fixture', jsonb_build_object('name', jsonb_build_object('source', 'fixture', 'at', now())))
       RETURNING id`,
      [
        fixture.name,
        fixture.normalizedName ?? fixture.name.toLowerCase(),
        fixture.domain ?? null,
        fixture.creditCode ?? null,
        fixture.tier ?? null,
        fixture.city ?? null,
        fixture.industry ?? null,
        fixture.subIndustry ?? null,
        fixture.techTags ?? [],
      ],
    );
    return row.id;
  }

  async function createContact(fixture: ContactFixture): Promise<string> {
    const [row] = await db.query(
      `INSERT INTO contacts (company_id, name, email, phone, title, seniority, consent, created_at, field_sources)
       VALUES ($1, $2, $3, $4, $5, $6, $7, coalesce($8::timestamptz, now()), jsonb_build_object('name', jsonb_build_object('source', 'fixture', 'at', now())))
       RETURNING id`,
      [
        fixture.companyId ?? null,
        fixture.name,
        fixture.email ?? null,
        fixture.phone ?? null,
        fixture.title ?? null,
        fixture.seniority ?? null,
        fixture.consent ?? 'legitimate_interest',
        fixture.createdAt ?? null,
      ],
    );
    if (fixture.email) await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('email', $1, $2, 'fixture')`, [fixture.email, row.id]);
    if (fixture.phone) await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('phone', $1, $2, 'fixture') ON CONFLICT DO NOTHING`, [fixture.phone, row.id]);
    return row.id;
  }

  async function createTag(name: string): Promise<string> {
    const [category] = await db.query(`INSERT INTO tag_categories (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id`, [`category ${name}`]);
    const [tag] = await db.query(`INSERT INTO tags (category_id, name) VALUES ($1, $2) RETURNING id`, [category.id, name]);
    return tag.id;
  }

  /** The stored row, without the columns an undo may legitimately touch. */
  async function rawRow(table: 'contacts' | 'companies', id: string): Promise<Record<string, unknown> | undefined> {
    const [row] = await db.query(`SELECT to_jsonb(t) - 'updated_at' AS row FROM ${table} t WHERE id = $1`, [id]);
    return row?.row;
  }

  async function identitiesOf(contactId: string): Promise<string[]> {
    const rows: Array<{ kind: string; value: string }> = await db.query(`SELECT kind, value FROM identities WHERE contact_id = $1 ORDER BY kind, value`, [contactId]);
    return rows.map((row) => `${row.kind}:${row.value}`);
  }

  async function signedIn(email: string, role: 'organizer' | 'sales'): Promise<string> {
    const password = `${role} password 123`;
    const created = await call('POST', '/api/v1/users', { email, name: `${role} user`, role, locale: 'en', password });
    expect(created.statusCode).toBe(201);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
    return String(response.headers['set-cookie']).split(';')[0];
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await setupAdmin(t, { email: 'ada@example.com', name: 'Ada Admin', password: 'admin password', locale: 'en' });
    organizer = await signedIn('olga@example.com', 'organizer');
    sales = await signedIn('sam@example.com', 'sales');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('contacts list', () => {
    let acme: string;
    let huadong: string;
    const names: string[] = [];

    beforeAll(async () => {
      acme = await createCompany({ name: 'Acme Robotics', tier: 'ka', city: 'Shanghai', industry: 'manufacturing' });
      huadong = await createCompany({ name: '华东智造有限公司', normalizedName: '华东智造', tier: 'growth', city: 'Hangzhou', industry: 'software' });
      const people: ContactFixture[] = [
        { companyId: acme, name: 'Zhang Wei', email: 'zhang.wei@acme.test', phone: '+8613800138000', seniority: 'director', consent: 'opt_in' },
        { companyId: acme, name: 'Li Na', email: 'li.na@acme.test', seniority: 'manager' },
        { companyId: acme, name: 'Wang Fang', email: 'wang.fang@acme.test', seniority: 'director', consent: 'unsubscribed' },
        { companyId: huadong, name: '王芳', email: 'wangfang@huadong.test', seniority: 'vp' },
        { companyId: huadong, name: '陈静', email: 'chenjing@huadong.test', phone: '+8613900139000', seniority: 'director' },
        { companyId: null, name: 'Freelance Fred', email: 'fred@example.test' },
      ];
      for (const [index, person] of people.entries()) {
        names.push(person.name);
        await createContact({ ...person, createdAt: new Date(Date.UTC(2025, 0, 1 + index)).toISOString() });
      }
    });

    const list = async (query: string, as = admin) => {
      const response = await call('GET', `/api/v1/contacts?${query}`, undefined, as);
      expect(response.statusCode).toBe(200);
      return response.json() as { total: number; totalExact: boolean; items: Array<Record<string, unknown>> };
    };
    const namesOf = (page: { items: Array<Record<string, unknown>> }) => page.items.map((item) => item.name);

    it('searches names, e-mail addresses, phone numbers in any spelling, and company names', async () => {
      expect(namesOf(await list('q=wang'))).toEqual(['Wang Fang']);
      expect(namesOf(await list('q=王芳'))).toEqual(['王芳']);
      expect(namesOf(await list(`q=${encodeURIComponent('ZHANG.WEI@ACME.TEST')}`))).toEqual(['Zhang Wei']);
      expect(namesOf(await list(`q=${encodeURIComponent('138 0013 8000')}`))).toEqual(['Zhang Wei']);
      expect(namesOf(await list(`q=${encodeURIComponent('华东智造')}`)).sort()).toEqual(['王芳', '陈静'].sort());
      const acmePeople = await list('q=acme%20robotics');
      expect(acmePeople).toMatchObject({ total: 3, totalExact: true });
      expect(acmePeople.items[0]).toMatchObject({ companyName: 'Acme Robotics', companyTier: 'ka', city: 'Shanghai' });
      expect((await list('q=50%25')).total).toBe(0);
    });

    it('filters by company, tier, industry, seniority, consent and city', async () => {
      expect((await list(`companyId=${acme}`)).total).toBe(3);
      expect(namesOf(await list('tier=growth&sort=name')).sort()).toEqual(['王芳', '陈静'].sort());
      expect((await list('industry=manufacturing')).total).toBe(3);
      expect(namesOf(await list('seniority=director&sort=name'))).toEqual(['Wang Fang', 'Zhang Wei', '陈静']);
      expect(namesOf(await list('consent=unsubscribed'))).toEqual(['Wang Fang']);
      expect(namesOf(await list('city=Hangzhou&seniority=vp'))).toEqual(['王芳']);
      const bad = await call('GET', '/api/v1/contacts?consent=maybe');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'validation.failed', details: [{ path: 'consent' }] });
    });

    it('sorts by name, company and creation date, both ways, and pages without overlap', async () => {
      const byName = namesOf(await list('sort=name&pageSize=100'));
      expect(byName).toEqual([...names].sort());
      expect(namesOf(await list('sort=-name&pageSize=100'))).toEqual([...names].sort().reverse());
      expect(namesOf(await list('sort=createdAt&pageSize=100'))).toEqual(names);
      expect(namesOf(await list('sort=-createdAt&pageSize=100'))).toEqual([...names].reverse());
      const byCompany = await list('sort=company&pageSize=100');
      expect(byCompany.items.map((item) => item.companyName)).toEqual(['Acme Robotics', 'Acme Robotics', 'Acme Robotics', '华东智造有限公司', '华东智造有限公司', null]);
      const pages = [await list('sort=name&pageSize=4&page=1'), await list('sort=name&pageSize=4&page=2')];
      expect(pages.map((page) => page.total)).toEqual([6, 6]);
      expect([...namesOf(pages[0]), ...namesOf(pages[1])]).toEqual(byName);
    });

    it('counts exactly up to the depth limit, estimates beyond it, and refuses pages past it', async () => {
      const deep = await call('GET', `/api/v1/contacts?page=${LIST_DEPTH_LIMIT / 20 + 1}&pageSize=20`);
      expect(deep.statusCode).toBe(400);
      expect(deep.json()).toMatchObject({ code: 'validation.failed', details: [{ path: 'page' }] });

      await db.query(
        `INSERT INTO contacts (name, email, seniority) SELECT 'Bulk ' || n, 'bulk' || n || '@bulk.test', 'entry' FROM generate_series(1, ${LIST_DEPTH_LIMIT + 50}) n`,
      );
      await db.query('ANALYZE contacts');
      const everyone = await list('pageSize=20');
      expect(everyone.totalExact).toBe(false);
      expect(everyone.total).toBeGreaterThan(LIST_DEPTH_LIMIT);
      const entry = await list('seniority=entry&page=500&pageSize=20');
      expect(entry.totalExact).toBe(false);
      expect(entry.items).toHaveLength(20);
      const narrow = await list('q=bulk%2010049');
      expect(narrow).toMatchObject({ total: 1, totalExact: true });
      await db.query(`DELETE FROM contacts WHERE email LIKE '%@bulk.test'`);
    });

    it('lets every role read, and only admins and organizers write', async () => {
      expect((await list('pageSize=1', sales)).items).toHaveLength(1);
      const someone = (await list('q=li%20na')).items[0].id as string;
      const patch = await call('PATCH', `/api/v1/contacts/${someone}`, { title: 'CTO' }, sales);
      expect(patch.statusCode).toBe(403);
      expect(patch.json().code).toBe('auth.forbidden');
      expect((await call('POST', '/api/v1/contacts/merge', { survivorId: someone, mergedIds: [acme] }, sales)).statusCode).toBe(403);
      expect((await call('PATCH', `/api/v1/companies/${acme}`, { tier: 'standard' }, sales)).statusCode).toBe(403);
      expect((await call('POST', '/api/v1/merges/1/undo', undefined, sales)).statusCode).toBe(403);
      expect((await call('GET', `/api/v1/companies/${acme}`, undefined, sales)).statusCode).toBe(200);
      const byOrganizer = await call('PATCH', `/api/v1/contacts/${someone}`, { title: 'CTO' }, organizer);
      expect(byOrganizer.statusCode).toBe(200);
      expect(byOrganizer.json().contact.fieldSources.title).toMatchObject({ source: 'manual', userName: 'organizer user' });
      expect((await call('GET', '/api/v1/contacts')).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/contacts' })).statusCode).toBe(401);
    });
  });

  describe('manual edits', () => {
    it('normalizes a contact edit, records who changed what, adds identities, and undoes it', async () => {
      const company = await createCompany({ name: 'Edit Co' });
      const id = await createContact({ companyId: company, name: 'Zhao Lei', email: 'zhao.lei@edit.test', title: 'Engineer' });
      const other = await createContact({ name: 'Someone Else', email: 'else@edit.test' });
      const before = await rawRow('contacts', id);

      const response = await call('PATCH', `/api/v1/contacts/${id}`, {
        email: ' Zhao.Lei＠Edit．TEST ',
        phone: '(0571) 8888-1234',
        title: '  Head of IT ',
        department: '',
        seniority: 'director',
        consent: 'opt_in',
      });
      expect(response.statusCode).toBe(200);
      const { contact, history } = response.json();
      expect(contact).toMatchObject({ email: 'zhao.lei@edit.test', phone: '+8657188881234', title: 'Head of IT', department: null, seniority: 'director', consent: 'opt_in', consentSource: 'manual' });
      expect(contact.fieldSources.phone).toMatchObject({ source: 'manual', userName: 'Ada Admin', at: expect.any(String) });
      expect(contact.fieldSources.name).toMatchObject({ source: 'fixture' });
      expect(contact.fieldSources.email).toBeUndefined();
      expect(await identitiesOf(id)).toEqual(['email:zhao.lei@edit.test', 'phone:+8657188881234']);
      expect(history[0]).toMatchObject({ kind: 'edit', actorName: 'Ada Admin', undoable: true, role: 'survivor' });
      expect(history[0].changes).toEqual(
        expect.arrayContaining([
          { field: 'title', before: 'Engineer', after: 'Head of IT' },
          { field: 'phone', before: null, after: '+8657188881234' },
          { field: 'consent', before: 'legitimate_interest', after: 'opt_in' },
        ]),
      );
      expect(history[0].changes.map((change: { field: string }) => change.field)).not.toContain('email');

      const invalid = await call('PATCH', `/api/v1/contacts/${id}`, { email: 'not an address', phone: '12' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().details.map((detail: { path: string }) => detail.path).sort()).toEqual(['email', 'phone']);
      const taken = await call('PATCH', `/api/v1/contacts/${id}`, { email: 'ELSE@edit.test' });
      expect(taken.statusCode).toBe(409);
      expect(taken.json()).toMatchObject({ code: 'contacts.identity_taken', details: [{ path: 'email' }] });
      expect(taken.json().message).toContain(other);

      const undo = await call('POST', `/api/v1/merges/${history[0].id}/undo`);
      expect(undo.statusCode).toBe(200);
      expect(await rawRow('contacts', id)).toEqual(before);
      expect(await identitiesOf(id)).toEqual(['email:zhao.lei@edit.test']);
      const after = (await call('GET', `/api/v1/contacts/${id}`)).json();
      expect(after.history[0]).toMatchObject({ kind: 'edit', undoable: false, undoneByName: 'Ada Admin', undoneAt: expect.any(String) });
      const again = await call('POST', `/api/v1/merges/${history[0].id}/undo`);
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('merges.not_undoable');
    });

    it('shows the provenance an import left without storing it per field, an edit over it, and the import again after an undo', async () => {
      const [imported] = await db.query(
        `INSERT INTO imports (file_name, mapping, source, status) VALUES ('trade-show.csv', '[]', '2026 上海工业展', 'done') RETURNING id`,
      );
      const company = await createCompany({ name: 'Import Co' });
      // As an import writes a new contact: its import named, no field_sources of its own, consent from the file.
      const [row] = await db.query(
        `INSERT INTO contacts (company_id, name, email, title, consent, consent_source, consent_at, import_id)
         VALUES ($1, 'Sun Li', 'sun.li@import.test', 'Buyer', 'opt_in', '2026 上海工业展', now(), $2) RETURNING id, created_at`,
        [company, imported.id],
      );
      const mark = { source: '2026 上海工业展', importId: imported.id, importName: 'trade-show.csv', at: row.created_at.toISOString(), userId: null, userName: null };
      const shown = (await call('GET', `/api/v1/contacts/${row.id}`)).json().contact;
      expect(shown.fieldSources).toEqual({ companyId: mark, name: mark, email: mark, title: mark, consent: mark });

      const edited = await call('PATCH', `/api/v1/contacts/${row.id}`, { title: 'Head of Purchasing' });
      expect(edited.statusCode).toBe(200);
      expect(edited.json().contact.fieldSources.title).toMatchObject({ source: 'manual', userName: 'Ada Admin' });
      expect(edited.json().contact.fieldSources.email).toEqual(mark);
      const undo = await call('POST', `/api/v1/merges/${edited.json().history[0].id}/undo`);
      expect(undo.statusCode).toBe(200);
      expect((await call('GET', `/api/v1/contacts/${row.id}`)).json().contact.fieldSources).toEqual(shown.fieldSources);
    });

    it('refuses to undo an edit whose fields changed since', async () => {
      const id = await createContact({ name: 'Qian Yu', title: 'Analyst' });
      const first = (await call('PATCH', `/api/v1/contacts/${id}`, { title: 'Senior analyst' })).json();
      await call('PATCH', `/api/v1/contacts/${id}`, { title: 'Lead analyst' });
      const undo = await call('POST', `/api/v1/merges/${first.history[0].id}/undo`);
      expect(undo.statusCode).toBe(409);
      expect(undo.json()).toMatchObject({ code: 'merges.undo_conflict', details: [{ path: 'title' }] });
      expect((await call('GET', `/api/v1/contacts/${id}`)).json().contact.title).toBe('Lead analyst');
    });

    it('edits a company: derived values follow, credit codes stay unique, nothing changes when nothing differs', async () => {
      const id = await createCompany({ name: 'Old Name Ltd', industry: 'software', subIndustry: 'saas' });
      await createCompany({ name: 'Code Holder', creditCode: CREDIT_CODE });
      const response = await call('PATCH', `/api/v1/companies/${id}`, {
        name: '杭州新名字科技有限公司',
        domain: 'https://www.NewName.test/about',
        employees: 350,
        industry: 'manufacturing',
        techTags: ['aws', 'aws', 'sap'],
        country: 'cn',
      });
      expect(response.statusCode).toBe(200);
      const { company, history } = response.json();
      expect(company).toMatchObject({
        name: '杭州新名字科技有限公司',
        normalizedName: '杭州新名字科技',
        domain: 'newname.test',
        employees: 350,
        employeeBand: '200-999',
        industry: 'manufacturing',
        subIndustry: null,
        techTags: ['aws', 'sap'],
        country: 'CN',
      });
      expect(company.fieldSources.name).toMatchObject({ source: 'manual', userName: 'Ada Admin' });
      expect(history).toHaveLength(1);
      const same = await call('PATCH', `/api/v1/companies/${id}`, { name: '杭州新名字科技有限公司', employees: 350 });
      expect(same.json().history).toHaveLength(1);

      const wrongSub = await call('PATCH', `/api/v1/companies/${id}`, { industry: 'software', subIndustry: 'banking' });
      expect(wrongSub.statusCode).toBe(400);
      expect(wrongSub.json().details[0].path).toBe('subIndustry');
      const taken = await call('PATCH', `/api/v1/companies/${id}`, { creditCode: CREDIT_CODE.toLowerCase() });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('companies.credit_code_taken');
      expect((await call('GET', '/api/v1/companies/00000000-0000-4000-8000-000000000000')).json().code).toBe('companies.not_found');
    });
  });

  describe('merging duplicate contacts', () => {
    it('fills blanks, takes chosen values, moves identities and tags, and an undo restores exactly', async () => {
      const company = await createCompany({ name: 'Merge Co', normalizedName: 'merge co' });
      const otherCompany = await createCompany({ name: 'Other Co' });
      const survivor = await createContact({ companyId: company, name: 'Sun Li', email: 'sun.li@merge.test', consent: 'opt_in' });
      const duplicate = await createContact({ companyId: otherCompany, name: 'Sun Li', email: 'sunli@gmail.test', phone: '+8613700137000', title: 'Purchasing manager' });
      await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('wechat', 'sunli_wx', $1, 'fixture')`, [duplicate]);
      const vip = await createTag('VIP');
      const webinar = await createTag('Webinar 2025');
      await db.query(`INSERT INTO contact_tags (contact_id, tag_id, source) VALUES ($1, $2, 'manual'), ($3, $2, 'import'), ($3, $4, 'event')`, [survivor, vip, duplicate, webinar]);
      const survivorBefore = await rawRow('contacts', survivor);
      const duplicateBefore = await rawRow('contacts', duplicate);
      const survivorIdentities = await identitiesOf(survivor);
      const duplicateIdentities = await identitiesOf(duplicate);

      const suggestions = (await call('GET', `/api/v1/contacts/${survivor}/duplicates`)).json();
      expect(suggestions).toEqual([]);
      await db.query(`UPDATE contacts SET company_id = $1 WHERE id = $2`, [company, duplicate]);
      const found = (await call('GET', `/api/v1/contacts/${survivor}/duplicates`)).json();
      expect(found).toEqual([expect.objectContaining({ contact: expect.objectContaining({ id: duplicate }), reasons: ['same_name_same_company'] })]);
      await db.query(`UPDATE contacts SET company_id = $1 WHERE id = $2`, [otherCompany, duplicate]);

      const merged = await call('POST', '/api/v1/contacts/merge', { survivorId: survivor, mergedIds: [duplicate], fieldChoices: { email: duplicate } });
      expect(merged.statusCode).toBe(200);
      const { mergeId } = merged.json();
      expect((await call('GET', `/api/v1/contacts/${duplicate}`)).statusCode).toBe(404);
      const { contact, history } = (await call('GET', `/api/v1/contacts/${survivor}`)).json();
      expect(contact).toMatchObject({ email: 'sunli@gmail.test', phone: '+8613700137000', title: 'Purchasing manager', companyId: company, consent: 'opt_in' });
      expect(contact.fieldSources.title).toMatchObject({ source: 'merge', userName: 'Ada Admin' });
      expect(await identitiesOf(survivor)).toEqual([...new Set([...survivorIdentities, ...duplicateIdentities, 'wechat:sunli_wx'])].sort());
      const tags: Array<{ tag_id: string }> = await db.query(`SELECT tag_id FROM contact_tags WHERE contact_id = $1 ORDER BY tag_id`, [survivor]);
      expect(tags.map((tag) => tag.tag_id)).toEqual([vip, webinar].sort());
      expect(history[0]).toMatchObject({ id: mergeId, kind: 'merge', merged: [{ id: duplicate, name: 'Sun Li' }], undoable: true });
      expect(history[0].changes).toEqual(expect.arrayContaining([{ field: 'email', before: 'sun.li@merge.test', after: 'sunli@gmail.test' }]));

      const undo = await call('POST', `/api/v1/merges/${mergeId}/undo`);
      expect(undo.statusCode).toBe(200);
      expect(undo.json()).toMatchObject({ entity: 'contact', survivorId: survivor, restoredIds: [duplicate] });
      expect(await rawRow('contacts', survivor)).toEqual(survivorBefore);
      expect(await rawRow('contacts', duplicate)).toEqual(duplicateBefore);
      expect(await identitiesOf(survivor)).toEqual(survivorIdentities);
      expect(await identitiesOf(duplicate)).toEqual(duplicateIdentities);
      const tagRows: Array<{ contact_id: string; tag_id: string; source: string }> = await db.query(
        `SELECT contact_id, tag_id, source FROM contact_tags WHERE contact_id = ANY($1::uuid[]) ORDER BY contact_id, tag_id`,
        [[survivor, duplicate]],
      );
      expect(tagRows).toEqual(
        expect.arrayContaining([
          { contact_id: survivor, tag_id: vip, source: 'manual' },
          { contact_id: duplicate, tag_id: vip, source: 'import' },
          { contact_id: duplicate, tag_id: webinar, source: 'event' },
        ]),
      );
      expect(tagRows).toHaveLength(3);
      const restoredHistory = (await call('GET', `/api/v1/contacts/${duplicate}`)).json().history;
      expect(restoredHistory[0]).toMatchObject({ id: mergeId, role: 'merged', undoable: false });
    });

    it('refuses an undo when a value the merge set has changed, or the survivor was merged away since', async () => {
      const a = await createContact({ name: 'Ma Chao', email: 'ma.chao@a.test' });
      const b = await createContact({ name: 'Ma Chao', email: 'ma.chao@b.test', title: 'CFO' });
      const c = await createContact({ name: 'Ma Chao', email: 'ma.chao@c.test' });
      const first = (await call('POST', '/api/v1/contacts/merge', { survivorId: a, mergedIds: [b] })).json();
      await call('PATCH', `/api/v1/contacts/${a}`, { title: 'Chief Financial Officer' });
      const conflict = await call('POST', `/api/v1/merges/${first.mergeId}/undo`);
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json()).toMatchObject({ code: 'merges.undo_conflict', details: [{ path: 'title' }] });

      const second = (await call('POST', '/api/v1/contacts/merge', { survivorId: c, mergedIds: [a] })).json();
      const gone = await call('POST', `/api/v1/merges/${first.mergeId}/undo`);
      expect(gone.statusCode).toBe(409);
      expect(gone.json().message).toMatch(/no longer exists/);
      expect((await call('POST', `/api/v1/merges/${second.mergeId}/undo`)).statusCode).toBe(200);
      expect((await call('GET', `/api/v1/contacts/${a}`)).json().contact.title).toBe('Chief Financial Officer');
    });

    it('never trades a withdrawn consent for a weaker one', async () => {
      const keen = await createContact({ name: 'Keen', email: 'keen@consent.test', consent: 'opt_in' });
      const gone = await createContact({ name: 'Keen', email: 'keen@old.test', consent: 'unsubscribed' });
      const refused = await call('POST', '/api/v1/contacts/merge', { survivorId: keen, mergedIds: [gone], fieldChoices: { consent: keen } });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('contacts.consent_withdrawn');
      expect((await call('GET', `/api/v1/contacts/${gone}`)).statusCode).toBe(200);

      const merged = await call('POST', '/api/v1/contacts/merge', { survivorId: keen, mergedIds: [gone] });
      expect(merged.statusCode).toBe(200);
      expect((await call('GET', `/api/v1/contacts/${keen}`)).json().contact.consent).toBe('unsubscribed');

      const weaker = await call('PATCH', `/api/v1/contacts/${keen}`, { consent: 'legitimate_interest' });
      expect(weaker.statusCode).toBe(409);
      expect(weaker.json()).toMatchObject({ code: 'contacts.consent_withdrawn', details: [{ path: 'consent' }] });
      const renewed = await call('PATCH', `/api/v1/contacts/${keen}`, { consent: 'opt_in' });
      expect(renewed.json().contact).toMatchObject({ consent: 'opt_in', consentSource: 'manual' });

      const blocked = await createContact({ name: 'Blocked', consent: 'do_not_contact' });
      const quiet = await createContact({ name: 'Blocked', consent: 'unsubscribed' });
      const survivorId = await createContact({ name: 'Blocked', consent: 'opt_in' });
      await call('POST', '/api/v1/contacts/merge', { survivorId, mergedIds: [quiet, blocked] });
      expect((await call('GET', `/api/v1/contacts/${survivorId}`)).json().contact.consent).toBe('do_not_contact');
    });

    it('refuses bad merge requests with clear reasons', async () => {
      const a = await createContact({ name: 'A' });
      const b = await createContact({ name: 'B' });
      const self = await call('POST', '/api/v1/contacts/merge', { survivorId: a, mergedIds: [a] });
      expect(self.statusCode).toBe(400);
      expect(self.json().details[0].path).toBe('mergedIds');
      const stranger = await call('POST', '/api/v1/contacts/merge', { survivorId: a, mergedIds: [b], fieldChoices: { title: '00000000-0000-4000-8000-000000000000' } });
      expect(stranger.statusCode).toBe(400);
      expect(stranger.json()).toMatchObject({ code: 'merges.invalid', details: [{ path: 'fieldChoices.title' }] });
      const missing = await call('POST', '/api/v1/contacts/merge', { survivorId: a, mergedIds: ['00000000-0000-4000-8000-000000000000'] });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('contacts.not_found');
      expect((await call('POST', '/api/v1/merges/999999/undo')).json().code).toBe('merges.not_found');

      // A table the merge does not know how to carry over stops it, instead of cascading rows away.
      await db.query(`CREATE TABLE test_contact_refs (contact_id uuid REFERENCES contacts(id) ON DELETE CASCADE)`);
      try {
        await db.query(`INSERT INTO test_contact_refs VALUES ($1)`, [b]);
        const blocked = await call('POST', '/api/v1/contacts/merge', { survivorId: a, mergedIds: [b] });
        expect(blocked.statusCode).toBe(409);
        expect(blocked.json()).toMatchObject({ code: 'merges.invalid', message: expect.stringContaining('test_contact_refs.contact_id') });
        expect((await call('GET', `/api/v1/contacts/${b}`)).statusCode).toBe(200);
      } finally {
        await db.query(`DROP TABLE test_contact_refs`);
      }
    });
  });

  describe('merging duplicate companies', () => {
    it('moves the contacts and tags to the survivor, fills blanks, and an undo puts everything back', async () => {
      await db.query(`UPDATE companies SET credit_code = NULL WHERE credit_code = $1`, [CREDIT_CODE]);
      const survivor = await createCompany({ name: 'Globex China', normalizedName: 'globex china', domain: 'globex.test', tier: 'ka', techTags: ['sap'] });
      const duplicate = await createCompany({
        name: 'Globex (China) Co., Ltd.',
        normalizedName: 'globex china',
        creditCode: CREDIT_CODE,
        city: 'Suzhou',
        tier: 'standard',
        industry: 'manufacturing',
        subIndustry: 'machinery',
        techTags: ['aws', 'sap'],
      });
      const stays = await createContact({ companyId: survivor, name: 'Stays Here', email: 'stays@globex.test' });
      const moves = [await createContact({ companyId: duplicate, name: 'Moves One' }), await createContact({ companyId: duplicate, name: 'Moves Two' })];
      const partner = await createTag('Partner');
      await db.query(`INSERT INTO company_tags (company_id, tag_id, source) VALUES ($1, $2, 'manual')`, [duplicate, partner]);
      const survivorBefore = await rawRow('companies', survivor);
      const duplicateBefore = await rawRow('companies', duplicate);

      const suggestions = (await call('GET', `/api/v1/companies/${survivor}/duplicates`)).json();
      expect(suggestions[0]).toMatchObject({ company: { id: duplicate, creditCode: CREDIT_CODE }, reasons: ['same_name'] });

      const merged = await call('POST', '/api/v1/companies/merge', { survivorId: survivor, mergedIds: [duplicate], fieldChoices: { location: duplicate } });
      expect(merged.statusCode).toBe(200);
      const { mergeId } = merged.json();
      const detail = (await call('GET', `/api/v1/companies/${survivor}`)).json();
      expect(detail.company).toMatchObject({
        name: 'Globex China',
        creditCode: CREDIT_CODE,
        city: 'Suzhou',
        tier: 'ka',
        industry: 'manufacturing',
        subIndustry: 'machinery',
        techTags: ['sap', 'aws'],
        contactCount: 3,
      });
      expect(detail.contacts.items.map((contact: { name: string }) => contact.name)).toEqual(['Moves One', 'Moves Two', 'Stays Here']);
      expect(detail.history[0]).toMatchObject({ kind: 'merge', movedContacts: 2, merged: [{ id: duplicate, name: 'Globex (China) Co., Ltd.' }] });
      expect((await db.query(`SELECT tag_id FROM company_tags WHERE company_id = $1`, [survivor])).map((row: { tag_id: string }) => row.tag_id)).toEqual([partner]);
      expect((await call('GET', `/api/v1/companies/${duplicate}`)).statusCode).toBe(404);

      const undo = await call('POST', `/api/v1/merges/${mergeId}/undo`);
      expect(undo.statusCode).toBe(200);
      expect(await rawRow('companies', survivor)).toEqual(survivorBefore);
      expect(await rawRow('companies', duplicate)).toEqual(duplicateBefore);
      const people: Array<{ id: string; company_id: string }> = await db.query(`SELECT id, company_id FROM contacts WHERE id = ANY($1::uuid[])`, [[stays, ...moves]]);
      expect(Object.fromEntries(people.map((row) => [row.id, row.company_id]))).toEqual({ [stays]: survivor, [moves[0]]: duplicate, [moves[1]]: duplicate });
      expect((await db.query(`SELECT company_id FROM company_tags WHERE tag_id = $1`, [partner])).map((row: { company_id: string }) => row.company_id)).toEqual([duplicate]);
    });

    it('refuses to undo when a moved contact has moved on since', async () => {
      const a = await createCompany({ name: 'Initech' });
      const b = await createCompany({ name: 'Initech Inc' });
      const c = await createCompany({ name: 'Elsewhere' });
      const person = await createContact({ companyId: b, name: 'Peter Gibbons' });
      const { mergeId } = (await call('POST', '/api/v1/companies/merge', { survivorId: a, mergedIds: [b] })).json();
      await call('PATCH', `/api/v1/contacts/${person}`, { companyId: c });
      const undo = await call('POST', `/api/v1/merges/${mergeId}/undo`);
      expect(undo.statusCode).toBe(409);
      expect(undo.json()).toMatchObject({ code: 'merges.undo_conflict', message: expect.stringContaining('Peter Gibbons') });
    });
  });
});
