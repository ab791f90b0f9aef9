import type { ConsentStatus } from '@fulcrum/shared';
import { strongestWithdrawal } from '@fulcrum/shared';

/**
 * The columns of companies and contacts that edits and merges touch, with their SQL types and API
 * names. Every column name that reaches SQL text comes from these lists.
 */
export type AccountEntity = 'company' | 'contact';
export const TABLE_OF: Record<AccountEntity, 'companies' | 'contacts'> = { company: 'companies', contact: 'contacts' };

interface ColumnDefinition {
  /** SQL type to cast a parameter to. */
  type: 'text' | 'int' | 'uuid' | 'text[]' | 'timestamptz';
  /** Name in the API and the UI; columns without one are derived (normalized_name, consent_at, …). */
  field?: string;
}

export const COMPANY_COLUMNS: Readonly<Record<string, ColumnDefinition>> = {
  name: { type: 'text', field: 'name' },
  normalized_name: { type: 'text' },
  domain: { type: 'text', field: 'domain' },
  credit_code: { type: 'text', field: 'creditCode' },
  industry: { type: 'text', field: 'industry' },
  sub_industry: { type: 'text', field: 'subIndustry' },
  employees: { type: 'int', field: 'employees' },
  employee_band: { type: 'text', field: 'employeeBand' },
  revenue_band: { type: 'text', field: 'revenueBand' },
  country: { type: 'text', field: 'country' },
  province: { type: 'text', field: 'province' },
  city: { type: 'text', field: 'city' },
  ownership: { type: 'text', field: 'ownership' },
  founded_year: { type: 'int', field: 'foundedYear' },
  tech_tags: { type: 'text[]', field: 'techTags' },
  tier: { type: 'text', field: 'tier' },
  sales_owner_id: { type: 'uuid', field: 'salesOwnerId' },
};

export const CONTACT_COLUMNS: Readonly<Record<string, ColumnDefinition>> = {
  company_id: { type: 'uuid', field: 'companyId' },
  name: { type: 'text', field: 'name' },
  email: { type: 'text', field: 'email' },
  phone: { type: 'text', field: 'phone' },
  title: { type: 'text', field: 'title' },
  department: { type: 'text', field: 'department' },
  seniority: { type: 'text', field: 'seniority' },
  buying_role: { type: 'text', field: 'buyingRole' },
  locale: { type: 'text', field: 'locale' },
  consent: { type: 'text', field: 'consent' },
  consent_source: { type: 'text', field: 'consentSource' },
  consent_at: { type: 'timestamptz', field: 'consentAt' },
};

export const COLUMNS_OF: Record<AccountEntity, Readonly<Record<string, ColumnDefinition>>> = { company: COMPANY_COLUMNS, contact: CONTACT_COLUMNS };

/**
 * The columns an import fills when it creates a record. Their provenance is not written per record:
 * `import_id` names the creating import, and each of these columns that holds a value and has no
 * entry of its own in field_sources came from that import when the record was created. (A contact's
 * consent only when the file gave one: consent_source is set exactly then; its name only when it is
 * not the e-mail or phone it was named after.)
 */
const IMPORTED_COLUMNS: Record<AccountEntity, ReadonlyArray<readonly [column: string, value: (alias: string) => string]>> = {
  company: ['name', 'normalized_name', 'domain', 'credit_code', 'industry', 'sub_industry', 'employees', 'country', 'province', 'city', 'tier'].map(
    (column) => [column, (alias: string) => `${alias}.${column}`] as const,
  ),
  contact: [
    ...['company_id', 'email', 'phone', 'title', 'department', 'seniority', 'buying_role', 'locale'].map((column) => [column, (alias: string) => `${alias}.${column}`] as const),
    // A row without a name names its contact after the e-mail or phone: the file gave no name.
    ['name', (alias: string) => `CASE WHEN ${alias}.name IS DISTINCT FROM ${alias}.email AND ${alias}.name IS DISTINCT FROM ${alias}.phone THEN ${alias}.name END`] as const,
    ['consent', (alias: string) => `CASE WHEN ${alias}.consent_source IS NOT NULL THEN ${alias}.consent END`] as const,
  ],
};

/**
 * SQL for a record's full field_sources (`alias` a row of companies or contacts): the marks its
 * creating import left implicit, overridden by the record's own entries. For reading one record or
 * a page of them; writers keep adding entries to the column itself.
 */
export function fieldSourcesSql(entity: AccountEntity, alias: string): string {
  const values = IMPORTED_COLUMNS[entity].map(([column, value]) => `'${column}', ${value(alias)}`).join(', ');
  return `CASE WHEN ${alias}.import_id IS NULL THEN ${alias}.field_sources ELSE coalesce((
      SELECT jsonb_object_agg(f.key, jsonb_build_object('source', i.source, 'importId', i.id, 'at', ${alias}.created_at))
      FROM imports i, jsonb_object_keys(jsonb_strip_nulls(jsonb_build_object(${values}))) f(key)
      WHERE i.id = ${alias}.import_id
    ), '{}'::jsonb) || ${alias}.field_sources END`;
}

/** The API name of a column (merge_log and field_sources are keyed by column), or the column itself. */
export function fieldOfColumn(entity: AccountEntity, column: string): string {
  return COLUMNS_OF[entity][column]?.field ?? column;
}

/** Columns that are bookkeeping of another one; history shows the one a person changed. */
const DERIVED_COLUMNS = new Set(['normalized_name', 'consent_source', 'consent_at']);
export function isShownInHistory(column: string): boolean {
  return !DERIVED_COLUMNS.has(column);
}

export function assertColumn(entity: AccountEntity, column: string): string {
  if (!Object.hasOwn(COLUMNS_OF[entity], column)) throw new Error(`Not an editable ${entity} column: ${column}`);
  return column;
}

export type Row = Record<string, unknown>;

/**
 * Same value as stored: arrays in order, null for missing. Timestamps compare as instants, since
 * `to_jsonb` writes `…+00:00` where JavaScript writes `…Z`.
 */
export function sameValue(a: unknown, b: unknown, type?: ColumnDefinition['type']): boolean {
  if (type === 'timestamptz' && typeof a === 'string' && typeof b === 'string') return new Date(a).getTime() === new Date(b).getTime();
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The columns of `next` whose values differ from `current`, with both sides. */
export function diff(entity: AccountEntity, current: Row, next: Row): { before: Row; after: Row } {
  const before: Row = {};
  const after: Row = {};
  for (const [column, value] of Object.entries(next)) {
    if (sameValue(current[column], value, COLUMNS_OF[entity][column]?.type)) continue;
    before[column] = current[column] ?? null;
    after[column] = value ?? null;
  }
  return { before, after };
}

/**
 * Merge field groups: choosing a record for a group takes all its columns from that record, so
 * values that belong together (an industry and its sub-industry, a consent and its source and date,
 * a city and its province) never come from two different records.
 */
export const CONTACT_MERGE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  name: ['name'],
  email: ['email'],
  phone: ['phone'],
  title: ['title'],
  department: ['department'],
  seniority: ['seniority'],
  buyingRole: ['buying_role'],
  locale: ['locale'],
  companyId: ['company_id'],
  consent: ['consent', 'consent_source', 'consent_at'],
};

export const COMPANY_MERGE_GROUPS: Readonly<Record<string, readonly string[]>> = {
  name: ['name', 'normalized_name'],
  domain: ['domain'],
  creditCode: ['credit_code'],
  industry: ['industry', 'sub_industry'],
  employees: ['employees', 'employee_band'],
  revenueBand: ['revenue_band'],
  location: ['country', 'province', 'city'],
  ownership: ['ownership'],
  foundedYear: ['founded_year'],
  tier: ['tier'],
  salesOwnerId: ['sales_owner_id'],
};

export class MergeChoiceError extends Error {
  constructor(
    readonly kind: 'not_a_record' | 'consent_withdrawn',
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/**
 * The survivor's values after a merge. Per group: the chosen record's values; otherwise the
 * survivor's own, or (when the survivor has none) those of the first merged record that has some.
 * A contact's consent is never weakened: when any record has withdrawn consent, the result is the
 * strongest withdrawal among them, and choosing a weaker one is refused.
 */
export function mergedValues(
  entity: AccountEntity,
  survivor: Row,
  merged: readonly Row[],
  choices: Readonly<Record<string, string | undefined>>,
): Row {
  const groups = entity === 'contact' ? CONTACT_MERGE_GROUPS : COMPANY_MERGE_GROUPS;
  const records = [survivor, ...merged];
  const result: Row = {};
  for (const [field, columns] of Object.entries(groups)) {
    const chosenId = choices[field];
    let source: Row | undefined;
    if (chosenId !== undefined) {
      source = records.find((record) => record.id === chosenId);
      if (!source) throw new MergeChoiceError('not_a_record', field, `fieldChoices.${field} names a record that is not part of this merge`);
    } else if (field === 'consent') {
      source = survivor;
    } else {
      source = records.find((record) => !isBlank(record[columns[0]])) ?? survivor;
    }
    if (field === 'consent') source = protectWithdrawal(records, source, chosenId !== undefined);
    for (const column of columns) result[column] = source[column] ?? null;
  }
  if (entity === 'company') {
    // Technologies add up: every record's stack is still the company's.
    result.tech_tags = [...new Set(records.flatMap((record) => (record.tech_tags as string[] | null) ?? []))];
  }
  return result;
}

function protectWithdrawal(records: readonly Row[], source: Row, chosen: boolean): Row {
  const strongest = strongestWithdrawal(records.map((record) => record.consent as ConsentStatus));
  if (strongest === null) return source;
  const rank = (consent: unknown) => (consent === 'do_not_contact' ? 2 : consent === 'unsubscribed' ? 1 : 0);
  if (rank(source.consent) >= rank(strongest)) return source;
  if (chosen) {
    throw new MergeChoiceError('consent_withdrawn', 'consent', `One of these contacts has withdrawn consent (${strongest}); the merged contact keeps it`);
  }
  return records.find((record) => record.consent === strongest) ?? source;
}
