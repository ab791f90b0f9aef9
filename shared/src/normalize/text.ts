/**
 * Cell clean-up shared by the normalizers. Most cells of an import are plain ASCII, so every helper
 * returns early for them: NFKC and the invisible-character sweep only run when a character above
 * U+007F is present.
 */

const NON_ASCII_RE = /[\u0080-\uffff]/;
// Zero-width space/joiners, BOM, soft hyphen, Mongolian vowel separator, bidi marks and embeddings,
// word joiner and invisible operators: pasted from web pages and Word, invisible in Excel.
const INVISIBLE_RE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/** True when the string holds any character above U+007F. */
export function hasNonAscii(s: string): boolean {
  return NON_ASCII_RE.test(s);
}

/**
 * NFKC (full-width letters, digits and ＠．，＋（） to ASCII; U+3000 and NBSP to a space;
 * ㈱ to (株)) and invisible characters removed. ASCII input comes back unchanged.
 */
export function foldWidth(s: string): string {
  if (!NON_ASCII_RE.test(s) || isNfkcStable(s)) return s;
  return s.normalize('NFKC').replace(INVISIBLE_RE, '');
}

/**
 * A letter of the scripts most cells are written in that NFKC leaves alone and that nothing composes
 * with: CJK ideographs, kana, Hangul syllables, Latin-1 letters, and the CJK brackets 、。〈〉《》「」『』【】.
 * (Hangul and Latin letters can compose with a following jamo or combining mark, but those are outside
 * this set, so a string holding one still goes through NFKC.)
 */
export function isStableLetterOrCjk(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa) ||
    c === 0x30fc ||
    (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7)
  );
}

/**
 * True when NFKC certainly leaves `s` unchanged (and it holds no invisible characters), so the ICU call
 * can be skipped: every character is ASCII, a letter from {@link isStableLetterOrCjk}, or CJK
 * punctuation that has no compatibility mapping. Conservative: false means "maybe".
 */
function isNfkcStable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 || isStableLetterOrCjk(c) || c === 0xd7 || c === 0xf7 || c === 0xb7) continue;
    if (c === 0x3001 || c === 0x3002 || (c >= 0x3008 && c <= 0x3011)) continue;
    return false;
  }
  return true;
}

/**
 * Undoes the two ways spreadsheets are told "this is text": a leading apostrophe ('13800138000)
 * and the `="…"` formula wrapper that CSV writers use so that Excel keeps leading zeros.
 * Expects trimmed input.
 */
export function unwrapSpreadsheetText(s: string): string {
  const first = s.charCodeAt(0);
  if (first === 0x27 /* ' */) return s.slice(1).trim();
  if (first === 0x3d /* = */ && s.length >= 3 && s.charCodeAt(1) === 0x22 && s.charCodeAt(s.length - 1) === 0x22) {
    return s.slice(2, -1).trim();
  }
  return s;
}

/**
 * Longest cell a normalizer looks at. Anything longer is rejected before NFKC or a regex touches
 * it, so a 50 MB cell costs nothing.
 */
export const MAX_CELL_LENGTH = 1024;

// What people type into a cell that has no value, and Excel's error values: not an error of the row,
// just empty. ('NA' and 'NaN' are left out: Na and Nan are given names.)
const PLACEHOLDER_RE = /^(?:n\/a|#n\/a|#value!|#ref!|#name\?|#div\/0!|#null!|#num!|none|null|nil|undefined|tbd|unknown|无|暂无|没有|未知|不详|空|[-—–_/.?？*]+)$/i;

/** A cell that only says "no value" (N/A, 无, 暂无, -, —, /). Expects trimmed, NFKC input. */
export function isPlaceholder(s: string): boolean {
  return s.length <= 9 && PLACEHOLDER_RE.test(s);
}

/**
 * A frozen `{ ok: false, reason }` per reason code, built once: failures are common in dirty files
 * and should not allocate.
 */
export function failures<R extends string>(reasons: ReadonlyArray<R>): Readonly<Record<R, { readonly ok: false; readonly reason: R }>> {
  const out = {} as Record<R, { readonly ok: false; readonly reason: R }>;
  for (const reason of reasons) out[reason] = Object.freeze({ ok: false as const, reason });
  return Object.freeze(out);
}
