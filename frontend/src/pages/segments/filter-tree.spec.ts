import { describe, expect, it } from '@jest/globals';
import { SEGMENT_FIELD_NAMES, validateSegmentFilter } from '@fulcrum/shared';
import type { SegmentCondition, SegmentGroup } from '@fulcrum/shared';
import {
  adaptValue,
  addChild,
  changeField,
  changeOperator,
  countConditions,
  emptyGroup,
  getNode,
  groupDepth,
  newCondition,
  nodePathKey,
  operatorsFor,
  parsePathKey,
  pathKey,
  problemsByPath,
  removeNode,
  setCombinator,
  unknownValues,
  updateNode,
  valueShape,
} from './filter-tree';

const tier: SegmentCondition = { kind: 'condition', field: 'company.tier', op: 'in', value: ['ka'] };
const city: SegmentCondition = { kind: 'condition', field: 'company.city', op: 'equals', value: '上海' };
const seniority: SegmentCondition = { kind: 'condition', field: 'contact.seniority', op: 'in', value: ['director', 'vp'] };

/** (tier in ka) AND ((city = 上海) OR (seniority in director, vp)) */
function sample(): SegmentGroup {
  return { kind: 'group', combinator: 'and', children: [tier, { kind: 'group', combinator: 'or', children: [city, seniority] }] };
}

describe('paths', () => {
  it.each([
    [[], 'filter'],
    [[0], 'filter.children.0'],
    [[1, 12], 'filter.children.1.children.12'],
  ])('%j is %s and back', (path, key) => {
    expect(pathKey(path)).toBe(key);
    expect(parsePathKey(key)).toEqual(path);
  });

  it.each(['', 'children.0', 'filter.children', 'filter.children.x', 'name', 'filter.children.0.value'])('%j is not a node path', (key) => {
    expect(parsePathKey(key)).toBeNull();
  });

  it.each([
    ['filter', 'filter'],
    ['filter.children.2', 'filter.children.2'],
    ['filter.children.2.children.0.value', 'filter.children.2.children.0'],
    ['filter.children.1.op', 'filter.children.1'],
    ['filter.combinator', 'filter'],
    ['filters.children.1', null],
    ['name', null],
  ])('the problem at %s is about node %s', (key, node) => {
    expect(nodePathKey(key)).toBe(node);
  });

  it('uses the same keys as the shared validator', () => {
    const root = sample();
    const broken = updateNode(root, [1, 0], () => ({ ...city, value: '' }));
    const problems = validateSegmentFilter(broken);
    expect(problems.map((problem) => problem.path)).toEqual([pathKey([1, 0])]);
    expect(getNode(broken, parsePathKey(problems[0]?.path ?? '') ?? [])).toEqual({ ...city, value: '' });
  });

  it('counts depth from the root at level 1', () => {
    expect(groupDepth([])).toBe(1);
    expect(groupDepth([1])).toBe(2);
  });
});

describe('tree edits', () => {
  it('reads nodes by path, and nothing past a condition', () => {
    const root = sample();
    expect(getNode(root, [])).toBe(root);
    expect(getNode(root, [1, 1])).toBe(seniority);
    expect(getNode(root, [0, 0])).toBeUndefined();
    expect(getNode(root, [5])).toBeUndefined();
  });

  it('updates one node and copies only the groups above it', () => {
    const root = sample();
    const next = updateNode(root, [1, 0], (node) => ({ ...(node as SegmentCondition), value: '北京' }));
    expect(getNode(next, [1, 0])).toEqual({ ...city, value: '北京' });
    expect(next).not.toBe(root);
    expect(next.children[1]).not.toBe(root.children[1]);
    expect(next.children[0]).toBe(root.children[0]);
    expect(getNode(root, [1, 0])).toBe(city);
  });

  it('returns the same tree when nothing changes or the path does not exist', () => {
    const root = sample();
    expect(updateNode(root, [1, 0], (node) => node)).toBe(root);
    expect(updateNode(root, [7], () => city)).toBe(root);
  });

  it('refuses to turn the root into a condition', () => {
    expect(() => updateNode(sample(), [], () => city)).toThrow();
  });

  it('adds conditions and groups at the end of a group', () => {
    const withCondition = addChild(sample(), [1], newCondition('company.tier'));
    expect((getNode(withCondition, [1]) as SegmentGroup).children).toHaveLength(3);
    const withGroup = addChild(emptyGroup(), [], emptyGroup('or'));
    expect(withGroup.children).toEqual([{ kind: 'group', combinator: 'or', children: [] }]);
  });

  it('removes a node and keeps its siblings in order', () => {
    const root = sample();
    expect(removeNode(root, [1, 0]).children[1]).toEqual({ kind: 'group', combinator: 'or', children: [seniority] });
    expect(removeNode(root, [0]).children).toEqual([root.children[1]]);
  });

  it('clears the root instead of removing it', () => {
    expect(removeNode(sample(), [])).toEqual({ kind: 'group', combinator: 'and', children: [] });
  });

  it('switches a group between all and any', () => {
    const next = setCombinator(sample(), [1], 'and');
    expect((getNode(next, [1]) as SegmentGroup).combinator).toBe('and');
    expect(setCombinator(next, [1], 'and')).toBe(next);
  });

  it('counts conditions in nested groups', () => {
    expect(countConditions(sample())).toBe(3);
    expect(countConditions(emptyGroup())).toBe(0);
  });

  it('groups problems by path', () => {
    const byPath = problemsByPath([
      { path: 'filter.children.0', code: 'a' },
      { path: 'filter', code: 'b' },
      { path: 'filter.children.0', code: 'c' },
    ]);
    expect(byPath.get('filter.children.0')?.map((p) => p.code)).toEqual(['a', 'c']);
    expect(byPath.get('filter')?.map((p) => p.code)).toEqual(['b']);
  });
});

describe('conditions', () => {
  it.each(SEGMENT_FIELD_NAMES)('a new %s condition uses an operator of its type', (field) => {
    const condition = newCondition(field);
    expect(operatorsFor(field)).toContain(condition.op);
  });

  it.each([
    ['company.city', 'contains', 'text'],
    ['company.city', 'in', 'list'],
    ['company.city', 'is_empty', 'none'],
    ['company.employees', 'gte', 'number'],
    ['company.employees', 'between', 'range'],
    ['company.tier', 'not_in', 'list'],
    ['company.techTags', 'has_all', 'list'],
    ['contact.hasEmail', 'is_false', 'none'],
  ] as const)('%s %s takes %s', (field, op, shape) => {
    expect(valueShape(field, op)).toBe(shape);
  });

  it.each([
    ['company.city', 'in', '上海', ['上海']],
    ['company.city', 'equals', ['上海', '北京'], '上海'],
    ['company.city', 'contains', undefined, ''],
    ['company.city', 'is_empty', '上海', undefined],
    ['company.employees', 'between', 500, [500, '']],
    ['company.employees', 'gt', [100, 900], 100],
    ['company.employees', 'lt', ['', ''], undefined],
    ['company.tier', 'not_in', ['ka', 'nope', 'ka'], ['ka']],
    ['company.techTags', 'has_all', [' sap ', '', 'oracle'], ['sap', 'oracle']],
  ] as const)('%s %s carries %j over as %j', (field, op, previous, expected) => {
    expect(adaptValue(field, op, previous as SegmentCondition['value'])).toEqual(expected);
  });

  it('drops the value of an operator that takes none', () => {
    const next = changeOperator(city, 'is_not_empty');
    expect(next).toEqual({ kind: 'condition', field: 'company.city', op: 'is_not_empty' });
    expect('value' in next).toBe(false);
  });

  it('keeps the operator when the new field has the same type, and resets the value', () => {
    expect(changeField(city, 'company.province')).toEqual({ kind: 'condition', field: 'company.province', op: 'equals', value: '' });
  });

  it('picks the default operator for a field of another type', () => {
    expect(changeField(city, 'company.employees')).toEqual({ kind: 'condition', field: 'company.employees', op: 'gte' });
    expect(changeField(city, 'company.industry')).toEqual({ kind: 'condition', field: 'company.industry', op: 'in', value: [] });
    expect(changeField(tier, 'contact.seniority')).toEqual({ kind: 'condition', field: 'contact.seniority', op: 'in', value: [] });
  });

  it('finds values outside a closed list', () => {
    expect(unknownValues({ ...tier, value: ['ka', 'platinum'] })).toEqual(['platinum']);
    expect(unknownValues(city)).toEqual([]);
  });

  it('builds a tree the shared validator accepts once values are filled in', () => {
    let root = emptyGroup();
    root = addChild(root, [], changeOperator(newCondition('company.employees'), 'between'));
    root = addChild(root, [], emptyGroup('or'));
    root = addChild(root, [1], newCondition('contact.hasEmail'));
    expect(validateSegmentFilter(root).map((problem) => problem.path)).toEqual(['filter.children.0']);
    root = updateNode(root, [0], (node) => ({ ...(node as SegmentCondition), value: [50, 200] }));
    expect(validateSegmentFilter(root)).toEqual([]);
  });
});
