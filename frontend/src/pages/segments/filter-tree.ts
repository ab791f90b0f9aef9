import { OPERATORS, SEGMENT_FIELDS } from '@fulcrum/shared';
import type { FilterProblem, Operator, SegmentCondition, SegmentField, SegmentFieldDefinition, SegmentGroup } from '@fulcrum/shared';

/**
 * Pure helpers over the shared segment filter tree. A node is addressed by the child indices from
 * the root (`[]` is the root, `[2, 0]` the first child of the root's third child); `pathKey` turns
 * that into the form the validator and the API use in problems (`filter.children.2.children.0`).
 */
export type SegmentNode = SegmentGroup | SegmentCondition;
export type NodePath = readonly number[];
export type ConditionValue = SegmentCondition['value'];

// Mirrors the operator families of the shared validator (which does not export them).
const NO_VALUE_OPERATORS: readonly string[] = ['is_empty', 'is_not_empty', 'is_true', 'is_false'];
const LIST_OPERATORS: readonly string[] = ['in', 'not_in', 'has_any', 'has_all', 'has_none'];

export type ValueShape = 'none' | 'list' | 'range' | 'number' | 'text';

export function fieldDefinition(field: SegmentField): SegmentFieldDefinition {
  return SEGMENT_FIELDS[field];
}

export function operatorsFor(field: SegmentField): readonly Operator[] {
  return OPERATORS[fieldDefinition(field).type];
}

/** What kind of value an operator takes on a field: nothing, a list, a [from, to] pair, or one scalar. */
export function valueShape(field: SegmentField, op: string): ValueShape {
  if (NO_VALUE_OPERATORS.includes(op)) return 'none';
  if (LIST_OPERATORS.includes(op)) return 'list';
  if (op === 'between') return 'range';
  return fieldDefinition(field).type === 'number' ? 'number' : 'text';
}

/** Industry codes are picked from the taxonomy, so "is any of" reads better than "contains". */
const DEFAULT_OPERATORS: Partial<Record<SegmentField, Operator>> = {
  'company.industry': 'in',
  'company.subIndustry': 'in',
};

export function defaultOperator(field: SegmentField): Operator {
  const preferred = DEFAULT_OPERATORS[field];
  if (preferred) return preferred;
  switch (fieldDefinition(field).type) {
    case 'text':
      return 'contains';
    case 'enum':
      return 'in';
    case 'number':
      return 'gte';
    case 'tags':
      return 'has_any';
    case 'boolean':
      return 'is_true';
  }
}

export const DEFAULT_FIELD: SegmentField = 'company.industry';

export function emptyGroup(combinator: SegmentGroup['combinator'] = 'and'): SegmentGroup {
  return { kind: 'group', combinator, children: [] };
}

export function newCondition(field: SegmentField = DEFAULT_FIELD): SegmentCondition {
  const op = defaultOperator(field);
  return withValue({ kind: 'condition', field, op }, emptyValue(field, op));
}

/** The condition with this value; `undefined` removes the value (operators that take none). */
export function withValue(condition: SegmentCondition, value: ConditionValue): SegmentCondition {
  const { value: _previous, ...rest } = condition;
  return value === undefined ? rest : { ...rest, value };
}

function emptyValue(field: SegmentField, op: string): ConditionValue {
  switch (valueShape(field, op)) {
    case 'none':
    case 'number':
      return undefined;
    case 'list':
      return [];
    case 'range':
      // '' holds the place of a number not entered yet; the validator reports it until both are numbers.
      return ['', ''];
    case 'text':
      return '';
  }
}

/** Carries what it can of the previous value over to the new operator's shape. */
export function adaptValue(field: SegmentField, op: string, previous: ConditionValue): ConditionValue {
  const items = previous === undefined ? [] : Array.isArray(previous) ? previous : [previous];
  const numbers = items.filter((item): item is number => typeof item === 'number');
  switch (valueShape(field, op)) {
    case 'none':
      return undefined;
    case 'list': {
      const allowed = fieldDefinition(field).values as readonly string[] | undefined;
      const texts = items.map((item) => String(item).trim()).filter((item) => item !== '' && (!allowed || allowed.includes(item)));
      return [...new Set(texts)];
    }
    case 'range':
      return [numbers[0] ?? '', numbers[1] ?? ''];
    case 'number':
      return numbers[0];
    case 'text': {
      const text = items.find((item): item is string => typeof item === 'string' && item.trim() !== '');
      return text ?? '';
    }
  }
}

export function changeOperator(condition: SegmentCondition, op: Operator): SegmentCondition {
  return withValue({ ...condition, op }, adaptValue(condition.field, op, condition.value));
}

/** A new field keeps the operator when its type allows it; values rarely carry over between fields, so they reset. */
export function changeField(condition: SegmentCondition, field: SegmentField): SegmentCondition {
  if (field === condition.field) return condition;
  const sameType = fieldDefinition(field).type === fieldDefinition(condition.field).type;
  const keepOp = sameType && !DEFAULT_OPERATORS[field] && (operatorsFor(field) as readonly string[]).includes(condition.op);
  const op = keepOp ? (condition.op as Operator) : defaultOperator(field);
  return withValue({ kind: 'condition', field, op }, emptyValue(field, op));
}

export function pathKey(path: NodePath): string {
  return ['filter', ...path.map((index) => `children.${index}`)].join('.');
}

/** The inverse of pathKey; null for anything that is not a node path. */
export function parsePathKey(key: string): NodePath | null {
  if (key === 'filter') return [];
  const match = /^filter((?:\.children\.\d+)+)$/.exec(key);
  if (!match?.[1]) return null;
  return match[1]
    .split('.children.')
    .filter((part) => part !== '')
    .map(Number);
}

/**
 * The node a problem path points into: `filter.children.0.value` (a schema problem on a value)
 * belongs to `filter.children.0`. Paths outside the filter give null.
 */
export function nodePathKey(key: string): string | null {
  const match = /^filter(?:\.children\.\d+)*/.exec(key);
  if (!match) return null;
  const rest = key.slice(match[0].length);
  return rest === '' || rest.startsWith('.') ? match[0] : null;
}

/** How deep a group at this path sits: the root is level 1, as in the validator. */
export function groupDepth(path: NodePath): number {
  return path.length + 1;
}

export function getNode(root: SegmentGroup, path: NodePath): SegmentNode | undefined {
  let node: SegmentNode | undefined = root;
  for (const index of path) {
    if (node?.kind !== 'group') return undefined;
    node = node.children[index];
  }
  return node;
}

/** Replaces the node at `path` with `update(node)`, copying only the groups on the way down. */
export function updateNode(root: SegmentGroup, path: NodePath, update: (node: SegmentNode) => SegmentNode): SegmentGroup {
  const [index, ...rest] = path;
  if (index === undefined) {
    const next = update(root);
    if (next.kind !== 'group') throw new Error('The root of a segment filter must stay a group');
    return next;
  }
  const child = root.children[index];
  if (!child) return root;
  const nextChild = rest.length === 0 ? update(child) : child.kind === 'group' ? updateNode(child, rest, update) : child;
  if (nextChild === child) return root;
  return { ...root, children: root.children.map((existing, i) => (i === index ? nextChild : existing)) };
}

export function removeNode(root: SegmentGroup, path: NodePath): SegmentGroup {
  if (path.length === 0) return emptyGroup(root.combinator);
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1];
  return updateNode(root, parentPath, (parent) =>
    parent.kind === 'group' ? { ...parent, children: parent.children.filter((_child, i) => i !== index) } : parent,
  );
}

export function addChild(root: SegmentGroup, groupPath: NodePath, child: SegmentNode): SegmentGroup {
  return updateNode(root, groupPath, (group) => (group.kind === 'group' ? { ...group, children: [...group.children, child] } : group));
}

export function setCombinator(root: SegmentGroup, groupPath: NodePath, combinator: SegmentGroup['combinator']): SegmentGroup {
  return updateNode(root, groupPath, (group) => (group.kind === 'group' && group.combinator !== combinator ? { ...group, combinator } : group));
}

export function countConditions(node: SegmentNode): number {
  return node.kind === 'condition' ? 1 : node.children.reduce((sum, child) => sum + countConditions(child), 0);
}

/** Problems grouped by the node they are about. */
export function problemsByPath<P extends Pick<FilterProblem, 'path'>>(problems: readonly P[]): Map<string, P[]> {
  const byPath = new Map<string, P[]>();
  for (const problem of problems) byPath.set(problem.path, [...(byPath.get(problem.path) ?? []), problem]);
  return byPath;
}

/** Values of a list condition that its field's closed list does not allow. */
export function unknownValues(condition: SegmentCondition): string[] {
  const allowed = fieldDefinition(condition.field).values as readonly string[] | undefined;
  if (!allowed || !Array.isArray(condition.value)) return [];
  return condition.value.map(String).filter((value) => !allowed.includes(value));
}
