import { existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import type { PoolClient, Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type CsvSegment, isCsvSegment, isRowProblem, parseCsvSegment, type SourceItem, type SourcePiece } from 'modules/imports/reader';
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

const STAGED_COLUMNS: ReadonlyArray<readonly [column: string, type: string, key: keyof StagedRow]> = [
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
      ${STAGED_COLUMNS.map(([column, type]) => `${column} ${type}`).join(',\n      ')}
    )`);
}

export async function dropStagingTable(db: Db, importId: string): Promise<void> {
  await db.query(`DROP TABLE IF EXISTS ${stagingTable(importId)}`);
}

// COPY text format: backslash, tab, newline and carriage return escaped; NUL cannot be stored in text.
// eslint-disable-next-line no-control-regex
const COPY_SPECIAL_RE = /[\\\t\n\r\u0000]/g;
// eslint-disable-next-line no-control-regex
const HAS_COPY_SPECIAL_RE = /[\\\t\n\r\u0000]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u0000': '' };

export function copyValue(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return String(value);
  // Most values hold nothing to escape: a test is much cheaper than a replace with a callback.
  return HAS_COPY_SPECIAL_RE.test(value) ? value.replace(COPY_SPECIAL_RE, (c) => COPY_ESCAPES[c]) : value;
}

const STAGED_KEYS = STAGED_COLUMNS.map(([, , key]) => key);
const NO_VALUES = `\t${STAGED_KEYS.map(() => '\\N').join('\t')}\n`;

/**
 * One row's COPY text line. Built as one string per row (joined once per batch): an array of a
 * million rows × 23 small pieces cost more to push and join than normalizing the rows did.
 */
function copyLine(line: number, rejected: boolean, problems: RowIssue[], row: StagedRow | null): string {
  const head = `${line}\t${rejected ? 't' : 'f'}\t${problems.length === 0 ? '[]' : copyValue(JSON.stringify(problems))}`;
  if (row === null) return head + NO_VALUES;
  let text = head;
  for (let i = 0; i < STAGED_KEYS.length; i++) text += `\t${copyValue(row[STAGED_KEYS[i]])}`;
  return `${text}\n`;
}

export interface StageCounts {
  staged: number;
  rejected: number;
}

/** Grows `buffer` (doubling) so that `needed` more bytes fit after `used`. */
function room(buffer: Buffer, used: number, needed: number): Buffer {
  if (used + needed <= buffer.length) return buffer;
  const grown = Buffer.allocUnsafe(Math.max(buffer.length * 2, used + needed));
  buffer.copy(grown, 0, 0, used);
  return grown;
}

/**
 * One batch of the reader normalized into COPY text lines (UTF-8), with its counts. Each line is
 * written into the batch's buffer as it is made: no batch-sized string to join and encode again.
 */
export function encodeBatch(batch: ReadonlyArray<SourceItem>, mapping: ColumnMapping): { bytes: Buffer } & StageCounts {
  let bytes: Buffer = Buffer.allocUnsafe(64 * 1024);
  let used = 0;
  let staged = 0;
  let rejected = 0;
  for (const item of batch) {
    let line: string;
    if (isRowProblem(item)) {
      rejected++;
      line = copyLine(item.line, true, [{ reason: item.reason, detail: item.detail }], null);
    } else {
      const result = normalizeRow(item.cells, mapping);
      if ('problems' in result) {
        rejected++;
        line = copyLine(item.line, true, result.problems, null);
      } else {
        staged++;
        line = copyLine(item.line, false, result.warnings, result.row);
      }
    }
    // At most 3 UTF-8 bytes per UTF-16 unit.
    bytes = room(bytes, used, line.length * 3);
    used += bytes.write(line, used, 'utf8');
  }
  return { bytes: bytes.subarray(0, used), staged, rejected };
}

export interface CopyRowsOptions {
  /** Called with the number of rows (and row problems) read, batch by batch, segment by segment. */
  onRows?: (rows: number) => void;
  /** Threads parsing and normalizing CSV segments (see readRowPieces). Default WORKERS; 0: this thread. */
  workers?: number;
}

/** The compiled worker (absent when running from TypeScript sources, as in the tests: then no worker). */
const WORKER_FILE = path.join(__dirname, 'normalize-worker.js');
/**
 * Threads parsing and normalizing CSV segments while this one reads the file, cuts it at row ends and
 * streams their output to PostgreSQL. On two cores shared with PostgreSQL, staging a million rows took
 * 9.3–12.7 s (median 10.5 s) with two against 13.0 s for one thread doing it all, alternating runs
 * (see tests/bench/README.md): the work is spread, but there is more of it (cutting, handing over).
 */
const WORKERS = 2;
/** Segments handed to each worker ahead of the COPY stream: enough to keep it busy, bounded memory. */
const WORKER_AHEAD = 3;
/**
 * CSV segment size for readRowPieces: about a thousand rows, what the reader parses per chunk. Segments
 * of 1 MiB measured slower than one thread (more garbage per segment in the workers).
 */
export const SEGMENT_BYTES = 256 * 1024;

export interface EncodedPiece extends StageCounts {
  bytes: Uint8Array;
  /** Rows and row problems read. */
  rows: number;
}

/** A CSV segment parsed, normalized and encoded: what a worker does, here when there is no worker. */
export function encodeSegment(segment: CsvSegment, mapping: ColumnMapping): EncodedPiece {
  const items = parseCsvSegment(segment);
  return { ...encodeBatch(items, mapping), rows: items.length };
}

interface SegmentWorker {
  send(segment: CsvSegment): Promise<EncodedPiece>;
  close(): Promise<void>;
}

function startWorker(mapping: ColumnMapping): SegmentWorker {
  const worker = new Worker(WORKER_FILE, { workerData: { mapping } });
  const waiting: Array<{ resolve: (reply: EncodedPiece) => void; reject: (error: unknown) => void }> = [];
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (reply: EncodedPiece) => waiting.shift()?.resolve(reply));
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the normalizing worker exited (${code})`)));
  return {
    send(segment) {
      const reply = failure !== null ? Promise.reject(failure) : new Promise<EncodedPiece>((resolve, reject) => waiting.push({ resolve, reject }));
      reply.catch(() => undefined); // awaited in order; a failure must not go unhandled meanwhile
      if (failure !== null) return reply;
      // Bytes that own their memory move to the worker instead of being copied (the reader gives a
      // segment a buffer of its own).
      const { bytes } = segment;
      const owned = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
      worker.postMessage(segment, owned ? [bytes.buffer as ArrayBuffer] : []);
      return reply;
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/**
 * The pieces encoded, in order: batches here, CSV segments by the workers in turn (started on the
 * first segment), a few segments ahead of the COPY.
 */
async function* encodePieces(
  pieces: AsyncIterator<SourcePiece> | Iterator<SourcePiece>,
  mapping: ColumnMapping,
  workerCount: number,
): AsyncGenerator<EncodedPiece> {
  const workers: SegmentWorker[] = [];
  const inFlight: Array<Promise<EncodedPiece>> = [];
  let sent = 0;
  try {
    for (;;) {
      const next = await pieces.next();
      if (next.done) break;
      const piece = next.value;
      if (!isCsvSegment(piece)) {
        const encoded = encodeBatch(piece, mapping);
        inFlight.push(Promise.resolve({ ...encoded, rows: piece.length }));
      } else if (workerCount === 0) {
        inFlight.push(Promise.resolve(encodeSegment(piece, mapping)));
      } else {
        if (workers.length < workerCount) workers.push(startWorker(mapping));
        inFlight.push(workers[sent++ % workerCount].send(piece));
      }
      while (inFlight.length > WORKER_AHEAD * Math.max(1, workerCount)) yield await inFlight.shift()!;
    }
    while (inFlight.length > 0) yield await inFlight.shift()!;
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

/**
 * Normalizes the reader's batches and streams them into the import's staging table with one COPY.
 * Rejected rows travel in the same stream (flagged), so a file full of errors never piles them up in
 * memory; afterwards they move to import_errors with their line numbers and leave the staging table.
 * Reading, parsing and normalizing here overlap with the database's COPY of the batches before; with
 * `workerAfterRows`, normalizing moves to a worker thread as well.
 */
export async function copyRows(
  db: Db,
  importId: string,
  pieces: AsyncIterable<SourcePiece> | Iterable<SourcePiece>,
  mapping: ColumnMapping,
  options: CopyRowsOptions = {},
): Promise<StageCounts> {
  const table = stagingTable(importId);
  const columns = ['line', 'rejected', 'problems', ...STAGED_COLUMNS.map(([column]) => column)];
  const workerCount = existsSync(WORKER_FILE) ? (options.workers ?? WORKERS) : 0;
  let staged = 0;
  let rejected = 0;
  async function* lines(): AsyncGenerator<Buffer> {
    const source = Symbol.asyncIterator in pieces ? pieces[Symbol.asyncIterator]() : pieces[Symbol.iterator]();
    try {
      for await (const encoded of encodePieces(source, mapping, workerCount)) {
        staged += encoded.staged;
        rejected += encoded.rejected;
        options.onRows?.(encoded.rows);
        if (encoded.bytes.length > 0) yield Buffer.from(encoded.bytes.buffer, encoded.bytes.byteOffset, encoded.bytes.length);
      }
    } finally {
      // Stopped early (a failed COPY, a cancelled import): let the reader close its file.
      await source.return?.();
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
