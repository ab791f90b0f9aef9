import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { ImportField, ImportProgress } from '@fulcrum/shared';
import { JobHandler } from 'queue/job-handler.decorator';
import type { JobPayloads } from 'queue/jobs';
import { RuntimeContext } from 'runtime-context';
import { readRowBatchesFromFile, readRowPieces, type SourcePiece } from 'modules/imports/reader';
import { runImport, withoutHeader } from './import-runs';
import { SEGMENT_BYTES } from './import-staging';

const TICK_MS = 500;

interface RunRow {
  status: string;
  cancel_requested: boolean;
  stored_file: string | null;
  file_name: string;
  format: 'csv' | 'xlsx' | null;
  sheet: string | null;
  mapping: Array<ImportField | null>;
  source: string;
  file_size: string | null;
}

/**
 * Runs one import on its own connection: reads the file (skipping the header row), stages and
 * merges it with runImport, writes progress twice a second and watches for a cancel request. A
 * worker that dies mid-import leaves the job stalled; BullMQ hands it to another worker, which
 * starts over from the file (staging is rebuilt, the merge had not committed).
 */
@Injectable()
export class ImportJob {
  private readonly logger = new Logger('Imports');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runtime: RuntimeContext,
  ) {}

  @JobHandler('import.run')
  async run(job: Job<JobPayloads['import.run']>): Promise<void> {
    const { importId } = job.data;
    const [row] = (await this.db.query(
      `SELECT status, cancel_requested, stored_file, file_name, format, sheet, mapping, source, file_size FROM imports WHERE id = $1`,
      [importId],
    )) as RunRow[];
    // Done, failed or cancelled already (a job retried after its import ended): nothing to do.
    if (!row || !['queued', 'staging', 'merging'].includes(row.status)) return;
    if (row.cancel_requested) {
      await this.db.query(`UPDATE imports SET status = 'cancelled', finished_at = now() WHERE id = $1`, [importId]);
      return;
    }
    const file = row.stored_file ? path.join(this.runtime.config.dataDir, 'imports', row.stored_file) : null;
    if (!file || !(await access(file).then(() => true, () => false))) {
      await this.db.query(
        `UPDATE imports SET status = 'failed', error_code = 'imports.file_missing', error = 'The uploaded file is no longer on the server', finished_at = now() WHERE id = $1`,
        [importId],
      );
      return;
    }

    const progress: ImportProgress = { rowsRead: 0, bytesRead: row.format === 'csv' ? 0 : null, bytesTotal: row.format === 'csv' ? Number(row.file_size) : null };
    const abort = new AbortController();
    let reading = true;
    const client = new Client({ connectionString: this.runtime.databaseUrl, application_name: `fulcrum import ${importId}` });
    await client.connect();
    try {
      const [{ pid }] = (await client.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`)).rows;
      const watch = this.watch(importId, progress, () => reading, abort, pid);
      try {
        const counts = await runImport(
          client,
          importId,
          this.pieces(file, row, progress, abort.signal),
          row.mapping,
          row.source,
          abort.signal,
          {
            onRows: (rows) => (progress.rowsRead += rows),
            onStaged: async () => {
              reading = false;
              // The final count, before the merge transaction starts (it locks the import row at its end).
              await this.db.query(`UPDATE imports SET progress = $2 WHERE id = $1`, [importId, progress]);
            },
          },
        );
        this.logger.log(`import ${importId} done: ${JSON.stringify(counts)}`);
      } catch (error) {
        if (abort.signal.aborted || (error as { code?: string }).code === '57014') {
          this.logger.log(`import ${importId} cancelled`);
          return;
        }
        this.logger.warn(`import ${importId} failed: ${(error as Error).message}`);
        // runImport recorded the failure on the import; the job itself is done (no blind retry).
        return;
      } finally {
        await watch.stop();
      }
      await this.db.query(`UPDATE imports SET progress = $2 WHERE id = $1`, [importId, progress]);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /**
   * The file's data rows: in batches, or (CSV) as segments of whole rows that copyRows hands to its
   * worker threads; the header row taken off, the bytes read counted as they pass (rows are counted
   * as copyRows stages them).
   */
  private pieces(file: string, row: RunRow, progress: ImportProgress, signal: AbortSignal): AsyncIterable<SourcePiece> {
    const options = { fileName: row.file_name, sheet: row.sheet ?? undefined, signal };
    let source: AsyncIterable<SourcePiece>;
    if (row.format === 'xlsx') {
      source = readRowBatchesFromFile(file, options);
    } else {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          progress.bytesRead = (progress.bytesRead ?? 0) + chunk.length;
          callback(null, chunk);
        },
      });
      source = readRowPieces(createReadStream(file, { highWaterMark: 256 * 1024 }).pipe(counter), { ...options, segmentBytes: SEGMENT_BYTES });
    }
    return withoutHeader(source);
  }

  /**
   * Twice a second: saves progress while the file is read, and reacts to a cancel request — the
   * reader is aborted, or the merge statement cancelled (its transaction rolls back). Progress is
   * not written while merging: the merge transaction locks the import row at its end.
   */
  private watch(importId: string, progress: ImportProgress, reading: () => boolean, abort: AbortController, pid: number) {
    let busy: Promise<void> = Promise.resolve();
    const tick = async () => {
      const list = reading()
        ? ((await this.db.query(
            `WITH u AS (UPDATE imports SET progress = $2 WHERE id = $1 RETURNING cancel_requested) SELECT cancel_requested FROM u`,
            [importId, progress],
          )) as Array<{ cancel_requested: boolean }>)
        : ((await this.db.query(`SELECT cancel_requested FROM imports WHERE id = $1`, [importId])) as Array<{ cancel_requested: boolean }>);
      if (!list[0]?.cancel_requested) return;
      if (!abort.signal.aborted) abort.abort(new Error('import cancelled'));
      // Only a statement inside the merge transaction (started after its BEGIN): never the
      // autocommit bookkeeping around it. Repeated each tick, so a cancel that lands between two
      // statements still stops the next one; the transaction rolls back whole.
      if (!reading()) {
        await this.db.query(
          `SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = $1 AND state = 'active' AND xact_start < query_start`,
          [pid],
        );
      }
    };
    const timer = setInterval(() => {
      busy = busy.then(tick).catch((error: Error) => this.logger.warn(`import ${importId} progress: ${error.message}`));
    }, TICK_MS);
    return {
      stop: async () => {
        clearInterval(timer);
        await busy;
      },
    };
  }
}
