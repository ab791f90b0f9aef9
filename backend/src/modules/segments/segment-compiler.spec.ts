import type { SegmentGroup } from '@fulcrum/shared';
import { compileSegmentFilter, SegmentFilterError } from './segment-compiler';

const and = (...children: SegmentGroup['children']): SegmentGroup => ({ kind: 'group', combinator: 'and', children });
const or = (...children: SegmentGroup['children']): SegmentGroup => ({ kind: 'group', combinator: 'or', children });

describe('compileSegmentFilter', () => {
  it('compiles nested AND/OR groups to parameterized SQL', () => {
    const filter = and(
      { kind: 'condition', field: 'company.tier', op: 'in', value: ['ka', 'growth'] },
      or(
        { kind: 'condition', field: 'contact.title', op: 'contains', value: 'CIO' },
        { kind: 'condition', field: 'company.employees', op: 'gte', value: 1000 },
      ),
    );
    expect(compileSegmentFilter(filter, 'contacts')).toEqual({
      sql: '(c.tier = ANY($1::text[]) AND (k.title ILIKE $2 OR c.employees >= $3))',
      params: [['ka', 'growth'], '%CIO%', 1000],
    });
  });

  it('puts contact conditions of a companies segment in an EXISTS over the company contacts', () => {
    const compiled = compileSegmentFilter(and({ kind: 'condition', field: 'contact.seniority', op: 'in', value: ['c_level'] }), 'companies');
    expect(compiled.sql).toBe('EXISTS (SELECT 1 FROM contacts k WHERE k.company_id = c.id AND k.seniority = ANY($1::text[]))');
  });

  it('merges OR-ed contact conditions of a companies segment into one EXISTS', () => {
    const compiled = compileSegmentFilter(
      or(
        { kind: 'condition', field: 'contact.title', op: 'contains', value: 'CIO' },
        { kind: 'condition', field: 'company.tier', op: 'in', value: ['ka'] },
        { kind: 'condition', field: 'contact.title', op: 'contains', value: '首席信息官' },
      ),
      'companies',
    );
    expect(compiled.sql).toBe('(EXISTS (SELECT 1 FROM contacts k WHERE k.company_id = c.id AND (k.title ILIKE $1 OR k.title ILIKE $2)) OR c.tier = ANY($3::text[]))');
    expect(compiled.params).toEqual(['%CIO%', '%首席信息官%', ['ka']]);
  });

  it('numbers parameters after the caller’s own', () => {
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'company.city', op: 'equals', value: '杭州' }), 'contacts', 3)).toEqual({
      sql: 'lower(c.city) = lower($3)',
      params: ['杭州'],
    });
  });

  it.each([
    ["'; DROP TABLE contacts; --", "%'; DROP TABLE contacts; --%"],
    ['100%_off\\', '%100\\%\\_off\\\\%'],
  ])('never puts a value into SQL text: %s', (value, param) => {
    const compiled = compileSegmentFilter(and({ kind: 'condition', field: 'company.name', op: 'contains', value }), 'companies');
    expect(compiled.sql).toBe('c.name ILIKE $1');
    expect(compiled.params).toEqual([param]);
  });

  it.each([
    ['is_empty', undefined, "(k.department IS NULL OR k.department = '')"],
    ['not_equals', 'IT', '(k.department IS NULL OR lower(k.department) <> lower($1))'],
    ['starts_with', '研发', 'k.department ILIKE $1'],
  ])('text operator %s', (op, value, sql) => {
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'contact.department', op, value }), 'contacts').sql).toBe(sql);
  });

  it('treats an empty filter as everyone', () => {
    expect(compileSegmentFilter(and(), 'contacts')).toEqual({ sql: 'TRUE', params: [] });
    expect(compileSegmentFilter(and(or()), 'contacts').sql).toBe('TRUE');
  });

  it.each([
    [{ kind: 'condition', field: 'company.employees', op: 'contains', value: 'x' }, /does not support "contains"/],
    [{ kind: 'condition', field: 'company.tier', op: 'in', value: ['platinum'] }, /unknown value\(s\) platinum/],
    [{ kind: 'condition', field: 'company.employees', op: 'gte', value: '1000' }, /needs a number/],
    [{ kind: 'condition', field: 'company.employees', op: 'between', value: [1] }, /two numbers/],
    [{ kind: 'condition', field: 'contact.hasEmail', op: 'is_true', value: 'yes' }, /takes no value/],
    [{ kind: 'condition', field: 'company.name', op: 'contains', value: '  ' }, /non-empty text/],
  ] as const)('refuses %j with a clear message', (condition, message) => {
    expect(() => compileSegmentFilter(and(condition as never), 'contacts')).toThrow(SegmentFilterError);
    expect(() => compileSegmentFilter(and(condition as never), 'contacts')).toThrow(message);
  });

  it('refuses trees nested deeper than the limit', () => {
    let node: SegmentGroup = and({ kind: 'condition', field: 'contact.hasEmail', op: 'is_true' });
    for (let i = 0; i < 7; i++) node = and(node);
    expect(() => compileSegmentFilter(node, 'contacts')).toThrow(/at most 6 levels/);
  });
});
