import { DEMO_SALES_OWNERS, type DemoCompanyRow, type DemoContactRow } from './demo-generator';

/** Runs one SQL statement; TypeORM's `query` and a `pg` client both fit. Rows come back as an array or in `.rows`. */
export type DemoQuery = (sql: string, params?: unknown[]) => Promise<unknown>;

export type DemoBatch = Array<{ company: DemoCompanyRow; contacts: DemoContactRow[] }>;

/** Companies per insert batch (about 5,500 contacts): big enough to amortize round trips, small enough for one JSON parameter. */
export const DEMO_BATCH_COMPANIES = 1000;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The demo's sales reps are console users without a password (an admin can invite them). Their ids by e-mail. */
export async function ensureDemoSalesOwners(query: DemoQuery): Promise<Map<string, string>> {
  for (const owner of DEMO_SALES_OWNERS) {
    await query(`INSERT INTO users (email, name, role, locale) VALUES ($1, $2, 'sales', $3) ON CONFLICT (email) DO NOTHING`, [
      owner.email,
      owner.name,
      owner.locale,
    ]);
  }
  const rows = rowsOf<{ id: string; email: string }>(
    await query(`SELECT id, email FROM users WHERE email = ANY($1)`, [DEMO_SALES_OWNERS.map((owner) => owner.email)]),
  );
  return new Map(rows.map((row) => [row.email, row.id]));
}

/**
 * Inserts one batch of demo companies, their contacts and the contacts' e-mail and phone identities.
 * Ids are deterministic, so a retried batch inserts nothing twice. Run it inside a transaction.
 */
export async function insertDemoBatch(query: DemoQuery, batch: DemoBatch, owners: Map<string, string>): Promise<void> {
  const companies = batch.map(({ company }) => ({
    id: company.id,
    name: company.name,
    normalized_name: company.normalizedName,
    domain: company.domain,
    credit_code: company.creditCode,
    industry: company.industry,
    sub_industry: company.subIndustry,
    employees: company.employees,
    employee_band: company.employeeBand,
    revenue_band: company.revenueBand,
    country: company.country,
    province: company.province,
    city: company.city,
    ownership: company.ownership,
    founded_year: company.foundedYear,
    tech_tags: company.techTags,
    tier: company.tier,
    sales_owner_id: owners.get(company.salesOwnerEmail) ?? null,
    source: 'demo',
  }));
  const contacts = batch.flatMap(({ contacts: rows }) =>
    rows.map((contact) => ({
      id: contact.id,
      company_id: contact.companyId,
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      title: contact.title,
      department: contact.department,
      seniority: contact.seniority,
      buying_role: contact.buyingRole,
      locale: contact.locale,
      consent: contact.consent,
      consent_source: contact.consentSource,
      consent_at: contact.consentAt,
    })),
  );
  await query(
    `INSERT INTO companies (id, name, normalized_name, domain, credit_code, industry, sub_industry, employees, employee_band,
       revenue_band, country, province, city, ownership, founded_year, tech_tags, tier, sales_owner_id, source)
     SELECT id, name, normalized_name, domain, credit_code, industry, sub_industry, employees, employee_band,
       revenue_band, country, province, city, ownership, founded_year, tech_tags, tier, sales_owner_id, source
     FROM json_populate_recordset(null::companies, $1::json)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(companies)],
  );
  await query(
    `INSERT INTO contacts (id, company_id, name, email, phone, title, department, seniority, buying_role, locale, consent, consent_source, consent_at)
     SELECT id, company_id, name, email, phone, title, department, seniority, buying_role, locale, consent, consent_source, consent_at
     FROM json_populate_recordset(null::contacts, $1::json)
     ON CONFLICT DO NOTHING`,
    [JSON.stringify(contacts)],
  );
  // Identity resolution (imports) finds people by their email and phone identities.
  await query(
    `INSERT INTO identities (kind, value, contact_id, source)
     SELECT 'email', k.email, k.id, 'demo' FROM contacts k WHERE k.id = ANY($1::uuid[]) AND k.email IS NOT NULL
     UNION ALL
     SELECT 'phone', k.phone, k.id, 'demo' FROM contacts k WHERE k.id = ANY($1::uuid[]) AND k.phone IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [contacts.map((contact) => contact.id)],
  );
}
