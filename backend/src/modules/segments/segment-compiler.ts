import {
  SEGMENT_FIELDS,
  validateSegmentFilter,
  type SegmentCondition,
  type SegmentField,
  type SegmentGroup,
  type SegmentTarget,
} from '@fulcrum/shared';

/**
 * Compiles a segment filter tree to a parameterized SQL condition. Column expressions come only
 * from the whitelist below; every user value becomes a `$n` parameter. Aliases: `c` = companies,
 * `k` = contacts. A contacts segment joins its company (`LEFT JOIN companies c ON c.id = k.company_id`);
 * in a companies segment each contact condition becomes "has a contact such that ...".
 */
const COLUMNS: Record<SegmentField, string> = {
  'company.name': 'c.name',
  'company.domain': 'c.domain',
  'company.industry': 'c.industry',
  'company.subIndustry': 'c.sub_industry',
  'company.employees': 'c.employees',
  'company.employeeBand': 'c.employee_band',
  'company.revenueBand': 'c.revenue_band',
  'company.country': 'c.country',
  'company.province': 'c.province',
  'company.city': 'c.city',
  'company.ownership': 'c.ownership',
  'company.foundedYear': 'c.founded_year',
  'company.techTags': 'c.tech_tags',
  'company.tier': 'c.tier',
  // Tag fields name the record's id: their predicate looks the id up in the tagging table.
  'company.tags': 'c.id',
  'contact.name': 'k.name',
  'contact.email': 'k.email',
  'contact.title': 'k.title',
  'contact.department': 'k.department',
  'contact.seniority': 'k.seniority',
  'contact.consent': 'k.consent',
  'contact.hasEmail': 'k.email',
  'contact.tags': 'k.id',
};

/**
 * Columns with a trigram index (gin_trgm_ops; see the foundation and accounts-browse migrations): their
 * case-insensitive `contains` stays ILIKE, which the index answers; `lower(col)` would bypass it.
 */
const TRIGRAM_INDEXED: ReadonlySet<string> = new Set(['c.name', 'k.name']);

const HAS_ALL_EXISTS_LIMIT = 8;

/** The tagging table behind each tag field, keyed by the record it tags. */
const TAGGINGS: Partial<Record<SegmentField, { table: string; key: string }>> = {
  'company.tags': { table: 'company_tags', key: 'company_id' },
  'contact.tags': { table: 'contact_tags', key: 'contact_id' },
};

export interface CompiledFilter {
  sql: string;
  params: unknown[];
}

export class SegmentFilterError extends Error {
  constructor(readonly problems: ReturnType<typeof validateSegmentFilter>) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '));
  }
}

/** `firstParam` lets the caller put its own parameters before the filter's. */
export function compileSegmentFilter(root: SegmentGroup, target: SegmentTarget, firstParam = 1): CompiledFilter {
  const problems = validateSegmentFilter(root);
  if (problems.length) throw new SegmentFilterError(problems);
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };

  const isContactCondition = (node: SegmentGroup | SegmentCondition): node is SegmentCondition =>
    node.kind === 'condition' && SEGMENT_FIELDS[node.field].entity === 'contact';

  const group = (node: SegmentGroup): string => {
    // An empty group filters nothing out, whatever its combinator: the builder starts empty.
    if (node.children.length === 0) return 'TRUE';
    let parts: string[];
    if (target === 'companies' && node.combinator === 'or' && node.children.filter(isContactCondition).length > 1) {
      // "has a contact with A" OR "has a contact with B" is "has a contact with A or B": one
      // EXISTS the planner runs as a semi-join, instead of one subplan per condition per company.
      const contactParts = node.children.filter(isContactCondition).map((child) => predicate(child, COLUMNS[child.field], param));
      const others = node.children.filter((child): boolean => !isContactCondition(child)).map((child) => (child.kind === 'group' ? group(child) : condition(child)));
      parts = [`EXISTS (SELECT 1 FROM contacts k WHERE k.company_id = c.id AND (${contactParts.join(' OR ')}))`, ...others];
    } else {
      parts = node.children.map((child) => (child.kind === 'group' ? group(child) : condition(child)));
    }
    return parts.length === 1 ? parts[0] : `(${parts.join(node.combinator === 'and' ? ' AND ' : ' OR ')})`;
  };

  const condition = (node: SegmentCondition): string => {
    const sql = predicate(node, COLUMNS[node.field], param);
    const onContact = SEGMENT_FIELDS[node.field].entity === 'contact';
    return onContact && target === 'companies' ? `EXISTS (SELECT 1 FROM contacts k WHERE k.company_id = c.id AND ${sql})` : sql;
  };

  return { sql: group(root), params };
}

const likeEscape = (value: string) => value.replace(/[\\%_]/g, (character) => `\\${character}`);
const text = (value: unknown) => String(value).trim();
/**
 * True when folding case cannot change a comparison with `value`: none of its characters has a case
 * (Chinese, digits, punctuation). Such values are compared as they are (`=`, `LIKE`): no lower-casing
 * of every row, and the planner sees the column's own statistics and plain indexes.
 */
const caseless = (value: string) => value.toLowerCase() === value.toUpperCase();
/**
 * `column LIKE pattern`, case-insensitive when the value has case. `lower(col) LIKE lower(pattern)` is
 * what ILIKE does in a UTF-8 database, but ILIKE lower-cases the pattern again for every row: scanning a
 * million titles it measured 1.7x slower than lower-casing once (and a caseless LIKE 2.8x faster).
 */
function like(column: string, value: string, pattern: string, param: (value: unknown) => string, negate = false): string {
  const not = negate ? 'NOT ' : '';
  if (caseless(value)) return `${column} ${not}LIKE ${param(pattern)}`;
  return TRIGRAM_INDEXED.has(column) ? `${column} ${not}ILIKE ${param(pattern)}` : `lower(${column}) ${not}LIKE lower(${param(pattern)})`;
}

function predicate(node: SegmentCondition, column: string, param: (value: unknown) => string): string {
  const { field, op, value } = node;
  const type = SEGMENT_FIELDS[field].type;
  if (type === 'boolean') return op === 'is_true' ? `${column} IS NOT NULL` : `${column} IS NULL`;
  const tagging = TAGGINGS[field];
  if (tagging) {
    const ids = [...new Set((value as unknown[]).map((v) => text(v).toLowerCase()))];
    const list = param(ids);
    const { table, key } = tagging;
    if (op === 'has_any') return `EXISTS (SELECT 1 FROM ${table} tg WHERE tg.${key} = ${column} AND tg.tag_id = ANY(${list}::uuid[]))`;
    if (op === 'has_none') return `NOT EXISTS (SELECT 1 FROM ${table} tg WHERE tg.${key} = ${column} AND tg.tag_id = ANY(${list}::uuid[]))`;
    // "Has all" of a few tags: one EXISTS per tag (each an element of the one array parameter), which
    // the planner runs as hash semi-joins with per-tag estimates; measured 2-3x faster at a million
    // contacts than grouping the taggings. A long list groups them instead, to keep the plan small.
    if (ids.length <= HAS_ALL_EXISTS_LIMIT) {
      const exists = ids.map((_id, index) => `EXISTS (SELECT 1 FROM ${table} tg WHERE tg.${key} = ${column} AND tg.tag_id = (${list}::uuid[])[${index + 1}])`);
      return exists.length === 1 ? exists[0] : `(${exists.join(' AND ')})`;
    }
    return `${column} IN (SELECT tg.${key} FROM ${table} tg WHERE tg.tag_id = ANY(${list}::uuid[]) GROUP BY tg.${key} HAVING count(*) = ${param(ids.length)})`;
  }
  if (type === 'tags') {
    const list = param((value as unknown[]).map((v) => text(v).toLowerCase()));
    if (op === 'has_any') return `${column} && ${list}::text[]`;
    if (op === 'has_all') return `${column} @> ${list}::text[]`;
    return `NOT (${column} && ${list}::text[])`;
  }
  switch (op) {
    case 'is_empty':
      return type === 'text' ? `(${column} IS NULL OR ${column} = '')` : `${column} IS NULL`;
    case 'is_not_empty':
      return type === 'text' ? `(${column} IS NOT NULL AND ${column} <> '')` : `${column} IS NOT NULL`;
    case 'in': {
      const values = (value as unknown[]).map(text);
      return type === 'text' && !values.every(caseless)
        ? `lower(${column}) = ANY(${param(values.map((v) => v.toLowerCase()))}::text[])`
        : `${column} = ANY(${param(values)}::text[])`;
    }
    case 'not_in':
      // "Not one of" includes records where the field is empty.
      return `(${column} IS NULL OR NOT (${column} = ANY(${param((value as unknown[]).map(text))}::text[])))`;
    case 'between': {
      const [from, to] = value as number[];
      return `${column} BETWEEN ${param(Math.min(from, to))} AND ${param(Math.max(from, to))}`;
    }
    case 'gt':
      return `${column} > ${param(value)}`;
    case 'gte':
      return `${column} >= ${param(value)}`;
    case 'lt':
      return `${column} < ${param(value)}`;
    case 'lte':
      return `${column} <= ${param(value)}`;
    case 'equals':
      if (type === 'number') return `${column} = ${param(value)}`;
      return caseless(text(value)) ? `${column} = ${param(text(value))}` : `lower(${column}) = lower(${param(text(value))})`;
    case 'not_equals':
      // "Is not X" includes records where the field is empty.
      return caseless(text(value))
        ? `(${column} IS NULL OR ${column} <> ${param(text(value))})`
        : `(${column} IS NULL OR lower(${column}) <> lower(${param(text(value))}))`;
    case 'contains':
      return like(column, text(value), `%${likeEscape(text(value))}%`, param);
    case 'not_contains':
      return `(${column} IS NULL OR ${like(column, text(value), `%${likeEscape(text(value))}%`, param, true)})`;
    case 'starts_with':
      return like(column, text(value), `${likeEscape(text(value))}%`, param);
    default:
      throw new SegmentFilterError([{ path: 'filter', code: 'segment.bad_operator', message: `unsupported operator ${op}` }]);
  }
}

/** The FROM clause a compiled filter expects for its target. */
export function segmentFrom(target: SegmentTarget): string {
  return target === 'contacts' ? 'contacts k LEFT JOIN companies c ON c.id = k.company_id' : 'companies c';
}
