import type { ErrorCode } from '@fulcrum/shared';
import { isCsvSegment, isRowProblem, type SourceFileErrorCode, SourceFileError, type SourcePiece } from 'modules/imports/reader';
import { type MergeCounts, mergeImport } from './import-merge';
import { copyRows, type CopyRowsOptions, createStagingTable, type Db, dropStagingTable } from './import-staging';
import type { ColumnMapping } from './normalize-row';

export interface NewImport {
  fileName: string;
  mapping: ColumnMapping;
  createdBy?: string | null;
}

export async function createImport(db: Db, input: NewImport): Promise<string> {
  const result = await db.query<{ id: string }>(
    `INSERT INTO imports (file_name, mapping, created_by) VALUES ($1, $2, $3) RETURNING id`,
    [input.fileName, JSON.stringify(input.mapping), input.createdBy ?? null],
  );
  return result.rows[0].id;
}

export interface RunImportOptions extends CopyRowsOptions {
  /** Called when every row is staged, before the merge starts. */
  onStaged?: () => Promise<void>;
}

/**
 * Stages and merges one import on one connection, keeping `imports.status` current. Staging writes
 * only the import's own table and import_errors, and the merge is one transaction, so a failure at
 * any point leaves companies and contacts untouched.
 */
export async function runImport(
  db: Db,
  importId: string,
  pieces: AsyncIterable<SourcePiece> | Iterable<SourcePiece>,
  mapping: ColumnMapping,
  source: string,
  signal?: AbortSignal,
  options: RunImportOptions = {},
): Promise<MergeCounts> {
  try {
    await db.query(`UPDATE imports SET status = 'staging', started_at = now() WHERE id = $1`, [importId]);
    await createStagingTable(db, importId);
    await copyRows(db, importId, pieces, mapping, options);
    await options.onStaged?.();
    await db.query(`UPDATE imports SET status = 'merging' WHERE id = $1`, [importId]);
    const counts = await mergeImport(db, importId, source);
    await db.query(`UPDATE imports SET status = 'done', finished_at = now() WHERE id = $1`, [importId]);
    return counts;
  } catch (error) {
    await dropStagingTable(db, importId);
    // 57014: the merge statement was cancelled (pg_cancel_backend) on the user's request.
    const cancelled = signal?.aborted === true || (error as { code?: string }).code === '57014';
    await db.query(
      `UPDATE imports SET status = $2, error = $3, error_code = $4, finished_at = now() WHERE id = $1`,
      [
        importId,
        cancelled ? 'cancelled' : 'failed',
        cancelled ? null : error instanceof Error ? error.message : String(error),
        cancelled ? null : importErrorCode(error),
      ],
    );
    throw error;
  }
}

/**
 * The pieces of a file without its header row: the first row read (it is always in a batch: the
 * reader parses a file's first rows itself).
 */
export async function* withoutHeader(pieces: AsyncIterable<SourcePiece>): AsyncGenerator<SourcePiece> {
  let header = true;
  for await (const piece of pieces) {
    let out = piece;
    if (header && !isCsvSegment(piece)) {
      const at = piece.findIndex((item) => !isRowProblem(item));
      if (at >= 0) {
        out = piece.filter((_, k) => k !== at);
        header = false;
      }
    }
    if (isCsvSegment(out) || out.length > 0) yield out;
  }
}

const FILE_ERROR_CODES: Record<SourceFileErrorCode, ErrorCode> = {
  'file.empty': 'imports.file_empty',
  'file.unsupported_type': 'imports.unsupported_type',
  'file.encoding_unknown': 'imports.encoding_unknown',
  'xlsx.corrupt': 'imports.xlsx_corrupt',
  'xlsx.sheet_not_found': 'imports.sheet_not_found',
  'xlsx.too_many_shared_strings': 'imports.too_many_shared_strings',
};

/** The API error code for a failed import: what was wrong with the file, else `internal`. */
export function importErrorCode(error: unknown): ErrorCode {
  return error instanceof SourceFileError ? FILE_ERROR_CODES[error.code] : 'internal';
}
