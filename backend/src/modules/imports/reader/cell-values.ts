/** How XLSX cell values become the text a user saw in Excel (or the plainer form an import wants). */

export type DateKind = 'date' | 'datetime' | 'time';

/**
 * A number as plain decimal text: integers without '.0', no exponent (a phone number stored as a
 * number stays 13800138000), and Excel's 15 significant digits so binary noise
 * (0.30000000000000004) does not leak into the data.
 */
export function formatNumber(raw: string): string {
  if (isPlainDecimal(raw)) return raw;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) return raw;
  return plainNumber(value);
}

/** Already what plainNumber would give: at most 15 digits, no exponent, no redundant zeros. */
function isPlainDecimal(raw: string): boolean {
  const n = raw.length;
  let i = raw.charCodeAt(0) === 0x2d ? 1 : 0;
  if (i >= n || (raw.charCodeAt(i) === 0x30 && i + 1 < n && raw.charCodeAt(i + 1) !== 0x2e)) return false;
  let digits = 0;
  let dot = -1;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x2e) {
      if (dot >= 0) return false;
      dot = i;
    } else if (c >= 0x30 && c <= 0x39) digits++;
    else return false;
  }
  if (digits > 15 || raw === '-0') return false;
  return dot < 0 || (dot < n - 1 && raw.charCodeAt(n - 1) !== 0x30);
}

export function plainNumber(value: number): string {
  if (value === 0) return '0';
  const n = Number(value.toPrecision(15));
  const s = String(n);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s[0] === '-';
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const integerDigits = (dot < 0 ? mantissa.length : dot) + exponent;
  let plain: string;
  if (integerDigits <= 0) plain = '0.' + '0'.repeat(-integerDigits) + digits;
  else if (integerDigits >= digits.length) plain = digits + '0'.repeat(integerDigits - digits.length);
  else plain = digits.slice(0, integerDigits) + '.' + digits.slice(integerDigits);
  return negative ? '-' + plain : plain;
}

// Built-in number formats that show dates or times (ECMA-376 18.8.30, plus the zh-CN/ja-JP ones).
const BUILTIN_DATE = new Set([14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);
const BUILTIN_TIME = new Set([18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]);
const BUILTIN_DATETIME = new Set([22]);

/** Whether a cell style's number format shows its number as a date, a date and time, or a time. */
export function numberFormatKind(id: number, code: string | undefined): DateKind | null {
  if (code === undefined) {
    if (BUILTIN_DATE.has(id)) return 'date';
    if (BUILTIN_TIME.has(id)) return 'time';
    if (BUILTIN_DATETIME.has(id)) return 'datetime';
    return null;
  }
  const section = code.split(';')[0]
    .replace(/"[^"]*"/g, '') // literal text
    .replace(/\\./g, '') // escaped characters
    .replace(/[_*]./g, '') // spacing and fill
    .replace(/\[(h+|m+|s+)\]/gi, 'h') // elapsed time
    .replace(/\[[^\]]*\]/g, '') // colors, conditions, locales
    .replace(/am\/pm|a\/p|上午\/下午/gi, '')
    .toLowerCase();
  const hasDate = /[yd]/.test(section) || (/m/.test(section) && !/[hs]/.test(section));
  const hasTime = /[hs]/.test(section);
  if (hasDate && hasTime) return 'datetime';
  if (hasDate) return 'date';
  if (hasTime) return 'time';
  return null;
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * An Excel serial date as ISO 8601: 'YYYY-MM-DD' for date formats, 'YYYY-MM-DDTHH:mm:ss' for date
 * and time, 'HH:mm:ss' for times (hours past 24 for elapsed-time formats). Null when the number
 * is not a date Excel could show.
 */
export function excelSerialToIso(serial: number, date1904: boolean, kind: DateKind): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2_958_466) return null;
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds === 86_400) {
    days++;
    seconds = 0;
  }
  const time = `${pad(Math.floor(seconds / 3600) % 24)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  if (kind === 'time') {
    if (days === 0) return time;
    return `${days * 24 + Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  }
  let date: string;
  if (date1904) date = isoDate(EPOCH_1904 + days * DAY_MS);
  else if (days === 0) return null; // Excel's "1900-01-00"
  else if (days === 60) date = '1900-02-29'; // the day Excel believes in, for Lotus 1-2-3's sake
  else date = isoDate(EPOCH_1900 + (days < 60 ? days + 1 : days) * DAY_MS);
  return kind === 'date' ? date : `${date}T${time}`;
}

/** A `t="d"` cell holds ISO 8601 text already; midnight is just the date. */
export function isoDateCell(value: string): string {
  const midnight = /^(\d{4}-\d{2}-\d{2})T00:00(:00(\.0+)?)?Z?$/.exec(value);
  return midnight ? midnight[1] : value;
}

/** OOXML escapes characters XML cannot hold as `_xHHHH_` (Excel writes a CR as `_x000D_`). */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// A date column repeats few distinct days; formatting one is the costly part.
const isoDates = new Map<number, string>();

function isoDate(ms: number): string {
  let text = isoDates.get(ms);
  if (text === undefined) {
    if (isoDates.size >= 10_000) isoDates.clear();
    text = new Date(ms).toISOString().slice(0, 10);
    isoDates.set(ms, text);
  }
  return text;
}

function pad(n: number): string {
  return n < 10 ? '0' + n : String(n);
}
