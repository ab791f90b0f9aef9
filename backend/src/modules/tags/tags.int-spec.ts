import { DataSource } from 'typeorm';
import type { BulkTagRequest, RecordTag, SegmentGroup, TagCategory } from '@fulcrum/shared';
import { createTestApp, createUserAndSignIn, setupAdmin, type TestApp } from 'testing/test-app';
import { waitFor } from 'testing/wait-for';
import { tagRecords } from './tag-records';

const KA_DIRECTORS: SegmentGroup = {
  kind: 'group',
  combinator: 'and',
  children: [
    { kind: 'condition', field: 'company.tier', op: 'in', value: ['ka'] },
    { kind: 'condition', field: 'contact.seniority', op: 'in', value: ['c_level', 'vp', 'director'] },
  ],
};

const hasTag = (field: 'contact.tags' | 'company.tags', op: 'has_any' | 'has_all' | 'has_none', value: string[]): SegmentGroup => ({
  kind: 'group',
  combinator: 'and',
  children: [{ kind: 'condition', field, op, value }],
});

describe('tags API: categories, tags, manual and bulk tagging with their source, tag conditions in segments', () => {
  let t: TestApp;
  let db: DataSource;
  let cookie: string;
  let sales: string;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    cookie = await setupAdmin(t, { email: 'tags@example.com', name: 'Tina Tagger', password: 'tagging password', locale: 'en' });
    await t.app.inject({ method: 'POST', url: '/api/v1/demo', headers: { cookie }, payload: { companies: 200, seed: 5 } });
    await waitFor(async () => (await t.app.inject({ method: 'GET', url: '/api/v1/demo', headers: { cookie } })).json().state === 'loaded', 60_000, 'demo');
    sales = await createUserAndSignIn(t, cookie, { email: 'sam@example.com', name: 'Sam Sales', role: 'sales', password: 'sales password 1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, as = cookie) =>
    t.app.inject({ method, url, payload, headers: { cookie: as } });
  const catalog = async (usage = false): Promise<TagCategory[]> => (await call('GET', `/api/v1/tags${usage ? '?usage=true' : ''}`)).json();
  const count = async (filter: SegmentGroup, target: 'contacts' | 'companies' = 'contacts'): Promise<number> =>
    (await call('POST', '/api/v1/segments/preview', { target, filter, sampleSize: 0 })).json().count;
  const someIds = async (table: 'companies' | 'contacts', n: number): Promise<string[]> =>
    ((await db.query(`SELECT id FROM ${table} ORDER BY id LIMIT $1`, [n])) as Array<{ id: string }>).map((row) => row.id);
  const newTag = async (categoryId: string, name: string): Promise<string> => {
    const response = await call('POST', '/api/v1/tags', { categoryId, name });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  };
  const newCategory = async (name: string, color = 'blue'): Promise<string> => {
    const response = await call('POST', '/api/v1/tags/categories', { name, color });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  };

  it('creates, renames, recolors and deletes categories and tags, names unique regardless of case', async () => {
    const created = await call('POST', '/api/v1/tags/categories', { name: ' Interest ', color: 'purple' });
    expect(created.statusCode).toBe(201);
    const category = created.json();
    expect(category).toMatchObject({ name: 'Interest', color: 'purple', tags: [] });

    const duplicate = await call('POST', '/api/v1/tags/categories', { name: 'INTEREST' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ code: 'tags.category_name_taken', details: [{ path: 'name' }] });
    expect((await call('POST', '/api/v1/tags/categories', { name: 'x', color: 'chartreuse' })).json().code).toBe('validation.failed');

    const tag = (await call('POST', '/api/v1/tags', { categoryId: category.id, name: 'AI', description: '  Interested in AI  ' })).json();
    expect(tag).toMatchObject({ categoryId: category.id, name: 'AI', color: null, description: 'Interested in AI' });
    const sameName = await call('POST', '/api/v1/tags', { categoryId: category.id, name: 'ai' });
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().code).toBe('tags.name_taken');
    // The same name in another category is another tag.
    const other = await newCategory('人工智能 活动');
    expect((await call('POST', '/api/v1/tags', { categoryId: other, name: 'AI' })).statusCode).toBe(201);
    const noCategory = await call('POST', '/api/v1/tags', { categoryId: '00000000-0000-4000-8000-000000000000', name: 'Orphan' });
    expect(noCategory.statusCode).toBe(404);
    expect(noCategory.json().code).toBe('tags.category_not_found');

    const renamed = await call('PATCH', `/api/v1/tags/${tag.id}`, { name: 'Artificial intelligence', color: 'magenta' });
    expect(renamed.json()).toMatchObject({ name: 'Artificial intelligence', color: 'magenta', description: 'Interested in AI' });
    // Back to the category's colour; the description is left alone.
    expect((await call('PATCH', `/api/v1/tags/${tag.id}`, { color: null })).json()).toMatchObject({ color: null, description: 'Interested in AI' });
    expect((await call('PATCH', `/api/v1/tags/${tag.id}`, { categoryId: other, name: 'ai' })).json().code).toBe('tags.name_taken');
    expect((await call('PATCH', `/api/v1/tags/categories/${category.id}`, { name: 'Interests', color: 'green', sort: -5 })).json()).toMatchObject({
      name: 'Interests',
      color: 'green',
      sort: -5,
      tags: [{ id: tag.id }],
    });
    expect((await catalog())[0]).toMatchObject({ id: category.id, tags: [{ name: 'Artificial intelligence' }] });

    const notEmpty = await call('DELETE', `/api/v1/tags/categories/${category.id}`);
    expect(notEmpty.statusCode).toBe(409);
    expect(notEmpty.json().code).toBe('tags.category_not_empty');
    expect((await call('DELETE', `/api/v1/tags/${tag.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/tags/${tag.id}`)).json().code).toBe('tags.not_found');
    expect((await call('DELETE', `/api/v1/tags/categories/${category.id}`)).statusCode).toBe(204);
    expect((await catalog()).map((c) => c.id)).not.toContain(category.id);
    const audit = (await db.query(`SELECT action FROM audit_log WHERE action LIKE 'tags.%' ORDER BY id`)) as Array<{ action: string }>;
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['tags.category_created', 'tags.created', 'tags.updated', 'tags.category_updated', 'tags.deleted', 'tags.category_deleted']),
    );
  });

  it('tags one record by hand, shows who and how, and keeps an imported tag’s source when it is tagged again', async () => {
    const category = await newCategory('Lifecycle', 'cyan');
    const [vip, imported] = [await newTag(category, 'VIP'), await newTag(category, 'From trade show')];
    const [contactId] = await someIds('contacts', 1);

    // An import tags first (through the function imports will call), then a person tags the same contact.
    const byImport = await tagRecords(db, { entity: 'contact', tagIds: [imported], select: { ids: [contactId] }, source: 'import', sourceDetail: 'import:42' });
    expect(byImport).toEqual({ matched: 1, changed: 1 });
    const added = await call('POST', `/api/v1/contacts/${contactId}/tags`, { tagIds: [vip, imported] });
    expect(added.statusCode).toBe(200);
    const tags: RecordTag[] = added.json();
    expect(tags.map((tag) => [tag.name, tag.source, tag.sourceDetail, tag.createdByName, tag.color])).toEqual([
      ['From trade show', 'import', 'import:42', null, 'cyan'],
      ['VIP', 'manual', null, 'Tina Tagger', 'cyan'],
    ]);
    expect((await call('GET', `/api/v1/contacts/${contactId}/tags`, undefined, sales)).json()).toEqual(tags);

    expect((await call('DELETE', `/api/v1/contacts/${contactId}/tags/${vip}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/v1/contacts/${contactId}/tags/${vip}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/v1/contacts/${contactId}/tags`)).json().map((tag: RecordTag) => tag.name)).toEqual(['From trade show']);

    const missing = '00000000-0000-4000-8000-000000000001';
    expect((await call('GET', `/api/v1/companies/${missing}/tags`)).json().code).toBe('tags.record_not_found');
    expect((await call('POST', `/api/v1/companies/${missing}/tags`, { tagIds: [vip] })).json().code).toBe('tags.record_not_found');
    const unknownTag = await call('POST', `/api/v1/contacts/${contactId}/tags`, { tagIds: [missing] });
    expect(unknownTag.statusCode).toBe(404);
    expect(unknownTag.json().code).toBe('tags.not_found');
    expect((await call('POST', `/api/v1/contacts/${contactId}/tags`, { tagIds: [] })).json().code).toBe('validation.failed');

    const [companyId] = await someIds('companies', 1);
    expect((await call('POST', `/api/v1/companies/${companyId}/tags`, { tagIds: [vip] })).json()).toMatchObject([{ name: 'VIP', source: 'manual' }]);
  });

  it('bulk-tags by ids, counting what it added; tagging again adds nothing', async () => {
    const category = await newCategory('Campaign 2026');
    const tag = await newTag(category, 'Invited');
    const ids = await someIds('companies', 25);
    const request: BulkTagRequest = { action: 'tag', entity: 'company', tagIds: [tag], selection: { kind: 'ids', ids } };
    const first = await call('POST', '/api/v1/tags/bulk', request);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ action: 'tag', matched: 25, changed: 25 });
    const again = await call('POST', '/api/v1/tags/bulk', { ...request, selection: { kind: 'ids', ids: [...ids.slice(0, 10), '00000000-0000-4000-8000-000000000002'] } });
    expect(again.json()).toEqual({ action: 'tag', matched: 10, changed: 0 });
    expect(await count(hasTag('company.tags', 'has_any', [tag]), 'companies')).toBe(25);

    const untag = await call('POST', '/api/v1/tags/bulk', { ...request, action: 'untag', selection: { kind: 'ids', ids: ids.slice(0, 5) } });
    expect(untag.json()).toEqual({ action: 'untag', matched: 5, changed: 5 });
    expect(await count(hasTag('company.tags', 'has_any', [tag]), 'companies')).toBe(20);

    const [audit] = (await db.query(`SELECT actor_user_id, subject_type, data FROM audit_log WHERE action = 'tags.bulk_tagged' ORDER BY id LIMIT 1`)) as Array<{
      actor_user_id: string;
      subject_type: string;
      data: Record<string, unknown>;
    }>;
    expect(audit).toMatchObject({ subject_type: 'company', data: { tagIds: [tag], selection: { kind: 'ids', count: 25 }, matched: 25, changed: 25 } });
    expect(audit.actor_user_id).toEqual(expect.any(String));
    expect((await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'tags.bulk_untagged'`))[0].n).toBe(1);
  });

  it('bulk-tags a saved segment and an unsaved filter in one statement; the segment "has tag" counts exactly those', async () => {
    const category = await newCategory('Events');
    const [summit, webinar, never] = [await newTag(category, 'Summit 2026'), await newTag(category, 'Webinar'), await newTag(category, 'Never used')];
    const segment = (await call('POST', '/api/v1/segments', { name: 'KA directors', target: 'contacts', filter: KA_DIRECTORS })).json();
    const expected = segment.cachedCount as number;
    expect(expected).toBeGreaterThan(5);

    const bySegment = await call('POST', '/api/v1/tags/bulk', { action: 'tag', entity: 'contact', tagIds: [summit], selection: { kind: 'segment', segmentId: segment.id } });
    expect(bySegment.json()).toEqual({ action: 'tag', matched: expected, changed: expected });
    expect(await count(hasTag('contact.tags', 'has_any', [summit]))).toBe(expected);
    const tagged = (await db.query(`SELECT DISTINCT source, source_detail FROM contact_tags WHERE tag_id = $1`, [summit])) as Array<{ source: string; source_detail: string }>;
    expect(tagged).toEqual([{ source: 'manual', source_detail: `segment:${segment.id}` }]);

    // An unsaved filter: every CIO-ish title; some of them are already tagged with the summit.
    const titles: SegmentGroup = { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'contact.seniority', op: 'in', value: ['c_level'] }] };
    const cLevel = await count(titles);
    const overlap = await count({ kind: 'group', combinator: 'and', children: [...titles.children, ...hasTag('contact.tags', 'has_any', [summit]).children] });
    expect(overlap).toBeGreaterThan(0);
    const byFilter = await call('POST', '/api/v1/tags/bulk', { action: 'tag', entity: 'contact', tagIds: [summit, webinar], selection: { kind: 'filter', filter: titles } });
    expect(byFilter.json()).toEqual({ action: 'tag', matched: cLevel, changed: 2 * cLevel - overlap });

    expect(await count(hasTag('contact.tags', 'has_all', [summit, webinar]))).toBe(cLevel);
    expect(await count(hasTag('contact.tags', 'has_any', [summit, webinar]))).toBe(expected + cLevel - overlap);
    const everyone = await count({ kind: 'group', combinator: 'and', children: [] });
    expect(await count(hasTag('contact.tags', 'has_none', [summit]))).toBe(everyone - (expected + cLevel - overlap));
    expect(await count(hasTag('contact.tags', 'has_all', [summit, never]))).toBe(0);
    // A companies segment: companies with at least one tagged contact.
    const companies = (await db.query(`SELECT count(DISTINCT k.company_id)::int AS n FROM contact_tags x JOIN contacts k ON k.id = x.contact_id WHERE x.tag_id = $1`, [webinar]))[0].n;
    expect(await count(hasTag('contact.tags', 'has_any', [webinar]), 'companies')).toBe(companies);

    const usage = (await catalog(true)).find((c) => c.id === category)?.tags ?? [];
    expect(usage.map((tag) => [tag.name, tag.usage])).toEqual([
      ['Never used', { companies: 0, contacts: 0, segments: 0 }],
      ['Summit 2026', { companies: 0, contacts: expected + cLevel - overlap, segments: 0 }],
      ['Webinar', { companies: 0, contacts: cLevel, segments: 0 }],
    ]);
    await call('POST', '/api/v1/segments', { name: 'Summit people', target: 'contacts', filter: hasTag('contact.tags', 'has_any', [summit, summit]) });
    expect((await catalog(true)).find((c) => c.id === category)?.tags.find((tag) => tag.id === summit)?.usage?.segments).toBe(1);

    const mismatch = await call('POST', '/api/v1/tags/bulk', { action: 'tag', entity: 'company', tagIds: [summit], selection: { kind: 'segment', segmentId: segment.id } });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().code).toBe('tags.target_mismatch');
    const badFilter = await call('POST', '/api/v1/tags/bulk', {
      action: 'tag',
      entity: 'contact',
      tagIds: [summit],
      selection: { kind: 'filter', filter: hasTag('contact.tags', 'has_any', ['not-a-uuid']) },
    });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json()).toMatchObject({ code: 'segments.bad_filter', details: [{ path: 'selection.filter.children.0' }] });

    const untag = await call('POST', '/api/v1/tags/bulk', { action: 'untag', entity: 'contact', tagIds: [summit], selection: { kind: 'segment', segmentId: segment.id } });
    expect(untag.json()).toEqual({ action: 'untag', matched: expected, changed: expected });
    expect(await count(hasTag('contact.tags', 'has_any', [summit]))).toBe(cLevel - overlap);
  });

  it('removes taggings with the record or the tag (cascade)', async () => {
    const category = await newCategory('Cascade');
    const tag = await newTag(category, 'Doomed');
    const [company] = (await db.query(`INSERT INTO companies (name, normalized_name) VALUES ('Cascade Co', 'cascade') RETURNING id`)) as Array<{ id: string }>;
    const [contact] = (await db.query(`INSERT INTO contacts (company_id, name) VALUES ($1, 'Cas Cade') RETURNING id`, [company.id])) as Array<{ id: string }>;
    await call('POST', `/api/v1/companies/${company.id}/tags`, { tagIds: [tag] });
    await call('POST', `/api/v1/contacts/${contact.id}/tags`, { tagIds: [tag] });
    await db.query(`DELETE FROM contacts WHERE id = $1`, [contact.id]);
    expect((await db.query(`SELECT count(*)::int AS n FROM contact_tags WHERE tag_id = $1`, [tag]))[0].n).toBe(0);
    expect((await call('DELETE', `/api/v1/tags/${tag}`)).statusCode).toBe(204);
    expect((await db.query(`SELECT count(*)::int AS n FROM company_tags WHERE company_id = $1`, [company.id]))[0].n).toBe(0);
    const [audit] = await db.query(`SELECT data FROM audit_log WHERE action = 'tags.deleted' AND subject_id = $1`, [tag]);
    expect(audit.data).toMatchObject({ name: 'Doomed', companies: 1, contacts: 0 });
  });

  it('lets sales read tags but not change them', async () => {
    const category = await newCategory('Sales can see');
    const tag = await newTag(category, 'Visible');
    const [companyId] = await someIds('companies', 1);
    expect((await call('GET', '/api/v1/tags', undefined, sales)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/companies/${companyId}/tags`, undefined, sales)).statusCode).toBe(200);
    const refused = [
      await call('POST', '/api/v1/tags/categories', { name: 'Nope' }, sales),
      await call('PATCH', `/api/v1/tags/categories/${category}`, { name: 'Nope' }, sales),
      await call('DELETE', `/api/v1/tags/categories/${category}`, undefined, sales),
      await call('POST', '/api/v1/tags', { categoryId: category, name: 'Nope' }, sales),
      await call('PATCH', `/api/v1/tags/${tag}`, { name: 'Nope' }, sales),
      await call('DELETE', `/api/v1/tags/${tag}`, undefined, sales),
      await call('POST', `/api/v1/companies/${companyId}/tags`, { tagIds: [tag] }, sales),
      await call('DELETE', `/api/v1/companies/${companyId}/tags/${tag}`, undefined, sales),
      await call('POST', '/api/v1/tags/bulk', { action: 'tag', entity: 'company', tagIds: [tag], selection: { kind: 'ids', ids: [companyId] } }, sales),
    ];
    expect(refused.map((response) => response.statusCode)).toEqual(refused.map(() => 403));
    expect((await call('GET', '/api/v1/tags', undefined, 'fulcrum_session=nope')).statusCode).toBe(401);
  });
});
