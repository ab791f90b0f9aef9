import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  consentForSuppression,
  normalizeSuppressionValue,
  SUPPRESSION_REASON_STRENGTH,
  type AddSuppressionsResult,
  type Page,
  type SessionUser,
  type Suppression,
  type SuppressionKind,
  type SuppressionReason,
} from '@fulcrum/shared';
import type { z } from 'zod';
import type { addSuppressionsRequestSchema, suppressionExportQuerySchema, suppressionListQuerySchema } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { csvLine } from 'common/csv';
import { AuditService } from 'modules/audit/audit.service';
import { sha256, type Queryable } from './suppression-check';

const INVALID_LISTED = 100;
const EXPORT_BATCH = 5_000;

/** Imports hold this lock while they resolve and merge: suppressions and erasures wait for it (and vice versa). */
export const MERGE_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('fulcrum.imports.merge'))`;

/** SQL rank of a reason, the same order as SUPPRESSION_REASON_STRENGTH. */
export const REASON_RANK_SQL = (column: string) =>
  `array_position(ARRAY[${Object.entries(SUPPRESSION_REASON_STRENGTH)
    .sort(([, a], [, b]) => a - b)
    .map(([reason]) => `'${reason}'`)
    .join(', ')}]::text[], ${column})`;

interface SuppressionRow {
  kind: SuppressionKind;
  value: string;
  reason: SuppressionReason;
  source: string;
  created_at: Date;
}

function toSuppression(row: SuppressionRow): Suppression {
  return { kind: row.kind, value: row.value, reason: row.reason, source: row.source, createdAt: row.created_at.toISOString() };
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A WHERE clause over suppressions `s` for the list filters; values go in as parameters. */
function listFilter(query: z.output<typeof suppressionExportQuerySchema>): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (query.q) {
    params.push(`%${likeEscape(query.q.toLowerCase())}%`);
    conditions.push(`s.value LIKE $${params.length}`);
  }
  if (query.kind) {
    params.push(query.kind);
    conditions.push(`s.kind = $${params.length}`);
  }
  if (query.reason) {
    params.push(query.reason);
    conditions.push(`s.reason = $${params.length}`);
  }
  return { where: conditions.length > 0 ? conditions.join(' AND ') : 'true', params };
}

/**
 * Puts entries on the suppression list (a stronger reason replaces a weaker one) and withdraws the
 * consent of the existing contacts they match, set-based: by e-mail or phone identity, by the
 * contact's own e-mail and phone, and for a domain by any address at it or at a subdomain.
 * Runs inside the caller's transaction.
 */
export async function upsertSuppressions(
  db: Queryable,
  entries: ReadonlyArray<{ kind: SuppressionKind; value: string }>,
  reason: SuppressionReason,
  source: string,
): Promise<{ added: number; strengthened: number; contactsUpdated: number }> {
  if (entries.length === 0) return { added: 0, strengthened: 0, contactsUpdated: 0 };
  const kinds = entries.map((entry) => entry.kind);
  const values = entries.map((entry) => entry.value);
  const [written]: Array<{ added: number; strengthened: number }> = await db.query(
    `WITH ins AS (
       INSERT INTO suppressions (kind, value, reason, source)
       SELECT DISTINCT kind, value, $3, $4 FROM unnest($1::text[], $2::text[]) AS i(kind, value)
       ON CONFLICT (kind, value) DO UPDATE SET reason = EXCLUDED.reason, source = EXCLUDED.source
         WHERE ${REASON_RANK_SQL('EXCLUDED.reason')} > ${REASON_RANK_SQL('suppressions.reason')}
       RETURNING (xmax = 0) AS inserted
     )
     SELECT (count(*) FILTER (WHERE inserted))::int AS added, (count(*) FILTER (WHERE NOT inserted))::int AS strengthened FROM ins`,
    [kinds, values, reason, source],
  );

  const emails = entries.filter((entry) => entry.kind === 'email').map((entry) => entry.value);
  const phones = entries.filter((entry) => entry.kind === 'phone').map((entry) => entry.value);
  const domains = entries.filter((entry) => entry.kind === 'domain').map((entry) => entry.value);
  // Each part runs only when it has values (a one-time filter). A domain matches the address's host
  // or any parent of it: every suffix of the host is joined (hashed) against the listed domains, so
  // a long domain list costs one pass over the addresses, not one per domain.
  const atDomain = (table: string, column: string, extra: string) =>
    `SELECT ${table === 'identities' ? 'x.contact_id' : 'x.id'} AS id FROM ${table} x
     CROSS JOIN LATERAL (
       SELECT array_to_string(parts[i:], '.') AS suffix
       FROM (SELECT string_to_array(split_part(x.${column}, '@', 2), '.') AS parts) p, generate_series(1, cardinality(p.parts) - 1) AS i
     ) s
     JOIN unnest($3::text[]) AS d(domain) ON d.domain = s.suffix
     WHERE cardinality($3::text[]) > 0 AND x.${column} IS NOT NULL${extra}`;
  const hits = [
    `SELECT contact_id AS id FROM identities WHERE cardinality($1::text[]) > 0 AND kind = 'email' AND value = ANY($1::text[])`,
    `SELECT id FROM contacts WHERE cardinality($1::text[]) > 0 AND email = ANY($1::text[])`,
    `SELECT contact_id AS id FROM identities WHERE cardinality($2::text[]) > 0 AND kind = 'phone' AND value = ANY($2::text[])`,
    `SELECT id FROM contacts WHERE cardinality($2::text[]) > 0 AND phone = ANY($2::text[])`,
    atDomain('identities', 'value', ` AND x.kind = 'email'`),
    atDomain('contacts', 'email', ''),
  ];
  const target = consentForSuppression(reason);
  const [{ n }]: Array<{ n: number }> = await db.query(
    `WITH hit AS (${hits.join(' UNION ')}),
     upd AS (
       UPDATE contacts c SET consent = $4::text, consent_source = 'suppression', consent_at = now(), updated_at = now(),
         field_sources = c.field_sources || jsonb_build_object('consent', jsonb_build_object('source', 'suppression', 'at', now()))
       FROM hit WHERE c.id = hit.id AND c.consent <> 'do_not_contact' AND c.consent <> $4::text
       RETURNING c.id
     )
     SELECT count(*)::int AS n FROM upd`,
    [emails, phones, domains, target],
  );
  return { added: written.added, strengthened: written.strengthened, contactsUpdated: n };
}

@Injectable()
export class SuppressionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: z.output<typeof suppressionListQuerySchema>): Promise<Page<Suppression>> {
    const { where, params } = listFilter(query);
    const [{ total }]: Array<{ total: number }> = await this.db.query(`SELECT count(*)::int AS total FROM suppressions s WHERE ${where}`, params);
    const rows: SuppressionRow[] = await this.db.query(
      `SELECT s.kind, s.value, s.reason, s.source, s.created_at FROM suppressions s WHERE ${where}
       ORDER BY s.created_at DESC, s.kind, s.value LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    return { total, page: query.page, pageSize: query.pageSize, items: rows.map(toSuppression) };
  }

  async add(request: z.output<typeof addSuppressionsRequestSchema>, actor: SessionUser): Promise<AddSuppressionsResult> {
    const valid = new Map<string, { kind: SuppressionKind; value: string }>();
    const invalid: AddSuppressionsResult['invalid'] = [];
    let invalidCount = 0;
    let validCount = 0;
    for (const raw of request.values) {
      const result = normalizeSuppressionValue(raw, request.kind);
      if (result.ok) {
        validCount++;
        valid.set(`${result.kind}:${result.value}`, { kind: result.kind, value: result.value });
      } else if (raw.trim() !== '') {
        invalidCount++;
        if (invalid.length < INVALID_LISTED) invalid.push({ value: raw.slice(0, 200), reason: result.reason });
      }
    }
    const written = await this.db.transaction(async (manager) => {
      await manager.query(MERGE_LOCK_SQL);
      const counts = await upsertSuppressions(manager, [...valid.values()], request.reason, 'console');
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'privacy.suppressions.add',
          subjectType: 'suppression',
          data: { kind: request.kind, reason: request.reason, ...counts, invalidCount },
        },
        manager,
      );
      return counts;
    });
    return {
      added: written.added,
      strengthened: written.strengthened,
      unchanged: validCount - written.added - written.strengthened,
      invalidCount,
      invalid,
      contactsUpdated: written.contactsUpdated,
    };
  }

  /**
   * Takes an entry off the list. The contacts it suppressed keep their withdrawn consent: only the
   * person's own opt-in (a consent change) gives it back.
   */
  async remove(kind: SuppressionKind, value: string, actor: SessionUser): Promise<void> {
    await this.db.transaction(async (manager: EntityManager) => {
      const rows: Array<{ reason: SuppressionReason; source: string }> = await manager.query(
        `WITH d AS (DELETE FROM suppressions WHERE kind = $1 AND value = $2 RETURNING reason, source) SELECT reason, source FROM d`,
        [kind, value],
      );
      if (rows.length === 0) throw new AppException(HttpStatus.NOT_FOUND, 'privacy.suppression_not_found', `No ${kind} suppression for this value`);
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'privacy.suppressions.remove',
          subjectType: 'suppression',
          data: { kind, reason: rows[0].reason, source: rows[0].source, valueSha256: sha256(value) },
        },
        manager,
      );
    });
  }

  /** The filtered list as CSV lines (header first), keyset-paged so a long list streams with flat memory. */
  async *exportCsv(query: z.output<typeof suppressionExportQuerySchema>): AsyncGenerator<string> {
    const { where, params } = listFilter(query);
    yield csvLine(['kind', 'value', 'reason', 'source', 'created_at']);
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows: SuppressionRow[] = await this.db.query(
        `SELECT s.kind, s.value, s.reason, s.source, s.created_at FROM suppressions s
         WHERE (${where}) AND (s.kind, s.value) > ($${params.length + 1}, $${params.length + 2})
         ORDER BY s.kind, s.value LIMIT ${EXPORT_BATCH}`,
        [...params, ...after],
      );
      if (rows.length === 0) break;
      yield rows.map((row) => csvLine([row.kind, row.value, row.reason, row.source, row.created_at])).join('');
      const last = rows[rows.length - 1];
      after = [last.kind, last.value];
      if (rows.length < EXPORT_BATCH) break;
    }
  }
}
