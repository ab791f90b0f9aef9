import { Client } from 'pg';
import type { SegmentCondition, SegmentGroup } from '@fulcrum/shared';
import { DEMO_SALES_OWNERS, generateDemoCompanies } from 'modules/demo/demo-generator';
import { createTestDatabase, TEST_ENGINES, type TestDatabase } from 'testing/test-database';
import { compileSegmentFilter, segmentFrom } from './segment-compiler';

interface Row {
  contact_id: string;
  company_id: string;
  tier: string;
  employees: number;
  city: string;
  tech_tags: string[];
  title: string;
  seniority: string;
  consent: string;
  contact_tags: string[];
  company_tags: string[];
}

// Tag ids the oracle refers to; rows get them in a fixed pattern (see beforeAll).
const TAG = {
  vip: '11111111-1111-4111-8111-111111111111',
  met: '22222222-2222-4222-8222-222222222222',
  partner: '33333333-3333-4333-8333-333333333333',
  target: '44444444-4444-4444-8444-444444444444',
  unused: '55555555-5555-4555-8555-555555555555',
};
// Seven tags on every contact: with VIP and met they make a "has all" long enough to be grouped.
const EVERYONE = Array.from({ length: 7 }, (_v, i) => `77777777-7777-4777-8777-00000000000${i}`);

const and = (...children: SegmentGroup['children']): SegmentGroup => ({ kind: 'group', combinator: 'and', children });
const or = (...children: SegmentGroup['children']): SegmentGroup => ({ kind: 'group', combinator: 'or', children });
const cond = (field: SegmentCondition['field'], op: string, value?: SegmentCondition['value']): SegmentCondition => ({ kind: 'condition', field, op, value });

/** The same filters evaluated in plain JavaScript over the same rows: the oracle for the SQL. */
const oracle: Record<string, (row: Row) => boolean> = {
  'a CIO, or a KA account': (r) => /cio|首席信息官/i.test(r.title) || r.tier === 'ka',
  'ka or growth with CIO-ish titles': (r) => ['ka', 'growth'].includes(r.tier) && /cio|首席信息官/i.test(r.title),
  'big companies in Shanghai or Hangzhou, not opted out': (r) =>
    r.employees >= 1000 && ['上海', '杭州'].includes(r.city) && !['unsubscribed', 'do_not_contact'].includes(r.consent),
  'aliyun or aws users, seniority director+': (r) =>
    (r.tech_tags.includes('aliyun') || r.tech_tags.includes('aws')) && ['c_level', 'vp', 'director'].includes(r.seniority),
  'VIP or met contacts at partner-and-target companies': (r) =>
    (r.contact_tags.includes(TAG.vip) || r.contact_tags.includes(TAG.met)) && r.company_tags.includes(TAG.partner) && r.company_tags.includes(TAG.target),
  'not VIP, or both VIP and met': (r) => !r.contact_tags.includes(TAG.vip) || (r.contact_tags.includes(TAG.vip) && r.contact_tags.includes(TAG.met)),
  'VIP, met and seven more tags (a long "has all")': (r) => [TAG.vip, TAG.met, ...EVERYONE].every((tag) => r.contact_tags.includes(tag)),
  'KA companies that are not partners, with a VIP contact or an unused tag': (r) =>
    r.tier === 'ka' && !r.company_tags.includes(TAG.partner) && (r.contact_tags.includes(TAG.vip) || r.company_tags.includes(TAG.unused)),
  // Values without case compare as they are (LIKE, =); values with case fold it (ILIKE, lower): same answers.
  'directors in any case, or IT managers': (r) => r.title.toLowerCase().includes('director') || (!r.title.includes('总监') && r.title.toLowerCase() === 'it manager'),
  'titled exactly 首席信息官 or IT总监, in Shanghai': (r) => ['首席信息官', 'it总监'].includes(r.title.toLowerCase()) && r.city === '上海',
  'neither 总监 nor IT Manager, at companies in 上海, 杭州 or Hangzhou': (r) => !r.title.includes('总监') && ['上海', '杭州'].includes(r.city) && r.title.toLowerCase() !== 'it manager',
};

const filters: Record<string, SegmentGroup> = {
  'a CIO, or a KA account': or(cond('contact.title', 'contains', 'cio'), cond('company.tier', 'in', ['ka']), cond('contact.title', 'contains', '首席信息官')),
  'ka or growth with CIO-ish titles': and(cond('company.tier', 'in', ['ka', 'growth']), or(cond('contact.title', 'contains', 'cio'), cond('contact.title', 'contains', '首席信息官'))),
  'big companies in Shanghai or Hangzhou, not opted out': and(
    cond('company.employees', 'gte', 1000),
    cond('company.city', 'in', ['上海', '杭州']),
    cond('contact.consent', 'not_in', ['unsubscribed', 'do_not_contact']),
  ),
  'aliyun or aws users, seniority director+': and(cond('company.techTags', 'has_any', ['aliyun', 'aws']), cond('contact.seniority', 'in', ['c_level', 'vp', 'director'])),
  'VIP or met contacts at partner-and-target companies': and(cond('contact.tags', 'has_any', [TAG.vip, TAG.met]), cond('company.tags', 'has_all', [TAG.partner, TAG.target])),
  'not VIP, or both VIP and met': or(cond('contact.tags', 'has_none', [TAG.vip]), cond('contact.tags', 'has_all', [TAG.met, TAG.vip, TAG.met])),
  'VIP, met and seven more tags (a long "has all")': and(cond('contact.tags', 'has_all', [TAG.vip, ...EVERYONE, TAG.met])),
  'KA companies that are not partners, with a VIP contact or an unused tag': and(
    cond('company.tier', 'in', ['ka']),
    cond('company.tags', 'has_none', [TAG.partner]),
    or(cond('contact.tags', 'has_any', [TAG.vip]), cond('company.tags', 'has_any', [TAG.unused])),
  ),
  'directors in any case, or IT managers': or(
    cond('contact.title', 'contains', 'DiReCtOr'),
    and(cond('contact.title', 'not_contains', '总监'), cond('contact.title', 'equals', 'it MANAGER')),
  ),
  'titled exactly 首席信息官 or IT总监, in Shanghai': and(cond('contact.title', 'in', ['首席信息官', 'it总监']), cond('company.city', 'equals', '上海')),
  'neither 总监 nor IT Manager, at companies in 上海, 杭州 or Hangzhou': and(
    cond('contact.title', 'not_contains', '总监'),
    cond('company.city', 'in', ['上海', '杭州', 'Hangzhou']),
    cond('contact.title', 'not_equals', 'IT Manager'),
  ),
};

describe.each(TEST_ENGINES)('segment compiler on the %s PostgreSQL (checked against a JavaScript oracle)', (engine) => {
  let database: TestDatabase;
  let client: Client;
  let rows: Row[];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    client = new Client({ connectionString: database.url });
    await client.connect();
    const owner = DEMO_SALES_OWNERS[0];
    const { rows: users } = await client.query(`INSERT INTO users (email, name, role, locale) VALUES ($1, $2, 'sales', $3) RETURNING id`, [owner.email, owner.name, owner.locale]);
    // Two set-based inserts (not one round trip per row): the machine is shared and this runs under load.
    const generated = [...generateDemoCompanies({ companies: 1500, seed: 11 })];
    await client.query(
      `INSERT INTO companies (id, name, normalized_name, tier, employees, city, tech_tags, sales_owner_id)
       SELECT id, name, normalized_name, tier, employees, city, tech_tags, $2 FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, name text, normalized_name text, tier text, employees int, city text, tech_tags text[])`,
      [
        JSON.stringify(
          generated.map(({ company }) => ({
            id: company.id,
            name: company.name,
            normalized_name: company.normalizedName,
            tier: company.tier,
            employees: company.employees,
            city: company.city,
            tech_tags: company.techTags,
          })),
        ),
        users[0].id,
      ],
    );
    await client.query(
      `INSERT INTO contacts (id, company_id, name, email, title, seniority, consent)
       SELECT id, company_id, name, email, title, seniority, consent FROM jsonb_to_recordset($1::jsonb)
         AS r(id uuid, company_id uuid, name text, email text, title text, seniority text, consent text)`,
      [
        JSON.stringify(
          generated.flatMap(({ contacts }) =>
            contacts.map((contact) => ({
              id: contact.id,
              company_id: contact.companyId,
              name: contact.name,
              email: contact.email,
              title: contact.title,
              seniority: contact.seniority,
              consent: contact.consent,
            })),
          ),
        ),
      ],
    );
    // Tags in a fixed pattern over the id order: contacts 1 in 3 VIP and 1 in 4 met; companies 1 in 2
    // partners and 1 in 3 targets. `unused` exists and is on nobody.
    await client.query(`INSERT INTO tag_categories (id, name) VALUES ('66666666-6666-4666-8666-666666666666', 'Oracle')`);
    for (const [name, id] of [...Object.entries(TAG), ...EVERYONE.map((id, i) => [`everyone ${i}`, id])]) {
      await client.query(`INSERT INTO tags (id, category_id, name) VALUES ($1, '66666666-6666-4666-8666-666666666666', $2)`, [id, name]);
    }
    await client.query(`
      INSERT INTO contact_tags (contact_id, tag_id, source)
      SELECT id, tag, 'manual' FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM contacts) k
      CROSS JOIN LATERAL (VALUES ('${TAG.vip}'::uuid, 3), ('${TAG.met}'::uuid, 4)${EVERYONE.map((id) => `, ('${id}'::uuid, 1)`).join('')}) AS t(tag, every)
      WHERE k.n % t.every = 0`);
    await client.query(`
      INSERT INTO company_tags (company_id, tag_id, source)
      SELECT id, tag, 'import' FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM companies) c
      CROSS JOIN LATERAL (VALUES ('${TAG.partner}'::uuid, 2), ('${TAG.target}'::uuid, 3)) AS t(tag, every)
      WHERE c.n % t.every = 0`);
    ({ rows } = await client.query<Row>(
      `SELECT k.id AS contact_id, c.id AS company_id, c.tier, c.employees, c.city, c.tech_tags, k.title, k.seniority, k.consent,
         ARRAY(SELECT tag_id::text FROM contact_tags WHERE contact_id = k.id) AS contact_tags,
         ARRAY(SELECT tag_id::text FROM company_tags WHERE company_id = c.id) AS company_tags
       FROM contacts k JOIN companies c ON c.id = k.company_id`,
    ));
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it.each(Object.keys(filters))('contacts segment "%s" matches the oracle', async (name) => {
    const { sql, params } = compileSegmentFilter(filters[name], 'contacts');
    const result = await client.query<{ id: string }>(`SELECT k.id FROM ${segmentFrom('contacts')} WHERE ${sql}`, params);
    const expected = rows.filter(oracle[name]).map((row) => row.contact_id).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(result.rows.map((row) => row.id).sort()).toEqual(expected);
  });

  it.each(Object.keys(filters))('companies segment "%s" holds the companies with at least one matching contact', async (name) => {
    const { sql, params } = compileSegmentFilter(filters[name], 'companies');
    const result = await client.query<{ id: string }>(`SELECT c.id FROM ${segmentFrom('companies')} WHERE ${sql}`, params);
    // Company conditions hold for the company; each contact condition needs some contact (not necessarily the same one).
    const companies = new Map<string, Row[]>();
    for (const row of rows) companies.set(row.company_id, [...(companies.get(row.company_id) ?? []), row]);
    const companyFilter = filters[name];
    const holds = (node: SegmentGroup | SegmentCondition, contacts: Row[]): boolean => {
      if (node.kind === 'group') {
        const results = node.children.map((child) => holds(child, contacts));
        return node.combinator === 'and' ? results.every(Boolean) : results.some(Boolean);
      }
      return contacts.some((contact) => evaluate(and(node), contact));
    };
    const expected = [...companies.entries()].filter(([, contacts]) => holds(companyFilter, contacts)).map(([id]) => id).sort();
    expect(result.rows.map((row) => row.id).sort()).toEqual(expected);
  });

  it('survives hostile values as data', async () => {
    const { sql, params } = compileSegmentFilter(and(cond('company.name', 'contains', "'; DROP TABLE contacts; --")), 'contacts');
    const result = await client.query(`SELECT count(*)::int AS n FROM ${segmentFrom('contacts')} WHERE ${sql}`, params);
    expect(result.rows[0].n).toBe(0);
    expect((await client.query('SELECT count(*)::int AS n FROM contacts')).rows[0].n).toBe(rows.length);
  });
});

/** A single-condition evaluator over one joined row, for the companies oracle. */
function evaluate(group: SegmentGroup, row: Row): boolean {
  const node = group.children[0] as SegmentCondition;
  const values = (node.value as Array<string | number>) ?? [];
  switch (`${node.field} ${node.op}`) {
    case 'company.tier in':
      return values.includes(row.tier);
    case 'contact.title contains':
      return row.title.toLowerCase().includes(String(node.value).toLowerCase());
    case 'contact.title not_contains':
      return !row.title.toLowerCase().includes(String(node.value).toLowerCase());
    case 'contact.title equals':
      return row.title.toLowerCase() === String(node.value).toLowerCase();
    case 'contact.title not_equals':
      return row.title.toLowerCase() !== String(node.value).toLowerCase();
    case 'contact.title in':
      return values.some((value) => String(value).toLowerCase() === row.title.toLowerCase());
    case 'company.city equals':
      return row.city.toLowerCase() === String(node.value).toLowerCase();
    case 'company.employees gte':
      return row.employees >= Number(node.value);
    case 'company.city in':
      return values.some((value) => String(value).toLowerCase() === row.city.toLowerCase());
    case 'contact.consent not_in':
      return !values.includes(row.consent);
    case 'company.techTags has_any':
      return values.some((value) => row.tech_tags.includes(String(value)));
    case 'contact.seniority in':
      return values.includes(row.seniority);
    case 'contact.tags has_any':
      return values.some((value) => row.contact_tags.includes(String(value)));
    case 'contact.tags has_all':
      return values.every((value) => row.contact_tags.includes(String(value)));
    case 'contact.tags has_none':
      return !values.some((value) => row.contact_tags.includes(String(value)));
    case 'company.tags has_any':
      return values.some((value) => row.company_tags.includes(String(value)));
    case 'company.tags has_all':
      return values.every((value) => row.company_tags.includes(String(value)));
    case 'company.tags has_none':
      return !values.some((value) => row.company_tags.includes(String(value)));
    default:
      throw new Error(`oracle lacks ${node.field} ${node.op}`);
  }
}
