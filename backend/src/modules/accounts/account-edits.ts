import type { EntityManager } from 'typeorm';
import { assertColumn, COLUMNS_OF, diff, TABLE_OF, type AccountEntity, type Row } from './account-fields';
import type { MergeSnapshot } from './account-history';

/** The provenance mark of a value a person wrote. */
export function manualMark(source: 'manual' | 'merge' | 'undo', userId: string): Row {
  return { source, userId, at: new Date().toISOString() };
}

/** The whole row as JSON (column → value), locked for the rest of the transaction; null when missing. */
export async function lockRow(manager: EntityManager, entity: AccountEntity, id: string): Promise<Row | null> {
  const [row]: Array<{ row: Row }> = await manager.query(`SELECT to_jsonb(t) AS row FROM ${TABLE_OF[entity]} t WHERE t.id = $1 FOR UPDATE`, [id]);
  return row?.row ?? null;
}

/** `SET col = $n::type, …` for the given (whitelisted) columns, their values appended to `params`. */
export function setClause(entity: AccountEntity, values: Row, params: unknown[]): string {
  return Object.entries(values)
    .map(([column, value]) => {
      const type = COLUMNS_OF[entity][assertColumn(entity, column)].type;
      params.push(value ?? null);
      return `${column} = $${params.length}::${type}`;
    })
    .join(', ');
}

export interface EditOutcome {
  logId: string | null;
  before: Row;
  after: Row;
}

/**
 * Writes `next` (column → value) to a locked record: only the columns that change, marking their
 * provenance as a manual edit by `actorId`, and one merge_log row (kind `edit`) holding what an
 * undo needs. Returns the changed columns; nothing is written when nothing changes.
 */
export async function applyEdit(
  manager: EntityManager,
  entity: AccountEntity,
  current: Row,
  next: Row,
  actorId: string,
  extra: { identitiesAdded?: MergeSnapshot['identitiesAdded'] } = {},
): Promise<EditOutcome> {
  const { before, after } = diff(entity, current, next);
  if (Object.keys(after).length === 0) return { logId: null, before, after };
  const params: unknown[] = [current.id];
  const set = setClause(entity, after, params);
  const mark = manualMark('manual', actorId);
  const marks = Object.fromEntries(Object.keys(after).map((column) => [column, mark]));
  params.push(JSON.stringify(marks));
  await manager.query(
    `UPDATE ${TABLE_OF[entity]} SET ${set}, field_sources = field_sources || $${params.length}::jsonb, updated_at = now() WHERE id = $1`,
    params,
  );
  const oldSources = (current.field_sources ?? {}) as Row;
  const snapshot: MergeSnapshot = {
    fieldSources: Object.fromEntries(Object.keys(after).map((column) => [column, oldSources[column] ?? null])),
    identitiesAdded: extra.identitiesAdded ?? [],
  };
  const [log]: Array<{ id: string }> = await manager.query(
    `INSERT INTO merge_log (entity, kind, survivor_id, actor_user_id, before, after, snapshot)
     VALUES ($1, 'edit', $2, $3, $4, $5, $6) RETURNING id::text AS id`,
    [entity, current.id, actorId, JSON.stringify(before), JSON.stringify(after), JSON.stringify(snapshot)],
  );
  return { logId: log.id, before, after };
}

/** Adds identities for a contact's e-mail and phone where free; returns those it added. */
export async function addIdentities(
  manager: EntityManager,
  contactId: string,
  values: ReadonlyArray<{ kind: 'email' | 'phone'; value: string | null | undefined }>,
  source: string,
): Promise<Array<{ kind: string; value: string }>> {
  const wanted = values.filter((entry): entry is { kind: 'email' | 'phone'; value: string } => typeof entry.value === 'string' && entry.value !== '');
  if (wanted.length === 0) return [];
  return manager.query(
    `INSERT INTO identities (kind, value, contact_id, source)
     SELECT kind, value, $1, $2 FROM unnest($3::text[], $4::text[]) AS w(kind, value)
     ON CONFLICT DO NOTHING RETURNING kind, value`,
    [contactId, source, wanted.map((entry) => entry.kind), wanted.map((entry) => entry.value)],
  );
}
