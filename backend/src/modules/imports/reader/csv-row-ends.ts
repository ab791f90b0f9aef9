/**
 * Where CSV rows end, found without parsing them: the part of CsvParser's state machine that decides
 * whether a line break ends a row (quotes opening a field, doubled quotes, text after a closing quote),
 * byte for byte the same, for files where no multi-byte character can hold the delimiter's byte. The
 * file can then be cut into pieces of whole rows that other threads parse, each starting at a row start.
 */

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const S_FIELD = 0;
const S_UNQUOTED = 1;
const S_QUOTED = 2;
/** A quote inside a quoted field was the last byte scanned: closing or doubled? */
const S_QUOTE = 3;

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const GB18030_BOM = [0x84, 0x31, 0x95, 0x33];

export interface CsvRowEndsOptions {
  encoding: 'utf-8' | 'gb18030';
  delimiter: string;
}

export class CsvRowEnds {
  /** Bytes scanned so far. */
  offset = 0;
  /** Offset just past the last complete row end (its line break included), or 0. */
  lastEnd = 0;

  private state = S_FIELD;
  private readonly delim: number;
  /** A row ended with a CR as the last byte scanned: an LF next belongs to it. */
  private pendingCR = false;
  /** The byte-order mark to skip at the start of the file, until the first bytes are scanned. */
  private bom: number[] | null;

  constructor(options: CsvRowEndsOptions) {
    this.delim = options.delimiter.charCodeAt(0);
    // GB18030 trail bytes include 0x40-0x7e: such a delimiter needs the parser's lead-byte tracking,
    // which this scanner does not do (readRowPieces reads those files on one thread).
    if (options.encoding === 'gb18030' && this.delim >= 0x40) throw new Error('CsvRowEnds cannot scan GB18030 with a delimiter at or above 0x40');
    this.bom = options.encoding === 'utf-8' ? UTF8_BOM : GB18030_BOM;
  }

  /** Scans the next bytes of the file; `lastEnd` moves to the last row end found so far. */
  scan(buf: Buffer): void {
    const n = buf.length;
    const base = this.offset;
    let i = 0;
    if (this.bom !== null) {
      // The parser drops a leading byte-order mark before it looks at quotes (a first chunk shorter
      // than the mark is not worth telling apart: files are read in large chunks).
      const bom = this.bom;
      this.bom = null;
      if (n >= bom.length && bom.every((byte, k) => buf[k] === byte)) i = bom.length;
    }
    if (this.pendingCR && i < n) {
      this.pendingCR = false;
      if (buf[i] === LF) i++;
      this.lastEnd = base + i;
    }
    const delim = this.delim;
    let state = this.state;
    while (i < n) {
      if (state === S_FIELD) {
        if (buf[i] === QUOTE) {
          state = S_QUOTED;
          i++;
          continue;
        }
        state = S_UNQUOTED;
      }
      if (state === S_UNQUOTED) {
        let j = i;
        while (j < n) {
          const b = buf[j];
          if (b === delim || b === LF || b === CR) break;
          j++;
        }
        if (j >= n) {
          i = n;
          break;
        }
        i = buf[j] === delim ? j + 1 : this.rowEnd(buf, j, base);
        state = S_FIELD;
        continue;
      }
      if (state === S_QUOTED) {
        let j = buf.indexOf(QUOTE, i);
        if (j < 0) {
          i = n;
          break;
        }
        if (j + 1 >= n) {
          state = S_QUOTE;
          i = n;
          break;
        }
        const c = buf[j + 1];
        if (c === QUOTE) {
          i = j + 2;
          continue;
        }
        j++;
        if (c === delim) {
          state = S_FIELD;
          i = j + 1;
        } else if (c === LF || c === CR) {
          state = S_FIELD;
          i = this.rowEnd(buf, j, base);
        } else {
          // `"abc"def`: the rest of the field is unquoted.
          state = S_UNQUOTED;
          i = j;
        }
        continue;
      }
      // S_QUOTE: the last scan ended with a quote inside a quoted field.
      const c = buf[i];
      if (c === QUOTE) {
        state = S_QUOTED;
        i++;
      } else if (c === delim) {
        state = S_FIELD;
        i++;
      } else if (c === LF || c === CR) {
        state = S_FIELD;
        i = this.rowEnd(buf, i, base);
      } else {
        state = S_UNQUOTED;
      }
    }
    this.state = state;
    this.offset += n;
  }

  /** A row ends at the line break at `j`; returns the index after it. */
  private rowEnd(buf: Buffer, j: number, base: number): number {
    if (buf[j] === CR) {
      if (j + 1 >= buf.length) {
        // An LF may follow in the next bytes: the row end is known then.
        this.pendingCR = true;
        return j + 1;
      }
      if (buf[j + 1] === LF) j++;
    }
    this.lastEnd = base + j + 1;
    return j + 1;
  }
}

/** Line breaks in `buf` as the parser counts them: CR LF once, a lone CR or LF once each. */
export function countLines(buf: Buffer): number {
  let lines = 0;
  for (let at = buf.indexOf(LF); at >= 0; at = buf.indexOf(LF, at + 1)) lines++;
  for (let at = buf.indexOf(CR); at >= 0; at = buf.indexOf(CR, at + 1)) if (buf[at + 1] !== LF) lines++;
  return lines;
}
