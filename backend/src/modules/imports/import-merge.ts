import { type Db, stagingTable } from './import-staging';

export interface MergeCounts {
  /** New contacts. */
  inserted: number;
  /** Existing contacts with at least one changed field. */
  updated: number;
  /** Existing contacts the file had nothing new for. */
  unchanged: number;
  /** Rows that repeat a later row of the same file (same e-mail, phone or resolved contact). */
  skipped: number;
  /** Rows refused at staging (their reasons are in import_errors). */
  rejected: number;
  companiesInserted: number;
  /** Distinct existing companies the file's rows were matched to. */
  companiesMatched: number;
}

interface MergeColumn {
  column: string;
  /** SQL type to cast the JSON text back to. */
  type: string;
  /** The merged value: `o` is the existing row, `v` the import's values. */
  merged: string;
}

const COMPANY_FIELDS: ReadonlyArray<readonly [column: string, type: string, staged: string]> = [
  ['domain', 'text', 'company_domain'],
  ['credit_code', 'text', 'credit_code'],
  ['industry', 'text', 'industry'],
  ['sub_industry', 'text', 'sub_industry'],
  ['employees', 'int', 'employees'],
  ['country', 'text', 'country'],
  ['province', 'text', 'province'],
  ['city', 'text', 'city'],
  ['tier', 'text', 'tier'],
];

const CONTACT_FIELDS: ReadonlyArray<readonly [column: string, type: string]> = [
  ['company_id', 'uuid'],
  ['name', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['title', 'text'],
  ['department', 'text'],
  ['seniority', 'text'],
  ['buying_role', 'text'],
  ['locale', 'text'],
];

const SUPPRESSED = `('unsubscribed', 'do_not_contact')`;

/**
 * `{field: {source, importId, at}}` for the non-null fields of a new record, without a subquery per row.
 * `fields` are [key, SQL value] pairs.
 */
function provenanceOfNew(fields: ReadonlyArray<readonly [string, string]>): string {
  const mark = `jsonb_build_object('source', $2::text, 'importId', $1::uuid, 'at', now())`;
  return `jsonb_strip_nulls(jsonb_build_object(${fields.map(([key, value]) => `'${key}', CASE WHEN ${value} IS NOT NULL THEN ${mark} END`).join(', ')}))`;
}

/** `{field: {source, importId, at}}` for the given field names (a SQL expression yielding text keys). */
function provenance(keys: string): string {
  return `(SELECT coalesce(jsonb_object_agg(k, jsonb_build_object('source', $2::text, 'importId', $1::uuid, 'at', now())), '{}'::jsonb) FROM ${keys} k)`;
}

/**
 * Updates `table` rows from `values` (a query with `id` and one column per merged field), writing only
 * the fields whose merged value differs, their provenance and one merge_log row per changed record.
 * Returns how many records changed.
 */
async function mergeInto(
  db: Db,
  params: ReadonlyArray<string>,
  entity: 'company' | 'contact',
  table: string,
  values: string,
  columns: MergeColumn[],
  extraSet = '',
): Promise<number> {
  const result = await db.query(
    `WITH v AS (${values}),
     d AS (
       SELECT o.id,
         jsonb_build_object(${columns.map((c) => `'${c.column}', o.${c.column}`).join(', ')}) AS old,
         jsonb_build_object(${columns.map((c) => `'${c.column}', ${c.merged}`).join(', ')}) AS new
       FROM v JOIN ${table} o ON o.id = v.id
       -- Most rows of a re-import change nothing: skip them before building any JSON.
       WHERE (${columns.map((c) => c.merged).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `o.${c.column}`).join(', ')})
     ),
     ch AS (
       SELECT d.id, b.before, b.after FROM d, LATERAL (
         SELECT jsonb_object_agg(n.key, d.old -> n.key) AS before, jsonb_object_agg(n.key, n.value) AS after
         FROM jsonb_each(d.new) n WHERE n.value IS DISTINCT FROM d.old -> n.key
       ) b
       WHERE b.after IS NOT NULL
     ),
     upd AS (
       UPDATE ${table} o SET
         ${columns.map((c) => `${c.column} = CASE WHEN ch.after ? '${c.column}' THEN (ch.after ->> '${c.column}')::${c.type} ELSE o.${c.column} END`).join(',\n         ')},
         ${extraSet}
         field_sources = o.field_sources || ${provenance('jsonb_object_keys(ch.after)')},
         updated_at = now()
       FROM ch WHERE o.id = ch.id
       RETURNING o.id
     )
     INSERT INTO merge_log (entity, survivor_id, import_id, before, after)
     SELECT '${entity}', ch.id, $1, ch.before, ch.after FROM ch`,
    [...params],
  );
  return result.rowCount ?? 0;
}

/**
 * Resolves and merges a staged import in one transaction, set-based:
 * in-file duplicates → companies (credit code, else registrable domain, else normalized name) →
 * contacts (e-mail identity, else phone identity) → field merge with provenance and merge log →
 * identities. A second run of the same rows changes nothing. Merges are serialized by an advisory
 * lock: two imports creating the same new company or identity at once would otherwise both insert.
 */
export async function mergeImport(db: Db, importId: string, source: string): Promise<MergeCounts> {
  const s = stagingTable(importId);
  const p: ReadonlyArray<string> = [importId, source];
  await db.query('BEGIN');
  try {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('fulcrum.imports.merge'))`);
    await db.query(`CREATE INDEX ON ${s} (email) WHERE email IS NOT NULL`);
    await db.query(`CREATE INDEX ON ${s} (phone) WHERE phone IS NOT NULL`);
    await db.query(`CREATE INDEX ON ${s} (line)`);
    await db.query(`ANALYZE ${s}`);

    // (1) Duplicates inside the file: the last line with an e-mail or phone wins.
    let skipped = await skipDuplicates(
      db,
      s,
      importId,
      // A shared phone only makes a duplicate when the e-mails do not tell the two people apart.
      `SELECT t.line, GREATEST(
         (SELECT max(u.line) FROM ${s} u WHERE u.email = t.email AND u.line > t.line),
         (SELECT max(u.line) FROM ${s} u WHERE u.phone = t.phone AND u.line > t.line
            AND (t.email IS NULL OR u.email IS NULL OR u.email = t.email))) AS kept
       FROM ${s} t`,
    );

    // (2) Companies.
    await db.query(`CREATE TEMP TABLE new_companies (id uuid PRIMARY KEY) ON COMMIT DROP`);
    const matchBy = {
      credit_code: `UPDATE ${s} t SET company_id = c.id FROM companies c
        WHERE t.company_id IS NULL AND t.credit_code IS NOT NULL AND c.credit_code = t.credit_code`,
      // A domain or a name never joins two different credit codes: those are different legal entities.
      company_domain: `UPDATE ${s} t SET company_id = c.id FROM (
          SELECT DISTINCT ON (domain) id, domain, credit_code FROM companies
          WHERE domain IN (SELECT company_domain FROM ${s} WHERE company_id IS NULL)
          ORDER BY domain, created_at, id) c
        WHERE t.company_id IS NULL AND t.company_domain = c.domain AND (t.credit_code IS NULL OR c.credit_code IS NULL)`,
      company_normalized_name: `UPDATE ${s} t SET company_id = c.id FROM (
          SELECT DISTINCT ON (normalized_name) id, normalized_name, credit_code FROM companies
          WHERE normalized_name IN (SELECT company_normalized_name FROM ${s} WHERE company_id IS NULL)
          ORDER BY normalized_name, created_at, id) c
        WHERE t.company_id IS NULL AND t.company_normalized_name = c.normalized_name AND (t.credit_code IS NULL OR c.credit_code IS NULL)`,
    };
    const keys = ['credit_code', 'company_domain', 'company_normalized_name'] as const;
    for (const key of keys) await db.query(matchBy[key]);
    for (const [i, key] of keys.entries()) {
      await insertCompanies(db, s, key, p);
      for (const later of keys.slice(i + 1)) await db.query(matchBy[later]);
    }
    const matched = await db.query<{ n: string }>(
      `SELECT count(DISTINCT company_id) AS n FROM ${s} WHERE company_id IS NOT NULL AND company_id NOT IN (SELECT id FROM new_companies)`,
    );
    const companiesInserted = await db.query<{ n: string }>(`SELECT count(*) AS n FROM new_companies`);
    await mergeInto(
      db,
      p,
      'company',
      'companies',
      `SELECT company_id AS id, ${aggregateLatest(COMPANY_FIELDS.map(([column, , staged]) => [staged, column]))}
       FROM ${s} WHERE company_id IS NOT NULL AND company_id NOT IN (SELECT id FROM new_companies) GROUP BY company_id`,
      COMPANY_FIELDS.map(([column, type]) => ({
        column,
        type,
        // The credit code is an identity: filled when blank, never replaced, never taken from another company.
        merged:
          column === 'credit_code'
            ? `coalesce(o.credit_code, CASE WHEN NOT EXISTS (SELECT 1 FROM companies x WHERE x.credit_code = v.credit_code) THEN v.credit_code END)`
            : `coalesce(v.${column}, o.${column})`,
      })),
    );

    // (3) Contacts: suppressed addresses only ever come in as suppressed.
    await db.query(
      `UPDATE ${s} t SET consent = x.state FROM (
         SELECT line, CASE WHEN bool_or(reason <> 'unsubscribed') THEN 'do_not_contact' ELSE 'unsubscribed' END AS state FROM (
           SELECT t2.line, sp.reason FROM ${s} t2 JOIN suppressions sp ON sp.kind = 'email' AND sp.value = t2.email
           UNION ALL
           SELECT t2.line, sp.reason FROM ${s} t2 JOIN suppressions sp ON sp.kind = 'phone' AND sp.value = t2.phone
           UNION ALL
           SELECT t2.line, sp.reason FROM ${s} t2 JOIN suppressions sp ON sp.kind = 'domain' AND sp.value = split_part(t2.email, '@', 2)
         ) hits GROUP BY line
       ) x WHERE t.line = x.line AND t.consent IS DISTINCT FROM 'do_not_contact'`,
    );
    await db.query(`UPDATE ${s} t SET contact_id = i.contact_id FROM identities i WHERE i.kind = 'email' AND i.value = t.email`);
    await db.query(`UPDATE ${s} t SET contact_id = c.id FROM contacts c WHERE t.contact_id IS NULL AND c.email = t.email`);
    // A shared office phone must not fold two people with different e-mails into one.
    await db.query(
      `UPDATE ${s} t SET contact_id = c.id FROM identities i JOIN contacts c ON c.id = i.contact_id
       WHERE t.contact_id IS NULL AND i.kind = 'phone' AND i.value = t.phone AND (t.email IS NULL OR c.email IS NULL)`,
    );
    skipped += await skipDuplicates(
      db,
      s,
      importId,
      `SELECT line, NULLIF(max(line) OVER (PARTITION BY contact_id), line) AS kept FROM ${s} WHERE contact_id IS NOT NULL`,
    );
    const inserted = await db.query(
      `INSERT INTO contacts (id, company_id, name, email, phone, title, department, seniority, buying_role, locale,
         consent, consent_source, consent_at, field_sources)
       SELECT new_contact_id, company_id, coalesce(contact_name, email, phone), email, phone, title, department, seniority,
         buying_role, locale, coalesce(consent, 'legitimate_interest'),
         CASE WHEN consent IS NOT NULL THEN $2 END, CASE WHEN consent IS NOT NULL THEN now() END,
         ${provenanceOfNew([
           ['company_id', 'company_id'], ['name', 'contact_name'], ['email', 'email'], ['phone', 'phone'], ['title', 'title'],
           ['department', 'department'], ['seniority', 'seniority'], ['buying_role', 'buying_role'], ['locale', 'locale'], ['consent', 'consent'],
         ])}
       FROM ${s} WHERE contact_id IS NULL`,
      [...p],
    );
    const existing = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${s} WHERE contact_id IS NOT NULL`);
    // (4) Newest non-blank value wins; a withdrawn consent is never given back by an import.
    const consentMerged = `CASE WHEN o.consent IN ${SUPPRESSED} THEN o.consent ELSE coalesce(v.consent, o.consent) END`;
    const updated = await mergeInto(
      db,
      p,
      'contact',
      'contacts',
      `SELECT contact_id AS id, company_id, contact_name AS name, email, phone, title, department, seniority, buying_role, locale, consent
       FROM ${s} WHERE contact_id IS NOT NULL`,
      [
        ...CONTACT_FIELDS.map(([column, type]) => ({ column, type, merged: `coalesce(v.${column}, o.${column})` })),
        { column: 'consent', type: 'text', merged: consentMerged },
      ],
      `consent_source = CASE WHEN ch.after ? 'consent' THEN $2 ELSE o.consent_source END,
         consent_at = CASE WHEN ch.after ? 'consent' THEN now() ELSE o.consent_at END,`,
    );

    // (5) Identities for every address and number the file brought.
    await db.query(
      `INSERT INTO identities (kind, value, contact_id, source)
       SELECT 'email', email, coalesce(contact_id, new_contact_id), $1 FROM ${s} WHERE email IS NOT NULL
       UNION ALL
       SELECT 'phone', phone, coalesce(contact_id, new_contact_id), $1 FROM ${s} WHERE phone IS NOT NULL
       ON CONFLICT DO NOTHING`,
      [source],
    );

    const rejected = await db.query<{ n: string }>(
      `SELECT count(DISTINCT line) AS n FROM import_errors WHERE import_id = $1 AND severity = 'error' AND reason <> 'row.duplicate_in_file'`,
      [importId],
    );
    const existingCount = Number(existing.rows[0].n);
    const counts: MergeCounts = {
      inserted: inserted.rowCount ?? 0,
      updated,
      unchanged: existingCount - updated,
      skipped,
      rejected: Number(rejected.rows[0].n),
      companiesInserted: Number(companiesInserted.rows[0].n),
      companiesMatched: Number(matched.rows[0].n),
    };
    await db.query(`UPDATE imports SET counts = $2 WHERE id = $1`, [importId, JSON.stringify(counts)]);
    await db.query(`DROP TABLE ${s}`);
    await db.query('COMMIT');
    return counts;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** Deletes the rows `ranked` gives a later `kept` line for, reporting each as a duplicate. */
async function skipDuplicates(db: Db, s: string, importId: string, ranked: string): Promise<number> {
  const result = await db.query(
    `WITH r AS (${ranked}),
     del AS (DELETE FROM ${s} t USING r WHERE t.line = r.line AND r.kept IS NOT NULL RETURNING t.line, r.kept)
     INSERT INTO import_errors (import_id, line, reason, severity, detail)
     SELECT $1, line, 'row.duplicate_in_file', 'error', 'duplicate of line ' || kept FROM del
     ON CONFLICT DO NOTHING`,
    [importId],
  );
  return result.rowCount ?? 0;
}

/** Per group, the value of the latest line that has one. */
function aggregateLatest(fields: ReadonlyArray<readonly [staged: string, alias: string]>): string {
  return fields.map(([staged, alias]) => `(array_agg(${staged} ORDER BY line DESC) FILTER (WHERE ${staged} IS NOT NULL))[1] AS ${alias}`).join(', ');
}

/** One new company per distinct `key` among the named rows no company matched. */
async function insertCompanies(db: Db, s: string, key: string, p: ReadonlyArray<string>): Promise<void> {
  const columns = ['name', 'normalized_name', ...COMPANY_FIELDS.map(([column]) => column)];
  const staged: Array<readonly [string, string]> = [
    ['company_name', 'name'],
    ['company_normalized_name', 'normalized_name'],
    ...COMPANY_FIELDS.map(([column, , stagedColumn]) => [stagedColumn, column] as const),
  ];
  await db.query(
    `WITH v AS (
       SELECT ${key} AS key, ${aggregateLatest(staged)} FROM ${s}
       WHERE company_id IS NULL AND ${key} IS NOT NULL AND company_name IS NOT NULL GROUP BY ${key}
     ),
     ins AS (
       INSERT INTO companies (${columns.join(', ')}, source, field_sources)
       SELECT ${columns.map((c) => `v.${c}`).join(', ')}, $2,
         ${provenanceOfNew(columns.map((c) => [c, `v.${c}`] as const))}
       FROM v
       RETURNING id, ${key === 'credit_code' ? 'credit_code' : key === 'company_domain' ? 'domain' : 'normalized_name'} AS key
     ),
     noted AS (INSERT INTO new_companies SELECT id FROM ins)
     UPDATE ${s} t SET company_id = ins.id FROM ins WHERE t.company_id IS NULL AND t.${key} = ins.key`,
    [...p],
  );
}
