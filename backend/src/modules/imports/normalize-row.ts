import {
  extractDomain,
  type ImportField,
  isFreeMailDomain,
  normalizeCompanyName,
  normalizeCreditCode,
  normalizeEmail,
  normalizePersonName,
  normalizePhone,
  registrableDomain,
} from '@fulcrum/shared';

/** The import field of each column, by column index (null: the column is ignored). */
export type ColumnMapping = ReadonlyArray<ImportField | null>;

export type Consent = 'opt_in' | 'legitimate_interest' | 'unsubscribed' | 'do_not_contact';
export type Tier = 'ka' | 'growth' | 'standard';

/** One accepted row, normalized: exactly what goes into the staging table. */
export interface StagedRow {
  companyName: string | null;
  companyNormalizedName: string | null;
  /** Registrable domain, never a free-mail one: from the website column, else from a work e-mail. */
  companyDomain: string | null;
  creditCode: string | null;
  industry: string | null;
  subIndustry: string | null;
  employees: number | null;
  country: string | null;
  province: string | null;
  city: string | null;
  tier: Tier | null;
  /** Null when the row has no usable name: a new contact is then named after its e-mail or phone. */
  contactName: string | null;
  email: string | null;
  phone: string | null;
  title: string | null;
  department: string | null;
  seniority: string | null;
  buyingRole: string | null;
  locale: string | null;
  consent: Consent | null;
}

export interface RowIssue {
  reason: string;
  /** The offending cell (shortened), so the report says what was wrong. */
  detail?: string;
}

/** An accepted row keeps its warnings (values dropped); a rejected row only has problems. */
export type NormalizedRow = { row: StagedRow; warnings: RowIssue[] } | { problems: RowIssue[] };

const MAX_DETAIL = 200;
const MAX_TEXT = 500;

const CONSENT_WORDS: Record<string, Consent> = {
  opt_in: 'opt_in', optin: 'opt_in', 'opt-in': 'opt_in', yes: 'opt_in', y: 'opt_in', true: 'opt_in', '1': 'opt_in',
  同意: 'opt_in', 是: 'opt_in', 已同意: 'opt_in',
  legitimate_interest: 'legitimate_interest', 'legitimate interest': 'legitimate_interest', 正当利益: 'legitimate_interest',
  unsubscribed: 'unsubscribed', unsubscribe: 'unsubscribed', 'opt_out': 'unsubscribed', 'opt-out': 'unsubscribed', optout: 'unsubscribed',
  no: 'unsubscribed', n: 'unsubscribed', false: 'unsubscribed', '0': 'unsubscribed', 退订: 'unsubscribed', 已退订: 'unsubscribed',
  否: 'unsubscribed', 不同意: 'unsubscribed',
  do_not_contact: 'do_not_contact', 'do not contact': 'do_not_contact', dnc: 'do_not_contact', 勿扰: 'do_not_contact',
  请勿联系: 'do_not_contact', 禁止联系: 'do_not_contact',
};

const TIER_WORDS: Record<string, Tier> = {
  ka: 'ka', 'key account': 'ka', 大客户: 'ka', 重点客户: 'ka', 战略客户: 'ka', a: 'ka',
  growth: 'growth', 成长: 'growth', 成长客户: 'growth', 潜力客户: 'growth', b: 'growth',
  standard: 'standard', 标准: 'standard', 普通: 'standard', 普通客户: 'standard', c: 'standard',
};

function clip(s: string): string {
  return s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL)}…` : s;
}

function text(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = raw.replace(/\s+/g, ' ').trim();
  if (s.length === 0 || /^(?:n\/a|#n\/a|null|none|-+|无|暂无|\/)$/i.test(s)) return null;
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
}

function parseEmployees(raw: string): number | null {
  const s = raw.normalize('NFKC').replace(/[,\s人名]/g, '');
  if (!/^\d{1,9}$/.test(s)) return null;
  return Number(s);
}

/**
 * Applies the normalizers to the mapped cells of one row. A row needs an e-mail or a phone: identity
 * resolution matches people by those only, so a row without either could never be found again and
 * re-importing the file would duplicate it. An invalid e-mail rejects the row (it is the identity the
 * sender typed); an invalid phone, credit code, tier or headcount is dropped with a warning.
 */
export function normalizeRow(cells: ReadonlyArray<string>, mapping: ColumnMapping): NormalizedRow {
  const raw: Partial<Record<ImportField, string>> = {};
  mapping.forEach((field, column) => {
    const cell = cells[column];
    if (field === null || cell === undefined || cell.trim() === '') return;
    // The first non-empty column wins when two map to the same field.
    if (raw[field] === undefined) raw[field] = cell;
  });
  const problems: RowIssue[] = [];
  const warnings: RowIssue[] = [];

  let email: string | null = null;
  let emailDomain: string | null = null;
  if (raw['contact.email'] !== undefined) {
    const result = normalizeEmail(raw['contact.email']);
    if (result.ok) {
      email = result.value;
      emailDomain = email.slice(email.lastIndexOf('@') + 1);
    } else if (result.reason !== 'email.empty') {
      problems.push({ reason: result.reason, detail: clip(raw['contact.email']) });
    }
  }

  let phone: string | null = null;
  for (const field of ['contact.phone', 'contact.landline'] as const) {
    const cell = raw[field];
    if (phone !== null || cell === undefined) continue;
    const result = normalizePhone(cell);
    if (result.ok) phone = result.e164;
    else if (result.reason !== 'phone.empty') warnings.push({ reason: result.reason, detail: clip(cell) });
  }

  let contactName: string | null = null;
  const nameCell = raw['contact.name'] ?? joinName(raw['contact.lastName'], raw['contact.firstName']);
  if (nameCell !== undefined) {
    const result = normalizePersonName(nameCell);
    if (result.ok) contactName = result.value;
    else if (result.reason !== 'name.empty') warnings.push({ reason: result.reason, detail: clip(nameCell) });
  }

  if (problems.length > 0) return { problems };
  if (email === null && phone === null) {
    // Phone problems explain why there is no identity; keep them with the rejection.
    const reason = contactName === null && warnings.length === 0 ? 'row.missing_required' : 'row.missing_email_or_phone';
    return { problems: [{ reason }, ...warnings] };
  }

  const companyName = text(raw['company.name']);
  let creditCode: string | null = null;
  if (raw['company.creditCode'] !== undefined) {
    const result = normalizeCreditCode(raw['company.creditCode']);
    if (result.ok) creditCode = result.value;
    else if (result.reason !== 'credit_code.empty') warnings.push({ reason: result.reason, detail: clip(raw['company.creditCode']) });
  }
  let companyDomain: string | null = null;
  if (raw['company.domain'] !== undefined) {
    const host = extractDomain(raw['company.domain']);
    if (host !== null && !isFreeMailDomain(host)) companyDomain = registrableDomain(host);
  }
  if (companyDomain === null && emailDomain !== null && !isFreeMailDomain(emailDomain)) companyDomain = registrableDomain(emailDomain);

  let employees: number | null = null;
  if (raw['company.employees'] !== undefined) {
    employees = parseEmployees(raw['company.employees']);
    if (employees === null) warnings.push({ reason: 'company.invalid_employees', detail: clip(raw['company.employees']) });
  }
  const tier = lookup(TIER_WORDS, raw['company.tier'], 'company.invalid_tier', warnings);
  const consent = lookup(CONSENT_WORDS, raw['contact.consent'], 'contact.invalid_consent', warnings);
  const normalizedName = companyName === null ? null : normalizeCompanyName(companyName);

  return {
    row: {
      companyName,
      companyNormalizedName: normalizedName === '' ? null : normalizedName,
      companyDomain,
      creditCode,
      industry: text(raw['company.industry']),
      subIndustry: text(raw['company.subIndustry']),
      employees,
      country: text(raw['company.country']),
      province: text(raw['company.province']),
      city: text(raw['company.city']),
      tier,
      contactName,
      email,
      phone,
      title: text(raw['contact.title']),
      department: text(raw['contact.department']),
      seniority: text(raw['contact.seniority']),
      buyingRole: text(raw['contact.buyingRole']),
      locale: text(raw['contact.locale']),
      consent,
    },
    warnings,
  };
}

function joinName(last: string | undefined, first: string | undefined): string | undefined {
  if (last === undefined && first === undefined) return undefined;
  const l = (last ?? '').trim();
  const f = (first ?? '').trim();
  // Chinese names are written family name first without a space; Latin ones given name first.
  return /[\u3400-\u9fff]/.test(l + f) ? `${l}${f}` : `${f} ${l}`.trim();
}

function lookup<T>(words: Record<string, T>, cell: string | undefined, reason: string, warnings: RowIssue[]): T | null {
  if (cell === undefined) return null;
  const key = cell.normalize('NFKC').trim().toLowerCase();
  if (key === '') return null;
  const value = Object.prototype.hasOwnProperty.call(words, key) ? words[key] : undefined;
  if (value === undefined) {
    warnings.push({ reason, detail: clip(cell) });
    return null;
  }
  return value;
}
