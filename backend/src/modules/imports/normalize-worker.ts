/**
 * The worker thread of copyRows: normalizes the reader's batches into COPY text while the calling
 * thread reads and parses the next ones. Replies in the order batches arrive; the encoded bytes are
 * transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SourceItem } from 'modules/imports/reader';
import { encodeBatch } from './import-staging';
import type { ColumnMapping } from './normalize-row';

const { mapping } = workerData as { mapping: ColumnMapping };
parentPort?.on('message', (batch: SourceItem[]) => {
  const { bytes, staged, rejected } = encodeBatch(batch, mapping);
  // A copy of its own: the batch's buffer may be a slice of a larger one, which must not be transferred away.
  const own = new Uint8Array(bytes);
  parentPort?.postMessage({ bytes: own, staged, rejected }, [own.buffer]);
});
