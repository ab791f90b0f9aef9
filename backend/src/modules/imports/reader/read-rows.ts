import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvParser, type CsvParserOptions } from 'modules/imports/reader/csv-reader';
import { countLines, CsvRowEnds } from 'modules/imports/reader/csv-row-ends';
import { DetectFailure, detectSourceSync, ENCODING_UNKNOWN, sniffDelimiter, sniffEncoding } from 'modules/imports/reader/detect';
import {
  DEFAULT_MAX_CELL_BYTES,
  DEFAULT_MAX_COLUMNS,
  DEFAULT_MAX_ROW_BYTES,
  DEFAULT_MAX_SHARED_STRING_BYTES,
  DEFAULT_MAX_SHARED_STRINGS,
  HEAD_BYTES,
  isRowProblem,
  ReadOptions,
  SourceFileError,
  SourceFormat,
  SourceItem,
  TextEncoding,
} from 'modules/imports/reader/types';
import { readXlsxBatches, XlsxReadOptions } from 'modules/imports/reader/xlsx-reader';

type Input = NodeJS.ReadableStream | AsyncIterable<Buffer | Uint8Array | string>;

interface Resolved {
  format: SourceFormat;
  encoding: TextEncoding;
  delimiter: string;
  /** Guessed from a head with no byte >= 0x80: the parser looks again later. */
  encodingUnsure?: boolean;
}

/**
 * The rows of a CSV or XLSX file, streamed: the first SourceRow is the header; rows that cannot be
 * read come as RowProblems with their line; blank rows are skipped. Whatever options are missing
 * (format, encoding, delimiter) are detected from the first 64 KiB. A problem with the whole file
 * (unsupported type, unknown encoding, no rows at all, a broken workbook) throws SourceFileError;
 * an aborted signal throws its reason.
 */
export async function* readRows(input: Input, options: ReadOptions = {}): AsyncGenerator<SourceItem> {
  for await (const batch of readRowBatches(input, options)) {
    for (let k = 0; k < batch.length; k++) yield batch[k];
  }
}

/** readRows in the batches it parses them in (one per input chunk): cheaper for bulk loading. */
export async function* readRowBatches(input: Input, options: ReadOptions = {}): AsyncGenerator<SourceItem[]> {
  yield* readPieces(input, { ...options, segmentBytes: undefined }) as AsyncGenerator<SourceItem[]>;
}

/**
 * Whole rows of a CSV file, unparsed, from `line` on: parseCsvSegment turns them into the rows
 * readRows would have given, on any thread.
 */
export interface CsvSegment {
  bytes: Buffer;
  line: number;
  parser: CsvParserOptions;
}

export type SourcePiece = ReadonlyArray<SourceItem> | CsvSegment;

export function isCsvSegment(piece: SourcePiece): piece is CsvSegment {
  return 'bytes' in piece;
}

export function parseCsvSegment(segment: CsvSegment): SourceItem[] {
  const parser = new CsvParser({ ...segment.parser, continueAtLine: segment.line });
  const out: SourceItem[] = [];
  parser.push(segment.bytes, out);
  parser.end(out);
  return out;
}

/**
 * readRowBatches, but with `segmentBytes` a CSV file's rows after the first one come as CsvSegments
 * (an XLSX file, or Excel's UTF-16 text, still comes in batches).
 */
export async function* readRowPieces(input: Input, options: ReadOptions = {}): AsyncGenerator<SourcePiece> {
  yield* readPieces(input, options);
}

async function* readPieces(input: Input, options: ReadOptions): AsyncGenerator<SourcePiece> {
  const signal = options.signal;
  signal?.throwIfAborted();
  const chunks = abortable(toBuffers(input), signal, input);
  try {
    const needsHead = options.format !== 'xlsx' && !(options.format === 'csv' && options.encoding && options.delimiter);
    const head: Buffer[] = [];
    let headLength = 0;
    let ended = false;
    while (needsHead && headLength < HEAD_BYTES) {
      const next = await chunks.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      headLength += next.value.length;
    }
    const source = replay(head, chunks, ended);
    const headBytes = Buffer.concat(head);
    const resolved = resolve(headBytes, options);
    if (resolved.format === 'csv' && !options.encoding && !ended && isAscii(headBytes)) resolved.encodingUnsure = true;

    let emitted = 0;
    if (resolved.format === 'xlsx') {
      const dir = await mkdtemp(join(tmpdir(), 'fulcrum-xlsx-'));
      try {
        const path = join(dir, 'source.xlsx');
        await spool(source, path);
        for await (const batch of readXlsxBatches(path, xlsxOptions(options))) {
          emitted += batch.length;
          yield batch;
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    } else if (options.segmentBytes && resolved.encoding !== 'utf-16le' && !leadAware(resolved.encoding, resolved.delimiter)) {
      for await (const piece of readCsvPieces(source, resolved, options, options.segmentBytes)) {
        emitted += isCsvSegment(piece) ? 1 : piece.length;
        yield piece;
      }
    } else {
      for await (const batch of readCsvBatches(source, resolved, options)) {
        emitted += batch.length;
        yield batch;
      }
    }
    if (emitted === 0) throw new SourceFileError('file.empty', 'The file holds no rows.');
  } finally {
    await chunks.return(undefined);
  }
}

/**
 * readRows over a file on disk: an XLSX is read in place instead of being copied to a temporary
 * file first.
 */
export async function* readRowsFromFile(path: string, options: ReadOptions = {}): AsyncGenerator<SourceItem> {
  for await (const batch of readRowBatchesFromFile(path, options)) {
    for (let k = 0; k < batch.length; k++) yield batch[k];
  }
}

export async function* readRowBatchesFromFile(path: string, options: ReadOptions = {}): AsyncGenerator<SourceItem[]> {
  options.signal?.throwIfAborted();
  const xlsx = options.format ? options.format === 'xlsx' : await isXlsxFile(path, options.fileName ?? path);
  if (!xlsx) {
    yield* readRowBatches(createReadStream(path, { highWaterMark: 256 * 1024 }), options);
    return;
  }
  let emitted = 0;
  for await (const batch of readXlsxBatches(path, xlsxOptions(options))) {
    emitted += batch.length;
    yield batch;
  }
  if (emitted === 0) throw new SourceFileError('file.empty', 'The file holds no rows.');
}

async function isXlsxFile(path: string, fileName: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const detected = detectSourceSync(head.subarray(0, bytesRead), fileName);
    return !('error' in detected) && detected.format === 'xlsx';
  } finally {
    await handle.close();
  }
}

function resolve(head: Buffer, options: ReadOptions): Resolved {
  if (options.format === 'xlsx') return { format: 'xlsx', encoding: 'utf-8', delimiter: ',' };
  if (options.format === 'csv') {
    const detected = detectSourceSync(head, options.fileName);
    if (!('error' in detected) && detected.format === 'csv') {
      return {
        format: 'csv',
        encoding: options.encoding ?? detected.encoding ?? 'utf-8',
        delimiter: options.delimiter ?? detected.delimiter ?? ',',
      };
    }
    // Told it is CSV although it does not look like it: read it as text anyway.
    const encoding = options.encoding ?? (head.length ? sniffEncoding(head) : 'utf-8');
    if (!encoding) throw fileError(ENCODING_UNKNOWN);
    return { format: 'csv', encoding, delimiter: options.delimiter ?? sniffDelimiter(head, encoding === 'gb18030') };
  }
  const detected = detectSourceSync(head, options.fileName);
  if ('error' in detected) {
    // The caller knows the encoding better than the bytes do.
    if (detected.error === 'file.encoding_unknown' && options.encoding) {
      const delimiter = options.delimiter ?? sniffDelimiter(head, options.encoding === 'gb18030');
      return { format: 'csv', encoding: options.encoding, delimiter };
    }
    throw fileError(detected);
  }
  return {
    format: detected.format,
    encoding: options.encoding ?? detected.encoding ?? 'utf-8',
    delimiter: options.delimiter ?? detected.delimiter ?? ',',
  };
}

function isAscii(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

function fileError(failure: DetectFailure): SourceFileError {
  return new SourceFileError(failure.error, failure.detail, failure.kind);
}

function csvParserOptions(resolved: Resolved, options: ReadOptions): CsvParserOptions {
  return {
    encoding: resolved.encoding === 'gb18030' ? 'gb18030' : 'utf-8',
    encodingUnsure: resolved.encodingUnsure,
    delimiter: resolved.delimiter,
    maxCellBytes: options.maxCellBytes ?? DEFAULT_MAX_CELL_BYTES,
    maxColumns: options.maxColumns ?? DEFAULT_MAX_COLUMNS,
    maxRowBytes: options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES,
  };
}

/**
 * GB18030 with a delimiter at or above 0x40 ('|'): a trail byte can look like the delimiter and a stray
 * lead byte can swallow a line break, which the parser tracks byte by byte. Such a file is read on one
 * thread (segments are cut and their lines counted without that tracking).
 */
function leadAware(encoding: TextEncoding | 'utf-8' | 'gb18030', delimiter: string): boolean {
  return encoding === 'gb18030' && delimiter.charCodeAt(0) >= 0x40;
}

function hasHighByte(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

/**
 * A CSV file's first rows parsed here, then the rest cut at row ends (CsvRowEnds) into segments of
 * about `segmentBytes`. Bytes are held until a row ends: after a stretch longer than a row may be
 * (a quote never closed, a giant row) with no row end, the rest of the file is parsed here, from
 * the stretch's start, as readCsvBatches would.
 *
 * A file whose first 64 KiB are ASCII has its encoding guessed again at its first byte >= 0x80 (see
 * CsvParser's encodingUnsure): until then, segments holding only ASCII go out as they are (they read
 * the same in either encoding), and the first one with such a byte is parsed here, deciding the
 * encoding for every segment after it. If that makes the file GB18030 with a lead-aware delimiter,
 * the rest is parsed here too.
 */
async function* readCsvPieces(source: AsyncIterable<Buffer>, resolved: Resolved, options: ReadOptions, segmentBytes: number): AsyncGenerator<SourcePiece> {
  const parserOptions = csvParserOptions(resolved, options);
  const ends = new CsvRowEnds({ encoding: parserOptions.encoding, delimiter: parserOptions.delimiter });
  const maxPending = Math.max(parserOptions.maxRowBytes, parserOptions.maxCellBytes) + segmentBytes;
  /** Parses the file up to its first row (byte-order mark, delimiter hint line, encoding guess). */
  const head = new CsvParser(parserOptions);
  let sawRow = false;
  /** The encoding of the segments, once the head is read. */
  let encoding = parserOptions.encoding;
  let encodingUnsure = parserOptions.encodingUnsure ?? false;
  /** Parses everything after a stretch with no row end (or after a late switch to GB18030). */
  let rest: CsvParser | null = null;
  let pending: Buffer[] = [];
  let pendingLength = 0;
  /** File offset and line of pending's first byte. */
  let start = 0;
  let line = 1;
  const here = (): CsvParser => new CsvParser({ ...parserOptions, encoding, encodingUnsure, continueAtLine: line });
  const takeRest = function* (parser: CsvParser): Generator<SourceItem[]> {
    rest = parser;
    const out: SourceItem[] = [];
    for (const bytes of pending) parser.push(bytes, out);
    pending = [];
    pendingLength = 0;
    if (out.length) yield out;
  };
  for await (const chunk of source) {
    if (rest !== null) {
      const out: SourceItem[] = [];
      (rest as CsvParser).push(chunk, out);
      if (out.length) yield out;
      continue;
    }
    ends.scan(chunk);
    pending.push(chunk);
    pendingLength += chunk.length;
    const cut = ends.lastEnd - start;
    if (cut > 0 && (cut >= segmentBytes || !sawRow)) {
      const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingLength);
      // A segment's bytes of its own: it is handed to another thread whole.
      const piece = sawRow ? Buffer.from(bytes.subarray(0, cut)) : bytes.subarray(0, cut);
      pending = cut < pendingLength ? [bytes.subarray(cut)] : [];
      pendingLength -= cut;
      start += cut;
      if (!sawRow) {
        const out: SourceItem[] = [];
        head.push(piece, out);
        sawRow = out.some((item) => !isRowProblem(item));
        encoding = head.encoding;
        encodingUnsure = head.encodingUnsure;
        if (out.length) yield out;
      } else if (encodingUnsure && hasHighByte(piece)) {
        const parser = here();
        const out: SourceItem[] = [];
        parser.push(piece, out);
        encoding = parser.encoding;
        encodingUnsure = parser.encodingUnsure;
        if (out.length) yield out;
        line += countLines(piece);
        if (leadAware(encoding, parserOptions.delimiter)) yield* takeRest(parser);
        continue;
      } else {
        // Lines counted first: the consumer may hand the bytes over to another thread.
        const at = line;
        line += countLines(piece);
        yield { bytes: piece, line: at, parser: { ...parserOptions, encoding: encodingUnsure ? 'utf-8' : encoding, encodingUnsure: false } };
        continue;
      }
      line += countLines(piece);
    } else if (pendingLength > maxPending) {
      yield* takeRest(sawRow ? here() : head);
    }
  }
  // The last rows (the last may have no line break after it).
  if (rest === null && sawRow && !encodingUnsure) {
    if (pendingLength > 0) yield { bytes: Buffer.concat(pending, pendingLength), line, parser: { ...parserOptions, encoding, encodingUnsure: false } };
    return;
  }
  const last: CsvParser = rest ?? (sawRow ? here() : head);
  const out: SourceItem[] = [];
  for (const bytes of pending) last.push(bytes, out);
  last.end(out);
  if (out.length) yield out;
}

async function* readCsvBatches(
  source: AsyncIterable<Buffer>,
  resolved: Resolved,
  options: ReadOptions,
): AsyncGenerator<SourceItem[]> {
  const parser = new CsvParser(csvParserOptions(resolved, options));
  const bytes = resolved.encoding === 'utf-16le' ? utf16ToUtf8(source) : source;
  let out: SourceItem[] = [];
  for await (const chunk of bytes) {
    parser.push(chunk, out);
    if (out.length) {
      yield out;
      out = [];
    }
  }
  parser.end(out);
  if (out.length) yield out;
}

function xlsxOptions(options: ReadOptions): XlsxReadOptions {
  return {
    sheet: options.sheet,
    maxCellBytes: options.maxCellBytes ?? DEFAULT_MAX_CELL_BYTES,
    maxColumns: options.maxColumns ?? DEFAULT_MAX_COLUMNS,
    maxRowBytes: options.maxRowBytes ?? DEFAULT_MAX_ROW_BYTES,
    maxSharedStrings: options.maxSharedStrings ?? DEFAULT_MAX_SHARED_STRINGS,
    maxSharedStringBytes: options.maxSharedStringBytes ?? DEFAULT_MAX_SHARED_STRING_BYTES,
    signal: options.signal,
  };
}

/** Excel's "Unicode Text" is UTF-16LE; the parser reads UTF-8, so it is transcoded on the way. */
async function* utf16ToUtf8(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder('utf-16le');
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest) yield Buffer.from(rest, 'utf8');
}

async function spool(source: AsyncIterable<Buffer>, path: string): Promise<void> {
  const file = await open(path, 'w');
  try {
    for await (const chunk of source) await file.write(chunk);
  } finally {
    await file.close();
  }
}

async function* toBuffers(input: Input): AsyncGenerator<Buffer> {
  for await (const chunk of input as AsyncIterable<Buffer | Uint8Array | string>) {
    if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
    else if (Buffer.isBuffer(chunk)) yield chunk;
    else yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

async function* replay(head: Buffer[], rest: AsyncGenerator<Buffer>, ended: boolean): AsyncGenerator<Buffer> {
  for (const chunk of head) yield chunk;
  if (ended) return;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/**
 * Chunks of `source` that stop as soon as `signal` aborts, even while waiting for a stalled
 * input; the input stream is destroyed then.
 */
async function* abortable(source: AsyncGenerator<Buffer>, signal: AbortSignal | undefined, input: Input): AsyncGenerator<Buffer> {
  let finished = false;
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const next = signal ? await Promise.race([source.next(), aborted]) : await source.next();
      if (next.done) {
        finished = true;
        return;
      }
      yield next.value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) {
      const stream = input as { destroy?: () => void };
      if (typeof stream.destroy === 'function') stream.destroy();
      void source.return(undefined).catch(() => undefined);
    }
  }
}
