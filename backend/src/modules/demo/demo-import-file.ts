/**
 * A realistic import file of any size built from the demo target database: one row per contact with
 * their company's firmographics, written the way CRM exports and hand-kept spreadsheets are — mixed
 * Chinese and English headers and values, e-mails in odd case with stray spaces, phones with and
 * without +86 and separators, head counts like "1,200人", tiers and consent in words — plus in-file
 * duplicates (a person listed again later with a new title) and rows an import must reject (broken
 * e-mails, no e-mail or phone). Deterministic per seed and constant-memory, like the generator.
 */
import { generateDemoCompanies, type DemoCompanyRow, type DemoContactRow } from './demo-generator';

/** The file's header row; every column auto-maps to an import field. */
export const DEMO_IMPORT_HEADER: ReadonlyArray<string> = [
  '公司名称', 'Website', '统一社会信用代码', '行业', 'Sub-industry', '员工人数', '省份', 'City', '客户等级',
  '姓名', 'Email', '手机', '职位', 'Department', '职级', '营销同意',
];

export interface DemoImportOptions {
  /** Data rows in the file (header excluded), duplicates and invalid rows included. */
  rows: number;
  seed: number;
  /** Share of rows that repeat an earlier contact of the file. Default 0.01. */
  duplicateRate?: number;
  /** Share of rows that cannot be imported (broken e-mail, or neither e-mail nor phone). Default 0.005. */
  invalidRate?: number;
}

export type DemoImportRowKind = 'contact' | 'duplicate' | 'invalid';

/** mulberry32: independent of the demo generator's streams, so the demo data stays as it was. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIER_WORDS: Record<DemoCompanyRow['tier'], ReadonlyArray<string>> = {
  ka: ['KA', '大客户', 'ka', 'Key Account', '战略客户'],
  growth: ['growth', '成长客户', 'B', '潜力客户'],
  standard: ['standard', '普通客户', 'C', '标准'],
};
const CONSENT_WORDS: Record<DemoContactRow['consent'], ReadonlyArray<string>> = {
  opt_in: ['opt_in', '同意', 'yes', '已同意', 'Y'],
  legitimate_interest: ['', '', 'legitimate_interest', '正当利益'],
  unsubscribed: ['unsubscribed', '退订', '已退订', 'opt-out'],
  do_not_contact: ['do_not_contact', '勿扰', 'DNC'],
};
const BROKEN_EMAILS: ReadonlyArray<(local: string, domain: string) => string> = [
  (local) => `${local}@`,
  (local, domain) => `${local} at ${domain}`,
  (local, domain) => `${local}@@${domain}`,
  (local) => `${local}@localhost`,
  (local, domain) => `${local}@${domain.split('.')[0]}`,
];

function pick<T>(next: () => number, items: ReadonlyArray<T>): T {
  return items[Math.floor(next() * items.length)];
}

function websiteOf(next: () => number, domain: string | null): string {
  if (domain === null) return '';
  const r = next();
  if (r < 0.35) return `www.${domain}`;
  if (r < 0.6) return `https://www.${domain}/`;
  if (r < 0.7) return `http://${domain}`;
  if (r < 0.8) return '';
  return domain;
}

function emailOf(next: () => number, email: string): string {
  const r = next();
  if (r < 0.06) return email.toUpperCase();
  if (r < 0.1) return ` ${email} `;
  if (r < 0.13) return email.replace(/^./, (c) => c.toUpperCase());
  if (r < 0.14) return email.replace('@', '＠');
  return email;
}

function phoneOf(next: () => number, e164: string | null): string {
  if (e164 === null) return '';
  if (!e164.startsWith('+86')) {
    const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
    return us !== null && next() < 0.5 ? `+1 (${us[1]}) ${us[2]}-${us[3]}` : e164;
  }
  const national = e164.slice(3);
  if (!/^1\d{10}$/.test(national)) return next() < 0.5 ? e164 : `0${national.slice(0, 2)}-${national.slice(2)}`;
  const r = next();
  if (r < 0.3) return national;
  if (r < 0.5) return `${national.slice(0, 3)} ${national.slice(3, 7)} ${national.slice(7)}`;
  if (r < 0.65) return `${national.slice(0, 3)}-${national.slice(3, 7)}-${national.slice(7)}`;
  if (r < 0.75) return `+86 ${national}`;
  if (r < 0.8) return `(+86)${national}`;
  return e164;
}

function employeesOf(next: () => number, employees: number): string {
  const r = next();
  if (r < 0.1) return '';
  if (r < 0.25) return `${employees}人`;
  if (r < 0.35 && employees >= 1000) return employees.toLocaleString('en-US');
  return String(employees);
}

function row(next: () => number, company: DemoCompanyRow, contact: DemoContactRow): string[] {
  return [
    next() < 0.03 ? ` ${company.name} ` : company.name,
    websiteOf(next, company.domain),
    company.creditCode === null || next() < 0.15 ? '' : next() < 0.1 ? company.creditCode.toLowerCase() : company.creditCode,
    company.industry,
    company.subIndustry,
    employeesOf(next, company.employees),
    company.province ?? '',
    company.city,
    pick(next, TIER_WORDS[company.tier]),
    contact.name,
    emailOf(next, contact.email),
    phoneOf(next, contact.phone),
    contact.title,
    contact.department,
    contact.seniority,
    pick(next, CONSENT_WORDS[contact.consent]),
  ];
}

/**
 * The file's data rows (no header), `options.rows` of them, each with what it is. Contacts come
 * company by company from the demo generator with the same seed, so a file of the demo's rows
 * matches what `npm run demo` loads with that seed.
 */
export function* generateDemoImportRows(options: DemoImportOptions): Generator<{ kind: DemoImportRowKind; cells: string[] }> {
  const { rows, seed } = options;
  if (!Number.isInteger(rows) || rows < 0) throw new RangeError('rows must be a non-negative integer');
  const duplicateRate = options.duplicateRate ?? 0.01;
  const invalidRate = options.invalidRate ?? 0.005;
  const next = random(seed ^ 0x5bd1e995);
  // Duplicates repeat one of the last few hundred rows: exports list people again further down.
  const recent: Array<[DemoCompanyRow, DemoContactRow]> = [];
  let emitted = 0;
  // About 5.5 contacts per company; the surplus is never generated (the generator is lazy).
  for (const { company, contacts } of generateDemoCompanies({ companies: Math.ceil(rows / 2) + 1, seed })) {
    for (const contact of contacts) {
      if (emitted === rows) return;
      const r = next();
      if (r < invalidRate) {
        const cells = row(next, company, contact);
        if (next() < 0.6) {
          const [local, domain] = contact.email.split('@');
          cells[10] = pick(next, BROKEN_EMAILS)(local, domain);
        } else {
          cells[10] = '';
          cells[11] = '';
        }
        emitted++;
        yield { kind: 'invalid', cells };
        continue;
      }
      if (r < invalidRate + duplicateRate && recent.length > 0) {
        const [earlierCompany, earlier] = pick(next, recent);
        const cells = row(next, earlierCompany, earlier);
        cells[10] = earlier.email.toUpperCase();
        cells[12] = `${earlier.title}${earlier.locale === 'zh-CN' ? '（新）' : ' (new)'}`;
        emitted++;
        yield { kind: 'duplicate', cells };
        if (emitted === rows) return;
      }
      if (recent.length < 500) recent.push([company, contact]);
      else recent[Math.floor(next() * 500)] = [company, contact];
      emitted++;
      yield { kind: 'contact', cells: row(next, company, contact) };
    }
  }
  if (emitted < rows) throw new Error(`the demo generator ran out of contacts at ${emitted} rows`);
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file as UTF-8 CSV text in chunks of about `chunkRows` rows, header first (with a BOM, as Excel writes it). */
export function* demoImportCsv(options: DemoImportOptions, chunkRows = 2000): Generator<string> {
  let chunk = `\uFEFF${DEMO_IMPORT_HEADER.map(csvCell).join(',')}\r\n`;
  let n = 0;
  for (const { cells } of generateDemoImportRows(options)) {
    chunk += `${cells.map(csvCell).join(',')}\r\n`;
    if (++n === chunkRows) {
      yield chunk;
      chunk = '';
      n = 0;
    }
  }
  if (chunk.length > 0) yield chunk;
}
