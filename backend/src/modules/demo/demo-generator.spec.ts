import {
  COMPANY_TIERS,
  CONSENT_STATUSES,
  EMPLOYEE_BANDS,
  OWNERSHIP_TYPES,
  REVENUE_BANDS,
  SENIORITIES,
  employeeBand,
  findParentIndustry,
  isValidUnifiedCreditCode,
  normalizeCompanyName,
} from '@fulcrum/shared';
import {
  __demoDomainSpaces,
  DEMO_SALES_OWNERS,
  generateDemoCompanies,
  type DemoCompanyRow,
  type DemoContactRow,
} from './demo-generator';

const E164 = /^\+[1-9]\d{6,14}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function collect(companies: number, seed: number): Array<{ company: DemoCompanyRow; contacts: DemoContactRow[] }> {
  return [...generateDemoCompanies({ companies, seed })];
}

describe('generateDemoCompanies', () => {
  it('is deterministic per seed', () => {
    const a = collect(300, 42);
    const b = collect(300, 42);
    expect(b).toEqual(a);
    const c = collect(300, 43);
    expect(c.map((x) => x.company.id)).not.toEqual(a.map((x) => x.company.id));
    expect(c.map((x) => x.company.name)).not.toEqual(a.map((x) => x.company.name));
  });

  it('yields the requested number of companies and contacts within bounds', () => {
    expect(collect(0, 1)).toHaveLength(0);
    const rows = collect(500, 7);
    expect(rows).toHaveLength(500);
    for (const { contacts } of rows) {
      expect(contacts.length).toBeGreaterThanOrEqual(2);
      expect(contacts.length).toBeLessThanOrEqual(12);
    }
    const custom = [...generateDemoCompanies({ companies: 200, seed: 7, contactsPerCompany: { min: 1, max: 3 } })];
    expect(custom).toHaveLength(200);
    expect(custom.every(({ contacts }) => contacts.length >= 1 && contacts.length <= 3)).toBe(true);
    const counts = rows.map(({ contacts }) => contacts.length);
    const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
    expect(mean).toBeLessThan(7); // skewed towards the small end
  });

  it('rejects invalid options', () => {
    expect(() => generateDemoCompanies({ companies: -1, seed: 1 }).next()).toThrow(RangeError);
    expect(() => generateDemoCompanies({ companies: 1.5, seed: 1 }).next()).toThrow(RangeError);
    expect(() => generateDemoCompanies({ companies: 1, seed: 1, contactsPerCompany: { min: 5, max: 2 } }).next()).toThrow(RangeError);
  });

  it('is lazy: the first of 10,000,000 companies arrives immediately', () => {
    const started = process.hrtime.bigint();
    const iterator = generateDemoCompanies({ companies: 10_000_000, seed: 1 });
    const first = iterator.next();
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect(first.done).toBe(false);
    expect(first.value?.company.id).toMatch(UUID_V4);
    expect(elapsedMs).toBeLessThan(200);
    iterator.return(undefined);
  });

  describe('over 5,000 companies', () => {
    const rows = collect(5000, 20251123);
    const companies = rows.map((row) => row.company);
    const contacts = rows.flatMap((row) => row.contacts);

    it('has unique ids, domains, e-mails and credit codes', () => {
      const ids = [...companies.map((c) => c.id), ...contacts.map((c) => c.id)];
      expect(new Set(ids).size).toBe(ids.length);
      const domains = companies.map((c) => c.domain);
      expect(domains.every((d) => d !== null && /^[a-z0-9]+(-[a-z0-9]+)?(\.[a-z]{2,3}){1,2}$/.test(d))).toBe(true);
      expect(new Set(domains).size).toBe(domains.length);
      const emails = contacts.map((c) => c.email);
      expect(new Set(emails).size).toBe(emails.length);
      const codes = companies.filter((c) => c.creditCode !== null).map((c) => c.creditCode);
      expect(new Set(codes).size).toBe(codes.length);
    });

    it('gives every Chinese company (and only those) a valid credit code', () => {
      for (const company of companies) {
        if (company.country === 'CN') {
          expect(company.creditCode).toHaveLength(18);
          expect(isValidUnifiedCreditCode(company.creditCode!)).toBe(true);
        } else {
          expect(company.creditCode).toBeNull();
        }
      }
    });

    it('produces well-formed company rows', () => {
      const owners = new Set(DEMO_SALES_OWNERS.map((o) => o.email));
      const problems: string[] = [];
      const check = (ok: boolean, what: string, row: DemoCompanyRow): void => {
        if (!ok && problems.length < 20) problems.push(`${what}: ${JSON.stringify(row)}`);
      };
      for (const c of companies) {
        check(UUID_V4.test(c.id), 'id', c);
        check(c.normalizedName === normalizeCompanyName(c.name) && c.normalizedName.length > 0, 'normalizedName', c);
        check(findParentIndustry(c.subIndustry)?.code === c.industry, 'industry', c);
        check(c.employeeBand === employeeBand(c.employees) && EMPLOYEE_BANDS.includes(c.employeeBand), 'employeeBand', c);
        check(REVENUE_BANDS.includes(c.revenueBand), 'revenueBand', c);
        check(COMPANY_TIERS.includes(c.tier), 'tier', c);
        check(OWNERSHIP_TYPES.includes(c.ownership), 'ownership', c);
        check(c.ownership !== 'state_owned' || c.country === 'CN', 'state_owned outside CN', c);
        check(c.foundedYear >= 1950 && c.foundedYear <= 2023, 'foundedYear', c);
        check(new Set(c.techTags).size === c.techTags.length, 'techTags', c);
        check(owners.has(c.salesOwnerEmail), 'salesOwner', c);
        check(c.city.length > 0 && /^[A-Z]{2}$/.test(c.country), 'location', c);
      }
      expect(problems).toEqual([]);
    });

    it('has a realistic mix', () => {
      const share = (predicate: (c: DemoCompanyRow) => boolean): number => companies.filter(predicate).length / companies.length;
      expect(share((c) => c.country === 'CN')).toBeCloseTo(0.6, 2);
      expect(share((c) => c.tier === 'ka')).toBeGreaterThan(0.03);
      expect(share((c) => c.tier === 'ka')).toBeLessThan(0.08);
      expect(share((c) => c.tier === 'growth')).toBeGreaterThan(0.18);
      expect(share((c) => c.tier === 'growth')).toBeLessThan(0.32);
      // Tier and revenue follow size.
      const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
      expect(median(companies.filter((c) => c.tier === 'ka').map((c) => c.employees))).toBeGreaterThan(
        median(companies.filter((c) => c.tier === 'standard').map((c) => c.employees)) * 10,
      );
      expect(share((c) => c.employeeBand === '5000+' && c.revenueBand === '<10M')).toBeLessThan(0.002);
      const cn = companies.find((c) => c.country === 'CN')!;
      expect(cn.name).toMatch(/[\u4e00-\u9fff]/);
      expect(cn.province).toMatch(/^[\u4e00-\u9fff]+$/);
    });

    it('produces well-formed contact rows', () => {
      const byId = new Map(companies.map((c) => [c.id, c]));
      const problems: string[] = [];
      const check = (ok: boolean, what: string, row: DemoContactRow): void => {
        if (!ok && problems.length < 20) problems.push(`${what}: ${JSON.stringify(row)}`);
      };
      // Mobile: 1[3-9] + 9 digits; landline: area code without the trunk 0 (10, 2x, or 3 digits) + 8-digit local number.
      const cnPhone = /^\+86(1[3-9]\d{9}|(10|2\d|[3-9]\d{2})[2-8]\d{7})$/;
      let withPhone = 0;
      for (const contact of contacts) {
        const company = byId.get(contact.companyId);
        check(company !== undefined, 'companyId', contact);
        if (!company) continue;
        check(UUID_V4.test(contact.id), 'id', contact);
        check(contact.email === contact.email.toLowerCase() && /^[a-z0-9._]+@[a-z0-9.-]+$/.test(contact.email), 'email format', contact);
        check(contact.email.endsWith(`@${company.domain}`), 'email domain', contact);
        if (contact.phone !== null) {
          withPhone++;
          check(E164.test(contact.phone), 'E.164', contact);
          if (company.country === 'CN') check(cnPhone.test(contact.phone), 'CN phone', contact);
        }
        check(SENIORITIES.includes(contact.seniority), 'seniority', contact);
        check(CONSENT_STATUSES.includes(contact.consent) && contact.consentSource.length > 0, 'consent', contact);
        check(contact.locale === (company.country === 'CN' ? 'zh-CN' : 'en'), 'locale', contact);
        const at = Date.parse(contact.consentAt);
        check(new Date(at).toISOString() === contact.consentAt && at >= Date.UTC(2024, 0, 1) && at < Date.UTC(2027, 0, 1), 'consentAt', contact);
      }
      expect(problems).toEqual([]);
      expect(withPhone / contacts.length).toBeGreaterThan(0.6);
      const share = (status: string): number => contacts.filter((c) => c.consent === status).length / contacts.length;
      expect(share('unsubscribed')).toBeGreaterThan(0.015);
      expect(share('unsubscribed')).toBeLessThan(0.045);
      expect(share('do_not_contact')).toBeGreaterThan(0.003);
      expect(share('do_not_contact')).toBeLessThan(0.02);
      expect(share('opt_in') + share('legitimate_interest')).toBeGreaterThan(0.94);
    });

    it('keeps title and seniority consistent', () => {
      const patterns: Partial<Record<string, RegExp>> = {
        c_level: /^(Chief |首席|总经理|董事长|Managing Director|Chairman)/,
        vp: /副总|VP|Vice President|Deputy/,
        director: /总监|主任|助理|厂长|Director|Head of|Chief of Staff|Controller/,
      };
      const mismatched = contacts.filter((c) => patterns[c.seniority] && !patterns[c.seniority]!.test(c.title)).map((c) => `${c.seniority}: ${c.title}`);
      expect(mismatched).toEqual([]);
      const perCompany = rows.map((row) => row.contacts.filter((c) => c.title === 'Chief Executive Officer' || c.title === '首席执行官').length);
      expect(Math.max(...perCompany)).toBeLessThanOrEqual(1);
    });
  });

  it('keeps e-mails and domains unique at scale (rounds past the first brand space)', () => {
    const domains = new Set<string>();
    const emails = new Set<string>();
    let contactCount = 0;
    for (const { company, contacts } of generateDemoCompanies({ companies: 60_000, seed: 9, contactsPerCompany: { min: 1, max: 2 } })) {
      domains.add(company.domain!);
      for (const contact of contacts) emails.add(contact.email);
      contactCount += contacts.length;
    }
    expect(domains.size).toBe(60_000);
    expect(emails.size).toBe(contactCount);
  });
});

describe('domain name spaces', () => {
  it('are injective per round and disjoint where top-level domains overlap (.com: CN vs US)', () => {
    const basesByCountry = new Map<string, Set<string>>();
    for (const { country, stems } of __demoDomainSpaces) {
      const seen = new Set<string>();
      for (let round = 0; round < 40; round++) {
        for (let stem = 0; stem < stems.size; stem++) {
          const base = stems.base(stem, round);
          if (!/^[a-z0-9]+$/.test(base)) throw new Error(`bad ${country} base ${base}`);
          if (seen.has(base)) throw new Error(`duplicate ${country} base ${base}`);
          seen.add(base);
        }
      }
      basesByCountry.set(country, seen);
    }
    const cn = basesByCountry.get('CN')!;
    const us = basesByCountry.get('US')!;
    for (const base of us) if (cn.has(base)) throw new Error(`CN and US share the domain base ${base}`);
  });
});
