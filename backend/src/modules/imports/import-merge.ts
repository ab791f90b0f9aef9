import { randomBytes } from 'node:crypto';
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

export interface MergeOptions {
  /** Called after each step with its name and duration (benchmarks and logs). */
  onStep?: (step: string, ms: number) => void;
  /** New contacts from which a file that at least doubles the contacts table is loaded in bulk. Default 100,000. */
  bulkLoadMinRows?: number;
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

/** The staged company columns, as stored in the per-file variants table. */
const VARIANT_COLUMNS = ['company_name', 'company_normalized_name', ...COMPANY_FIELDS.map(([, , staged]) => staged)];

/** A file company is keyed by these (null-safe: none of them is ever an empty string). */
const COMPANY_KEYS = ['credit_code', 'company_domain', 'company_normalized_name'] as const;
type CompanyKey = (typeof COMPANY_KEYS)[number];

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

/** `{source, importId, at}`: one provenance mark, built once per statement (an InitPlan), not per field and row. */
const MARK = `(SELECT jsonb_build_object('source', $2::text, 'importId', $1::uuid, 'at', now()))`;

/** `{field: mark}` for the non-null fields of a new record. `fields` are [key, SQL value] pairs. */
function provenanceOfNew(fields: ReadonlyArray<readonly [string, string]>): string {
  return `jsonb_strip_nulls(jsonb_build_object(${fields.map(([key, value]) => `'${key}', CASE WHEN ${value} IS NOT NULL THEN ${MARK} END`).join(', ')}))`;
}

/** `{field: mark}` for the given field names (a SQL expression yielding text keys). */
function provenance(keys: string): string {
  return `(SELECT coalesce(jsonb_object_agg(k, ${MARK}), '{}'::jsonb) FROM ${keys} k)`;
}

/** A company field merged: `o` the company, `v` the file's latest values. */
function companyMerged(column: string): string {
  // The credit code is an identity: filled when blank, never replaced, never taken from another company
  // (NOT IN: one hashed set of the codes, not a lookup per company).
  return column === 'credit_code'
    ? `coalesce(o.credit_code, CASE WHEN v.credit_code NOT IN (SELECT x.credit_code FROM companies x WHERE x.credit_code IS NOT NULL) THEN v.credit_code END)`
    : `coalesce(v.${column}, o.${column})`;
}

/** A null-safe equality of the file-company keys of `a` and `b`, hashable (no IS NOT DISTINCT FROM). */
function sameCompanyKeys(a: string, b: string): string {
  return COMPANY_KEYS.map((key) => `coalesce(${a}.${key}, '') = coalesce(${b}.${key}, '')`).join(' AND ');
}

/**
 * The id of the contact a new row creates: a UUIDv7 (time-ordered) whose last 48 bits are the row's
 * line. Ids rise with the line, so the new rows append to the primary key and the (created_at, id) /
 * (updated_at, id) indexes instead of splitting pages all over them, and the id is computed where it is
 * needed instead of being stored per staged row.
 */
function newContactId(line: string, prefixParam: string): string {
  return `(${prefixParam}::text || lpad(to_hex(${line}), 12, '0'))::uuid`;
}

/** `tttttttt-tttt-7rrr-vrrr-`: 48 bits of milliseconds, version 7, 26 random bits, variant 10. */
function contactIdPrefix(): string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const random = randomBytes(4).readUInt32BE(0);
  const a = (random >>> 20).toString(16).padStart(3, '0');
  const b = (0x8000 | ((random >>> 6) & 0x3fff)).toString(16);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${a}-${b}-`;
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
 *
 * Built for a million rows: the staging table is only read (and pruned of duplicates), never
 * updated — companies are resolved on the file's distinct company keys (a few per hundred rows),
 * contacts into a table of the rows that matched someone, and every step is a hash join or
 * aggregate over the whole file instead of a lookup per row. A file that at least doubles the
 * contacts table is loaded with the secondary indexes and foreign keys rebuilt afterwards (see
 * prepareBulkLoad).
 */
export async function mergeImport(db: Db, importId: string, source: string, options: MergeOptions = {}): Promise<MergeCounts> {
  const s = stagingTable(importId);
  const p: ReadonlyArray<string> = [importId, source];
  let clock = performance.now();
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const result = await run();
    const now = performance.now();
    options.onStep?.(name, now - clock);
    clock = now;
    return result;
  };
  await db.query('BEGIN');
  try {
    await step('lock', async () => {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('fulcrum.imports.merge'))`);
      // Hash tables of a million-row file fit in memory instead of spilling in batches to disk.
      await db.query(`SET LOCAL work_mem = '256MB'`);
      await db.query(`ANALYZE ${s}`);
    });

    // (1) Duplicates inside the file: the last line with an e-mail or phone wins. A shared phone only
    // makes a duplicate when the e-mails do not tell the two people apart. Only values that occur twice
    // are looked at: two hash aggregates over the file instead of a subquery per row.
    let skipped = await step('duplicates', () =>
      skipDuplicates(
        db,
        s,
        importId,
        `WITH e AS (SELECT email, max(line) AS m FROM ${s} WHERE email IS NOT NULL GROUP BY email HAVING count(*) > 1),
         ph AS (
           SELECT phone, max(line) AS m, max(line) FILTER (WHERE email IS NULL) AS m_bare
           FROM ${s} WHERE phone IS NOT NULL GROUP BY phone HAVING count(*) > 1
         ),
         pe AS (SELECT phone, email, max(line) AS m FROM ${s} WHERE email IS NOT NULL AND phone IN (SELECT phone FROM ph) GROUP BY phone, email)
         SELECT t.line, GREATEST(
           CASE WHEN e.m > t.line THEN e.m END,
           CASE WHEN t.email IS NULL THEN CASE WHEN ph.m > t.line THEN ph.m END
                WHEN GREATEST(ph.m_bare, pe.m) > t.line THEN GREATEST(ph.m_bare, pe.m) END) AS kept
         FROM ${s} t
           LEFT JOIN e ON e.email = t.email
           LEFT JOIN ph ON ph.phone = t.phone
           LEFT JOIN pe ON pe.phone = t.phone AND pe.email = t.email
         WHERE e.email IS NOT NULL OR ph.phone IS NOT NULL`,
      ),
    );

    // (2) Contacts, found before companies are (neither depends on the other). Suppressed addresses
    // only ever come in as suppressed.
    const suppressed = await step('suppressions', async () => {
      const any = (await db.query(`SELECT EXISTS (SELECT 1 FROM suppressions) AS any`)).rows[0].any as boolean;
      if (!any) return false;
      await db.query(
        `CREATE TEMP TABLE file_suppressed ON COMMIT DROP AS
         SELECT line, CASE WHEN bool_or(reason <> 'unsubscribed') THEN 'do_not_contact' ELSE 'unsubscribed' END AS state FROM (
           SELECT t.line, sp.reason FROM ${s} t JOIN suppressions sp ON sp.kind = 'email' AND sp.value = t.email
           UNION ALL
           SELECT t.line, sp.reason FROM ${s} t JOIN suppressions sp ON sp.kind = 'phone' AND sp.value = t.phone
           UNION ALL
           SELECT t.line, sp.reason FROM ${s} t JOIN suppressions sp ON sp.kind = 'domain' AND sp.value = split_part(t.email, '@', 2)
         ) hits
         GROUP BY line`,
      );
      await db.query(`ANALYZE file_suppressed`);
      return true;
    });
    // The row's consent after suppressions (a do-not-contact in the file is never softened).
    const consent = suppressed ? `CASE WHEN x.state IS NOT NULL AND t.consent IS DISTINCT FROM 'do_not_contact' THEN x.state ELSE t.consent END` : 't.consent';
    const withSuppressions = suppressed ? `LEFT JOIN file_suppressed x ON x.line = t.line` : '';

    // Rows that resolve to an existing contact: by e-mail identity, else by a contact's own e-mail
    // (made before identities existed), else by phone identity — a shared office phone must not
    // fold two people with different e-mails into one. (Rows resolving to one contact are skipped
    // after the companies step: their company values still count, as they always did.)
    const newRows = await step('resolve contacts', async () => {
      await db.query(
        `CREATE TEMP TABLE file_contacts ON COMMIT DROP AS
         SELECT t.line, i.contact_id, true AS by_email FROM ${s} t JOIN identities i ON i.kind = 'email' AND i.value = t.email`,
      );
      await db.query(`ANALYZE file_contacts`);
      await db.query(
        `INSERT INTO file_contacts (line, contact_id, by_email)
         SELECT t.line, c.id, false FROM ${s} t JOIN contacts c ON c.email = t.email
         WHERE NOT EXISTS (SELECT 1 FROM file_contacts r WHERE r.line = t.line)`,
      );
      await db.query(
        `INSERT INTO file_contacts (line, contact_id, by_email)
         SELECT t.line, c.id, false FROM ${s} t JOIN identities i ON i.kind = 'phone' AND i.value = t.phone JOIN contacts c ON c.id = i.contact_id
         WHERE (t.email IS NULL OR c.email IS NULL) AND NOT EXISTS (SELECT 1 FROM file_contacts r WHERE r.line = t.line)`,
      );
      await db.query(`ANALYZE file_contacts`);
      const result = await db.query<{ n: string }>(`SELECT (SELECT count(*) FROM ${s}) - (SELECT count(*) FROM file_contacts) AS n`);
      return Number(result.rows[0].n);
    });

    // (3) Companies, resolved on the file's distinct company keys. `file_company_values` holds each
    // distinct set of company values with its last line (rows of one company mostly repeat them).
    const fileCompanies = await step('company keys', async () => {
      await db.query(
        `CREATE TEMP TABLE file_company_values ON COMMIT DROP AS
         SELECT ${VARIANT_COLUMNS.join(', ')}, max(line) AS line FROM ${s}
         WHERE ${COMPANY_KEYS.map((key) => `${key} IS NOT NULL`).join(' OR ')}
         GROUP BY ${VARIANT_COLUMNS.join(', ')}`,
      );
      await db.query(
        `CREATE TEMP TABLE file_companies ON COMMIT DROP AS
         SELECT DISTINCT ${COMPANY_KEYS.join(', ')}, company_name IS NOT NULL AS named, NULL::uuid AS company_id
         FROM file_company_values`,
      );
      await db.query(`ANALYZE file_company_values`);
      await db.query(`ANALYZE file_companies`);
      return Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM file_companies`)).rows[0].n);
    });

    // A file that at least doubles the contacts table loads like a restore: the secondary indexes of
    // contacts and identities (and of companies, if the file's companies at least double that table)
    // and their foreign keys go, and come back built in bulk (sorted) at the end.
    const bulk =
      newRows >= (options.bulkLoadMinRows ?? BULK_MIN_ROWS) ? await step('bulk load', () => prepareBulkLoad(db, newRows, fileCompanies)) : null;

    const { companiesInserted, companiesMatched } = await step('companies', async () => {
      await db.query(`CREATE TEMP TABLE new_companies (id uuid PRIMARY KEY) ON COMMIT DROP`);
      const matchBy: Record<CompanyKey, string> = {
        credit_code: `UPDATE file_companies f SET company_id = c.id FROM companies c
          WHERE f.company_id IS NULL AND f.credit_code IS NOT NULL AND c.credit_code = f.credit_code`,
        // A domain or a name never joins two different credit codes: those are different legal entities.
        company_domain: `UPDATE file_companies f SET company_id = c.id FROM (
            SELECT DISTINCT ON (domain) id, domain, credit_code FROM companies
            WHERE domain IN (SELECT company_domain FROM file_companies WHERE company_id IS NULL)
            ORDER BY domain, created_at, id) c
          WHERE f.company_id IS NULL AND f.company_domain = c.domain AND (f.credit_code IS NULL OR c.credit_code IS NULL)`,
        company_normalized_name: `UPDATE file_companies f SET company_id = c.id FROM (
            SELECT DISTINCT ON (normalized_name) id, normalized_name, credit_code FROM companies
            WHERE normalized_name IN (SELECT company_normalized_name FROM file_companies WHERE company_id IS NULL)
            ORDER BY normalized_name, created_at, id) c
          WHERE f.company_id IS NULL AND f.company_normalized_name = c.normalized_name AND (f.credit_code IS NULL OR c.credit_code IS NULL)`,
      };
      const anyCompanies = (await db.query(`SELECT EXISTS (SELECT 1 FROM companies) AS any`)).rows[0].any as boolean;
      if (anyCompanies) for (const key of COMPANY_KEYS) await db.query(matchBy[key]);
      for (const [i, key] of COMPANY_KEYS.entries()) {
        await insertCompanies(db, key, p);
        for (const later of COMPANY_KEYS.slice(i + 1)) await db.query(matchBy[later]);
      }
      // A new company was made from the rows of the key it was created for; rows matched to it after
      // (by domain or name) may hold newer values. It takes them now, as part of its creation (no merge
      // log), so that the same file again finds nothing to change.
      const created = (await db.query(`SELECT EXISTS (SELECT 1 FROM new_companies) AS any`)).rows[0] as { any: boolean };
      if (created.any) await db.query(
        `WITH v AS (
           SELECT f.company_id AS id, ${aggregateLatest(COMPANY_FIELDS.map(([column, , staged]) => [`v.${staged}`, column]))}
           FROM file_company_values v JOIN file_companies f ON ${sameCompanyKeys('f', 'v')} AND f.named = (v.company_name IS NOT NULL)
           WHERE f.company_id IN (SELECT id FROM new_companies) GROUP BY f.company_id
         ),
         m AS (
           SELECT o.id, ${COMPANY_FIELDS.map(([column]) => `${companyMerged(column)} AS ${column}`).join(', ')}
           FROM v JOIN companies o ON o.id = v.id
           WHERE (${COMPANY_FIELDS.map(([column]) => companyMerged(column)).join(', ')}) IS DISTINCT FROM (${COMPANY_FIELDS.map(([column]) => `o.${column}`).join(', ')})
         )
         UPDATE companies o SET ${COMPANY_FIELDS.map(([column]) => `${column} = m.${column}`).join(', ')},
           field_sources = o.field_sources || ${provenanceOfNew(COMPANY_FIELDS.map(([column]) => [column, `m.${column}`] as const))}
         FROM m WHERE o.id = m.id`,
        [...p],
      );
      const counts = await db.query<{ matched: string; inserted: string }>(
        `SELECT (SELECT count(DISTINCT company_id) FROM file_companies WHERE company_id IS NOT NULL AND company_id NOT IN (SELECT id FROM new_companies)) AS matched,
           (SELECT count(*) FROM new_companies) AS inserted`,
      );
      if (Number(counts.rows[0].matched) > 0) {
        await mergeInto(
          db,
          p,
          'company',
          'companies',
          `SELECT f.company_id AS id, ${aggregateLatest(COMPANY_FIELDS.map(([column, , staged]) => [`v.${staged}`, column]))}
           FROM file_company_values v JOIN file_companies f ON ${sameCompanyKeys('f', 'v')} AND f.named = (v.company_name IS NOT NULL)
           WHERE f.company_id IS NOT NULL AND f.company_id NOT IN (SELECT id FROM new_companies) GROUP BY f.company_id`,
          COMPANY_FIELDS.map(([column, type]) => ({ column, type, merged: companyMerged(column) })),
        );
      }
      return { companiesInserted: Number(counts.rows[0].inserted), companiesMatched: Number(counts.rows[0].matched) };
    });

    const existing = await step('skip duplicate contacts', async () => {
      skipped += await skipDuplicates(
        db,
        s,
        importId,
        `SELECT r.line, m.kept FROM file_contacts r
         JOIN (SELECT contact_id, max(line) AS kept FROM file_contacts GROUP BY contact_id HAVING count(*) > 1) m ON m.contact_id = r.contact_id
         WHERE r.line <> m.kept`,
        'file_contacts',
      );
      const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM file_contacts`);
      return Number(result.rows[0].n);
    });

    const companyOf = `LEFT JOIN file_companies f ON ${sameCompanyKeys('f', 't')} AND f.named = (t.company_name IS NOT NULL)`;
    const idParams = [...p, contactIdPrefix()];
    // (4) New contacts: one plain INSERT … SELECT of the rows nobody matched, in line (and so id) order.
    const inserted = await step('insert contacts', async () => {
      const result = await withSettings(db, HASH_JOINS, () => db.query(
        `INSERT INTO contacts (id, company_id, name, email, phone, title, department, seniority, buying_role, locale,
           consent, consent_source, consent_at, import_id)
         SELECT id, company_id, coalesce(contact_name, email, phone), email, phone, title, department, seniority,
           buying_role, locale, coalesce(consent, 'legitimate_interest'),
           CASE WHEN consent IS NOT NULL THEN $2 END, CASE WHEN consent IS NOT NULL THEN now() END,
           -- The provenance of every field set here: this import (see fieldSourcesSql).
           $1::uuid
         FROM (
           SELECT ${newContactId('t.line', '$3')} AS id, f.company_id, t.contact_name, t.email, t.phone, t.title, t.department, t.seniority,
             t.buying_role, t.locale, ${consent} AS consent
           FROM ${s} t ${companyOf} ${withSuppressions}
           WHERE NOT EXISTS (SELECT 1 FROM file_contacts r WHERE r.line = t.line)
         ) n`,
        idParams,
      ));
      return result.rowCount ?? 0;
    });

    // (5) Newest non-blank value wins; a withdrawn consent is never given back by an import.
    const consentMerged = `CASE WHEN o.consent IN ${SUPPRESSED} THEN o.consent ELSE coalesce(v.consent, o.consent) END`;
    const updated = await step('merge contacts', async () =>
      existing === 0
        ? 0
        : mergeInto(
            db,
            p,
            'contact',
            'contacts',
            `SELECT r.contact_id AS id, f.company_id, t.contact_name AS name, t.email, t.phone, t.title, t.department, t.seniority,
               t.buying_role, t.locale, ${consent} AS consent
             FROM ${s} t JOIN file_contacts r ON r.line = t.line ${companyOf} ${withSuppressions}`,
            [
              ...CONTACT_FIELDS.map(([column, type]) => ({ column, type, merged: `coalesce(v.${column}, o.${column})` })),
              { column: 'consent', type: 'text', merged: consentMerged },
            ],
            `consent_source = CASE WHEN ch.after ? 'consent' THEN $2 ELSE o.consent_source END,
             consent_at = CASE WHEN ch.after ? 'consent' THEN now() ELSE o.consent_at END,`,
          ),
    );

    // (6) Identities for every address and number the file brought; those already known (all of them,
    // on a re-import) are left out by one anti-join rather than a failed insert each. Two rows of the
    // file with one phone (an office line): the earlier row's contact gets it.
    await step('identities', () =>
      withSettings(db, bulk ? SMALL_SORTS : {}, () => db.query(
        `INSERT INTO identities (kind, value, contact_id, source)
         SELECT ${bulk?.identitiesKeyDropped ? 'DISTINCT ON (n.kind COLLATE "C", n.value COLLATE "C")' : ''} n.kind, n.value, n.contact_id, $1 FROM (
           SELECT 'email' AS kind, t.email AS value, coalesce(r.contact_id, ${newContactId('t.line', '$2')}) AS contact_id, t.line
           -- A row found by its e-mail identity has it already.
           FROM ${s} t LEFT JOIN file_contacts r ON r.line = t.line WHERE t.email IS NOT NULL AND r.by_email IS NOT TRUE
           UNION ALL
           SELECT 'phone', t.phone, coalesce(r.contact_id, ${newContactId('t.line', '$2')}), t.line
           FROM ${s} t LEFT JOIN file_contacts r ON r.line = t.line WHERE t.phone IS NOT NULL
         ) n
         WHERE NOT EXISTS (SELECT 1 FROM identities i WHERE i.kind = n.kind AND i.value = n.value)
         -- In key order: the primary key is filled (or, loading in bulk, built afterwards) page after page.
         -- Sorted bytewise (COLLATE "C": abbreviated keys, no strcoll per comparison), which is the primary
         -- key's order under C.UTF-8 and C; under another database collation the insert is merely less
         -- sequential.
         ORDER BY n.kind COLLATE "C", n.value COLLATE "C", n.line
         ${bulk?.identitiesKeyDropped ? '' : 'ON CONFLICT DO NOTHING'}`,
        [source, idParams[2]],
      )),
    );

    if (bulk !== null) await step('rebuild indexes', () => bulk.restore());

    const counts = await step('finish', async () => {
      const rejected = await db.query<{ n: string }>(
        `SELECT count(DISTINCT line) AS n FROM import_errors WHERE import_id = $1 AND severity = 'error' AND reason <> 'row.duplicate_in_file'`,
        [importId],
      );
      const result: MergeCounts = {
        inserted,
        updated,
        unchanged: existing - updated,
        skipped,
        rejected: Number(rejected.rows[0].n),
        companiesInserted,
        companiesMatched,
      };
      await db.query(`UPDATE imports SET counts = $2 WHERE id = $1`, [importId, JSON.stringify(result)]);
      await db.query(`DROP TABLE ${s}`);
      await db.query('COMMIT');
      return result;
    });
    return counts;
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** New contacts from which a file is loaded in bulk (and then only when they at least double the table). */
const BULK_MIN_ROWS = 100_000;
/** The tables a bulk load rebuilds: where almost all of a large import's rows go (and companies, when the file's companies at least double it). */
const BULK_TABLES = ['contacts', 'identities'];

/**
 * Drops the secondary indexes (primary keys stay, but for the identities': upserts and foreign keys
 * need them) and the foreign keys of contacts and identities when `newRows` at least doubles the contacts table, and returns how to
 * restore them exactly (their own definitions, read from the catalog). Inserting a million rows into
 * eight indexes page by page is many times slower than sorting them once; and a foreign key checked per
 * row costs a lookup and a row lock each, where re-adding it validates all rows with one join. Runs
 * inside the merge transaction, so a failure restores everything. It needs an exclusive lock on both
 * tables until commit (readers wait); if one is not granted within a few seconds, nothing is dropped
 * and the merge goes on row by row.
 */
async function prepareBulkLoad(db: Db, newRows: number, fileCompanies: number): Promise<{ restore: () => Promise<void>; identitiesKeyDropped: boolean } | null> {
  const estimates = await db.query<{ contacts: number; companies: number }>(
    `SELECT (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'contacts'::regclass)::float8 AS contacts,
       (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'companies'::regclass)::float8 AS companies`,
  );
  if (newRows < Number(estimates.rows[0].contacts)) return null;
  const tables = fileCompanies >= Number(estimates.rows[0].companies) ? [...BULK_TABLES, 'companies'] : BULK_TABLES;
  const { rows: [{ timeout }] } = await db.query<{ timeout: string }>(`SELECT current_setting('lock_timeout') AS timeout`);
  await db.query('SAVEPOINT bulk_load');
  try {
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    await db.query(`LOCK TABLE ${tables.join(', ')} IN ACCESS EXCLUSIVE MODE`);
    const indexes = await db.query<{ name: string; definition: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY 1`,
      [tables],
    );
    const foreignKeys = await db.query<{ name: string; relation: string; definition: string }>(
      `SELECT quote_ident(conname) AS name, conrelid::regclass::text AS relation, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) AND confrelid IN ('contacts'::regclass, 'companies'::regclass)
       ORDER BY 1`,
      [tables],
    );
    // The identities' primary key too (no foreign key points at it): a million and more keys inserted one
    // by one cost several times building the key from the sorted rows once. Meanwhile the insert leaves
    // out duplicates itself (see the identities step).
    const identitiesKey = await db.query<{ name: string; definition: string }>(
      `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = 'identities'::regclass AND contype = 'p'`,
    );
    for (const fk of foreignKeys.rows) await db.query(`ALTER TABLE ${fk.relation} DROP CONSTRAINT ${fk.name}`);
    for (const index of indexes.rows) await db.query(`DROP INDEX ${index.name}`);
    for (const key of identitiesKey.rows) await db.query(`ALTER TABLE identities DROP CONSTRAINT ${key.name}`);
    await db.query(`SELECT set_config('lock_timeout', $1, true)`, [timeout]);
    await db.query('RELEASE SAVEPOINT bulk_load');
    return {
      restore: async () => {
        // A B-tree is sorted faster in 64 MB runs than in one large in-memory sort (see SMALL_SORTS: 2.4 s
        // against 3.2 s for 1.8 million keys); a GIN index collects its entries in memory and wants it.
        for (const index of indexes.rows) {
          await db.query(`SET LOCAL maintenance_work_mem = '${/ USING gin /i.test(index.definition) ? '512MB' : '64MB'}'`);
          await db.query(index.definition);
        }
        await db.query(`SET LOCAL maintenance_work_mem = '64MB'`);
        for (const key of identitiesKey.rows) await db.query(`ALTER TABLE identities ADD CONSTRAINT ${key.name} ${key.definition}`);
        for (const fk of foreignKeys.rows) await db.query(`ALTER TABLE ${fk.relation} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
      },
      identitiesKeyDropped: identitiesKey.rows.length > 0,
    };
  } catch (error) {
    // 55P03: lock not available in time — the tables are in use; load row by row instead.
    if ((error as { code?: string }).code !== '55P03') throw error;
    await db.query('ROLLBACK TO SAVEPOINT bulk_load');
    await db.query('RELEASE SAVEPOINT bulk_load');
    return null;
  }
}

/**
 * Runs `run` with planner and memory settings of its own (SET LOCAL), then puts the previous values back.
 * When `run` fails, the merge transaction is aborted and rolls back, settings included: nothing to put
 * back (and any statement would fail and hide the error).
 */
async function withSettings<T>(db: Db, settings: Readonly<Record<string, string>>, run: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  const previous = await db.query<{ value: string }>(`SELECT current_setting(name) AS value FROM unnest($1::text[]) WITH ORDINALITY AS s(name, n) ORDER BY n`, [names]);
  for (const name of names) await db.query(`SELECT set_config($1, $2, true)`, [name, settings[name]]);
  const result = await run();
  for (const [i, name] of names.entries()) await db.query(`SELECT set_config($1, $2, true)`, [name, previous.rows[i].value]);
  return result;
}

/**
 * For a statement joining the whole file to its companies: the planner underestimates the file's
 * company keys (`coalesce` on three columns) and picks a merge join that sorts the whole staging table
 * (spilling ~250 MB to disk on a million rows) where hashing the few hundred thousand file companies
 * takes a fraction of the time.
 */
const HASH_JOINS = { enable_mergejoin: 'off' };

/**
 * For a statement that sorts the whole file: a sort in small runs merged (4 MB) measured 2.1 s on
 * 1.8 million identities where one quicksort in 256 MB of memory took 5.0 s (the runs fit the CPU's
 * caches). Only where no large hash is needed besides (loading in bulk: the target table is no bigger
 * than the file).
 */
const SMALL_SORTS = { enable_mergejoin: 'off', work_mem: '4MB' };

/**
 * Deletes the rows `ranked` gives a later `kept` line for (also from `alsoFrom`, a table of lines),
 * reporting each as a duplicate.
 */
async function skipDuplicates(db: Db, s: string, importId: string, ranked: string, alsoFrom?: string): Promise<number> {
  const result = await db.query(
    `WITH r AS (${ranked}),
     del AS (DELETE FROM ${s} t USING r WHERE t.line = r.line AND r.kept IS NOT NULL RETURNING t.line, r.kept)
     ${alsoFrom ? `, gone AS (DELETE FROM ${alsoFrom} a USING del WHERE a.line = del.line)` : ''}
     INSERT INTO import_errors (import_id, line, reason, severity, detail)
     SELECT $1, line, 'row.duplicate_in_file', 'error', 'duplicate of line ' || kept FROM del
     ON CONFLICT DO NOTHING`,
    [importId],
  );
  return result.rowCount ?? 0;
}

/**
 * Per group, the value of the latest line that has one (`line` is the source's line column): the
 * greatest [line, value] pair. A plain max per column lets the group be hashed, where an ordered
 * aggregate sorts every group once per column. Lines are compared as zero-padded text beside text
 * values (bytewise), as numbers beside numbers.
 */
function aggregateLatest(fields: ReadonlyArray<readonly [staged: string, alias: string]>, line = 'v.line'): string {
  return fields
    .map(([staged, alias]) => {
      const pair = NUMERIC_COLUMNS.has(alias) ? `ARRAY[${line}, ${staged}]` : `ARRAY[lpad(${line}::text, 10, '0'), ${staged}] COLLATE "C"`;
      return `(max(${pair}) FILTER (WHERE ${staged} IS NOT NULL))[2] AS ${alias}`;
    })
    .join(', ');
}

/** Company columns holding numbers (aggregateLatest pairs them with the line as numbers). */
const NUMERIC_COLUMNS = new Set(COMPANY_FIELDS.filter(([, type]) => type === 'int').map(([column]) => column));

/** One new company per distinct `key` among the named file companies no company matched. */
async function insertCompanies(db: Db, key: CompanyKey, p: ReadonlyArray<string>): Promise<void> {
  const columns = ['name', 'normalized_name', ...COMPANY_FIELDS.map(([column]) => column)];
  const staged: Array<readonly [string, string]> = [
    ['v.company_name', 'name'],
    ['v.company_normalized_name', 'normalized_name'],
    ...COMPANY_FIELDS.map(([column, , stagedColumn]) => [`v.${stagedColumn}`, column] as const),
  ];
  // Nothing to create (every company of a re-import is found): skip the aggregation over the file's companies.
  const wanted = await db.query(`SELECT EXISTS (SELECT 1 FROM file_companies WHERE company_id IS NULL AND ${key} IS NOT NULL AND named) AS any`);
  if (!(wanted.rows[0] as { any: boolean }).any) return;
  const stored = key === 'credit_code' ? 'credit_code' : key === 'company_domain' ? 'domain' : 'normalized_name';
  await db.query(
    `WITH v AS (
       SELECT f.${key} AS key, ${aggregateLatest(staged)}
       FROM file_company_values v JOIN file_companies f ON ${sameCompanyKeys('f', 'v')} AND f.named = (v.company_name IS NOT NULL)
       WHERE f.company_id IS NULL AND f.${key} IS NOT NULL AND f.named GROUP BY f.${key}
     ),
     ins AS (
       INSERT INTO companies (${columns.join(', ')}, source, import_id)
       SELECT ${columns.map((c) => `v.${c}`).join(', ')}, $2, $1::uuid
       FROM v
       RETURNING id, ${stored} AS key
     ),
     noted AS (INSERT INTO new_companies SELECT id FROM ins)
     UPDATE file_companies f SET company_id = ins.id FROM ins WHERE f.company_id IS NULL AND f.${key} = ins.key`,
    [...p],
  );
}
