import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient, Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { isRowProblem, type SourceItem } from 'modules/imports/reader';
import { type ColumnMapping, normalizeRow, type RowIssue, type StagedRow } from './normalize-row';

export type Db = Client | PoolClient;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One UNLOGGED staging table per import: dropped whole when the import ends (no bloat and no
 * vacuum on a shared table), never WAL-logged, and two imports never see each other's rows.
 */
export function stagingTable(importId: string): string {
  if (!UUID_RE.test(importId)) throw new Error(`not an import id: ${importId}`);
  return `import_rows_${importId.replace(/-/g, '').toLowerCase()}`;
}

const STAGED_COLUMNS: ReadonlyArray<readonly [column: string, type: string, key: keyof StagedRow | null]> = [
  ['company_name', 'text', 'companyName'],
  ['company_normalized_name', 'text', 'companyNormalizedName'],
  ['company_domain', 'text', 'companyDomain'],
  ['credit_code', 'text', 'creditCode'],
  ['industry', 'text', 'industry'],
  ['sub_industry', 'text', 'subIndustry'],
  ['employees', 'int', 'employees'],
  ['country', 'text', 'country'],
  ['province', 'text', 'province'],
  ['city', 'text', 'city'],
  ['tier', 'text', 'tier'],
  ['contact_name', 'text', 'contactName'],
  ['email', 'text', 'email'],
  ['phone', 'text', 'phone'],
  ['title', 'text', 'title'],
  ['department', 'text', 'department'],
  ['seniority', 'text', 'seniority'],
  ['buying_role', 'text', 'buyingRole'],
  ['locale', 'text', 'locale'],
  ['consent', 'text', 'consent'],
];

export async function createStagingTable(db: Db, importId: string): Promise<void> {
  const table = stagingTable(importId);
  await db.query(`DROP TABLE IF EXISTS ${table}`);
  await db.query(`
    CREATE UNLOGGED TABLE ${table} (
      line int NOT NULL,
      rejected boolean NOT NULL,
      problems jsonb NOT NULL,
      ${STAGED_COLUMNS.map(([column, type]) => `${column} ${type}`).join(',\n      ')},
      company_id uuid,
      contact_id uuid,
      -- The id the row's contact gets if no existing one matches (filled by COPY, saving a pass).
      new_contact_id uuid NOT NULL DEFAULT gen_random_uuid()
    )`);
}

export async function dropStagingTable(db: Db, importId: string): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${stagingTable(importId)}`);
}

// COPY text format: backslash, tab, newline and carriage return escaped; NUL cannot be stored in text.
// eslint-disable-next-line no-control-regex
const COPY_SPECIAL_RE = /[\\\t\n\r\u0000]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '' };

export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  return value.replace(COPY_SPECIAL_RE, (c) => COPY_ESCAPES[c]);
}

function copyLine(line: number, rejected: boolean, problems: RowIssue[], row: StagedRow | null): string {
  const fields = [String(line), rejected ? 't' : 'f', copyValue(JSON.stringify(problems))];
  for (const [, , key] of STAGED_COLUMNS) fields.push(row === null || key === null ? '\\N' : copyValue(row[key]));
  return `${fields.join('\t')}\n`;
}

export interface StageCounts {
  staged: number;
  rejected: number;
}

/**
 * Normalizes the reader's batches and streams them into the import's staging table with one COPY.
 * Rejected rows travel in the same stream (flagged), so a file full of errors never piles them up in
 * memory; afterwards they move to import_errors with their line numbers and leave the staging table.
 */
export async function copyRows(
  db: Db,
  importId: string,
  batches: AsyncIterable<ReadonlyArray<SourceItem>> | Iterable<ReadonlyArray<SourceItem>>,
  mapping: ColumnMapping,
): Promise<StageCounts> {
  const table = stagingTable(importId);
  const columns = ['line', 'rejected', 'problems', ...STAGED_COLUMNS.map(([column]) => column)];
  let staged = 0;
  let rejected = 0;
  async function* lines(): AsyncGenerator<string> {
    for await (const batch of batches) {
      let chunk = '';
      for (const item of batch) {
        if (isRowProblem(item)) {
          rejected++;
          chunk += copyLine(item.line, true, [{ reason: item.reason, detail: item.detail }], null);
          continue;
        }
        const result = normalizeRow(item.cells, mapping);
        if ('problems' in result) {
          rejected++;
          chunk += copyLine(item.line, true, result.problems, null);
        } else {
          staged++;
          chunk += copyLine(item.line, false, result.warnings, result.row);
        }
      }
      if (chunk.length > 0) yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), db.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  await db.query(
    `INSERT INTO import_errors (import_id, line, reason, severity, detail)
     SELECT $1, s.line, p->>'reason', CASE WHEN s.rejected THEN 'error' ELSE 'warning' END, p->>'detail'
     FROM ${table} s, jsonb_array_elements(s.problems) p
     WHERE s.problems <> '[]'::jsonb
     ON CONFLICT DO NOTHING`,
    [importId],
  );
  await db.query(`DELETE FROM ${table} WHERE rejected`);
  return { staged, rejected };
}
