/**
 * A worker thread of copyRows: parses, normalizes and encodes CSV segments (readRowPieces) into COPY
 * text while the calling thread reads and cuts the file. Replies in the order segments arrive; the
 * encoded bytes are transferred, not copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CsvSegment } from 'modules/imports/reader';
import { encodeSegment } from './import-staging';
import type { ColumnMapping } from './normalize-row';

const { mapping } = workerData as { mapping: ColumnMapping };

parentPort?.on('message', (segment: CsvSegment) => {
  // The bytes arrive as a Uint8Array: the parser reads them as a Buffer.
  const bytes = Buffer.from(segment.bytes.buffer, segment.bytes.byteOffset, segment.bytes.byteLength);
  const encoded = encodeSegment({ ...segment, bytes }, mapping);
  // A copy of its own: the encoded buffer may be a slice of a larger one, which must not be transferred away.
  const own = new Uint8Array(encoded.bytes);
  parentPort?.postMessage({ ...encoded, bytes: own }, [own.buffer]);
});
