/**
 * China unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters —
 * registration authority and entity category (2), administrative division (6 digits), organization
 * code (9, GB 11714), check character (1). The alphabet is digits plus upper-case letters without
 * I, O, Z, S and V.
 */
import { failures, foldWidth, hasNonAscii, isPlaceholder, MAX_CELL_LENGTH, unwrapSpreadsheetText } from './text';

export const CREDIT_CODE_PROBLEMS = [
  'credit_code.empty',
  'credit_code.excel_precision_lost',
  'credit_code.legacy_number',
  'credit_code.invalid_length',
  'credit_code.invalid_character',
  'credit_code.invalid_format',
  'credit_code.checksum_mismatch',
] as const;
export type CreditCodeProblem = (typeof CREDIT_CODE_PROBLEMS)[number];

export type CreditCodeResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: CreditCodeProblem };

const FAIL = failures(CREDIT_CODE_PROBLEMS);
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Character code → value in the alphabet, -1 outside it. */
const VALUE_OF = Int8Array.from({ length: 128 }, (_, code) => ALPHABET.indexOf(String.fromCharCode(code)));

const PATTERN_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const SEPARATORS_RE = /[\s\-_.·/]+/g;
const LOOKALIKES_RE = /[OI]/g;
const LEGACY_RE = /^(?:\d{15}|[0-9A-Z]{8}[0-9X])$/;
// An all-digit code (many are: 914403001922038216) in a number cell: Excel keeps 15 significant digits.
const SCIENTIFIC_RE = /^\d(?:\.\d+)?E\+?\d{1,2}$/;
const ROUNDED_NUMBER_RE = /^\d{15}000$/;
const ALPHABET_RE = /^[0-9A-HJ-NPQRTUWXY]*$/;

/**
 * The 18th character of a unified social credit code, computed from the first 17. Throws RangeError
 * on a body of the wrong length or with a character outside the alphabet: it is for callers holding
 * a well-formed body (generators, tests); user input goes through {@link normalizeCreditCode}.
 */
export function unifiedCreditCodeCheckDigit(first17: string): string {
  if (first17.length !== 17) throw new RangeError('a unified social credit code body has 17 characters');
  const check = checkCharCode(first17);
  if (check < 0) {
    const bad = [...first17].find((ch) => !(ch.charCodeAt(0) < 128 && VALUE_OF[ch.charCodeAt(0)] >= 0));
    throw new RangeError(`invalid character ${JSON.stringify(bad)} in a unified social credit code`);
  }
  return String.fromCharCode(check);
}

/** Char code of the check character for the first 17 characters of `s`, -1 when one is outside the alphabet. */
function checkCharCode(s: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const code = s.charCodeAt(i);
    const value = code < 128 ? VALUE_OF[code] : -1;
    if (value < 0) return -1;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET.charCodeAt((31 - (sum % 31)) % 31);
}

/**
 * Strict check of an already canonical code: 18 characters of the alphabet in the right places (the
 * division part is 6 digits) and a matching check character. Lower case, spaces or dashes fail here;
 * {@link normalizeCreditCode} is the lenient entry point for imported values.
 */
export function isValidUnifiedCreditCode(code: string): boolean {
  if (typeof code !== 'string' || code.length !== 18 || !PATTERN_RE.test(code)) return false;
  return checkCharCode(code) === code.charCodeAt(17);
}

/**
 * Canonical credit code from a cell: NFKC (full-width), upper case, spaces, dashes, dots and Excel text
 * markers removed. `O` and `I` are read as `0` and `1`: the standard left those letters out of the
 * alphabet precisely because they are confused with the digits, and the checksum still has to match
 * afterwards. The 15-digit registration numbers and 9-character organization codes used before 2016
 * are reported as credit_code.legacy_number rather than as a malformed code. An all-digit code that went
 * through a number cell is credit_code.excel_precision_lost, whether it comes back in scientific
 * notation (`9.14403001922038E+17`) or as an integer whose last three digits became zeros
 * (`914403001922038000`: Excel keeps 15 significant digits) and so fails the checksum.
 */
export function normalizeCreditCode(raw: string): CreditCodeResult {
  if (typeof raw !== 'string') return FAIL['credit_code.empty'];
  if (isValidUnifiedCreditCode(raw)) return { ok: true, value: raw };
  if (raw.length > MAX_CELL_LENGTH) return FAIL['credit_code.invalid_length'];
  let s = raw;
  if (hasNonAscii(s)) s = foldWidth(s);
  s = s.trim();
  if (s.length === 0 || isPlaceholder(s)) return FAIL['credit_code.empty'];
  s = unwrapSpreadsheetText(s).toUpperCase();
  if (SCIENTIFIC_RE.test(s)) return FAIL['credit_code.excel_precision_lost'];
  s = s.replace(SEPARATORS_RE, '');
  if (s.length === 0) return FAIL['credit_code.empty'];
  if (s.length !== 18) return FAIL[LEGACY_RE.test(s) ? 'credit_code.legacy_number' : 'credit_code.invalid_length'];
  if (s.includes('O') || s.includes('I')) s = s.replace(LOOKALIKES_RE, (c) => (c === 'O' ? '0' : '1'));
  if (!ALPHABET_RE.test(s)) return FAIL['credit_code.invalid_character'];
  if (!PATTERN_RE.test(s)) return FAIL['credit_code.invalid_format'];
  if (checkCharCode(s) !== s.charCodeAt(17)) {
    // All digits ending in 000: a number cell, written back with Excel's 15 significant digits.
    return FAIL[ROUNDED_NUMBER_RE.test(s) ? 'credit_code.excel_precision_lost' : 'credit_code.checksum_mismatch'];
  }
  return { ok: true, value: s };
}
