import { z } from 'zod';
import { COMPANY_TIERS, CONSENT_STATUSES, EMPLOYEE_BANDS, OWNERSHIP_TYPES, REVENUE_BANDS, SENIORITIES } from '../enums';

/**
 * A segment is a tree of AND/OR groups over fields of companies, contacts and tags. The tree is
 * data (stored as JSON, edited by the visual builder); the backend compiles it to parameterized
 * SQL from the field registry below, so no user input ever reaches SQL text.
 */
export const SEGMENT_TARGETS = ['contacts', 'companies'] as const;
export type SegmentTarget = (typeof SEGMENT_TARGETS)[number];

export type FieldType = 'text' | 'enum' | 'number' | 'tags' | 'boolean';

export const OPERATORS = {
  text: ['equals', 'not_equals', 'contains', 'not_contains', 'starts_with', 'is_empty', 'is_not_empty', 'in'],
  enum: ['in', 'not_in', 'is_empty', 'is_not_empty'],
  number: ['equals', 'gt', 'gte', 'lt', 'lte', 'between', 'is_empty', 'is_not_empty'],
  tags: ['has_any', 'has_all', 'has_none'],
  boolean: ['is_true', 'is_false'],
} as const satisfies Record<FieldType, readonly string[]>;
export type Operator = (typeof OPERATORS)[FieldType][number];

export interface SegmentFieldDefinition {
  type: FieldType;
  /** Which record the field belongs to. A contacts segment can filter on its company's fields. */
  entity: 'company' | 'contact';
  /** Closed value lists for enum fields (the UI offers them; the compiler enforces them). */
  values?: readonly string[];
  /** Values are ids of these records (UUIDs), not free text: `tag` fields hold tag ids. */
  reference?: 'tag';
  label: { en: string; zh: string };
}

/** Every field a segment may filter on. Engagement fields (scores, attended events) join this list later. */
export const SEGMENT_FIELDS = {
  'company.name': { type: 'text', entity: 'company', label: { en: 'Company name', zh: '公司名称' } },
  'company.domain': { type: 'text', entity: 'company', label: { en: 'Company domain', zh: '公司域名' } },
  'company.industry': { type: 'text', entity: 'company', label: { en: 'Industry', zh: '行业' } },
  'company.subIndustry': { type: 'text', entity: 'company', label: { en: 'Sub-industry', zh: '细分行业' } },
  'company.employees': { type: 'number', entity: 'company', label: { en: 'Employees', zh: '员工人数' } },
  'company.employeeBand': { type: 'enum', entity: 'company', values: EMPLOYEE_BANDS, label: { en: 'Company size', zh: '企业规模' } },
  'company.revenueBand': { type: 'enum', entity: 'company', values: REVENUE_BANDS, label: { en: 'Revenue band', zh: '营收区间' } },
  'company.country': { type: 'text', entity: 'company', label: { en: 'Country', zh: '国家/地区' } },
  'company.province': { type: 'text', entity: 'company', label: { en: 'Province / state', zh: '省份' } },
  'company.city': { type: 'text', entity: 'company', label: { en: 'City', zh: '城市' } },
  'company.ownership': { type: 'enum', entity: 'company', values: OWNERSHIP_TYPES, label: { en: 'Ownership', zh: '企业性质' } },
  'company.foundedYear': { type: 'number', entity: 'company', label: { en: 'Founded', zh: '成立年份' } },
  'company.techTags': { type: 'tags', entity: 'company', label: { en: 'Technologies', zh: '技术栈' } },
  'company.tier': { type: 'enum', entity: 'company', values: COMPANY_TIERS, label: { en: 'Tier', zh: '客户分级' } },
  'company.tags': { type: 'tags', entity: 'company', reference: 'tag', label: { en: 'Company tags', zh: '公司标签' } },
  'contact.name': { type: 'text', entity: 'contact', label: { en: 'Contact name', zh: '联系人姓名' } },
  'contact.email': { type: 'text', entity: 'contact', label: { en: 'Email', zh: '邮箱' } },
  'contact.title': { type: 'text', entity: 'contact', label: { en: 'Title', zh: '职位' } },
  'contact.department': { type: 'text', entity: 'contact', label: { en: 'Department', zh: '部门' } },
  'contact.seniority': { type: 'enum', entity: 'contact', values: SENIORITIES, label: { en: 'Seniority', zh: '职级' } },
  'contact.consent': { type: 'enum', entity: 'contact', values: CONSENT_STATUSES, label: { en: 'Consent', zh: '营销许可' } },
  'contact.hasEmail': { type: 'boolean', entity: 'contact', label: { en: 'Has an email', zh: '有邮箱' } },
  'contact.tags': { type: 'tags', entity: 'contact', reference: 'tag', label: { en: 'Contact tags', zh: '联系人标签' } },
} as const satisfies Record<string, SegmentFieldDefinition>;
export type SegmentField = keyof typeof SEGMENT_FIELDS;
export const SEGMENT_FIELD_NAMES = Object.keys(SEGMENT_FIELDS) as SegmentField[];

export const SEGMENT_LIMITS = { depth: 6, conditions: 100, values: 1000, textLength: 200 } as const;

const scalar = z.union([z.string().max(SEGMENT_LIMITS.textLength), z.number().finite()]);

export const segmentConditionSchema = z.object({
  kind: z.literal('condition'),
  field: z.enum(SEGMENT_FIELD_NAMES as [SegmentField, ...SegmentField[]]),
  op: z.string(),
  value: z.union([scalar, z.array(scalar).max(SEGMENT_LIMITS.values)]).optional(),
});
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

export interface SegmentGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  children: Array<SegmentGroup | SegmentCondition>;
}

export const segmentGroupSchema: z.ZodType<SegmentGroup> = z.lazy(() =>
  z.object({
    kind: z.literal('group'),
    combinator: z.enum(['and', 'or']),
    children: z.array(z.union([segmentGroupSchema, segmentConditionSchema])).max(SEGMENT_LIMITS.conditions),
  }),
);

export interface FilterProblem {
  path: string;
  code: 'segment.too_deep' | 'segment.too_many_conditions' | 'segment.bad_operator' | 'segment.bad_value';
  message: string;
}

/**
 * Checks what the schema cannot: operator fits the field type, values fit the operator and the
 * field's closed list, depth and size limits. Both the builder (as you type) and the API use it.
 */
export function validateSegmentFilter(root: SegmentGroup): FilterProblem[] {
  const problems: FilterProblem[] = [];
  let conditions = 0;
  const visit = (node: SegmentGroup | SegmentCondition, path: string, depth: number) => {
    if (node.kind === 'group') {
      if (depth > SEGMENT_LIMITS.depth) {
        problems.push({ path, code: 'segment.too_deep', message: `Groups nest at most ${SEGMENT_LIMITS.depth} levels deep` });
        return;
      }
      node.children.forEach((child, index) => visit(child, `${path}.children.${index}`, depth + 1));
      return;
    }
    conditions += 1;
    const field = SEGMENT_FIELDS[node.field] as SegmentFieldDefinition;
    const operators = OPERATORS[field.type] as readonly string[];
    if (!operators.includes(node.op)) {
      problems.push({ path, code: 'segment.bad_operator', message: `${node.field} (${field.type}) does not support "${node.op}"; use one of ${operators.join(', ')}` });
      return;
    }
    const problem = valueProblem(field, node.op as Operator, node.value);
    if (problem) problems.push({ path, code: 'segment.bad_value', message: `${node.field} ${node.op}: ${problem}` });
  };
  visit(root, 'filter', 1);
  if (conditions > SEGMENT_LIMITS.conditions) {
    problems.push({ path: 'filter', code: 'segment.too_many_conditions', message: `A segment has at most ${SEGMENT_LIMITS.conditions} conditions` });
  }
  return problems;
}

const NO_VALUE_OPERATORS: readonly string[] = ['is_empty', 'is_not_empty', 'is_true', 'is_false'];
const LIST_OPERATORS: readonly string[] = ['in', 'not_in', 'has_any', 'has_all', 'has_none'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function valueProblem(field: SegmentFieldDefinition, op: Operator, value: SegmentCondition['value']): string | null {
  if (NO_VALUE_OPERATORS.includes(op)) return value === undefined || value === null ? null : 'takes no value';
  if (op === 'between') {
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'number') ? null : 'needs two numbers [from, to]';
  }
  if (LIST_OPERATORS.includes(op)) {
    if (!Array.isArray(value) || value.length === 0) return 'needs a non-empty list of values';
    if (value.some((v) => typeof v !== 'string' || v.trim() === '')) return 'values must be non-empty text';
    if (field.reference) {
      const bad = value.filter((v) => !UUID.test(String(v)));
      if (bad.length) return `not ${field.reference} ids: ${bad.join(', ')}`;
    }
    if (field.values) {
      const unknown = value.filter((v) => !field.values?.includes(String(v)));
      if (unknown.length) return `unknown value(s) ${unknown.join(', ')}; allowed: ${field.values.join(', ')}`;
    }
    return null;
  }
  if (field.type === 'number') return typeof value === 'number' ? null : 'needs a number';
  return typeof value === 'string' && value.trim() !== '' ? null : 'needs a non-empty text';
}
