import { z } from 'zod';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  role: z.enum(['all', 'api', 'worker']),
  uptimeSeconds: z.number(),
  database: z.object({ ok: z.boolean(), mode: z.enum(['embedded', 'external']), latencyMs: z.number().nullable(), error: z.string().optional() }),
  redis: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), error: z.string().optional() }).nullable(),
  queue: z.object({
    ok: z.boolean(),
    backend: z.enum(['redis', 'postgres']),
    counts: z.record(z.string(), z.number()),
    error: z.string().optional(),
  }),
  mail: z.object({ transport: z.enum(['smtp', 'outbox']) }),
});
export type Health = z.infer<typeof healthSchema>;

export const outboxMessageSummarySchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  date: z.string(),
  sizeBytes: z.number(),
});
export type OutboxMessageSummary = z.infer<typeof outboxMessageSummarySchema>;

export const outboxListSchema = z.object({
  transport: z.enum(['smtp', 'outbox']),
  total: z.number(),
  items: z.array(outboxMessageSummarySchema),
});
export type OutboxList = z.infer<typeof outboxListSchema>;

/** A file carried by an outbox message: a calendar entry (`.ics`) or an inline image such as the check-in QR code. */
export const outboxAttachmentSchema = z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number() });
export type OutboxAttachment = z.infer<typeof outboxAttachmentSchema>;

export const outboxMessageSchema = outboxMessageSummarySchema.extend({
  from: z.string(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  headers: z.array(z.object({ key: z.string(), value: z.string() })),
  /** Absent on messages written before attachments were listed. */
  attachments: z.array(outboxAttachmentSchema).optional(),
});
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;

export const demoStatusSchema = z.object({
  state: z.enum(['empty', 'loading', 'loaded', 'failed']),
  companies: z.number(),
  contacts: z.number(),
  progress: z.number().min(0).max(1).nullable(),
  error: z.string().nullable(),
});
export type DemoStatus = z.infer<typeof demoStatusSchema>;

export const loadDemoRequestSchema = z.object({
  companies: z.number().int().min(10).max(200_000).default(3000),
  seed: z.number().int().min(0).default(42),
});
export type LoadDemoRequest = z.input<typeof loadDemoRequestSchema>;
