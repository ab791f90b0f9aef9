import { posix } from 'node:path';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import * as yauzl from 'yauzl';
import {
  DateKind,
  excelSerialToIso,
  formatNumber,
  isoDateCell,
  numberFormatKind,
  unescapeOoxml,
} from 'modules/imports/reader/cell-values';
import { RowProblemReason, SourceFileError, SourceItem } from 'modules/imports/reader/types';
import { XmlError, XmlHandler, XmlScanner, XmlTag } from 'modules/imports/reader/xml-scanner';

export interface XlsxReadOptions {
  sheet?: string;
  maxCellBytes: number;
  maxColumns: number;
  maxRowBytes: number;
  maxSharedStrings: number;
  maxSharedStringBytes: number;
  signal?: AbortSignal;
}

/** Parts read whole (workbook, relationships, styles) are small; a bigger one is not a workbook. */
const MAX_SMALL_PART = 64 * 1024 * 1024;
const MAX_ENTRIES = 100_000;
const INFLATE_CHUNK = 256 * 1024;

/**
 * Streams the rows of one worksheet of the XLSX file at `path`, in batches. The zip is read from
 * its central directory (so the sheet may come before the shared strings in the file), the sheet
 * itself is inflated and tokenized as it is read; only the shared strings table is held in memory.
 */
export async function* readXlsxBatches(path: string, options: XlsxReadOptions): AsyncGenerator<SourceItem[]> {
  const zip = await openZip(path);
  try {
    const book = await openWorkbook(zip);
    const sheet = chooseSheet(book.sheets, book.rels, options.sheet);
    const stylesTarget = book.target('/styles');
    const dateKinds = parseStyles(stylesTarget ? await book.part.small(stylesTarget) : null);
    const sharedTarget = book.target('/sharedStrings');
    const shared = new SharedStrings(options.maxSharedStrings, options.maxSharedStringBytes, options.maxCellBytes);
    if (sharedTarget && book.part.has(sharedTarget)) {
      const handler = new SharedStringsHandler(shared);
      const scanner = new XmlScanner(handler);
      handler.scanner = scanner;
      for await (const chunk of book.part.stream(sharedTarget, options.signal)) scanner.write(chunk);
      scanner.end();
    }

    const handler = new SheetHandler(shared, dateKinds, book.date1904, options);
    const scanner = new XmlScanner(handler);
    handler.scanner = scanner;
    for await (const chunk of book.part.stream(sheet, options.signal)) {
      scanner.write(chunk);
      if (handler.out.length) {
        yield handler.out;
        handler.out = [];
      }
    }
    scanner.end();
    if (handler.out.length) yield handler.out;
  } catch (error) {
    if (error instanceof XmlError) throw corrupt(error.message);
    throw error;
  } finally {
    zip.close();
  }
}

/** The worksheets of the XLSX file at `path`, in workbook order (for letting the user pick one). */
export async function readXlsxSheets(path: string): Promise<{ name: string; hidden: boolean }[]> {
  const zip = await openZip(path);
  try {
    const book = await openWorkbook(zip);
    return book.sheets
      .filter((sheet) => book.rels.get(sheet.relId)?.type.endsWith('/worksheet'))
      .map(({ name, hidden }) => ({ name, hidden }));
  } catch (error) {
    if (error instanceof XmlError) throw corrupt(error.message);
    throw error;
  } finally {
    zip.close();
  }
}

async function openWorkbook(zip: yauzl.ZipFile) {
  const part = new PartReader(zip, await listEntries(zip));
  const path = officeDocumentPath(await part.small('_rels/.rels')) ?? 'xl/workbook.xml';
  const { sheets, date1904 } = parseWorkbook(await part.required(path));
  const rels = parseRelationships(await part.small(relsPathOf(path)), path);
  const target = (typeSuffix: string): string | undefined => [...rels.values()].find((rel) => rel.type.endsWith(typeSuffix))?.target;
  return { part, sheets, date1904, rels, target };
}

function corrupt(detail: string): SourceFileError {
  return new SourceFileError('xlsx.corrupt', `The workbook could not be read (${detail}). Open it in Excel, save it again and retry.`);
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, zip) => {
      if (error || !zip) reject(corrupt(error?.message ?? 'not a zip file'));
      else resolve(zip);
    });
  });
}

function listEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      // Names are case-insensitive in OPC; some writers use backslashes.
      entries.set(entry.fileName.replace(/\\/g, '/').toLowerCase(), entry);
      if (entries.size > MAX_ENTRIES) reject(corrupt('too many entries'));
      else zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(corrupt(error.message)));
    zip.readEntry();
  });
}

class PartReader {
  constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  has(path: string): boolean {
    return this.entries.has(path.toLowerCase());
  }

  async required(path: string): Promise<Buffer> {
    const xml = await this.small(path);
    if (xml === null) throw corrupt(`${path} is missing`);
    return xml;
  }

  async small(path: string): Promise<Buffer | null> {
    if (!this.entries.has(path.toLowerCase())) return null;
    const chunks: Buffer[] = [];
    let length = 0;
    for await (const chunk of this.stream(path)) {
      chunks.push(chunk);
      length += chunk.length;
      if (length > MAX_SMALL_PART) throw corrupt(`${path} is too large`);
    }
    return Buffer.concat(chunks);
  }

  async *stream(path: string, signal?: AbortSignal): AsyncGenerator<Buffer> {
    const entry = this.entries.get(path.toLowerCase());
    if (!entry) throw corrupt(`${path} is missing`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      throw corrupt(`${path} uses compression method ${entry.compressionMethod}`);
    }
    const raw = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, entry.compressionMethod === 8 ? { decompress: false } : {}, (error, readable) => {
        if (error || !readable) reject(corrupt(error?.message ?? `${path} cannot be read`));
        else resolve(readable);
      }),
    );
    // Inflated here rather than by yauzl: bigger chunks cost far less per byte.
    const stream = entry.compressionMethod === 8 ? raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) : raw;
    raw.on('error', (error) => stream.destroy(error));
    try {
      for await (const chunk of stream) {
        signal?.throwIfAborted();
        yield chunk as Buffer;
      }
    } catch (error) {
      if (!signal?.aborted && error instanceof Error && !(error instanceof SourceFileError)) {
        throw corrupt(error.message);
      }
      throw error;
    } finally {
      stream.destroy();
      raw.destroy();
    }
  }
}

interface Relationship {
  type: string;
  /** Path of the target inside the package, lower-cased like the entry map. */
  target: string;
}

function relsPathOf(partPath: string): string {
  return posix.join(posix.dirname(partPath), '_rels', posix.basename(partPath) + '.rels');
}

function parseRelationships(xml: Buffer | null, sourcePath: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  if (!xml) return rels;
  collect(xml, (name, tag) => {
    if (name !== 'Relationship') return;
    const id = tag.get('Id');
    const type = tag.get('Type') ?? '';
    const target = tag.get('Target');
    if (!id || !target || tag.get('TargetMode') === 'External') return;
    const resolved = target.startsWith('/')
      ? target.slice(1)
      : posix.normalize(posix.join(posix.dirname(sourcePath), target));
    rels.set(id, { type, target: resolved.toLowerCase() });
  });
  return rels;
}

function officeDocumentPath(xml: Buffer | null): string | null {
  const rels = parseRelationships(xml, '');
  for (const rel of rels.values()) if (rel.type.endsWith('/officeDocument')) return rel.target;
  return null;
}

interface SheetEntry {
  name: string;
  relId: string;
  hidden: boolean;
}

function parseWorkbook(xml: Buffer): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  collect(xml, (name, tag) => {
    if (name === 'sheet') {
      const state = tag.get('state');
      sheets.push({
        name: tag.get('name') ?? '',
        relId: tag.get('id') ?? '',
        hidden: state === 'hidden' || state === 'veryHidden',
      });
    } else if (name === 'workbookPr') {
      const value = tag.get('date1904');
      date1904 = value === '1' || value === 'true';
    }
  });
  return { sheets, date1904 };
}

function chooseSheet(sheets: SheetEntry[], rels: Map<string, Relationship>, wanted: string | undefined): string {
  const worksheets = sheets.filter((sheet) => rels.get(sheet.relId)?.type.endsWith('/worksheet'));
  let chosen: SheetEntry | undefined;
  if (wanted !== undefined) {
    const key = wanted.trim().toLowerCase();
    chosen = worksheets.find((sheet) => sheet.name === wanted) ?? worksheets.find((sheet) => sheet.name.trim().toLowerCase() === key);
    if (!chosen) {
      const names = worksheets.map((sheet) => sheet.name).join(', ');
      throw new SourceFileError('xlsx.sheet_not_found', `There is no worksheet named "${wanted}" (worksheets: ${names}).`);
    }
  } else {
    chosen = worksheets.find((sheet) => !sheet.hidden) ?? worksheets[0];
    if (!chosen) throw new SourceFileError('xlsx.sheet_not_found', 'The workbook has no worksheet.');
  }
  return rels.get(chosen.relId)!.target;
}

/** Date kind of each cell style (`s` attribute), from the number format it uses. */
function parseStyles(xml: Buffer | null): (DateKind | null)[] {
  if (!xml) return [];
  const codes = new Map<number, string>();
  const formatIds: number[] = [];
  let inCellXfs = false;
  collect(
    xml,
    (name, tag) => {
      if (name === 'numFmt') {
        const id = Number(tag.get('numFmtId'));
        codes.set(id, tag.get('formatCode') ?? '');
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(tag.get('numFmtId') ?? 0));
    },
    (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
  );
  return formatIds.map((id) => numberFormatKind(id, codes.get(id)));
}

function collect(
  xml: Buffer,
  open: (name: string, tag: XmlTag) => void,
  close: (name: string) => void = () => undefined,
): void {
  const scanner = new XmlScanner({ open, close, text: () => undefined });
  scanner.write(xml);
  scanner.end();
}

/**
 * The shared strings table, packed: UTF-8 bytes in one buffer and one offset per string rather
 * than a JS string object each (a million-row workbook can hold millions). Capped in count and bytes.
 */
export class SharedStrings {
  count = 0;
  private bytes = Buffer.allocUnsafe(1024 * 1024);
  private used = 0;
  private offsets = new Uint32Array(64 * 1024);
  /** Strings longer than maxCellBytes are not kept: cells using them are rejected. */
  private readonly oversized = new Set<number>();

  constructor(
    private readonly maxCount: number,
    private readonly maxBytes: number,
    readonly maxCellBytes: number,
  ) {}

  expect(uniqueCount: number): void {
    if (uniqueCount > this.maxCount) throw this.tooMany();
  }

  add(text: string, oversized: boolean): void {
    if (this.count >= this.maxCount) throw this.tooMany();
    if (oversized) this.oversized.add(this.count);
    const length = oversized ? 0 : Buffer.byteLength(text);
    if (this.used + length > this.maxBytes) throw this.tooMany();
    if (this.used + length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.min(Math.max(this.bytes.length * 2, this.used + length), this.maxBytes));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count + 2 > this.offsets.length) {
      const grown = new Uint32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    if (length) this.bytes.write(text, this.used, 'utf8');
    this.used += length;
    this.count++;
    this.offsets[this.count] = this.used;
  }

  /** The string, '' for an index out of range, null when it was too large to keep. */
  get(index: number): string | null {
    if (!(index >= 0 && index < this.count)) return '';
    if (this.oversized.size && this.oversized.has(index)) return null;
    return this.bytes.toString('utf8', this.offsets[index], this.offsets[index + 1]);
  }

  private tooMany(): SourceFileError {
    return new SourceFileError(
      'xlsx.too_many_shared_strings',
      `The workbook holds more distinct texts than can be imported at once (at most ${this.maxCount}, ${this.maxBytes} bytes). Split it, or save it as CSV UTF-8.`,
    );
  }
}

class SharedStringsHandler implements XmlHandler {
  private inItem = false;
  private inPhonetic = false;
  private buffered = '';
  private oversized = false;

  scanner!: XmlScanner;

  constructor(private readonly table: SharedStrings) {}

  open(name: string, tag: XmlTag): void {
    if (name === 'si') {
      this.inItem = true;
      this.buffered = '';
      this.oversized = false;
    } else if (name === 't') {
      if (this.inItem && !this.inPhonetic) this.scanner.captureText = true;
    } else if (name === 'rPh') this.inPhonetic = true;
    else if (name === 'sst') {
      const unique = Number(tag.get('uniqueCount'));
      if (Number.isFinite(unique)) this.table.expect(unique);
    }
  }

  close(name: string): void {
    if (name === 't') this.scanner.captureText = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'si') {
      this.inItem = false;
      this.table.add(this.oversized ? '' : unescapeOoxml(this.buffered), this.oversized);
      this.buffered = '';
    }
  }

  text(value: string): void {
    if (this.oversized) return;
    if (this.buffered.length + value.length > this.table.maxCellBytes) {
      this.oversized = true;
      this.buffered = '';
    } else this.buffered += value;
  }
}

class SheetHandler implements XmlHandler {
  out: SourceItem[] = [];
  scanner!: XmlScanner;

  private rowNumber = 0;
  private cells: string[] = [];
  private rowBytes = 0;
  private reject: RowProblemReason | null = null;
  private rejectDetail = '';
  private column = 0;
  private type = 'n';
  private style = 0;
  private value = '';
  private tooLarge = false;
  private inInline = false;
  private inPhonetic = false;

  constructor(
    private readonly shared: SharedStrings,
    private readonly dateKinds: (DateKind | null)[],
    private readonly date1904: boolean,
    private readonly limits: XlsxReadOptions,
  ) {}

  open(name: string, tag: XmlTag): void {
    switch (name) {
      case 'c': {
        const column = this.readCellAttributes(tag);
        this.column = column > 0 ? column : this.column + 1;
        this.value = '';
        this.tooLarge = false;
        break;
      }
      case 'v':
        this.scanner.captureText = true;
        break;
      case 'is':
        this.inInline = true;
        break;
      case 't':
        if (this.inInline && !this.inPhonetic) this.scanner.captureText = true;
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
      case 'row': {
        const at = tag.find('r');
        const r = at < 0 ? 0 : decimalAt(tag.buf, at, tag.valueEnd);
        this.rowNumber = r > 0 ? r : this.rowNumber + 1;
        this.cells = [];
        this.rowBytes = 0;
        this.reject = null;
        this.column = 0;
        break;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 't':
        this.scanner.captureText = false;
        break;
      case 'c':
        this.finishCell();
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'row':
        this.finishRow();
        break;
    }
  }

  text(value: string): void {
    if (this.tooLarge) return;
    if (this.value.length + value.length > this.limits.maxCellBytes) {
      this.tooLarge = true;
      this.value = '';
    } else this.value += value;
  }

  /** `r`, `t` and `s` of a cell, read from the bytes: this runs for every cell of the sheet. */
  private readCellAttributes(tag: XmlTag): number {
    this.type = 'n';
    this.style = 0;
    let column = 0;
    const buf = tag.buf;
    const end = tag.end;
    let i = tag.start;
    while (i < end) {
      while (i < end && buf[i] <= 0x20) i++;
      const nameStart = i;
      while (i < end && buf[i] !== 0x3d && buf[i] > 0x20) i++;
      const nameLength = i - nameStart;
      while (i < end && buf[i] !== 0x22 && buf[i] !== 0x27) i++;
      if (i >= end) break;
      const quote = buf[i];
      const start = ++i;
      while (i < end && buf[i] !== quote) i++;
      if (nameLength === 1) {
        const name = buf[nameStart];
        if (name === 0x72 /* r */) column = columnAt(buf, start, i);
        else if (name === 0x73 /* s */) this.style = decimalAt(buf, start, i);
        else if (name === 0x74 /* t */) this.type = cellType(buf, start, i);
      }
      i++;
    }
    return column;
  }

  private finishCell(): void {
    if (this.reject) return;
    if (this.tooLarge) return this.rejectRow('cell.too_large', `Cell ${this.column} is larger than ${this.limits.maxCellBytes} bytes`);
    const text = this.cellText();
    if (text === null) return this.rejectRow('cell.too_large', `Cell ${this.column} is larger than ${this.limits.maxCellBytes} bytes`);
    if (text === '') return;
    if (this.column > this.limits.maxColumns) return this.rejectRow('row.too_many_columns', `More than ${this.limits.maxColumns} columns`);
    if (text.length * 3 > this.limits.maxCellBytes && Buffer.byteLength(text) > this.limits.maxCellBytes) {
      return this.rejectRow('cell.too_large', `Cell ${this.column} is larger than ${this.limits.maxCellBytes} bytes`);
    }
    this.rowBytes += text.length;
    if (this.rowBytes > this.limits.maxRowBytes) return this.rejectRow('row.too_large', `The row holds more than ${this.limits.maxRowBytes} bytes`);
    this.cells[this.column - 1] = text;
  }

  private cellText(): string | null {
    const value = this.value;
    switch (this.type) {
      case 's':
        return value === '' ? '' : this.shared.get(Number(value));
      case 'inlineStr':
      case 'str':
        return unescapeOoxml(value);
      case 'b':
        return value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
      case 'e':
        return value;
      case 'd':
        return isoDateCell(value);
      default: {
        if (value === '') return '';
        const kind = this.dateKinds[this.style];
        if (kind) {
          const iso = excelSerialToIso(Number(value), this.date1904, kind);
          if (iso !== null) return iso;
        }
        return formatNumber(value);
      }
    }
  }

  private rejectRow(reason: RowProblemReason, detail: string): void {
    this.reject = reason;
    this.rejectDetail = detail;
    this.cells = [];
  }

  private finishRow(): void {
    if (this.reject) {
      this.out.push({ line: this.rowNumber, reason: this.reject, detail: this.rejectDetail });
      this.reject = null;
      return;
    }
    const cells = this.cells;
    if (cells.length === 0) return;
    for (let k = 0; k < cells.length; k++) if (cells[k] === undefined) cells[k] = '';
    this.out.push({ line: this.rowNumber, cells });
    this.cells = [];
  }
}

/** A cell's `t`: the common types without making a string. */
function cellType(buf: Buffer, start: number, end: number): string {
  if (end - start === 1) {
    switch (buf[start]) {
      case 0x73:
        return 's';
      case 0x6e:
        return 'n';
      case 0x62:
        return 'b';
      case 0x65:
        return 'e';
      case 0x64:
        return 'd';
    }
  }
  return buf.toString('latin1', start, end);
}

/** Column number of a cell reference ('C7' -> 3), from bytes. */
function columnAt(buf: Buffer, start: number, end: number): number {
  let column = 0;
  for (let k = start; k < end; k++) {
    const c = buf[k] | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    column = column * 26 + (c - 0x60);
  }
  return column;
}

/** A non-negative decimal integer from bytes; 0 when there is none. */
function decimalAt(buf: Buffer, start: number, end: number): number {
  let value = 0;
  for (let k = start; k < end; k++) {
    const d = buf[k] - 0x30;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  return value;
}
