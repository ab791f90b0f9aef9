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

const PLACEHOLDER_RE = /^(?:n\/a|#n\/a|null|none|-+|无|暂无|\/)$/i;

/** What `\s` matches besides the ASCII space. */
function isSpaceOtherThanBlank(c: number): boolean {
  return (
    (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** True when collapsing whitespace runs and trimming would leave `s` as it is (most cells). */
function isTidy(s: string): boolean {
  let previousBlank = true; // no leading space
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (previousBlank) return false;
      previousBlank = true;
    } else if (c < 32 || (c > 126 && isSpaceOtherThanBlank(c))) {
      return false;
    } else {
      previousBlank = false;
    }
  }
  return !previousBlank; // no trailing space, not empty
}

function text(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const s = isTidy(raw) ? raw : raw.replace(/\s+/g, ' ').trim();
  // Only short cells or runs of dashes can be placeholders: skip the regex for the rest.
  if (s.length === 0 || ((s.length <= 4 || s.charCodeAt(0) === 45) && PLACEHOLDER_RE.test(s))) return null;
  return s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s;
}

const PLAIN_COUNT_RE = /^\d{1,9}$/;

function parseEmployees(raw: string): number | null {
  if (PLAIN_COUNT_RE.test(raw)) return Number(raw);
  const s = raw.normalize('NFKC').replace(/[,\s人名]/g, '');
  if (!/^\d{1,9}$/.test(s)) return null;
  return Number(s);
}

/**
 * Memoizes a pure function of one cell. Company columns repeat on every row of the company's people
 * and the short vocabularies (tier, consent, industry, city) repeat everywhere, so most calls are
 * hits; the map is dropped when it grows past `limit`, keeping memory bounded on any file.
 */
function memo<T>(fn: (cell: string) => T, limit = 4096): (cell: string) => T {
  let cache = new Map<string, T>();
  let lastCell: string | undefined;
  let lastValue!: T;
  return (cell: string): T => {
    if (cell === lastCell) return lastValue;
    let value = cache.get(cell);
    if (value === undefined && !cache.has(cell)) {
      value = fn(cell);
      if (cache.size >= limit) cache = new Map();
      cache.set(cell, value);
    }
    lastCell = cell;
    lastValue = value as T;
    return value as T;
  };
}

const companyNameOf = memo((cell: string): { name: string | null; normalized: string | null } => {
  const name = text(cell);
  const normalized = name === null ? null : normalizeCompanyName(name);
  return { name, normalized: normalized === '' ? null : normalized };
});
const creditCodeOf = memo(normalizeCreditCode);
/** The website column's registrable domain, never a free-mail one. */
const websiteDomainOf = memo((cell: string): string | null => {
  const host = extractDomain(cell);
  return host !== null && !isFreeMailDomain(host) ? registrableDomain(host) : null;
});
/** A work e-mail's registrable domain (null for free mail). */
const emailDomainOf = memo((domain: string): string | null => (isFreeMailDomain(domain) ? null : registrableDomain(domain)));
const employeesOf = memo(parseEmployees);

/** Column indexes of each field, in column order, computed once per mapping (a fixed shape: fast to read per row). */
interface FieldColumns {
  email: number[];
  phone: number[];
  landline: number[];
  name: number[];
  lastName: number[];
  firstName: number[];
  company: number[];
  creditCode: number[];
  domain: number[];
  employees: number[];
  tier: number[];
  consent: number[];
  industry: number[];
  subIndustry: number[];
  country: number[];
  province: number[];
  city: number[];
  title: number[];
  department: number[];
  seniority: number[];
  buyingRole: number[];
  locale: number[];
}

const FIELD_KEYS: Partial<Record<ImportField, keyof FieldColumns>> = {
  'contact.email': 'email', 'contact.phone': 'phone', 'contact.landline': 'landline', 'contact.name': 'name',
  'contact.lastName': 'lastName', 'contact.firstName': 'firstName', 'company.name': 'company', 'company.creditCode': 'creditCode',
  'company.domain': 'domain', 'company.employees': 'employees', 'company.tier': 'tier', 'contact.consent': 'consent',
  'company.industry': 'industry', 'company.subIndustry': 'subIndustry', 'company.country': 'country', 'company.province': 'province',
  'company.city': 'city', 'contact.title': 'title', 'contact.department': 'department', 'contact.seniority': 'seniority',
  'contact.buyingRole': 'buyingRole', 'contact.locale': 'locale',
};
const planned = new WeakMap<ColumnMapping, FieldColumns>();

function plan(mapping: ColumnMapping): FieldColumns {
  const known = planned.get(mapping);
  if (known !== undefined) return known;
  const columns: FieldColumns = {
    email: [], phone: [], landline: [], name: [], lastName: [], firstName: [], company: [], creditCode: [], domain: [], employees: [],
    tier: [], consent: [], industry: [], subIndustry: [], country: [], province: [], city: [], title: [], department: [], seniority: [],
    buyingRole: [], locale: [],
  };
  mapping.forEach((field, column) => {
    const key = field === null ? undefined : FIELD_KEYS[field];
    if (key !== undefined) columns[key].push(column);
  });
  planned.set(mapping, columns);
  return columns;
}

function isBlank(cell: string): boolean {
  if (cell.length === 0) return true;
  const c = cell.charCodeAt(0);
  return !(c > 32 && c < 127) && cell.trim() === '';
}

/** The first non-blank cell of the field's columns (two columns may map to one field). */
function cellOf(cells: ReadonlyArray<string>, indexes: number[]): string | undefined {
  for (let i = 0; i < indexes.length; i++) {
    const cell = cells[indexes[i]];
    if (cell !== undefined && !isBlank(cell)) return cell;
  }
  return undefined;
}

function textOf(cells: ReadonlyArray<string>, indexes: number[]): string | null {
  return indexes.length === 0 ? null : text(cellOf(cells, indexes));
}

/**
 * Applies the normalizers to the mapped cells of one row. A row needs an e-mail or a phone: identity
 * resolution matches people by those only, so a row without either could never be found again and
 * re-importing the file would duplicate it. An invalid e-mail rejects the row (it is the identity the
 * sender typed); an invalid phone, credit code, tier or headcount is dropped with a warning.
 */
export function normalizeRow(cells: ReadonlyArray<string>, mapping: ColumnMapping): NormalizedRow {
  const columns = plan(mapping);
  const problems: RowIssue[] = [];
  const warnings: RowIssue[] = [];

  let email: string | null = null;
  let emailDomain: string | null = null;
  const emailCell = cellOf(cells, columns.email);
  if (emailCell !== undefined) {
    const result = normalizeEmail(emailCell);
    if (result.ok) {
      email = result.value;
      emailDomain = email.slice(email.lastIndexOf('@') + 1);
    } else if (result.reason !== 'email.empty') {
      problems.push({ reason: result.reason, detail: clip(emailCell) });
    }
  }

  let phone: string | null = null;
  for (const indexes of [columns.phone, columns.landline]) {
    if (phone !== null) break;
    const cell = cellOf(cells, indexes);
    if (cell === undefined) continue;
    const result = normalizePhone(cell);
    if (result.ok) phone = result.e164;
    else if (result.reason !== 'phone.empty') warnings.push({ reason: result.reason, detail: clip(cell) });
  }

  let contactName: string | null = null;
  const nameCell = cellOf(cells, columns.name) ?? joinName(cellOf(cells, columns.lastName), cellOf(cells, columns.firstName));
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

  const companyCell = cellOf(cells, columns.company);
  const company = companyCell === undefined ? null : companyNameOf(companyCell);
  let creditCode: string | null = null;
  const creditCell = cellOf(cells, columns.creditCode);
  if (creditCell !== undefined) {
    const result = creditCodeOf(creditCell);
    if (result.ok) creditCode = result.value;
    else if (result.reason !== 'credit_code.empty') warnings.push({ reason: result.reason, detail: clip(creditCell) });
  }
  let companyDomain: string | null = null;
  const websiteCell = cellOf(cells, columns.domain);
  if (websiteCell !== undefined) companyDomain = websiteDomainOf(websiteCell);
  if (companyDomain === null && emailDomain !== null) companyDomain = emailDomainOf(emailDomain);

  let employees: number | null = null;
  const employeesCell = cellOf(cells, columns.employees);
  if (employeesCell !== undefined) {
    employees = employeesOf(employeesCell);
    if (employees === null) warnings.push({ reason: 'company.invalid_employees', detail: clip(employeesCell) });
  }
  const tier = lookup(TIER_WORDS, cellOf(cells, columns.tier), 'company.invalid_tier', warnings);
  const consent = lookup(CONSENT_WORDS, cellOf(cells, columns.consent), 'contact.invalid_consent', warnings);

  return {
    row: {
      companyName: company === null ? null : company.name,
      companyNormalizedName: company === null ? null : company.normalized,
      companyDomain,
      creditCode,
      industry: textOf(cells, columns.industry),
      subIndustry: textOf(cells, columns.subIndustry),
      employees,
      country: textOf(cells, columns.country),
      province: textOf(cells, columns.province),
      city: textOf(cells, columns.city),
      tier,
      contactName,
      email,
      phone,
      title: textOf(cells, columns.title),
      department: textOf(cells, columns.department),
      seniority: textOf(cells, columns.seniority),
      buyingRole: textOf(cells, columns.buyingRole),
      locale: textOf(cells, columns.locale),
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

const lookupCache = new WeakMap<object, Map<string, unknown>>();

function lookup<T>(words: Record<string, T>, cell: string | undefined, reason: string, warnings: RowIssue[]): T | null {
  if (cell === undefined) return null;
  let known = lookupCache.get(words) as Map<string, T | null | undefined> | undefined;
  if (known === undefined) lookupCache.set(words, (known = new Map()));
  let value = known.get(cell);
  if (value === undefined && !known.has(cell)) {
    const key = cell.normalize('NFKC').trim().toLowerCase();
    value = key === '' ? null : Object.prototype.hasOwnProperty.call(words, key) ? words[key] : undefined;
    if (known.size >= 4096) known.clear();
    known.set(cell, value);
  }
  if (value === undefined) {
    warnings.push({ reason, detail: clip(cell) });
    return null;
  }
  return value;
}
