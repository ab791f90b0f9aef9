/**
 * Person names from contact lists. The display value is cleaned, not rewritten: NFKC, invisible
 * characters and doubled spaces removed, the stray spaces inside Chinese names (`张 伟`) dropped,
 * salutations (先生/女士/小姐 after a name of 2+ characters, Mr/Mrs/Ms/Miss before one) removed.
 * Academic titles (Dr., Prof.) are kept in the display value: people put them there on purpose.
 *
 * The key is a weak matching signal (identity resolution matches people by e-mail and phone, never by
 * name alone): lower case, no punctuation, and for Latin names the words sorted, because pinyin names
 * arrive in both orders (`Zhang Wei`, `Wei Zhang`, `ZHANG, Wei`).
 */
import { failures, foldWidth, hasNonAscii, isPlaceholder } from './text';

export const PERSON_NAME_PROBLEMS = ['name.empty', 'name.too_long', 'name.not_a_name'] as const;
export type PersonNameProblem = (typeof PERSON_NAME_PROBLEMS)[number];
export type PersonNameResult =
  | { readonly ok: true; readonly value: string; readonly key: string }
  | { readonly ok: false; readonly reason: PersonNameProblem };

const FAIL = failures(PERSON_NAME_PROBLEMS);
const MAX_NAME_LENGTH = 100;
const SPACES_RE = /\s+/g;
// Any whitespace but a single ASCII space.
const MESSY_SPACE_RE = /[^\S ]| {2}/;
const CJK = '\\u3040-\\u30ff\\u3400-\\u9fff\\uf900-\\ufaff';
// Spaces between two CJK characters (no lookbehind: shared code also runs in older WebKit, WeChat on iOS).
const CJK_GAP_RE = new RegExp(`([${CJK}])\\s+(?=[${CJK}])`, 'g');
const HAS_CJK_RE = new RegExp(`[${CJK}]`, 'u');
const ZH_SALUTATIONS = ['先生', '女士', '小姐'];
const LATIN_SALUTATION_RE = /^(?:mr|mrs|ms|miss|mx)\.?\s+/i;
const NOT_A_NAME_RE = /@|\d{5,}|https?:|www\./i;
const KEY_STRIP_RE = /[\p{P}\p{S}]+/gu;
const KEY_PUNCTUATION_RE = /[\p{P}\p{S}]/u;
const ASCII_PUNCTUATION_RE = /[!-/:-@[-`{-~]/;
const ZH_SALUTATION_LAST_CHARS = new Set([...'生士姐'].map((c) => c.charCodeAt(0)));

/** Cleans a contact's name and derives its (weak) matching key. Never throws. */
export function normalizePersonName(raw: string): PersonNameResult {
  if (typeof raw !== 'string') return FAIL['name.empty'];
  if (raw.length > MAX_NAME_LENGTH * 4) return FAIL['name.too_long'];
  let s = hasNonAscii(raw) ? foldWidth(raw) : raw;
  if (MESSY_SPACE_RE.test(s)) s = s.replace(SPACES_RE, ' ');
  s = s.trim();
  if (s.length === 0 || isPlaceholder(s)) return FAIL['name.empty'];
  if (s.length > MAX_NAME_LENGTH) return FAIL['name.too_long'];
  if (NOT_A_NAME_RE.test(s)) return FAIL['name.not_a_name'];
  const cjk = hasNonAscii(s) && HAS_CJK_RE.test(s);
  if (cjk) {
    if (s.includes(' ')) s = s.replace(CJK_GAP_RE, '$1');
    if (s.length >= 4 && ZH_SALUTATION_LAST_CHARS.has(s.charCodeAt(s.length - 1))) s = stripZhSalutation(s);
  }
  const first = s.charCodeAt(0) | 0x20;
  if (first === 0x6d /* m */) s = s.replace(LATIN_SALUTATION_RE, '');
  if (s.length === 0) return FAIL['name.empty'];

  let key = s.toLowerCase();
  const punctuated = (cjk || hasNonAscii(key) ? KEY_PUNCTUATION_RE : ASCII_PUNCTUATION_RE).test(key);
  if (cjk) {
    if (punctuated) key = key.replace(KEY_STRIP_RE, '');
    if (key.includes(' ')) key = key.replace(SPACES_RE, '');
  } else {
    // 'Zhang, Wei' and 'Wei Zhang' give the same key; hyphens join ('Jean-Luc' → 'jeanluc').
    if (punctuated) key = key.replace(KEY_STRIP_RE, (mark) => (mark.includes(',') ? ' ' : ''));
    if (key.includes(' ')) key = sortWords(key);
  }
  if (key.length === 0) return FAIL['name.not_a_name'];
  return { ok: true, value: s, key };
}

/** Words in code-point order, single-spaced; two words (the usual case) without building an array. */
function sortWords(text: string): string {
  const space = text.indexOf(' ');
  if (text.indexOf(' ', space + 1) < 0 && space > 0 && space < text.length - 1) {
    const a = text.slice(0, space);
    const b = text.slice(space + 1);
    return a <= b ? text : `${b} ${a}`;
  }
  return text.split(' ').filter(Boolean).sort().join(' ');
}

/** '张伟先生' → '张伟'; a salutation after a surname alone ('王先生') stays, or nothing of the name would be left. */
function stripZhSalutation(s: string): string {
  for (const salutation of ZH_SALUTATIONS) {
    if (s.endsWith(salutation) && !s.slice(0, -salutation.length).includes(' ')) return s.slice(0, -salutation.length);
  }
  return s;
}
