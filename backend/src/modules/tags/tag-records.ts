import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TagEntity, TagSource } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';

/**
 * Set-based tagging other modules call: imports tag with source 'import', events with 'event',
 * rules with 'rule'. One INSERT … SELECT per call, whatever the number of records.
 *
 * A tag already on a record keeps its first source, author and time (ON CONFLICT DO NOTHING):
 * the source answers "how did this tag get here", and a later manual or import tagging of the same
 * record does not rewrite that history. It counts as unchanged.
 */
/** A DataSource, an EntityManager (inside a transaction) or a QueryRunner: TypeORM's query() returning rows. */
export type Queryable = Pick<EntityManager, 'query'>;

/** The records to tag: named by id, or any SELECT whose single column `id` yields them (params `$1…`). */
export type RecordSelection = { ids: readonly string[] } | { sql: string; params: readonly unknown[] };

export interface TagRecordsOptions {
  entity: TagEntity;
  tagIds: readonly string[];
  select: RecordSelection;
  source: TagSource;
  /** Where exactly: an import id, an event id, a rule name. */
  sourceDetail?: string | null;
  actorId?: string | null;
}

export interface UntagRecordsOptions {
  entity: TagEntity;
  tagIds: readonly string[];
  select: RecordSelection;
}

export interface TaggingResult {
  /** Records the selection held. */
  matched: number;
  /** Rows added or removed. */
  changed: number;
}

export const TAGGINGS: Record<TagEntity, { table: string; key: string; records: string }> = {
  company: { table: 'company_tags', key: 'company_id', records: 'companies' },
  contact: { table: 'contact_tags', key: 'contact_id', records: 'contacts' },
};

function selection(entity: TagEntity, select: RecordSelection): { sql: string; params: unknown[] } {
  if ('ids' in select) return { sql: `SELECT id FROM ${TAGGINGS[entity].records} WHERE id = ANY($1::uuid[])`, params: [[...new Set(select.ids)]] };
  // A caller's SELECT may repeat an id (a join); each record is counted and tagged once.
  return { sql: `SELECT DISTINCT q.id FROM (${select.sql}) q`, params: [...select.params] };
}

/** Throws tags.not_found unless every tag exists; returns them without duplicates. */
export async function existingTagIds(db: Queryable, tagIds: readonly string[]): Promise<string[]> {
  const unique = [...new Set(tagIds.map((id) => id.toLowerCase()))];
  const rows = (await db.query(`SELECT id FROM tags WHERE id = ANY($1::uuid[])`, [unique])) as Array<{ id: string }>;
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((row) => row.id));
    const missing = unique.filter((id) => !found.has(id));
    throw new AppException(HttpStatus.NOT_FOUND, 'tags.not_found', `No tag ${missing.join(', ')}`, [{ path: 'tagIds', message: `Unknown tag ids: ${missing.join(', ')}` }]);
  }
  return unique;
}

export async function tagRecords(db: Queryable, options: TagRecordsOptions): Promise<TaggingResult> {
  const tagIds = await existingTagIds(db, options.tagIds);
  const { table, key } = TAGGINGS[options.entity];
  const { sql, params } = selection(options.entity, options.select);
  const n = params.length;
  const [row] = (await db.query(
    `WITH selected AS (${sql}),
     added AS (
       INSERT INTO ${table} (${key}, tag_id, source, source_detail, created_by)
       SELECT s.id, t.id, $${n + 2}, $${n + 3}, $${n + 4}
       FROM selected s CROSS JOIN unnest($${n + 1}::uuid[]) AS t(id)
       ON CONFLICT (${key}, tag_id) DO NOTHING
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM selected)::int AS matched, (SELECT count(*) FROM added)::int AS changed`,
    [...params, tagIds, options.source, options.sourceDetail ?? null, options.actorId ?? null],
  )) as TaggingResult[];
  return row;
}

export async function untagRecords(db: Queryable, options: UntagRecordsOptions): Promise<TaggingResult> {
  const tagIds = [...new Set(options.tagIds.map((id) => id.toLowerCase()))];
  const { table, key } = TAGGINGS[options.entity];
  const { sql, params } = selection(options.entity, options.select);
  const n = params.length;
  const [row] = (await db.query(
    `WITH selected AS (${sql}),
     removed AS (
       DELETE FROM ${table} x USING selected s
       WHERE x.${key} = s.id AND x.tag_id = ANY($${n + 1}::uuid[])
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM selected)::int AS matched, (SELECT count(*) FROM removed)::int AS changed`,
    [...params, tagIds],
  )) as TaggingResult[];
  return row;
}
