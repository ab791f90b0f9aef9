import { asciiAt, CellDecoder, createCellDecoder } from 'modules/imports/reader/decode';
import { sniffEncoding } from 'modules/imports/reader/detect';
import { RowProblemReason, SourceItem } from 'modules/imports/reader/types';

export interface CsvParserOptions {
  encoding: 'utf-8' | 'gb18030';
  /**
   * The encoding was guessed from a head that was all ASCII: decide again from the first chunk
   * holding a byte >= 0x80 (a GBK file can start with 64 KiB of English).
   */
  encodingUnsure?: boolean;
  delimiter: string;
  maxCellBytes: number;
  maxColumns: number;
  maxRowBytes: number;
  /**
   * The parser starts inside the file, where a row starts (see CsvRowEnds), on this line: no
   * byte-order mark or delimiter hint line is looked for.
   */
  continueAtLine?: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

// Parser states between bytes (and so between chunks).
const S_FIELD = 0; // before the first byte of a field
const S_UNQUOTED = 1; // inside an unquoted field
const S_QUOTED = 2; // inside a quoted field
const S_QUOTE = 3; // a quote inside a quoted field was the last byte of a chunk: closing or doubled?

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const GB18030_BOM = Buffer.from([0x84, 0x31, 0x95, 0x33]);
const DOUBLED_QUOTE = Buffer.from('""');
const SEP_LINE = /^sep=.$/i;

/**
 * RFC 4180 CSV over bytes, push-style: feed chunks, collect rows. Lenient where Excel is lenient
 * (a quote inside an unquoted cell is literal; text after a closing quote is appended). Cells
 * become strings before their chunk is let go, so no chunk outlives its rows; a cell spanning
 * chunks is copied into one scratch buffer that never grows past maxCellBytes (past it the bytes
 * are only counted).
 */
export class CsvParser {
  /** Rows and problems pushed to `out` so far. */
  emitted = 0;
  /** The encoding cells are decoded in now, and whether it may still change (see encodingUnsure). */
  encoding: 'utf-8' | 'gb18030';

  private readonly delim: number;
  private readonly delimChar: string;
  /** GB18030 trail bytes include 0x40-0x7e: a delimiter in that range ('|') needs lead-byte tracking. */
  private leadAware: boolean;
  private decoder: CellDecoder;
  /** Public for readers that hand the rest of a file to other parsers (see readRowPieces). */
  encodingUnsure: boolean;
  private readonly bom: Buffer;
  private readonly maxCellBytes: number;
  private readonly maxColumns: number;
  private readonly maxRowBytes: number;

  private state = S_FIELD;
  private line = 1;
  private rowLine = 1;
  private cells: string[] = [];
  /** Fields of the row so far (cells holds at most maxColumns of them). */
  private column = 0;
  private rowBytes = 0;
  private reject: RowProblemReason | null = null;
  private rejectDetail = '';
  private sawRow = false;
  private head: Buffer | null = Buffer.alloc(0);
  /** A row ended with CR as the last byte of a chunk: an LF opening the next chunk belongs to it. */
  private pendingLF = false;
  /** Inside a quoted field, the previous byte was CR (so an LF does not start another line). */
  private quotedCR = false;
  /** A GB18030 lead byte ended the last chunk: the next byte is its trail, not a delimiter. */
  private skipTrail = false;

  // The current field.
  private high = false;
  private escaped = false;
  private inScratch = false;
  private scratch = Buffer.allocUnsafe(64 * 1024);
  private scratchLen = 0;
  private fieldBytes = 0;
  private dropped = false;
  /** ASCII cells of the row not yet decoded: [cell index, start, end, escaped] for each. */
  private readonly ascii: number[] = [];

  constructor(options: CsvParserOptions) {
    if (options.delimiter.length !== 1 || options.delimiter.charCodeAt(0) >= 0x80) {
      throw new Error(`CSV delimiter must be one ASCII character, got ${JSON.stringify(options.delimiter)}`);
    }
    this.delimChar = options.delimiter;
    this.delim = options.delimiter.charCodeAt(0);
    if ([QUOTE, LF, CR].includes(this.delim)) throw new Error('CSV delimiter cannot be a quote or a line break');
    this.leadAware = options.encoding === 'gb18030' && this.delim >= 0x40;
    this.encoding = options.encoding;
    this.decoder = createCellDecoder(options.encoding);
    this.encodingUnsure = options.encodingUnsure ?? false;
    this.bom = options.encoding === 'utf-8' ? UTF8_BOM : GB18030_BOM;
    this.maxCellBytes = options.maxCellBytes;
    this.maxColumns = options.maxColumns;
    this.maxRowBytes = Math.max(options.maxRowBytes, options.maxCellBytes);
    if (options.continueAtLine !== undefined) {
      this.head = null;
      this.sawRow = true;
      this.line = this.rowLine = options.continueAtLine;
    }
  }

  push(chunk: Buffer, out: SourceItem[]): void {
    let buf = chunk;
    if (this.head) {
      // The byte-order mark may be split over the first chunks: wait until it can be told apart.
      buf = this.head.length ? Buffer.concat([this.head, chunk]) : chunk;
      if (buf.length < this.bom.length && this.bom.subarray(0, buf.length).equals(buf)) {
        this.head = buf;
        return;
      }
      this.head = null;
      if (buf.subarray(0, this.bom.length).equals(this.bom)) buf = buf.subarray(this.bom.length);
    }
    if (this.encodingUnsure) this.decideEncoding(buf);
    this.parse(buf, out);
  }

  private decideEncoding(buf: Buffer): void {
    let at = 0;
    while (at < buf.length && buf[at] < 0x80) at++;
    if (at === buf.length) return;
    this.encodingUnsure = false;
    // The chunk may start inside a character: look from the first byte that cannot be a continuation.
    const from = Math.max(0, at - 3);
    if (sniffEncoding(buf.subarray(from)) === 'gb18030') {
      this.encoding = 'gb18030';
      this.decoder = createCellDecoder('gb18030');
      this.leadAware = this.delim >= 0x40;
    }
  }

  end(out: SourceItem[]): void {
    if (this.head?.length) {
      const rest = this.head;
      this.head = null;
      this.parse(rest, out);
    }
    const empty = Buffer.alloc(0);
    switch (this.state) {
      case S_FIELD:
        if (this.column > 0) {
          this.startField();
          this.finishField(empty, 0, 0);
          this.flushAscii(empty);
          this.endRow(out);
        }
        break;
      case S_UNQUOTED:
      case S_QUOTE:
        this.finishField(empty, 0, 0);
        this.flushAscii(empty);
        this.endRow(out);
        break;
      case S_QUOTED:
        out.push({
          line: this.rowLine,
          reason: 'csv.unterminated_quote',
          detail: `A quoted cell opened on line ${this.rowLine} is never closed, so lines ${this.rowLine}-${this.line} could not be read`,
        });
        this.emitted++;
        break;
    }
    this.state = S_FIELD;
    this.cells = [];
  }

  private parse(buf: Buffer, out: SourceItem[]): void {
    const n = buf.length;
    const delim = this.delim;
    let i = 0;
    if (this.pendingLF && n > 0) {
      this.pendingLF = false;
      if (buf[0] === LF) i = 1;
    }
    let state = this.state;
    while (i < n) {
      if (state === S_FIELD) {
        this.startField();
        if (buf[i] === QUOTE) {
          state = S_QUOTED;
          i++;
          continue;
        }
        state = S_UNQUOTED;
      }

      if (state === S_UNQUOTED) {
        let j = i;
        let high = false;
        if (this.leadAware) {
          if (this.skipTrail) j++;
          this.skipTrail = false;
          while (j < n) {
            const b = buf[j];
            if (b === delim || b === LF || b === CR) break;
            if (b >= 0x80) {
              high = true;
              j += 2;
            } else j++;
          }
          if (j > n) {
            this.skipTrail = true;
            j = n;
          }
        } else {
          while (j < n) {
            const b = buf[j];
            if (b === delim || b === LF || b === CR) break;
            if (b >= 0x80) high = true;
            j++;
          }
        }
        if (high) this.high = true;
        if (j >= n) {
          this.carry(buf, i, n);
          i = n;
          break;
        }
        this.finishField(buf, i, j);
        if (buf[j] === delim) {
          state = S_FIELD;
          i = j + 1;
        } else {
          i = this.lineEnd(buf, j, out);
          state = S_FIELD;
        }
        continue;
      }

      if (state === S_QUOTED) {
        let j = i;
        let high = false;
        let cr = this.quotedCR;
        let closed = false;
        while (j < n) {
          const b = buf[j];
          if (b === QUOTE) {
            if (j + 1 >= n) break;
            if (buf[j + 1] === QUOTE) {
              this.escaped = true;
              cr = false;
              j += 2;
              continue;
            }
            closed = true;
            break;
          }
          if (b >= 0x80) high = true;
          else if (b === LF) {
            if (!cr) this.line++;
          } else if (b === CR) this.line++;
          cr = b === CR;
          j++;
        }
        if (high) this.high = true;
        this.quotedCR = cr;
        if (!closed) {
          // Out of bytes, or a quote as the last byte whose meaning the next chunk tells.
          this.carry(buf, i, j);
          if (j < n) state = S_QUOTE;
          i = n;
          break;
        }
        this.quotedCR = false;
        const c = buf[j + 1];
        if (c === delim) {
          this.finishField(buf, i, j);
          state = S_FIELD;
          i = j + 2;
        } else if (c === LF || c === CR) {
          this.finishField(buf, i, j);
          i = this.lineEnd(buf, j + 1, out);
          state = S_FIELD;
        } else {
          // `"abc"def`: keep both parts, as Excel does.
          this.carry(buf, i, j);
          this.unescapeScratch();
          state = S_UNQUOTED;
          i = j + 1;
        }
        continue;
      }

      // S_QUOTE: the previous chunk ended with a quote inside a quoted field.
      const c = buf[i];
      if (c === QUOTE) {
        this.carry(DOUBLED_QUOTE, 0, 2);
        this.escaped = true;
        state = S_QUOTED;
        i++;
      } else if (c === delim) {
        this.finishField(buf, i, i);
        state = S_FIELD;
        i++;
      } else if (c === LF || c === CR) {
        this.finishField(buf, i, i);
        i = this.lineEnd(buf, i, out);
        state = S_FIELD;
      } else {
        this.unescapeScratch();
        state = S_UNQUOTED;
      }
    }
    this.state = state;
    // The row goes on in the next chunk: its cells from this one are needed as strings now.
    this.flushAscii(buf);
  }

  /** Ends the row at the CR or LF at `j`; returns the index after the line break. */
  private lineEnd(buf: Buffer, j: number, out: SourceItem[]): number {
    this.flushAscii(buf);
    this.endRow(out);
    this.line++;
    this.rowLine = this.line;
    if (buf[j] === CR) {
      if (j + 1 < buf.length) return buf[j + 1] === LF ? j + 2 : j + 1;
      this.pendingLF = true;
    }
    return j + 1;
  }

  private startField(): void {
    this.high = false;
    this.escaped = false;
    this.inScratch = false;
    this.scratchLen = 0;
    this.fieldBytes = 0;
    this.dropped = false;
  }

  /** Moves bytes of the current field into the scratch buffer (the chunk they are in goes away). */
  private carry(buf: Buffer, start: number, end: number): void {
    this.inScratch = true;
    const len = end - start;
    this.fieldBytes += len;
    if (this.dropped) return;
    if (this.fieldBytes > this.maxCellBytes) {
      this.dropped = true;
      this.scratchLen = 0;
      return;
    }
    const need = this.scratchLen + len;
    if (need > this.scratch.length) {
      const grown = Buffer.allocUnsafe(Math.min(Math.max(need, this.scratch.length * 2), this.maxCellBytes));
      this.scratch.copy(grown, 0, 0, this.scratchLen);
      this.scratch = grown;
    }
    buf.copy(this.scratch, this.scratchLen, start, end);
    this.scratchLen = need;
  }

  /** `"a""b"x`: the quoted part is done, so its doubled quotes are undone before plain bytes follow. */
  private unescapeScratch(): void {
    if (!this.escaped || this.dropped) return;
    const s = this.scratch;
    let w = 0;
    for (let r = 0; r < this.scratchLen; r++, w++) {
      s[w] = s[r];
      if (s[r] === QUOTE && s[r + 1] === QUOTE && r + 1 < this.scratchLen) r++;
    }
    this.fieldBytes -= this.scratchLen - w;
    this.scratchLen = w;
    this.escaped = false;
  }

  private finishField(buf: Buffer, start: number, end: number): void {
    let src = buf;
    let a = start;
    let b = end;
    let size = end - start;
    if (this.inScratch) {
      this.carry(buf, start, end);
      src = this.scratch;
      a = 0;
      b = this.scratchLen;
      size = this.fieldBytes;
    }
    const column = ++this.column;
    this.rowBytes += size;
    if (this.reject) return;
    if (this.dropped || size > this.maxCellBytes) {
      this.rejectRow('cell.too_large', `Cell ${column} holds ${size} bytes; at most ${this.maxCellBytes} are accepted`);
    } else if (column > this.maxColumns) {
      // Empty cells past the limit are tolerated: Excel writes them for formatted empty columns.
      if (size > 0) this.rejectRow('row.too_many_columns', `More than ${this.maxColumns} columns`);
    } else if (this.rowBytes > this.maxRowBytes) {
      this.rejectRow('row.too_large', `The row holds more than ${this.maxRowBytes} bytes`);
    } else if (!this.high && src === buf) {
      // ASCII in the current chunk: decoded with the rest of the row (see flushAscii).
      this.ascii.push(this.cells.length, a, b, this.escaped ? 1 : 0);
      this.cells.push('');
    } else {
      const text = this.decoder.decode(src, a, b, this.high);
      this.cells.push(this.escaped ? text.replaceAll('""', '"') : text);
    }
  }

  /**
   * Turns the row's pending ASCII cells into strings with one slice of the bytes they span and a
   * substring each: one call into Buffer per row instead of one per cell, which is most of the
   * cost of a short cell. Latin-1 maps bytes to characters one to one, so the offsets hold even
   * when non-ASCII cells lie in between.
   */
  private flushAscii(buf: Buffer): void {
    const pending = this.ascii;
    const n = pending.length;
    if (n === 0) return;
    const base = pending[1];
    const text = asciiAt(buf, base, pending[n - 2]);
    const cells = this.cells;
    for (let k = 0; k < n; k += 4) {
      const cell = text.substring(pending[k + 1] - base, pending[k + 2] - base);
      cells[pending[k]] = pending[k + 3] ? cell.replaceAll('""', '"') : cell;
    }
    pending.length = 0;
  }

  private rejectRow(reason: RowProblemReason, detail: string): void {
    this.reject = reason;
    this.rejectDetail = detail;
    this.ascii.length = 0;
    // Cells already read are not needed any more.
    this.cells = [];
  }

  private endRow(out: SourceItem[]): void {
    const cells = this.cells;
    const invalid = this.decoder.invalid;
    this.decoder.invalid = false;
    this.cells = [];
    this.column = 0;
    this.rowBytes = 0;
    if (this.reject) {
      out.push({ line: this.rowLine, reason: this.reject, detail: this.rejectDetail });
      this.emitted++;
      this.reject = null;
      this.sawRow = true;
      return;
    }
    let blank = true;
    for (let k = 0; k < cells.length; k++) {
      if (cells[k] !== '') {
        blank = false;
        break;
      }
    }
    if (blank) return;
    if (!this.sawRow) {
      this.sawRow = true;
      // Excel's hint line naming the delimiter: not a header.
      if (cells.length <= 2 && SEP_LINE.test(cells.join(this.delimChar))) return;
    }
    if (invalid) {
      out.push({
        line: this.rowLine,
        reason: 'encoding.invalid_bytes',
        detail: 'Bytes that are not valid in the file encoding were replaced by U+FFFD',
      });
      this.emitted++;
    }
    out.push({ line: this.rowLine, cells });
    this.emitted++;
  }
}
