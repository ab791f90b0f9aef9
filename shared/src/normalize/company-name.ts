/**
 * Company-name match key (companies.normalized_name): two spellings of one legal entity should give
 * the same key, two entities should not. Choices:
 * - NFKC (full-width → half-width), lower-case Latin, then every space, punctuation mark and symbol is
 *   removed (（）【】〔〕·・&, quotes). Diacritics are kept (`lumière`): folding them would also strip
 *   Japanese voicing marks, and the demo data already relies on this key.
 * - Legal forms are removed at the end, repeatedly (`集团控股有限公司`, `GmbH & Co. KG`), and at the start
 *   where languages put them there (株式会社, (株), 주식회사, PT, "The"). Group/holding words (集团, 控股,
 *   Group, Holdings) count as legal forms: `阿里巴巴集团控股有限公司` and `阿里巴巴` are one account for ABM.
 *   Partnership marks (（特殊普通合伙）, （有限合伙）) are forms too.
 * - A leading city or province (`杭州云帆…`, `北京…`) is kept: registered names are unique per
 *   registration area, so `杭州云帆科技` and `苏州云帆科技` are different companies. `（中国）` is kept
 *   for the same reason (the China subsidiary is its own entity).
 * - Branches stay distinct from their head office: the legal form between company and branch is
 *   dropped and the branch part kept, so `华为技术有限公司北京分公司`, `华为技术北京分公司` and
 *   `华为技术有限公司（北京分公司）` share the key `华为技术北京分公司`, which is not `华为技术`. A branch
 *   has its own credit code and its own people; rolling it up to the head office is an account-
 *   hierarchy decision, not a normalization one.
 * - A name that is nothing but a legal form (`Limited`) keeps its words rather than becoming empty.
 */
import { foldWidth, hasNonAscii, isStableLetterOrCjk } from './text';

/** Latin legal forms (after NFKC + lowercasing), longest first; matched as whole trailing words. */
const LATIN_LEGAL_FORMS = [
  String.raw`gmbh\s*&\s*co\.?\s*kg(?:aa)?`,
  String.raw`limited\s+liability\s+(?:company|partnership)`,
  String.raw`co(?:mpany)?\.?\s*,?\s*(?:ltd|limited)\.?`,
  String.raw`(?:pte|pty|pvt|private)\.?\s*,?\s*(?:ltd|limited)\.?`,
  String.raw`sdn\.?\s*bhd\.?`,
  String.raw`s\.?\s*a\.?\s*(?:b\.?\s*)?de\s*c\.?\s*v\.?`,
  String.raw`sp\.?\s*z\s*o\.?\s*o\.?`,
  String.raw`s\.?\s*r\.?\s*o\.?`,
  String.raw`a\.\s*s\.?`,
  String.raw`l\.?\s*l\.?\s*c\.?`,
  String.raw`l\.?\s*l\.?\s*p\.?`,
  String.raw`s\.?\s*a\.?\s*s\.?`,
  String.raw`s\.?\s*a\.?\s*r\.?\s*l\.?`,
  String.raw`s\.?\s*r\.?\s*l\.?`,
  String.raw`s\.?\s*p\.?\s*a\.?`,
  String.raw`s\.?\s*a\.?`,
  String.raw`k\.?\s*k\.?`,
  String.raw`g\.?\s*k\.?`,
  String.raw`b\.?\s*v\.?`,
  String.raw`n\.?\s*v\.?`,
  String.raw`l\.p\.?`,
  String.raw`a/s`,
  'incorporated',
  String.raw`inc\.?`,
  'corporation',
  String.raw`corp\.?`,
  'limited',
  String.raw`ltd[a.]?`,
  'plc',
  'sarl',
  'eurl',
  'sasu',
  'gmbh',
  'ag',
  'kgaa',
  'kg',
  'se',
  'oyj',
  'oy',
  'asa',
  'aps',
  'ab',
  'bhd',
  'tbk',
  'company',
  String.raw`co\.?`,
  'holdings?',
  'group',
];
/** CJK legal forms (after NFKC: full-width brackets are ASCII), longest first. */
const CJK_LEGAL_FORMS = [
  '(集团)股份有限公司',
  '(集团)有限公司',
  '集团股份有限公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '有限責任公司',
  '责任有限公司',
  '股份合作公司',
  '有限公司',
  '股份公司',
  '总公司',
  '(特殊普通合伙)',
  '(普通合伙)',
  '(有限合伙)',
  '合伙企业',
  '株式会社',
  '有限会社',
  '合同会社',
  '주식회사',
  '유한회사',
  '(주)',
  '(株)',
  '(有)',
  '集团',
  '集團',
  '控股',
  '公司',
];
/**
 * The last word of every Latin form above (dotted forms end in a single letter: `l.l.c.` → `c`). The
 * suffix pattern only runs when a name ends in one of these, so `Mesa Labs` costs a lookup, not a scan.
 */
const LATIN_FORM_LAST_WORDS = new Set([
  'ltd', 'ltda', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'company', 'partnership', 'co', 'plc', 'llc',
  'llp', 'sas', 'sarl', 'srl', 'spa', 'sa', 'kk', 'gk', 'bv', 'nv', 'sro', 'sasu', 'eurl', 'gmbh', 'ag', 'kg', 'kgaa',
  'se', 'oy', 'oyj', 'ab', 'asa', 'aps', 'bhd', 'tbk', 'holding', 'holdings', 'group', 'a', 'c', 'k', 'l', 'o', 'p', 's', 'v',
]);
const LATIN_FORMS = LATIN_LEGAL_FORMS.join('|');
const LATIN_SUFFIX_RE = new RegExp(String.raw`(?:^|[\s,.;:·&()\-]+)(?:${LATIN_FORMS})[\s,.;:)]*$`, 'u');
/** CJK forms without a closing bracket (the suffix scan skips those), longest first. */
const CJK_FORM_CORES = CJK_LEGAL_FORMS.map((form) => form.replace(/\)$/, '')).sort((a, b) => b.length - a.length);
/** The last character of every CJK form core (公司 → 司, (주) → 주): most names end in none of them. */
const CJK_FORM_LAST_CHARS = new Set(CJK_FORM_CORES.map((core) => core.charCodeAt(core.length - 1)));
const CJK_PREFIX_RE = /^[\s(]*(?:株式会社|有限会社|合同会社|주식회사|유한회사|\(주\)|\(株\)|\(有\))\s*/u;
const CJK_PREFIX_FIRST_CHARS = new Set([...' (株有合주유'].map((c) => c.charCodeAt(0)));
const LATIN_PREFIX_RE = /^(?:the|pt\.?)\s+(?=\S)/;
const PUNCTUATION_RE = /[\s\p{P}\p{S}]+/gu;
const ASCII_PUNCTUATION_RE = /[^a-z0-9]+/g;
const HAS_WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const WHITESPACE_RE = /\s/;
// Spaces between two CJK characters (no lookbehind: shared code also runs in older WebKit, WeChat on iOS).
const CJK_GAP_RE = /([\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])\s+(?=[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af])/g;

// Branch offices: the marker at the end, and where the legal form of the parent ends before it.
const CJK_BRANCH_RE = /(?:分公司|分行|支行|分店|办事处|辦事處|代表处|代表處|分厂|分部|营业部|分所|分院)$/u;
const CJK_BRANCH_LAST_CHARS = new Set([...'司行店处處厂部所院'].map((c) => c.charCodeAt(0)));
const CJK_PARENT_END = ['公司', '集团', '集團', '控股', '会社', '會社', '合伙)'];
const LATIN_BRANCH_RE = /\s(?:branch(?:\s+office)?|representative\s+office|rep\.?\s+office)$/;

/**
 * Matching key for company names. 「华为技术有限公司」 → `华为技术`, `ACME Co., Ltd.` → `acme`,
 * `招商银行股份有限公司深圳分行` → `招商银行深圳分行`. Same name and signature as the demo generator's.
 */
export function normalizeCompanyName(name: string): string {
  if (typeof name !== 'string') return '';
  let s = name;
  const ascii = !hasNonAscii(s);
  if (!ascii) {
    s = foldWidth(s);
    if (WHITESPACE_RE.test(s)) s = s.replace(CJK_GAP_RE, '$1');
  }
  if (ascii || mayHaveUpperCase(s)) s = s.toLowerCase();
  s = s.trim();
  if (s.length === 0) return '';

  const unbracketed = trimTrailingPunctuation(s);
  const last = unbracketed.charCodeAt(unbracketed.length - 1);
  // Ends in 分公司, 分行, 办事处…: '司' alone is every 公司, so it needs the '分' before it.
  if (!ascii && CJK_BRANCH_LAST_CHARS.has(last) && (last !== 0x53f8 /* 司 */ || unbracketed.charCodeAt(unbracketed.length - 3) === 0x5206 /* 分 */)) {
    const branch = CJK_BRANCH_RE.exec(unbracketed);
    if (branch !== null) {
      const body = unbracketed.slice(0, branch.index);
      let cut = -1;
      for (const end of CJK_PARENT_END) {
        const at = body.lastIndexOf(end);
        if (at >= 0 && at + end.length > cut) cut = at + end.length;
      }
      if (cut > 0 && cut < body.length) return stripKey(name, stripLegalForms(body.slice(0, cut)) + unbracketed.slice(cut));
      return stripKey(name, unbracketed);
    }
  }
  if ((last === 0x68 /* h */ || last === 0x65 /* e */) && LATIN_BRANCH_RE.test(unbracketed)) {
    const parts = latinParentSplit().exec(unbracketed);
    if (parts !== null) return stripKey(name, stripLegalForms(parts[1]) + parts[2]);
    return stripKey(name, unbracketed);
  }
  return stripKey(name, stripLegalForms(s));
}

let latinParentRe: RegExp | null = null;
/** Company part and branch part of `acme co., ltd. shanghai branch` (built on first use: branches are rare). */
function latinParentSplit(): RegExp {
  latinParentRe ??= new RegExp(String.raw`^(.*(?:^|[\s,.;:·&()\-])(?:${LATIN_FORMS})[\s,.;:)]*)(\s.*)$`, 'u');
  return latinParentRe;
}

/** Legal forms off both ends (repeatedly at the end: 集团 + 控股 + 有限公司), never down to nothing. */
function stripLegalForms(s: string): string {
  const first = s.charCodeAt(0);
  if (CJK_PREFIX_FIRST_CHARS.has(first)) s = s.replace(CJK_PREFIX_RE, '');
  if (first === 0x74 /* t */ || first === 0x70 /* p */) s = s.replace(LATIN_PREFIX_RE, '');
  for (let guard = 0; guard < 8; guard++) {
    let stripped = stripCjkSuffix(s);
    if (endsWithLatinFormWord(stripped)) stripped = stripped.replace(LATIN_SUFFIX_RE, '');
    if (stripped === s) break;
    stripped = stripped.trim();
    if (!hasWordChar(stripped)) break;
    s = stripped;
  }
  return s;
}

/** Index after the last character that is not a space or one of `,.;:)` (what the suffix patterns skip). */
function significantEnd(s: string): number {
  let end = s.length;
  while (end > 0) {
    const c = s.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x2c && c !== 0x2e && c !== 0x3b && c !== 0x3a && c !== 0x29 && c !== 0x09) break;
    end--;
  }
  return end;
}

/** `s` without a trailing CJK legal form (and the spaces or `,.;:)` after it), or `s` itself. */
function stripCjkSuffix(s: string): string {
  const end = significantEnd(s);
  if (end === 0 || !CJK_FORM_LAST_CHARS.has(s.charCodeAt(end - 1))) return s;
  for (const core of CJK_FORM_CORES) {
    if (core.length <= end && s.startsWith(core, end - core.length)) return s.slice(0, end - core.length);
  }
  return s;
}

/** Whether `s` (non-ASCII) may hold an upper-case letter: Latin A–Z, or anything beyond CJK, kana and Hangul. */
function mayHaveUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80 ? c >= 0x41 && c <= 0x5a : !(isStableLetterOrCjk(c) && c >= 0x3000)) return true;
  }
  return false;
}

function endsWithLatinFormWord(s: string): boolean {
  const end = significantEnd(s);
  let start = end;
  while (start > 0) {
    const c = s.charCodeAt(start - 1);
    if (c < 0x61 || c > 0x7a) break;
    start--;
  }
  return start < end && end - start <= 12 && LATIN_FORM_LAST_WORDS.has(s.slice(start, end));
}

function isPunctuationOrSpace(c: number): boolean {
  if (c < 0x80) return !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a));
  return (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || c === 0xb7 || c === 0x30fb || (c >= 0xff01 && c <= 0xff0f);
}

/** Without trailing spaces and punctuation (`…（北京分公司）` → `…(北京分公司`). */
function trimTrailingPunctuation(s: string): string {
  let end = s.length;
  while (end > 0 && isPunctuationOrSpace(s.charCodeAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

function hasWordChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x3000 && isStableLetterOrCjk(c))) return true;
    if (c >= 0x80) return HAS_WORD_CHAR_RE.test(s);
  }
  return false;
}

function removePunctuation(s: string): string {
  if (!hasNonAscii(s)) return s.replace(ASCII_PUNCTUATION_RE, '');
  return onlyWordCharacters(s) ? s : s.replace(PUNCTUATION_RE, '');
}

/** True when every character is a lower-case ASCII letter or digit, or a CJK/kana/Hangul letter. */
function onlyWordCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x3000 && isStableLetterOrCjk(c))) continue;
    return false;
  }
  return true;
}

/** The key without spaces and punctuation; falls back to the whole name when that would be empty. */
function stripKey(original: string, s: string): string {
  const key = removePunctuation(s);
  if (key.length > 0) return key;
  return removePunctuation(foldWidth(original).toLowerCase());
}
