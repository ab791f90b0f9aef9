import type { EntityManager } from 'typeorm';
import type { FieldSource, HistoryEntry, HistoryKind } from '@fulcrum/shared';
import { fieldOfColumn, isShownInHistory, type AccountEntity, type Row } from './account-fields';

/** Entries shown on a record's page; older ones stay in merge_log. */
const HISTORY_LIMIT = 50;

type Queryable = Pick<EntityManager, 'query'>;

interface MergeLogRow {
  id: string;
  kind: HistoryKind;
  survivor_id: string;
  merged_ids: string[];
  import_id: string | null;
  before: Row;
  after: Row;
  snapshot: MergeSnapshot | null;
  created_at: Date;
  undone_at: Date | null;
  actor_name: string | null;
  undone_by_name: string | null;
  import_name: string | null;
}

/** What merge_log.snapshot holds for an undo (see merges.service.ts). */
export interface MergeSnapshot {
  /** Edits and merges: field_sources entries of the changed columns before the change. */
  fieldSources?: Row;
  /** Identities the change created for the survivor, removed again by an undo. */
  identitiesAdded?: Array<{ kind: string; value: string }>;
  /** Merges: the full rows of the records merged away. */
  merged?: Row[];
  /** Merges: identities of the merged contacts, as they were. */
  identities?: Row[];
  /** Merges: tag rows of the merged records, and the tags the survivor gained. */
  tags?: Row[];
  tagsAdded?: string[];
  /** Company merges: contacts moved to the survivor, with the company each came from. */
  movedContacts?: Array<{ id: string; from: string }>;
}

export function toIso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  const date = new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

export async function loadHistory(db: Queryable, entity: AccountEntity, id: string): Promise<HistoryEntry[]> {
  const rows: MergeLogRow[] = await db.query(
    `SELECT m.id::text AS id, m.kind, m.survivor_id, m.merged_ids, m.import_id, m.before, m.after, m.snapshot, m.created_at,
       m.undone_at, u.name AS actor_name, ub.name AS undone_by_name, i.file_name AS import_name
     FROM merge_log m
     LEFT JOIN users u ON u.id = m.actor_user_id
     LEFT JOIN users ub ON ub.id = m.undone_by
     LEFT JOIN imports i ON i.id = m.import_id
     WHERE m.entity = $1 AND (m.survivor_id = $2 OR m.merged_ids @> ARRAY[$2::uuid])
     ORDER BY m.created_at DESC, m.id DESC
     LIMIT ${HISTORY_LIMIT}`,
    [entity, id],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    createdAt: row.created_at.toISOString(),
    actorName: row.actor_name,
    importId: row.import_id,
    importName: row.import_name,
    role: row.survivor_id === id ? 'survivor' : 'merged',
    survivorId: row.survivor_id,
    changes: Object.keys(row.after)
      .filter(isShownInHistory)
      .map((column) => ({ field: fieldOfColumn(entity, column), before: row.before[column] ?? null, after: row.after[column] ?? null })),
    merged: (row.snapshot?.merged ?? []).map((record) => ({ id: String(record.id), name: String(record.name) })),
    movedContacts: row.snapshot?.movedContacts?.length ?? 0,
    undoneAt: row.undone_at?.toISOString() ?? null,
    undoneByName: row.undone_by_name,
    undoable: (row.kind === 'edit' || row.kind === 'merge') && row.undone_at === null,
  }));
}

interface StoredFieldSource {
  source?: unknown;
  at?: unknown;
  importId?: unknown;
  userId?: unknown;
}

/** field_sources (keyed by column) as the API shows it: keyed by field, with import and user names. */
export async function describeFieldSources(db: Queryable, entity: AccountEntity, records: ReadonlyArray<{ field_sources?: unknown }>): Promise<Array<Record<string, FieldSource>>> {
  const importIds = new Set<string>();
  const userIds = new Set<string>();
  for (const record of records) {
    for (const mark of Object.values((record.field_sources ?? {}) as Record<string, StoredFieldSource>)) {
      if (typeof mark?.importId === 'string') importIds.add(mark.importId);
      if (typeof mark?.userId === 'string') userIds.add(mark.userId);
    }
  }
  const [imports, users]: [Array<{ id: string; file_name: string }>, Array<{ id: string; name: string }>] = await Promise.all([
    importIds.size ? db.query(`SELECT id, file_name FROM imports WHERE id = ANY($1::uuid[])`, [[...importIds]]) : [],
    userIds.size ? db.query(`SELECT id, name FROM users WHERE id = ANY($1::uuid[])`, [[...userIds]]) : [],
  ]);
  const importName = new Map(imports.map((row) => [row.id, row.file_name]));
  const userName = new Map(users.map((row) => [row.id, row.name]));
  return records.map((record) => {
    const described: Record<string, FieldSource> = {};
    for (const [column, mark] of Object.entries((record.field_sources ?? {}) as Record<string, StoredFieldSource>)) {
      if (!mark || typeof mark !== 'object' || !isShownInHistory(column)) continue;
      const importId = typeof mark.importId === 'string' ? mark.importId : null;
      const userId = typeof mark.userId === 'string' ? mark.userId : null;
      described[fieldOfColumn(entity, column)] = {
        source: typeof mark.source === 'string' ? mark.source : 'unknown',
        at: toIso(mark.at),
        importId,
        importName: importId ? (importName.get(importId) ?? null) : null,
        userId,
        userName: userId ? (userName.get(userId) ?? null) : null,
      };
    }
    return described;
  });
}
