import { z } from 'zod';
import { SEGMENT_TARGETS, segmentGroupSchema } from './segment-filter';

export const segmentTargetSchema = z.enum(SEGMENT_TARGETS);

export const segmentSchema = z.object({
  id: z.guid(),
  name: z.string(),
  target: segmentTargetSchema,
  filter: segmentGroupSchema,
  cachedCount: z.number().nullable(),
  countedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof segmentSchema>;

export const saveSegmentRequestSchema = z.object({
  name: z.string().trim().min(1, { message: 'Enter a name' }).max(120),
  target: segmentTargetSchema,
  filter: segmentGroupSchema,
});
export type SaveSegmentRequest = z.infer<typeof saveSegmentRequestSchema>;

export const segmentPreviewRequestSchema = z.object({
  target: segmentTargetSchema,
  filter: segmentGroupSchema,
  sampleSize: z.number().int().min(0).max(50).default(10),
});
export type SegmentPreviewRequest = z.input<typeof segmentPreviewRequestSchema>;

/** One row of a segment preview or export: a contact with its company, or a company. */
export const segmentMemberSchema = z.object({
  id: z.guid(),
  name: z.string(),
  email: z.string().nullable(),
  title: z.string().nullable(),
  companyName: z.string().nullable(),
  city: z.string().nullable(),
  tier: z.string().nullable(),
});
export type SegmentMember = z.infer<typeof segmentMemberSchema>;

export const segmentPreviewSchema = z.object({
  count: z.number(),
  sample: z.array(segmentMemberSchema),
  tookMs: z.number(),
});
export type SegmentPreview = z.infer<typeof segmentPreviewSchema>;
