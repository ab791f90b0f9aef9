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
const encoder = new TextEncoder();

parentPort?.on('message', (batch: SourceItem[]) => {
  const { text, staged, rejected } = encodeBatch(batch, mapping);
  const bytes = encoder.encode(text);
  parentPort?.postMessage({ bytes, staged, rejected }, [bytes.buffer]);
});
