import { countGb18030, countUtf8 } from 'modules/imports/reader/decode';
import {
  SourceFileErrorCode,
  SourceFormat,
  TextEncoding,
  UnsupportedKind,
} from 'modules/imports/reader/types';

export type DetectedSource = { format: SourceFormat; encoding: TextEncoding | null; delimiter: string | null };
export type DetectFailure = { error: SourceFileErrorCode; kind?: UnsupportedKind; detail: string };

const DELIMITERS = [',', '\t', ';', '|'];
/** Records looked at when guessing the delimiter. */
const SNIFF_RECORDS = 50;

const UNSUPPORTED: Record<UnsupportedKind, string> = {
  xls:
    'This is a legacy Excel 97-2003 workbook (.xls). Open it in Excel or WPS and save it as Excel Workbook (.xlsx) or CSV UTF-8, then upload that file.',
  encrypted:
    'This workbook is password-protected. Remove the password in Excel, save it as .xlsx or CSV UTF-8, then upload it again.',
  xlsb: 'Excel Binary Workbooks (.xlsb) are not supported. Save the file as Excel Workbook (.xlsx) or CSV UTF-8.',
  ods: 'OpenDocument spreadsheets (.ods) are not supported. Save the file as Excel Workbook (.xlsx) or CSV UTF-8.',
  docx: 'This is a Word document. Upload a spreadsheet (.xlsx) or a CSV file.',
  pptx: 'This is a PowerPoint presentation. Upload a spreadsheet (.xlsx) or a CSV file.',
  zip: 'This is a zip archive, not an Excel workbook. Extract it and upload the .xlsx or CSV file inside.',
  pdf: 'PDF files cannot be imported. Export the data from its source as .xlsx or CSV.',
  image: 'This is an image. Upload a spreadsheet (.xlsx) or a CSV file.',
  archive: 'This is a compressed archive. Extract it and upload the .xlsx or CSV file inside.',
  html: 'This file is a web page (HTML) with a spreadsheet name, as some systems export it. Open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8.',
  xml: 'XML files (including Excel 2003 XML) are not supported. Open it in Excel and save it as Excel Workbook (.xlsx) or CSV UTF-8.',
  binary: 'This is neither a text (CSV) file nor an Excel workbook. Upload a .xlsx or CSV file.',
};

export function unsupported(kind: UnsupportedKind): DetectFailure {
  return { error: 'file.unsupported_type', kind, detail: UNSUPPORTED[kind] };
}

export const ENCODING_UNKNOWN: DetectFailure = {
  error: 'file.encoding_unknown',
  detail:
    'The text encoding could not be recognized (UTF-8 and GB18030/GBK are read). Save the file as CSV UTF-8 and upload it again.',
};

export const FILE_EMPTY: DetectFailure = { error: 'file.empty', detail: 'The file is empty.' };

/**
 * Tells what a file is from its first bytes (64 KiB is plenty): the format, and for text its
 * encoding and delimiter. The file name is only a hint for zips whose entries the head does not show.
 */
export async function detectSource(head: Buffer, fileName?: string): Promise<DetectedSource | DetectFailure> {
  return detectSourceSync(head, fileName);
}

export function detectSourceSync(head: Buffer, fileName?: string): DetectedSource | DetectFailure {
  if (head.length === 0) return FILE_EMPTY;
  const ext = extension(fileName);

  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    const kind = zipKind(head, ext);
    return kind === 'xlsx' ? { format: 'xlsx', encoding: null, delimiter: null } : unsupported(kind);
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // An encrypted .xlsx is an OLE container too.
    const encrypted = ext === 'xlsx' || ext === 'xlsm' || head.includes(Buffer.from('EncryptedPackage', 'utf16le'));
    return unsupported(encrypted ? 'encrypted' : 'xls');
  }
  const magic = binaryKind(head);
  if (magic) return unsupported(magic);

  if (startsWith(head, [0xff, 0xfe])) {
    if (startsWith(head, [0xff, 0xfe, 0x00, 0x00])) return ENCODING_UNKNOWN; // UTF-32
    const text = decodeUtf16(head.subarray(2));
    return sniffedText(Buffer.from(text, 'utf8'), 'utf-16le');
  }
  if (startsWith(head, [0xfe, 0xff])) return ENCODING_UNKNOWN; // UTF-16 big-endian: Excel never writes it
  if (looksUtf16le(head)) return sniffedText(Buffer.from(decodeUtf16(head), 'utf8'), 'utf-16le');
  if (head.includes(0)) return unsupported('binary');

  const encoding = sniffEncoding(head);
  if (!encoding) return ENCODING_UNKNOWN;
  return sniffedText(stripBom(head, encoding), encoding);
}

function sniffedText(text: Buffer, encoding: TextEncoding): DetectedSource | DetectFailure {
  if (isBlank(text)) return FILE_EMPTY;
  const markup = markupKind(text);
  if (markup) return unsupported(markup);
  return { format: 'csv', encoding, delimiter: sniffDelimiter(text, encoding === 'gb18030') };
}

/**
 * UTF-8 (BOM or valid bytes) or GB18030/GBK; a UTF-8 file with a few damaged bytes stays UTF-8
 * (its rows are reported one by one), and null when neither fits.
 */
export function sniffEncoding(head: Buffer): TextEncoding | null {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(head, [0x84, 0x31, 0x95, 0x33])) return 'gb18030';
  const utf8 = countUtf8(head, true);
  if (utf8.invalid === 0) return 'utf-8';
  // GBK text is almost never valid UTF-8 for more than a character or two, so a head that is
  // mostly valid UTF-8 is UTF-8 with damage.
  if (utf8.valid >= 10 * utf8.invalid) return 'utf-8';
  const gb = countGb18030(head, true);
  if (gb.invalid === 0 || gb.valid >= 10 * gb.invalid) return 'gb18030';
  return null;
}

/**
 * The delimiter that splits the first records most consistently, counted outside quotes;
 * an Excel `sep=;` first line wins. ',' when nothing splits (a one-column file).
 */
export function sniffDelimiter(text: Buffer, gb18030 = false): string {
  const sep = /^sep=(.)\r?\n/i.exec(text.subarray(0, 8).toString('latin1'));
  if (sep) return sep[1];

  const codes = DELIMITERS.map((d) => d.charCodeAt(0));
  const records: number[][] = [];
  let counts = codes.map(() => 0);
  let length = 0;
  let quoted = false;
  const n = text.length;
  for (let i = 0; i < n && records.length < SNIFF_RECORDS; i++) {
    const b = text[i];
    if (b === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (b === 0x0a || b === 0x0d) {
      if (length > 0) records.push(counts);
      counts = codes.map(() => 0);
      length = 0;
      continue;
    } else if (b >= 0x80 && gb18030) i++;
    else {
      const k = codes.indexOf(b);
      if (k >= 0) counts[k]++;
    }
    length++;
  }
  // The last record may be cut off by the end of the head; use it only when it is all there is.
  if (records.length === 0 && length > 0) records.push(counts);

  let best = ',';
  let bestScore = 0;
  let bestMode = 0;
  DELIMITERS.forEach((delimiter, k) => {
    const frequency = new Map<number, number>();
    for (const record of records) {
      if (record[k] > 0) frequency.set(record[k], (frequency.get(record[k]) ?? 0) + 1);
    }
    let mode = 0;
    let modeCount = 0;
    for (const [count, times] of frequency) {
      if (times > modeCount || (times === modeCount && count > mode)) {
        mode = count;
        modeCount = times;
      }
    }
    const score = records.length ? modeCount / records.length : 0;
    if (score > bestScore || (score === bestScore && score > 0 && mode > bestMode)) {
      best = delimiter;
      bestScore = score;
      bestMode = mode;
    }
  });
  return best;
}

function zipKind(head: Buffer, ext: string): 'xlsx' | UnsupportedKind {
  const names: string[] = [];
  let odsMime = false;
  const signature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  for (let at = head.indexOf(signature); at >= 0 && at + 30 <= head.length; at = head.indexOf(signature, at + 4)) {
    const nameLength = head.readUInt16LE(at + 26);
    const extraLength = head.readUInt16LE(at + 28);
    if (at + 30 + nameLength > head.length) break;
    const name = head.toString('utf8', at + 30, at + 30 + nameLength);
    names.push(name);
    if (name === 'mimetype') {
      const data = at + 30 + nameLength + extraLength;
      odsMime = head.toString('latin1', data, data + 60).startsWith('application/vnd.oasis.opendocument');
    }
  }
  if (names.includes('xl/workbook.bin')) return 'xlsb';
  if (names.some((name) => name.startsWith('xl/'))) return 'xlsx';
  if (names.some((name) => name.startsWith('word/'))) return 'docx';
  if (names.some((name) => name.startsWith('ppt/'))) return 'pptx';
  if (odsMime) return 'ods';
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'xlsb') return 'xlsb';
  if (ext === 'ods') return 'ods';
  return 'zip';
}

function binaryKind(head: Buffer): UnsupportedKind | null {
  if (head.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image';
  const ascii = head.toString('latin1', 0, 12);
  if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'image';
  if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'image';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image';
  if (ascii.slice(4, 8) === 'ftyp') return 'image'; // HEIC from phones (and MP4)
  if (startsWith(head, [0x1f, 0x8b]) || ascii.startsWith('Rar!\x1a\x07')) return 'archive';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) {
    return 'archive';
  }
  return null;
}

/** Web pages and XML saved as ".xls" by report tools: recognizable from their first tag. */
function markupKind(text: Buffer): UnsupportedKind | null {
  let i = 0;
  while (i < text.length && (text[i] === 0x20 || text[i] === 0x09 || text[i] === 0x0a || text[i] === 0x0d)) i++;
  if (text[i] !== 0x3c) return null;
  const start = text.toString('latin1', i, i + 4096).toLowerCase();
  if (/<(!doctype html|html|table|head|body|meta)[\s>]/.test(start)) return 'html';
  if (start.startsWith('<?xml')) return /<html[\s>]/.test(start) ? 'html' : 'xml';
  return null;
}

/** UTF-16LE without a BOM: mostly ASCII text, so every other byte is zero. */
function looksUtf16le(head: Buffer): boolean {
  const n = Math.min(head.length, 4096) & ~1;
  if (n < 8) return false;
  let oddZeros = 0;
  let evenZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenZeros++;
    if (head[i + 1] === 0) oddZeros++;
  }
  return oddZeros > n / 2 / 3 && evenZeros < n / 2 / 50;
}

function decodeUtf16(bytes: Buffer): string {
  return new TextDecoder('utf-16le').decode(bytes.subarray(0, bytes.length & ~1));
}

function stripBom(head: Buffer, encoding: TextEncoding): Buffer {
  if (encoding === 'utf-8' && startsWith(head, [0xef, 0xbb, 0xbf])) return head.subarray(3);
  if (encoding === 'gb18030' && startsWith(head, [0x84, 0x31, 0x95, 0x33])) return head.subarray(4);
  return head;
}

function isBlank(text: Buffer): boolean {
  for (const b of text) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  return true;
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  if (buf.length < bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[i] !== bytes[i]) return false;
  return true;
}

function extension(fileName: string | undefined): string {
  const match = fileName ? /\.([A-Za-z0-9]+)$/.exec(fileName) : null;
  return match ? match[1].toLowerCase() : '';
}
