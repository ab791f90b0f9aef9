import { randomUUID } from 'node:crypto';
import { open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  autoMapHeaders,
  importReasonText,
  MAX_IMPORT_FILE_BYTES,
  type ErrorCode,
  type Import,
  type ImportField,
  type ImportPreview,
  type ImportRowError,
  type Locale,
  type Page,
  type SessionUser,
  type StartImportRequest,
} from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { csvLine } from 'common/csv';
import { saveUpload } from 'common/upload';
import { AuditService } from 'modules/audit/audit.service';
import { detectSourceSync, type DetectFailure } from 'modules/imports/reader/detect';
import { HEAD_BYTES, isRowProblem, readRowsFromFile, readXlsxSheets, SourceFileError } from 'modules/imports/reader';
import { JobsService } from 'queue/jobs.service';
import { RuntimeContext } from 'runtime-context';
import { importErrorCode } from './import-runs';

const PREVIEW_ROWS = 20;
const REPORT_BATCH = 5000;

interface ImportRow {
  id: string;
  file_name: string;
  file_size: string | null;
  stored_file: string | null;
  format: 'csv' | 'xlsx' | null;
  encoding: string | null;
  sheet: string | null;
  source: string;
  status: Import['status'];
  cancel_requested: boolean;
  mapping: Array<ImportField | null>;
  progress: Partial<NonNullable<Import['progress']>>;
  counts: Partial<NonNullable<Import['counts']>>;
  error_code: string | null;
  error: string | null;
  created_by_name: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const SELECT_IMPORT = `SELECT i.*, u.name AS created_by_name FROM imports i LEFT JOIN users u ON u.id = i.created_by`;

/**
 * The import wizard: upload a file, read how it is laid out, confirm the column mapping, run it
 * through the queue (`import.run`, see ImportJob), cancel it, and read its report.
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly runtime: RuntimeContext,
  ) {}

  /** Where uploads live: the api process writes them, the worker reads them (a shared DATA_DIR). */
  filePath(storedFile: string): string {
    return path.join(this.runtime.config.dataDir, 'imports', storedFile);
  }

  /**
   * Streams the request body to DATA_DIR/imports, then reads its head. A file that cannot be imported
   * at all (wrong type, empty, header only, unknown encoding) is refused here and not kept.
   */
  async upload(body: Readable, fileName: string, declaredBytes: number | null, user: SessionUser): Promise<ImportPreview> {
    if (declaredBytes !== null && declaredBytes > MAX_IMPORT_FILE_BYTES) throw fileTooLarge();
    const id = randomUUID();
    const storedFile = `${id}.upload`;
    const target = this.filePath(storedFile);
    const bytes = await saveUpload(body, target, MAX_IMPORT_FILE_BYTES, fileTooLarge);
    try {
      if (bytes === 0) throw fileProblem('imports.file_empty', 'The file is empty.');
      const preview = await this.readPreview(target, fileName, undefined);
      await this.db.query(
        `INSERT INTO imports (id, file_name, file_size, stored_file, format, encoding, delimiter, sheet, mapping, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [id, fileName, bytes, storedFile, preview.format, preview.encoding, preview.delimiter, preview.sheet, JSON.stringify(preview.suggested.map((s) => s.field)), user.id],
      );
      await this.audit.record({ actorUserId: user.id, action: 'import.uploaded', subjectType: 'import', subjectId: id, data: { fileName, bytes } });
      return { import: await this.get(id), sheets: preview.sheets, headers: preview.headers, rows: preview.rows, suggested: preview.suggested };
    } catch (error) {
      await rm(target, { force: true });
      throw error;
    }
  }

  /** The wizard's view of an uploaded import, optionally reading another worksheet. */
  async preview(id: string, sheet: string | undefined): Promise<ImportPreview> {
    const row = await this.row(id);
    const file = await this.existingFile(row);
    const preview = await this.readPreview(file, row.file_name, sheet ?? row.sheet ?? undefined);
    if (row.status === 'uploaded' && preview.sheet !== row.sheet) {
      await this.db.query(`UPDATE imports SET sheet = $2, mapping = $3 WHERE id = $1 AND status = 'uploaded'`, [
        id,
        preview.sheet,
        JSON.stringify(preview.suggested.map((s) => s.field)),
      ]);
    }
    return { import: await this.get(id), sheets: preview.sheets, headers: preview.headers, rows: preview.rows, suggested: preview.suggested };
  }

  async start(id: string, request: StartImportRequest & { source: string }, user: SessionUser): Promise<Import> {
    const row = await this.row(id);
    await this.existingFile(row);
    const sheet = request.sheet ?? row.sheet;
    if (row.format === 'xlsx' && request.sheet && request.sheet !== row.sheet) await this.readPreview(this.filePath(row.stored_file!), row.file_name, sheet ?? undefined);
    // Wrapped in a CTE: DataSource.query answers a bare UPDATE ... RETURNING with [rows, count].
    const claimed: Array<{ id: string }> = await this.db.query(
      `WITH u AS (
         UPDATE imports SET status = 'queued', mapping = $2, source = $3, sheet = $4, progress = $5
         WHERE id = $1 AND status = 'uploaded' RETURNING id
       ) SELECT id FROM u`,
      [id, JSON.stringify(request.mapping), request.source, sheet, { rowsRead: 0, bytesRead: row.format === 'csv' ? 0 : null, bytesTotal: row.format === 'csv' ? Number(row.file_size) : null }],
    );
    if (claimed.length === 0) throw badState(row.status);
    await this.audit.record({ actorUserId: user.id, action: 'import.started', subjectType: 'import', subjectId: id, data: { source: request.source } });
    // One job per import: a second start is refused above, and a retried job sees the import's status.
    await this.jobs.add('import.run', { importId: id }, { jobId: `import-${id}`, attempts: 1 });
    return this.get(id);
  }

  /**
   * An import not started yet is cancelled at once; a running one is flagged, and its job stops
   * reading (or cancels the merge statement) within a second. Nothing it staged reaches the target
   * database: the merge is one transaction.
   */
  async cancel(id: string, user: SessionUser): Promise<Import> {
    const rows: Array<{ status: Import['status'] }> = await this.db.query(
      `WITH u AS (
         UPDATE imports SET cancel_requested = true,
           status = CASE WHEN status = 'uploaded' THEN 'cancelled' ELSE status END,
           finished_at = CASE WHEN status = 'uploaded' THEN now() ELSE finished_at END
         WHERE id = $1 AND status IN ('uploaded', 'queued', 'staging', 'merging') RETURNING status
       ) SELECT status FROM u`,
      [id],
    );
    if (rows.length === 0) throw badState((await this.row(id)).status);
    await this.audit.record({ actorUserId: user.id, action: 'import.cancelled', subjectType: 'import', subjectId: id });
    return this.get(id);
  }

  async list(page: number, pageSize: number): Promise<Page<Import>> {
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM imports`)) as Array<{ total: number }>;
    const rows: ImportRow[] = await this.db.query(`${SELECT_IMPORT} ORDER BY i.created_at DESC, i.id LIMIT $1 OFFSET $2`, [pageSize, (page - 1) * pageSize]);
    const reasons = await this.reasons(rows.map((r) => r.id));
    return { total, page, pageSize, items: rows.map((row) => toImport(row, reasons.get(row.id) ?? [])) };
  }

  async get(id: string): Promise<Import> {
    const row = await this.row(id);
    return toImport(row, (await this.reasons([id])).get(id) ?? []);
  }

  async errors(id: string, query: { page: number; pageSize: number; severity?: 'error' | 'warning'; reason?: string }): Promise<Page<ImportRowError>> {
    await this.row(id);
    const params: unknown[] = [id];
    let where = 'import_id = $1';
    if (query.severity) where += ` AND severity = $${params.push(query.severity)}`;
    if (query.reason) where += ` AND reason = $${params.push(query.reason)}`;
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM import_errors WHERE ${where}`, params)) as Array<{ total: number }>;
    const items: ImportRowError[] = await this.db.query(
      `SELECT line, reason, severity, detail FROM import_errors WHERE ${where} ORDER BY line, reason
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { total, page: query.page, pageSize: query.pageSize, items };
  }

  async reportFileName(id: string): Promise<string> {
    const row = await this.row(id);
    const base = row.file_name.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'import';
    return `${base}-rejected-rows.csv`;
  }

  /**
   * The report as CSV: line, severity, reason (code and words) and detail, followed by the row's own
   * cells re-read from the uploaded file, so a user can fix the rows and import them again. Errors
   * are read in line order in batches and joined with the file as it streams: memory stays flat.
   */
  async *reportCsv(id: string, locale: Locale): AsyncGenerator<string> {
    const row = await this.row(id);
    const file = row.stored_file ? this.filePath(row.stored_file) : null;
    const haveFile = file !== null && (await fileExists(file));
    const source = haveFile ? readRowsFromFile(file, { fileName: row.file_name, sheet: row.sheet ?? undefined })[Symbol.asyncIterator]() : null;
    const zh = locale === 'zh-CN';
    let header: string[] = [];
    let current: { line: number; cells: string[] } | null = null;
    if (source) {
      const first = await source.next();
      if (!first.done && !isRowProblem(first.value)) header = first.value.cells;
    }
    yield csvLine([zh ? '行号' : 'Line', zh ? '类型' : 'Severity', zh ? '原因代码' : 'Reason code', zh ? '原因' : 'Reason', zh ? '详情' : 'Detail', ...header]);
    let after = 0;
    try {
      for (;;) {
        const errors: Array<{ line: number; reasons: string[]; severity: string; details: Array<string | null> }> = await this.db.query(
          `SELECT line, array_agg(reason ORDER BY severity, reason) AS reasons, min(severity) AS severity,
             array_agg(detail ORDER BY severity, reason) AS details
           FROM import_errors WHERE import_id = $1 AND line > $2 GROUP BY line ORDER BY line LIMIT ${REPORT_BATCH}`,
          [id, after],
        );
        if (errors.length === 0) break;
        let chunk = '';
        for (const error of errors) {
          let cells: string[] = [];
          while (source && (current === null || current.line < error.line)) {
            const next = await source.next();
            if (next.done) break;
            if (!isRowProblem(next.value)) current = next.value;
          }
          if (current?.line === error.line) cells = current.cells;
          chunk += csvLine([
            error.line,
            error.severity === 'error' ? (zh ? '拒绝' : 'rejected') : zh ? '警告' : 'warning',
            error.reasons.join('; '),
            error.reasons.map((reason) => importReasonText(reason, locale)).join('; '),
            error.details.filter((d) => d !== null).join('; '),
            ...cells,
          ]);
        }
        yield chunk;
        after = errors[errors.length - 1].line;
        if (errors.length < REPORT_BATCH) break;
      }
    } finally {
      await source?.return?.(undefined);
    }
  }

  private async row(id: string): Promise<ImportRow> {
    const rows: ImportRow[] = await this.db.query(`${SELECT_IMPORT} WHERE i.id = $1`, [id]);
    if (rows.length === 0) throw new AppException(HttpStatus.NOT_FOUND, 'imports.not_found', 'No such import');
    return rows[0];
  }

  private async existingFile(row: ImportRow): Promise<string> {
    const file = row.stored_file ? this.filePath(row.stored_file) : null;
    if (!file || !(await fileExists(file))) throw new AppException(HttpStatus.GONE, 'imports.file_missing', 'The uploaded file is no longer on the server; upload it again');
    return file;
  }

  private async reasons(ids: string[]): Promise<Map<string, Import['reasons']>> {
    const result = new Map<string, Import['reasons']>();
    if (ids.length === 0) return result;
    const rows: Array<{ import_id: string; reason: string; severity: 'error' | 'warning'; rows: number }> = await this.db.query(
      `SELECT import_id, reason, severity, count(*)::int AS rows FROM import_errors WHERE import_id = ANY($1)
       GROUP BY import_id, reason, severity ORDER BY import_id, severity, rows DESC, reason`,
      [ids],
    );
    for (const row of rows) {
      const list = result.get(row.import_id) ?? [];
      list.push({ reason: row.reason, severity: row.severity, rows: row.rows });
      result.set(row.import_id, list);
    }
    return result;
  }

  /** Detects the file's type and reads its header and first rows; file-level problems become 422s. */
  private async readPreview(file: string, fileName: string, sheet: string | undefined) {
    const handle = await open(file, 'r');
    let head: Buffer;
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
    const detected = detectSourceSync(head, fileName);
    if ('error' in detected) throw detectFailure(detected);
    try {
      let sheets: string[] | null = null;
      if (detected.format === 'xlsx') {
        sheets = (await readXlsxSheets(file)).filter((s) => !s.hidden).map((s) => s.name);
        if (sheet !== undefined && !sheets.includes(sheet)) {
          throw fileProblem('imports.sheet_not_found', `The workbook has no worksheet named "${sheet}"`);
        }
        sheet = sheet ?? sheets[0];
      } else {
        sheet = undefined;
      }
      let headers: string[] | null = null;
      let problems = 0;
      const rows: ImportPreview['rows'] = [];
      for await (const item of readRowsFromFile(file, { fileName, sheet })) {
        if (isRowProblem(item)) {
          problems++;
        } else if (headers === null) {
          headers = item.cells.map((h) => h.trim());
        } else {
          rows.push({ line: item.line, cells: item.cells });
        }
        if (rows.length >= PREVIEW_ROWS || problems >= PREVIEW_ROWS) break;
      }
      if (headers === null) throw fileProblem('imports.file_empty', 'The file holds no rows.');
      if (rows.length === 0 && problems === 0) throw fileProblem('imports.header_only', 'The file has a header row but no data rows.');
      const columns = Math.max(headers.length, ...rows.map((r) => r.cells.length));
      while (headers.length < columns) headers.push('');
      const suggested = autoMapHeaders(headers).map(({ field, confidence }) => ({ field, confidence }));
      return {
        format: detected.format,
        encoding: detected.encoding,
        delimiter: detected.delimiter,
        sheet: sheet ?? null,
        sheets,
        headers,
        rows,
        suggested,
      };
    } catch (error) {
      if (error instanceof SourceFileError) throw fileProblem(importErrorCode(error), error.message);
      throw error;
    }
  }
}

function toImport(row: ImportRow, reasons: Import['reasons']): Import {
  const counts = row.counts;
  return {
    id: row.id,
    fileName: row.file_name,
    fileSize: row.file_size === null ? null : Number(row.file_size),
    format: row.format,
    encoding: row.encoding,
    sheet: row.sheet,
    source: row.source,
    status: row.status,
    cancelRequested: row.cancel_requested,
    mapping: row.mapping,
    progress:
      row.progress && typeof row.progress.rowsRead === 'number'
        ? { rowsRead: row.progress.rowsRead, bytesRead: row.progress.bytesRead ?? null, bytesTotal: row.progress.bytesTotal ?? null }
        : null,
    counts:
      counts && typeof counts.inserted === 'number'
        ? {
            inserted: counts.inserted,
            updated: counts.updated ?? 0,
            unchanged: counts.unchanged ?? 0,
            skipped: counts.skipped ?? 0,
            rejected: counts.rejected ?? 0,
            companiesInserted: counts.companiesInserted ?? 0,
            companiesMatched: counts.companiesMatched ?? 0,
          }
        : null,
    reasons,
    errorCode: row.error_code,
    error: row.error,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

async function fileExists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function fileProblem(code: ErrorCode, message: string): AppException {
  return new AppException(HttpStatus.UNPROCESSABLE_ENTITY, code, message);
}

function fileTooLarge(): AppException {
  return new AppException(HttpStatus.PAYLOAD_TOO_LARGE, 'imports.file_too_large', `Files up to ${MAX_IMPORT_FILE_BYTES / 1024 ** 3} GiB can be imported`);
}

function badState(status: Import['status']): AppException {
  return new AppException(HttpStatus.CONFLICT, 'imports.bad_state', `The import is ${status}`);
}

function detectFailure(failure: DetectFailure): AppException {
  return fileProblem(importErrorCode(new SourceFileError(failure.error, failure.detail, failure.kind)), failure.detail);
}

