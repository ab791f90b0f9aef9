import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

/**
 * Turns the bytes of one cell into text. `invalid` is set (and stays set until cleared by the
 * caller) when the bytes were not valid in the encoding; they become U+FFFD.
 */
export interface CellDecoder {
  invalid: boolean;
  /** `high`: whether the range holds a byte >= 0x80 (false lets plain ASCII skip decoding). */
  decode(buf: Buffer, start: number, end: number, high: boolean): string;
}

const REPLACEMENT = '\uFFFD';

/**
 * Buffer's own slicers: what toString calls after normalizing its arguments, which costs more
 * than the decoding itself for a short cell.
 */
interface FastSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

export function asciiAt(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as FastSlices).latin1Slice(start, end);
}

export function utf8At(buf: Buffer, start: number, end: number): string {
  return (buf as unknown as FastSlices).utf8Slice(start, end);
}
/** U+FFFD itself, encoded in GB18030: a cell holding it is not damaged. */
const GB_REPLACEMENT = Buffer.from([0x84, 0x31, 0xa4, 0x37]);

export function createCellDecoder(encoding: 'utf-8' | 'gb18030'): CellDecoder {
  return encoding === 'utf-8' ? new Utf8CellDecoder() : new Gb18030CellDecoder();
}

class Utf8CellDecoder implements CellDecoder {
  invalid = false;

  decode(buf: Buffer, start: number, end: number, high: boolean): string {
    if (!high) return asciiAt(buf, start, end);
    const text = utf8At(buf, start, end);
    if (text.includes(REPLACEMENT) && !isUtf8(buf.subarray(start, end))) this.invalid = true;
    return text;
  }
}

class Gb18030CellDecoder implements CellDecoder {
  invalid = false;
  // ICU's decoder is about four times faster than iconv-lite; Node built without ICU lacks it.
  private readonly native = nativeGb18030Decoder();

  decode(buf: Buffer, start: number, end: number, high: boolean): string {
    if (!high) return asciiAt(buf, start, end);
    const bytes = buf.subarray(start, end);
    const text = this.native ? this.native.decode(bytes) : iconv.decode(bytes, 'gb18030');
    if (text.includes(REPLACEMENT) && bytes.indexOf(GB_REPLACEMENT) < 0) this.invalid = true;
    return text;
  }
}

function nativeGb18030Decoder(): TextDecoder | null {
  try {
    return new TextDecoder('gb18030');
  } catch {
    return null;
  }
}

export interface SequenceCounts {
  /** Well-formed multi-byte sequences. */
  valid: number;
  /** Bytes >= 0x80 that do not start or continue a well-formed sequence. */
  invalid: number;
}

/**
 * Counts UTF-8 multi-byte sequences in `buf` (strict: no overlong forms, no surrogates). A sequence
 * cut off by the end of `buf` is not counted when `truncated` (the buffer is only the file's head).
 */
export function countUtf8(buf: Buffer, truncated: boolean): SequenceCounts {
  let valid = 0;
  let invalid = 0;
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      invalid++;
      i++;
      continue;
    }
    if (i + need >= n) {
      // Cut off by the end of the buffer: fine when the buffer is only the head of the file.
      if (truncated && allContinuation(buf, i + 1, n)) break;
      invalid++;
      i++;
      continue;
    }
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    let ok = true;
    let k = 1;
    for (; k <= need; k++) {
      const c = buf[i + k];
      if ((c & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) {
      valid++;
      i += need + 1;
    } else {
      invalid++;
      i += Math.max(1, k);
    }
  }
  return { valid, invalid };
}

function allContinuation(buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((buf[i] & 0xc0) !== 0x80) return false;
  return true;
}

/** Counts GB18030 two- and four-byte sequences in `buf`, like countUtf8. */
export function countGb18030(buf: Buffer, truncated: boolean): SequenceCounts {
  let valid = 0;
  let invalid = 0;
  const n = buf.length;
  let i = 0;
  while (i < n) {
    const b = buf[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) {
      invalid++;
      i++;
      continue;
    }
    if (i + 1 >= n) {
      if (!truncated) invalid++;
      break;
    }
    const c = buf[i + 1];
    if ((c >= 0x40 && c <= 0x7e) || (c >= 0x80 && c <= 0xfe)) {
      valid++;
      i += 2;
    } else if (c >= 0x30 && c <= 0x39) {
      if (i + 3 >= n) {
        if (!truncated) invalid++;
        break;
      }
      const d = buf[i + 2];
      const e = buf[i + 3];
      if (d >= 0x81 && d <= 0xfe && e >= 0x30 && e <= 0x39) {
        valid++;
        i += 4;
      } else {
        invalid++;
        i++;
      }
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}
