import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { MergeResult, SessionUser, UndoResult } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { addIdentities, lockRow, manualMark, setClause } from './account-edits';
import { COLUMNS_OF, diff, fieldOfColumn, MergeChoiceError, mergedValues, sameValue, TABLE_OF, type AccountEntity, type Row } from './account-fields';
import type { MergeSnapshot } from './account-history';

/**
 * Tables whose rows follow a record when it is merged (and come back when the merge is undone).
 * A reference from any other table stops the merge: silently cascading a registration or an
 * invitation away with a merged contact would lose history that no undo could bring back.
 */
const FOLLOWING_REFERENCES: Record<AccountEntity, ReadonlyArray<readonly [table: string, column: string]>> = {
  contact: [
    ['identities', 'contact_id'],
    ['contact_tags', 'contact_id'],
  ],
  company: [
    ['contacts', 'company_id'],
    ['company_tags', 'company_id'],
  ],
};
const TAGS: Record<AccountEntity, { table: 'contact_tags' | 'company_tags'; column: 'contact_id' | 'company_id' }> = {
  contact: { table: 'contact_tags', column: 'contact_id' },
  company: { table: 'company_tags', column: 'company_id' },
};
const NOT_FOUND = { contact: 'contacts.not_found', company: 'companies.not_found' } as const;
/**
 * The lock imports hold while they resolve identities and merge (import-merge.ts): a merge or an
 * undo moving identities and deleting records must not interleave with one.
 */
const IDENTITY_RESOLUTION_LOCK = `SELECT pg_advisory_xact_lock(hashtext('fulcrum.imports.merge'))`;

interface MergeLogRecord {
  id: string;
  entity: AccountEntity;
  kind: 'import' | 'edit' | 'merge';
  survivor_id: string;
  merged_ids: string[];
  before: Row;
  after: Row;
  snapshot: MergeSnapshot | null;
  undone_at: Date | null;
}

function pgCode(error: unknown): string | undefined {
  return (error as { code?: string; driverError?: { code?: string } }).code ?? (error as { driverError?: { code?: string } }).driverError?.code;
}

/**
 * Merges duplicates into a survivor and undoes merges and manual edits. Everything a merge removes
 * (the merged rows, their identities and tags, the company each moved contact had) is kept in its
 * merge_log row, so an undo puts back exactly what was there — or refuses, naming what changed since.
 */
@Injectable()
export class MergesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  merge(entity: AccountEntity, survivorId: string, mergedIds: readonly string[], choices: Readonly<Record<string, string | undefined>>, actor: SessionUser): Promise<MergeResult> {
    return this.db.transaction(async (manager) => {
      await manager.query(IDENTITY_RESOLUTION_LOCK);
      const table = TABLE_OF[entity];
      const ids = [survivorId, ...mergedIds];
      // Locked in id order, so two merges over the same records wait for each other instead of deadlocking.
      const rows: Array<{ row: Row }> = await manager.query(`SELECT to_jsonb(t) AS row FROM ${table} t WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR UPDATE`, [ids]);
      const byId = new Map(rows.map(({ row }) => [String(row.id), row]));
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length) throw new AppException(HttpStatus.NOT_FOUND, NOT_FOUND[entity], `No ${entity} ${missing.join(', ')}`);
      const survivor = byId.get(survivorId) as Row;
      const merged = mergedIds.map((id) => byId.get(id) as Row);
      await this.assertOnlyFollowingReferences(manager, entity, mergedIds);

      let values: Row;
      try {
        values = mergedValues(entity, survivor, merged, choices);
      } catch (error) {
        if (!(error instanceof MergeChoiceError)) throw error;
        if (error.kind === 'consent_withdrawn') {
          throw new AppException(HttpStatus.CONFLICT, 'contacts.consent_withdrawn', error.message, [{ path: 'fieldChoices.consent', message: error.message }]);
        }
        throw new AppException(HttpStatus.BAD_REQUEST, 'merges.invalid', error.message, [{ path: `fieldChoices.${error.field}`, message: error.message }]);
      }
      const { before, after } = diff(entity, survivor, values);
      const snapshot: MergeSnapshot = {
        merged,
        fieldSources: Object.fromEntries(Object.keys(after).map((column) => [column, ((survivor.field_sources ?? {}) as Row)[column] ?? null])),
      };

      if (entity === 'contact') {
        snapshot.identities = await this.jsonRows(manager, `SELECT to_jsonb(i) AS row FROM identities i WHERE i.contact_id = ANY($1::uuid[])`, [mergedIds]);
        await manager.query(`UPDATE identities SET contact_id = $1 WHERE contact_id = ANY($2::uuid[])`, [survivorId, mergedIds]);
      } else {
        const moved: Array<{ id: string; from: string }> = await manager.query(
          `WITH moved AS (SELECT id, company_id FROM contacts WHERE company_id = ANY($2::uuid[]) FOR UPDATE),
           updated AS (UPDATE contacts k SET company_id = $1 FROM moved WHERE k.id = moved.id RETURNING k.id, moved.company_id AS "from")
           SELECT id, "from" FROM updated`,
          [survivorId, mergedIds],
        );
        snapshot.movedContacts = moved;
      }
      const tags = TAGS[entity];
      snapshot.tags = await this.jsonRows(manager, `SELECT to_jsonb(t) AS row FROM ${tags.table} t WHERE t.${tags.column} = ANY($1::uuid[])`, [mergedIds]);
      const tagsAdded: Array<{ tag_id: string }> = await manager.query(
        `INSERT INTO ${tags.table} (${tags.column}, tag_id, source, source_detail, created_by, created_at)
         SELECT DISTINCT ON (tag_id) $1::uuid, tag_id, source, source_detail, created_by, created_at
         FROM ${tags.table} WHERE ${tags.column} = ANY($2::uuid[]) ORDER BY tag_id, created_at
         ON CONFLICT DO NOTHING RETURNING tag_id`,
        [survivorId, mergedIds],
      );
      snapshot.tagsAdded = tagsAdded.map((row) => row.tag_id);

      // The merged rows go first: the survivor may take over their unique e-mail or credit code.
      await manager.query(`DELETE FROM ${table} WHERE id = ANY($1::uuid[])`, [mergedIds]);
      if (Object.keys(after).length) {
        const params: unknown[] = [survivorId];
        const set = setClause(entity, after, params);
        const mark = manualMark('merge', actor.id);
        params.push(JSON.stringify(Object.fromEntries(Object.keys(after).map((column) => [column, mark]))));
        await manager.query(`UPDATE ${table} SET ${set}, field_sources = field_sources || $${params.length}::jsonb, updated_at = now() WHERE id = $1`, params);
      }
      if (entity === 'contact') {
        snapshot.identitiesAdded = await addIdentities(
          manager,
          survivorId,
          [
            { kind: 'email', value: values.email as string | null },
            { kind: 'phone', value: values.phone as string | null },
          ],
          'merge',
        );
      }
      const [log]: Array<{ id: string }> = await manager.query(
        `INSERT INTO merge_log (entity, kind, survivor_id, merged_id, merged_ids, actor_user_id, before, after, snapshot)
         VALUES ($1, 'merge', $2, $3, $4::uuid[], $5, $6, $7, $8) RETURNING id::text AS id`,
        [entity, survivorId, mergedIds.length === 1 ? mergedIds[0] : null, mergedIds, actor.id, JSON.stringify(before), JSON.stringify(after), JSON.stringify(snapshot)],
      );
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: `${entity}.merge`,
          subjectType: entity,
          subjectId: survivorId,
          data: { mergeLogId: log.id, mergedIds, fields: Object.keys(after), movedContacts: snapshot.movedContacts?.length ?? 0 },
        },
        manager,
      );
      return { mergeId: log.id, survivorId, mergedIds: [...mergedIds] };
    });
  }

  /**
   * Puts a merge or a manual edit back. Refused when the survivor is gone (merged or erased since:
   * undo that first), when a field the step set has changed since, when a restored record's id,
   * identity or unique value has been taken, or when a moved contact has moved on to another company.
   */
  undo(logId: string, actor: SessionUser): Promise<UndoResult> {
    return this.db.transaction(async (manager) => {
      await manager.query(IDENTITY_RESOLUTION_LOCK);
      const [log]: MergeLogRecord[] = await manager.query(
        `SELECT id::text AS id, entity, kind, survivor_id, merged_ids, before, after, snapshot, undone_at FROM merge_log WHERE id = $1 FOR UPDATE`,
        [logId],
      );
      if (!log) throw new AppException(HttpStatus.NOT_FOUND, 'merges.not_found', `No history entry ${logId}`);
      if (log.undone_at) throw new AppException(HttpStatus.CONFLICT, 'merges.not_undoable', 'This change has already been undone');
      if (log.kind === 'import' || !log.snapshot) {
        throw new AppException(HttpStatus.CONFLICT, 'merges.not_undoable', 'Changes made by an import are not undone one record at a time');
      }
      const { entity } = log;
      const snapshot = log.snapshot;
      const table = TABLE_OF[entity];
      const survivor = await lockRow(manager, entity, log.survivor_id);
      if (!survivor) {
        throw new AppException(
          HttpStatus.CONFLICT,
          'merges.undo_conflict',
          `The ${entity} this change was made to no longer exists: it was merged into another record or erased since. Undo that first.`,
        );
      }
      const changedSince = Object.keys(log.after).filter((column) => !sameValue(survivor[column], log.after[column], COLUMNS_OF[entity][column]?.type));
      if (changedSince.length) {
        throw new AppException(
          HttpStatus.CONFLICT,
          'merges.undo_conflict',
          `Changed since, so this cannot be undone: ${changedSince.map((column) => fieldOfColumn(entity, column)).join(', ')}`,
          changedSince.map((column) => ({ path: fieldOfColumn(entity, column), message: 'Changed since this step' })),
        );
      }
      const restoredIds = log.kind === 'merge' ? await this.checkMergeUndoable(manager, log, snapshot) : [];

      try {
        const restore = Object.fromEntries(Object.keys(log.after).map((column) => [column, log.before[column] ?? null]));
        if (Object.keys(restore).length) {
          const params: unknown[] = [log.survivor_id];
          const set = setClause(entity, restore, params);
          params.push(Object.keys(restore));
          const sources = Object.fromEntries(Object.entries(snapshot.fieldSources ?? {}).filter(([, mark]) => mark !== null));
          params.push(JSON.stringify(sources));
          await manager.query(
            `UPDATE ${table} SET ${set}, field_sources = (field_sources - $${params.length - 1}::text[]) || $${params.length}::jsonb, updated_at = now() WHERE id = $1`,
            params,
          );
        }
        if (snapshot.identitiesAdded?.length) {
          await manager.query(
            `DELETE FROM identities i USING unnest($2::text[], $3::text[]) AS a(kind, value)
             WHERE i.contact_id = $1 AND i.kind = a.kind AND i.value = a.value`,
            [log.survivor_id, snapshot.identitiesAdded.map((identity) => identity.kind), snapshot.identitiesAdded.map((identity) => identity.value)],
          );
        }
        if (log.kind === 'merge') await this.restoreMerged(manager, log, snapshot);
      } catch (error) {
        const code = pgCode(error);
        if (code === '23505' || code === '23503') {
          throw new AppException(
            HttpStatus.CONFLICT,
            'merges.undo_conflict',
            code === '23505'
              ? 'A value the restored records had (an e-mail address or credit code) belongs to another record now'
              : 'A record the restored records refer to (a company, a tag, a user) no longer exists',
          );
        }
        throw error;
      }
      await manager.query(`UPDATE merge_log SET undone_at = now(), undone_by = $2 WHERE id = $1`, [logId, actor.id]);
      await this.audit.record(
        { actorUserId: actor.id, action: `${entity}.${log.kind}_undo`, subjectType: entity, subjectId: log.survivor_id, data: { mergeLogId: logId, restoredIds } },
        manager,
      );
      return { mergeId: logId, entity, survivorId: log.survivor_id, restoredIds };
    });
  }

  /** The merged ids, after checking that their ids, identities and moved contacts can go back. */
  private async checkMergeUndoable(manager: EntityManager, log: MergeLogRecord, snapshot: MergeSnapshot): Promise<string[]> {
    const table = TABLE_OF[log.entity];
    const mergedIds = (snapshot.merged ?? []).map((row) => String(row.id));
    const back: Array<{ id: string }> = await manager.query(`SELECT id FROM ${table} WHERE id = ANY($1::uuid[])`, [mergedIds]);
    if (back.length) throw new AppException(HttpStatus.CONFLICT, 'merges.undo_conflict', `These records exist again: ${back.map((row) => row.id).join(', ')}`);
    if (log.entity === 'contact' && snapshot.identities?.length) {
      const elsewhere: Array<{ kind: string; value: string }> = await manager.query(
        `SELECT i.kind, i.value FROM identities i JOIN jsonb_to_recordset($1::jsonb) AS s(kind text, value text) ON s.kind = i.kind AND s.value = i.value
         WHERE i.contact_id <> $2`,
        [JSON.stringify(snapshot.identities), log.survivor_id],
      );
      if (elsewhere.length) {
        throw new AppException(
          HttpStatus.CONFLICT,
          'merges.undo_conflict',
          `These addresses or numbers belong to another contact now: ${elsewhere.map((identity) => identity.value).join(', ')}`,
        );
      }
    }
    if (log.entity === 'company' && snapshot.movedContacts?.length) {
      const movedOn: Array<{ id: string; name: string }> = await manager.query(
        `SELECT k.id, k.name FROM contacts k WHERE k.id = ANY($1::uuid[]) AND k.company_id IS DISTINCT FROM $2 FOR UPDATE`,
        [snapshot.movedContacts.map((contact) => contact.id), log.survivor_id],
      );
      if (movedOn.length) {
        throw new AppException(
          HttpStatus.CONFLICT,
          'merges.undo_conflict',
          `These contacts have moved to another company since: ${movedOn.map((contact) => contact.name).join(', ')}`,
        );
      }
    }
    return mergedIds;
  }

  private async restoreMerged(manager: EntityManager, log: MergeLogRecord, snapshot: MergeSnapshot): Promise<void> {
    const table = TABLE_OF[log.entity];
    const merged = snapshot.merged ?? [];
    if (merged.length) {
      // The columns the table has now and the snapshot knew: a column added since keeps its default.
      const columns: Array<{ name: string }> = await manager.query(
        `SELECT quote_ident(column_name) AS name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = $1 AND column_name = ANY($2::text[])`,
        [table, Object.keys(merged[0])],
      );
      const list = columns.map((column) => column.name).join(', ');
      await manager.query(`INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [JSON.stringify(merged)]);
    }
    if (log.entity === 'contact' && snapshot.identities?.length) {
      await manager.query(
        `INSERT INTO identities (kind, value, contact_id, source, created_at)
         SELECT kind, value, contact_id, source, created_at FROM jsonb_populate_recordset(NULL::identities, $1::jsonb)
         ON CONFLICT (kind, value) DO UPDATE SET contact_id = EXCLUDED.contact_id, source = EXCLUDED.source, created_at = EXCLUDED.created_at`,
        [JSON.stringify(snapshot.identities)],
      );
    }
    if (log.entity === 'company' && snapshot.movedContacts?.length) {
      await manager.query(
        `UPDATE contacts k SET company_id = m."from" FROM jsonb_to_recordset($1::jsonb) AS m(id uuid, "from" uuid)
         WHERE k.id = m.id AND k.company_id = $2`,
        [JSON.stringify(snapshot.movedContacts), log.survivor_id],
      );
    }
    const tags = TAGS[log.entity];
    if (snapshot.tagsAdded?.length) {
      await manager.query(`DELETE FROM ${tags.table} WHERE ${tags.column} = $1 AND tag_id = ANY($2::uuid[])`, [log.survivor_id, snapshot.tagsAdded]);
    }
    if (snapshot.tags?.length) {
      // A tag deleted since stays deleted; a tagging user removed since is forgotten, as ON DELETE SET NULL would have.
      await manager.query(
        `INSERT INTO ${tags.table} (${tags.column}, tag_id, source, source_detail, created_by, created_at)
         SELECT r.${tags.column}, r.tag_id, r.source, r.source_detail, u.id, r.created_at
         FROM jsonb_populate_recordset(NULL::${tags.table}, $1::jsonb) r
         JOIN tags t ON t.id = r.tag_id LEFT JOIN users u ON u.id = r.created_by
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(snapshot.tags)],
      );
    }
  }

  private async jsonRows(manager: EntityManager, sql: string, params: unknown[]): Promise<Row[]> {
    const rows: Array<{ row: Row }> = await manager.query(sql, params);
    return rows.map(({ row }) => row);
  }

  /** Refuses a merge when a table this service does not know how to carry over refers to a merged record. */
  private async assertOnlyFollowingReferences(manager: EntityManager, entity: AccountEntity, mergedIds: readonly string[]): Promise<void> {
    const references: Array<{ table_name: string; column_name: string; quoted_table: string; quoted_column: string }> = await manager.query(
      `SELECT cl.relname AS table_name, a.attname AS column_name, con.conrelid::regclass::text AS quoted_table, quote_ident(a.attname) AS quoted_column
       FROM pg_constraint con
       JOIN pg_class cl ON cl.oid = con.conrelid
       JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY(con.conkey)
       WHERE con.contype = 'f' AND con.confrelid = $1::regclass`,
      [TABLE_OF[entity]],
    );
    for (const reference of references) {
      if (FOLLOWING_REFERENCES[entity].some(([table, column]) => table === reference.table_name && column === reference.column_name)) continue;
      const [hit]: Array<{ found: boolean }> = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM ${reference.quoted_table} WHERE ${reference.quoted_column} = ANY($1::uuid[])) AS found`,
        [mergedIds],
      );
      if (hit.found) {
        throw new AppException(
          HttpStatus.CONFLICT,
          'merges.invalid',
          `A record to merge is referred to by ${reference.table_name}.${reference.column_name}, which merges cannot carry over yet`,
        );
      }
    }
  }
}
