import { Client } from 'pg';
import type { SegmentCondition, SegmentGroup } from '@fulcrum/shared';
import { DEMO_SALES_OWNERS, generateDemoCompanies } from 'modules/demo/demo-generator';
import { createTestDatabase, type TestDatabase } from 'testing/test-database';
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
}

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
};

describe('segment compiler on PostgreSQL (checked against a JavaScript oracle)', () => {
  let database: TestDatabase;
  let client: Client;
  let rows: Row[];

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    const owner = DEMO_SALES_OWNERS[0];
    const { rows: users } = await client.query(`INSERT INTO users (email, name, role, locale) VALUES ($1, $2, 'sales', $3) RETURNING id`, [owner.email, owner.name, owner.locale]);
    for (const { company, contacts } of generateDemoCompanies({ companies: 1500, seed: 11 })) {
      await client.query(
        `INSERT INTO companies (id, name, normalized_name, tier, employees, city, tech_tags, sales_owner_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [company.id, company.name, company.normalizedName, company.tier, company.employees, company.city, company.techTags, users[0].id],
      );
      for (const contact of contacts) {
        await client.query(`INSERT INTO contacts (id, company_id, name, email, title, seniority, consent) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          contact.id,
          contact.companyId,
          contact.name,
          contact.email,
          contact.title,
          contact.seniority,
          contact.consent,
        ]);
      }
    }
    ({ rows } = await client.query<Row>(
      `SELECT k.id AS contact_id, c.id AS company_id, c.tier, c.employees, c.city, c.tech_tags, k.title, k.seniority, k.consent
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
    case 'company.employees gte':
      return row.employees >= Number(node.value);
    case 'company.city in':
      return values.includes(row.city);
    case 'contact.consent not_in':
      return !values.includes(row.consent);
    case 'company.techTags has_any':
      return values.some((value) => row.tech_tags.includes(String(value)));
    case 'contact.seniority in':
      return values.includes(row.seniority);
    default:
      throw new Error(`oracle lacks ${node.field} ${node.op}`);
  }
}
