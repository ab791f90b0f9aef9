import { z } from 'zod';
import { segmentGroupSchema } from './segments/segment-filter';

/**
 * Tags sit in categories ("Interest", "Event 2025 attendees", …) and are put on companies and
 * contacts. Each tagging remembers where it came from: a person (manual), an import, a rule or an
 * event. A tag already on a record keeps its first source when it is tagged again.
 */
export const TAG_ENTITIES = ['company', 'contact'] as const;
export type TagEntity = (typeof TAG_ENTITIES)[number];

export const TAG_SOURCES = ['manual', 'import', 'rule', 'event'] as const;
export type TagSource = (typeof TAG_SOURCES)[number];

/** Ant Design's preset tag colours: readable on light backgrounds in both themes. */
export const TAG_COLORS = ['magenta', 'red', 'volcano', 'orange', 'gold', 'lime', 'green', 'cyan', 'blue', 'geekblue', 'purple'] as const;
export type TagColor = (typeof TAG_COLORS)[number];

export const TAG_LIMITS = {
  nameLength: 60,
  descriptionLength: 500,
  /** Tags set in one request. */
  tagsPerRequest: 50,
  /** Records named one by one in a bulk request; larger sets go through a segment. */
  idsPerRequest: 10_000,
} as const;

const name = z
  .string()
  .trim()
  .min(1, { message: 'Enter a name' })
  .max(TAG_LIMITS.nameLength, { message: `At most ${TAG_LIMITS.nameLength} characters` });

export const tagUsageSchema = z.object({
  companies: z.number(),
  contacts: z.number(),
  /** Saved segments whose filter names the tag. */
  segments: z.number(),
});
export type TagUsage = z.infer<typeof tagUsageSchema>;

export const tagSchema = z.object({
  id: z.guid(),
  categoryId: z.guid(),
  name: z.string(),
  /** Null: the tag shows in its category's colour. */
  color: z.enum(TAG_COLORS).nullable(),
  description: z.string().nullable(),
  /** Present when the list was asked for with usage counts. */
  usage: tagUsageSchema.optional(),
});
export type Tag = z.infer<typeof tagSchema>;

export const tagCategorySchema = z.object({
  id: z.guid(),
  name: z.string(),
  color: z.enum(TAG_COLORS),
  sort: z.number().int(),
  tags: z.array(tagSchema),
});
export type TagCategory = z.infer<typeof tagCategorySchema>;

export const tagCatalogQuerySchema = z.object({
  usage: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
});

export const createTagCategoryRequestSchema = z.object({
  name,
  color: z.enum(TAG_COLORS).default('blue'),
  sort: z.number().int().min(-10_000).max(10_000).optional(),
});
export type CreateTagCategoryRequest = z.input<typeof createTagCategoryRequestSchema>;

export const updateTagCategoryRequestSchema = z
  .object({ name, color: z.enum(TAG_COLORS), sort: z.number().int().min(-10_000).max(10_000) })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one field' });
export type UpdateTagCategoryRequest = z.input<typeof updateTagCategoryRequestSchema>;

const description = z
  .string()
  .trim()
  .max(TAG_LIMITS.descriptionLength, { message: `At most ${TAG_LIMITS.descriptionLength} characters` })
  .transform((value) => (value === '' ? null : value))
  .nullable();

export const createTagRequestSchema = z.object({
  categoryId: z.guid(),
  name,
  color: z.enum(TAG_COLORS).nullable().default(null),
  description: description.default(null),
});
export type CreateTagRequest = z.input<typeof createTagRequestSchema>;

/** Moving a tag to another category is an update of `categoryId`. */
export const updateTagRequestSchema = z
  .object({ categoryId: z.guid(), name, color: z.enum(TAG_COLORS).nullable(), description })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'Change at least one field' });
export type UpdateTagRequest = z.input<typeof updateTagRequestSchema>;

/** A tag on one company or contact, with where it came from. */
export const recordTagSchema = z.object({
  tagId: z.guid(),
  name: z.string(),
  color: z.enum(TAG_COLORS),
  categoryId: z.guid(),
  categoryName: z.string(),
  source: z.enum(TAG_SOURCES),
  sourceDetail: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type RecordTag = z.infer<typeof recordTagSchema>;

const tagIds = z
  .array(z.guid())
  .min(1, { message: 'Choose at least one tag' })
  .max(TAG_LIMITS.tagsPerRequest, { message: `At most ${TAG_LIMITS.tagsPerRequest} tags at once` });

export const addRecordTagsRequestSchema = z.object({ tagIds });
export type AddRecordTagsRequest = z.infer<typeof addRecordTagsRequestSchema>;

/** Which records a bulk action applies to: named ones, a saved segment, or a filter not saved yet. */
export const bulkTagSelectionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ids'),
    ids: z
      .array(z.guid())
      .min(1, { message: 'Select at least one record' })
      .max(TAG_LIMITS.idsPerRequest, { message: `At most ${TAG_LIMITS.idsPerRequest} records at once; use a segment for more` }),
  }),
  z.object({ kind: z.literal('segment'), segmentId: z.guid() }),
  z.object({ kind: z.literal('filter'), filter: segmentGroupSchema }),
]);
export type BulkTagSelection = z.infer<typeof bulkTagSelectionSchema>;

export const bulkTagRequestSchema = z.object({
  action: z.enum(['tag', 'untag']),
  entity: z.enum(TAG_ENTITIES),
  tagIds,
  selection: bulkTagSelectionSchema,
});
export type BulkTagRequest = z.infer<typeof bulkTagRequestSchema>;

export const bulkTagResultSchema = z.object({
  action: z.enum(['tag', 'untag']),
  /** Records the selection held. */
  matched: z.number(),
  /** Taggings added (tag) or removed (untag); a tag already there, or already absent, does not count. */
  changed: z.number(),
});
export type BulkTagResult = z.infer<typeof bulkTagResultSchema>;

/** The colour a tag shows in: its own, else its category's. */
export function tagColor(tag: Pick<Tag, 'color'>, category: Pick<TagCategory, 'color'>): TagColor {
  return tag.color ?? category.color;
}
