import { bulkTagRequestSchema, createTagRequestSchema, updateTagRequestSchema } from './tags';

const TAG = '0b6f3c1e-4a7d-4f21-9a55-2f1c7f2e9b01';

describe('tag contracts', () => {
  it('trims names, turns an empty description into none and defaults the colour to the category’s', () => {
    expect(createTagRequestSchema.parse({ categoryId: TAG, name: '  云迁移 ', description: '   ' })).toEqual({ categoryId: TAG, name: '云迁移', color: null, description: null });
    expect(createTagRequestSchema.safeParse({ categoryId: TAG, name: ' ' }).success).toBe(false);
    expect(createTagRequestSchema.safeParse({ categoryId: TAG, name: 'x'.repeat(61) }).success).toBe(false);
    expect(createTagRequestSchema.safeParse({ categoryId: TAG, name: 'AI', color: '#ff0000' }).success).toBe(false);
  });

  it('tells an update that clears the colour from one that leaves it alone', () => {
    expect(updateTagRequestSchema.parse({ color: null })).toEqual({ color: null });
    expect('color' in updateTagRequestSchema.parse({ name: 'AI' })).toBe(false);
    expect(updateTagRequestSchema.safeParse({}).success).toBe(false);
  });

  it('takes exactly one kind of selection for a bulk action', () => {
    const base = { action: 'tag', entity: 'contact', tagIds: [TAG] };
    expect(bulkTagRequestSchema.safeParse({ ...base, selection: { kind: 'ids', ids: [TAG] } }).success).toBe(true);
    expect(bulkTagRequestSchema.safeParse({ ...base, selection: { kind: 'segment', segmentId: TAG } }).success).toBe(true);
    expect(bulkTagRequestSchema.safeParse({ ...base, selection: { kind: 'filter', filter: { kind: 'group', combinator: 'and', children: [] } } }).success).toBe(true);
    expect(bulkTagRequestSchema.safeParse({ ...base, selection: { kind: 'ids', ids: [] } }).success).toBe(false);
    expect(bulkTagRequestSchema.safeParse({ ...base, selection: { kind: 'everyone' } }).success).toBe(false);
    expect(bulkTagRequestSchema.safeParse({ ...base, tagIds: [], selection: { kind: 'ids', ids: [TAG] } }).success).toBe(false);
    expect(bulkTagRequestSchema.safeParse({ ...base, entity: 'event', selection: { kind: 'ids', ids: [TAG] } }).success).toBe(false);
  });
});
