/**
 * E-mail addresses as they arrive in spreadsheets: full-width characters from Chinese input methods,
 * stray spaces, `mailto:` links, `Name <address>` pasted from Outlook, trailing `;`.
 *
 * The canonical value is the whole address lowercased (local part included: no mainstream provider
 * treats case as significant, and identity resolution needs one key per mailbox). The domain is in
 * Unicode form (see domain.ts); non-ASCII local parts (RFC 6531, e.g. Coremail's Chinese mailbox
 * names) are accepted. Provider-specific aliasing (Gmail dots, `+tag`) is left alone: those are real,
 * distinct addresses as far as consent and suppression are concerned.
 */
import { canonicalHost } from './domain';
import { failures, foldWidth, hasNonAscii, isPlaceholder, MAX_CELL_LENGTH, unwrapSpreadsheetText } from './text';

/** Stable reason codes for the import report (translated by the console). */
export const EMAIL_PROBLEMS = [
  'email.empty',
  'email.too_long',
  'email.missing_at',
  'email.multiple_addresses',
  'email.contains_space',
  'email.consecutive_dots',
  'email.invalid_local_part',
  'email.invalid_domain',
  'email.missing_tld',
  'email.invalid_format',
] as const;
export type EmailProblem = (typeof EMAIL_PROBLEMS)[number];

export type EmailResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly reason: EmailProblem };

const FAIL = failures(EMAIL_PROBLEMS);
const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_LENGTH = 64;

// A subset of what the full path accepts, with the same result: dot-atoms of common characters, ASCII
// labels (no punycode, which the full path decodes) and an alphabetic TLD.
const PLAIN_ASCII_RE = /^[a-z0-9_%+-]+(?:\.[a-z0-9_%+-]+)*@(?:(?!xn--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const ATEXT = "!#$%&'*+/=?^_`{|}~-";
const LOCAL_ASCII_RE = new RegExp(`^[a-z0-9${escapeClass(ATEXT)}]+(?:\\.[a-z0-9${escapeClass(ATEXT)}]+)*$`);
const LOCAL_UNICODE_RE = new RegExp(`^[\\p{L}\\p{N}\\p{M}${escapeClass(ATEXT)}]+(?:\\.[\\p{L}\\p{N}\\p{M}${escapeClass(ATEXT)}]+)*$`, 'u');
// '。' is the full stop of Chinese input methods, typed where '.' was meant; NFKC leaves it alone.
const IDEOGRAPHIC_STOP_RE = /[。｡]/g;
const WHITESPACE_RE = /\s/;
const LIST_SEPARATOR_RE = /[\s,;/|、]/;
const COMMA_RE = /,/g;
// Quotes and brackets around the address, and list/sentence punctuation after it. A leading '.' is
// kept: it makes the local part invalid rather than silently becoming another address.
const EDGE_JUNK_RE = /^[\s"'“”‘’「」《》()[\]<>;,:]+|[\s"'“”‘’「」《》()[\]<>;,:.]+$/g;
const MAILTO_RE = /^mailto:/i;

function stripMailto(s: string): string {
  const query = s.indexOf('?');
  return query >= 0 ? s.slice(7, query) : s.slice(7);
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^/-]/g, '\\$&');
}

/**
 * Validates and canonicalizes one e-mail address. Never throws; a failure carries a stable reason
 * code. Examples: ` Zhang.Wei＠Example．COM ` → `zhang.wei@example.com`,
 * `张伟 <zhang.wei@example.com>` → `zhang.wei@example.com`, `a@x.com; b@y.com` → email.multiple_addresses.
 */
export function normalizeEmail(raw: string): EmailResult {
  if (typeof raw !== 'string') return FAIL['email.empty'];
  // Fast path, most cells of a real column: a plain ASCII address, maybe in upper case.
  if (raw.length <= MAX_EMAIL_LENGTH && PLAIN_ASCII_RE.test(raw) && raw.indexOf('@') <= MAX_LOCAL_LENGTH) {
    return { ok: true, value: raw.toLowerCase() };
  }
  if (raw.length > MAX_CELL_LENGTH) return FAIL['email.too_long'];
  let s = raw;
  if (hasNonAscii(s)) s = foldWidth(s).replace(IDEOGRAPHIC_STOP_RE, '.');
  s = s.trim();
  if (s.length === 0 || isPlaceholder(s)) return FAIL['email.empty'];
  s = unwrapSpreadsheetText(s);

  // `Display Name <address>`: keep what is inside the last angle brackets.
  if (s.charCodeAt(s.length - 1) === 0x3e /* > */) {
    const open = s.lastIndexOf('<');
    if (open >= 0) s = s.slice(open + 1, -1);
  }
  if (MAILTO_RE.test(s)) s = stripMailto(s);
  s = s.replace(EDGE_JUNK_RE, '');
  if (MAILTO_RE.test(s)) s = stripMailto(s).replace(EDGE_JUNK_RE, '');
  if (s.length === 0) return FAIL['email.empty'];
  s = s.toLowerCase();

  const at = s.indexOf('@');
  if (at < 0) return FAIL['email.missing_at'];
  if (s.indexOf('@', at + 1) >= 0) return LIST_SEPARATOR_RE.test(s) ? FAIL['email.multiple_addresses'] : FAIL['email.invalid_format'];
  if (WHITESPACE_RE.test(s)) return FAIL['email.contains_space'];
  if (s.length > MAX_EMAIL_LENGTH) return FAIL['email.too_long'];

  const local = s.slice(0, at);
  let domain = s.slice(at + 1);
  let rewritten = false;
  // No domain holds a comma: it is the '，' key next to '。' on a Chinese keyboard.
  if (domain.includes(',')) {
    domain = domain.replace(COMMA_RE, '.');
    rewritten = true;
  }
  if (local.length === 0) return FAIL['email.invalid_local_part'];
  if (domain.length === 0) return FAIL['email.invalid_domain'];
  if (local.includes('..') || domain.includes('..')) return FAIL['email.consecutive_dots'];
  if (local.length > MAX_LOCAL_LENGTH) return FAIL['email.too_long'];
  if (!(hasNonAscii(local) ? LOCAL_UNICODE_RE : LOCAL_ASCII_RE).test(local)) return FAIL['email.invalid_local_part'];
  if (!domain.includes('.')) return FAIL['email.missing_tld'];
  const host = canonicalHost(domain);
  if (host === null) return FAIL['email.invalid_domain'];
  return { ok: true, value: rewritten || host !== domain ? `${local}@${host}` : s };
}
