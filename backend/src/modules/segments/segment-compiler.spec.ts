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
      sql: '(c.tier = ANY($1::text[]) AND (lower(k.title) LIKE lower($2) OR c.employees >= $3))',
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
    expect(compiled.sql).toBe('(EXISTS (SELECT 1 FROM contacts k WHERE k.company_id = c.id AND (lower(k.title) LIKE lower($1) OR k.title LIKE $2)) OR c.tier = ANY($3::text[]))');
    expect(compiled.params).toEqual(['%CIO%', '%首席信息官%', ['ka']]);
  });

  it('numbers parameters after the caller’s own', () => {
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'company.city', op: 'equals', value: '杭州' }), 'contacts', 3)).toEqual({
      sql: 'c.city = $3',
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
    ['starts_with', '研发', 'k.department LIKE $1'],
    ['starts_with', 'R&D', 'lower(k.department) LIKE lower($1)'],
  ])('text operator %s', (op, value, sql) => {
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'contact.department', op, value }), 'contacts').sql).toBe(sql);
  });

  // Folding case changes nothing for Chinese, digits or punctuation: such values skip lower()/ILIKE,
  // which cost a lower-casing of every row and hide the column's statistics from the planner.
  it.each([
    ['contains', '总监', 'k.title LIKE $1', '%总监%'],
    ['contains', '2024', 'k.title LIKE $1', '%2024%'],
    ['contains', 'Chief 信息', 'lower(k.title) LIKE lower($1)', '%Chief 信息%'],
    ['not_contains', '总监', '(k.title IS NULL OR k.title NOT LIKE $1)', '%总监%'],
    ['not_contains', 'vp', '(k.title IS NULL OR lower(k.title) NOT LIKE lower($1))', '%vp%'],
    ['equals', ' 总监 ', 'k.title = $1', '总监'],
    ['equals', 'CIO', 'lower(k.title) = lower($1)', 'CIO'],
    ['not_equals', '总监', '(k.title IS NULL OR k.title <> $1)', '总监'],
  ])('compares case only where case exists: %s %j', (op, value, sql, param) => {
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'contact.title', op, value }), 'contacts')).toEqual({ sql, params: [param] });
  });

  it('keeps ILIKE on names, which a trigram index answers', () => {
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'company.name', op: 'contains', value: 'Acme' }), 'contacts').sql).toBe('c.name ILIKE $1');
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'contact.name', op: 'starts_with', value: '王' }), 'contacts').sql).toBe('k.name LIKE $1');
  });

  it('matches a list of text values exactly when none has a case, else lower-cased', () => {
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'company.city', op: 'in', value: ['上海', ' 杭州'] }), 'contacts')).toEqual({
      sql: 'c.city = ANY($1::text[])',
      params: [['上海', '杭州']],
    });
    expect(compileSegmentFilter(and({ kind: 'condition', field: 'company.city', op: 'in', value: ['上海', 'Hangzhou'] }), 'contacts')).toEqual({
      sql: 'lower(c.city) = ANY($1::text[])',
      params: [['上海', 'hangzhou']],
    });
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

  describe('tag fields (values are tag ids, looked up in the tagging tables)', () => {
    const A = '0b6f3c1e-4a7d-4f21-9a55-2f1c7f2e9b01';
    const B = '5d2e8a90-1c3b-4e6f-8a7d-9b0c1d2e3f40';

    it.each([
      ['has_any', 'EXISTS (SELECT 1 FROM contact_tags tg WHERE tg.contact_id = k.id AND tg.tag_id = ANY($1::uuid[]))', [[A, B]]],
      ['has_none', 'NOT EXISTS (SELECT 1 FROM contact_tags tg WHERE tg.contact_id = k.id AND tg.tag_id = ANY($1::uuid[]))', [[A, B]]],
      [
        'has_all',
        '(EXISTS (SELECT 1 FROM contact_tags tg WHERE tg.contact_id = k.id AND tg.tag_id = ($1::uuid[])[1]) AND EXISTS (SELECT 1 FROM contact_tags tg WHERE tg.contact_id = k.id AND tg.tag_id = ($1::uuid[])[2]))',
        [[A, B]],
      ],
    ])('contact.tags %s', (op, sql, params) => {
      expect(compileSegmentFilter(and({ kind: 'condition', field: 'contact.tags', op, value: [A, B] }), 'contacts')).toEqual({ sql, params });
    });

    it('counts each tag once in "has all", however often it was picked', () => {
      const compiled = compileSegmentFilter(and({ kind: 'condition', field: 'company.tags', op: 'has_all', value: [A, A.toUpperCase(), B] }), 'contacts');
      expect(compiled.params).toEqual([[A, B]]);
      expect(compiled.sql.match(/EXISTS \(SELECT 1 FROM company_tags tg WHERE tg.company_id = c.id/g)).toHaveLength(2);
    });

    it('groups the taggings for "has all" of a long list, keeping the plan small', () => {
      const many = Array.from({ length: 9 }, (_v, i) => `0b6f3c1e-4a7d-4f21-9a55-2f1c7f2e9b${String(i).padStart(2, '0')}`);
      expect(compileSegmentFilter(and({ kind: 'condition', field: 'contact.tags', op: 'has_all', value: many }), 'contacts')).toEqual({
        sql: 'k.id IN (SELECT tg.contact_id FROM contact_tags tg WHERE tg.tag_id = ANY($1::uuid[]) GROUP BY tg.contact_id HAVING count(*) = $2)',
        params: [many, 9],
      });
    });

    it('puts a contact tag condition of a companies segment inside the EXISTS over contacts', () => {
      expect(compileSegmentFilter(and({ kind: 'condition', field: 'contact.tags', op: 'has_any', value: [A] }), 'companies').sql).toBe(
        'EXISTS (SELECT 1 FROM contacts k WHERE k.company_id = c.id AND EXISTS (SELECT 1 FROM contact_tags tg WHERE tg.contact_id = k.id AND tg.tag_id = ANY($1::uuid[])))',
      );
    });

    it('refuses values that are not tag ids', () => {
      expect(() => compileSegmentFilter(and({ kind: 'condition', field: 'contact.tags', op: 'has_any', value: [A, "x'); DROP TABLE tags; --"] }), 'contacts')).toThrow(
        /not tag ids/,
      );
    });
  });

  it('refuses trees nested deeper than the limit', () => {
    let node: SegmentGroup = and({ kind: 'condition', field: 'contact.hasEmail', op: 'is_true' });
    for (let i = 0; i < 7; i++) node = and(node);
    expect(() => compileSegmentFilter(node, 'contacts')).toThrow(/at most 6 levels/);
  });
});
