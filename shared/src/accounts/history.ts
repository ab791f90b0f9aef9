import { z } from 'zod';

/**
 * Where a field's current value came from: an import (with its id), a person's manual edit or merge
 * (with who), the demo generator, … `at` is when the value was written.
 */
export const fieldSourceSchema = z.object({
  source: z.string(),
  at: z.string().nullable(),
  importId: z.string().nullable(),
  importName: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
});
export type FieldSource = z.infer<typeof fieldSourceSchema>;

/** One row of a record's history: an import's update, a manual edit, or a merge of duplicates. */
export const HISTORY_KINDS = ['import', 'edit', 'merge'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const historyChangeSchema = z.object({
  /** The API field name (`buyingRole`, `companyId`, …). */
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type HistoryChange = z.infer<typeof historyChangeSchema>;

export const historyEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(HISTORY_KINDS),
  createdAt: z.string(),
  actorName: z.string().nullable(),
  importId: z.string().nullable(),
  importName: z.string().nullable(),
  /** The record whose history this is: the one that changed, or one of the records merged into it. */
  role: z.enum(['survivor', 'merged']),
  survivorId: z.string(),
  changes: z.array(historyChangeSchema),
  /** Records merged away in this step, with the names they had. */
  merged: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Contacts a company merge moved to the surviving company. */
  movedContacts: z.number(),
  undoneAt: z.string().nullable(),
  undoneByName: z.string().nullable(),
  /** Edits and merges can be undone once, as long as nothing since depends on them. */
  undoable: z.boolean(),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const mergeResultSchema = z.object({
  mergeId: z.string(),
  survivorId: z.guid(),
  mergedIds: z.array(z.guid()),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;

export const undoResultSchema = z.object({
  mergeId: z.string(),
  entity: z.enum(['company', 'contact']),
  survivorId: z.guid(),
  /** Records a merge had removed, back with their ids. */
  restoredIds: z.array(z.guid()),
});
export type UndoResult = z.infer<typeof undoResultSchema>;

/** How many rows deep a list can be paged; past it, narrow the search. Totals above it are estimates. */
export const LIST_DEPTH_LIMIT = 10_000;

/** Records one merge may fold into a survivor. */
export const MAX_MERGED = 20;
