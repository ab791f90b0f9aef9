/**
 * Domains for company matching, from e-mails, URLs or bare domains.
 *
 * Canonical form (shared with normalizeEmail): lowercase, Unicode. Internationalized labels written
 * in punycode (`xn--fiqs8s`) are decoded, so `例子.中国` and `xn--fsqu00a.xn--fiqs8s` give the same
 * key and the console shows what people typed. Convert to ASCII only where a protocol needs it
 * (nodemailer already does for SMTP; `url.domainToASCII` in Node, `new URL()` in browsers).
 */
import { foldWidth, hasNonAscii, MAX_CELL_LENGTH } from './text';

const ASCII_HOST_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const UNICODE_HOST_RE = /^(?:[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?\.)+\p{L}[\p{L}\p{M}]{1,62}$/u;
const IDEOGRAPHIC_STOP_RE = /[。｡]/g;
const SCHEME_RE = /^[a-z][a-z0-9+.-]{0,15}:\/\//;
const WWW_RE = /^www\d{0,2}\./;
const PATH_START_RE = /[/?#\\]/;
const WRAPPER_RE = /^[\s<"'“‘「([]+|[\s>"'”’」)\]]+$/g;

/**
 * Validates and canonicalizes a hostname that is already lowercase and NFKC: decodes punycode labels,
 * requires a dot and an alphabetic top-level label of 2+ characters (so IP addresses and `localhost`
 * fail). Returns null when it is not a public-looking hostname.
 */
export function canonicalHost(host: string): string | null {
  if (host.length === 0 || host.length > 253) return null;
  if (host.includes('xn--')) {
    const decoded = decodeIdnHost(host);
    if (decoded === null) return null;
    host = decoded;
  }
  if (!hasNonAscii(host)) return ASCII_HOST_RE.test(host) ? host : null;
  return UNICODE_HOST_RE.test(host) ? host : null;
}

function decodeIdnHost(host: string): string | null {
  const labels = host.split('.');
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (!label.startsWith('xn--')) continue;
    const decoded = punycodeDecode(label.slice(4));
    if (decoded === null || decoded.length === 0) return null;
    labels[i] = decoded.toLowerCase();
  }
  return labels.join('.');
}

// RFC 3492 parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;

function adaptBias(delta: number, numPoints: number, firstTime: boolean): number {
  delta = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / numPoints);
  let k = 0;
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

function punycodeDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // '0'-'9' -> 26-35
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  return BASE;
}

/** Punycode (RFC 3492) decoding of one label without its `xn--` prefix; null when malformed. */
function punycodeDecode(input: string): string | null {
  const output: number[] = [];
  const basicEnd = Math.max(0, input.lastIndexOf('-'));
  for (let j = 0; j < basicEnd; j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let index = basicEnd > 0 ? basicEnd + 1 : 0; index < input.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) return null;
      const digit = punycodeDigit(input.charCodeAt(index++));
      if (digit >= BASE) return null;
      i += digit * w;
      if (i > 0x7fffffff) return null;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adaptBias(i - oldI, length, oldI === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/**
 * The host of an e-mail address, a URL (any scheme or none, user info, port, path, query, fragment)
 * or a bare domain; lowercase, Unicode, without a leading `www.`. Null when there is none
 * (`N/A`, a company name, an IP address, `localhost`). Free-mail domains are returned as they are:
 * check {@link isFreeMailDomain} before using one to match a company.
 */
export function extractDomain(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_CELL_LENGTH) return null;
  let s = raw;
  if (hasNonAscii(s)) s = foldWidth(s).replace(IDEOGRAPHIC_STOP_RE, '.');
  if (!isAsciiAlphanumeric(s.charCodeAt(0)) || !isAsciiAlphanumeric(s.charCodeAt(s.length - 1))) s = s.replace(WRAPPER_RE, '');
  s = s.toLowerCase();
  if (s.length === 0) return null;

  let authority: string;
  const schemeEnd = s.indexOf('://');
  if (schemeEnd > 0 && SCHEME_RE.test(s)) {
    authority = s.slice(schemeEnd + 3);
  } else if (s.startsWith('mailto:')) {
    authority = s.slice(7);
  } else if (s.startsWith('//')) {
    authority = s.slice(2);
  } else {
    authority = s;
  }
  const end = authority.search(PATH_START_RE);
  if (end >= 0) authority = authority.slice(0, end);
  // An e-mail address, or user info in a URL: the host is after the last '@'.
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  const colon = authority.indexOf(':');
  if (colon >= 0) authority = authority.slice(0, colon);
  if (authority.endsWith('.')) authority = authority.slice(0, -1);
  authority = authority.replace(WWW_RE, '');
  return canonicalHost(authority);
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/**
 * Public suffixes with a second level that people register under (`example.com.cn`, `example.co.uk`).
 * A heuristic subset of the Public Suffix List covering the markets we sell in; enough to fold
 * `mail.example.com.cn` into `example.com.cn`, not a PSL replacement.
 */
const SECOND_LEVEL_SUFFIXES = new Set(
  [
    'cn:com,net,org,gov,edu,ac,mil,bj,tj,he,sx,nm,ln,jl,hl,sh,js,zj,ah,fj,jx,sd,ha,hb,hn,gd,gx,hi,cq,sc,gz,yn,xz,sn,gs,qh,nx,xj',
    'hk:com,org,edu,gov,net,idv',
    'mo:com,org,edu,gov,net',
    'tw:com,org,edu,gov,net,idv',
    'uk:co,org,ac,gov,ltd,plc,me,net,nhs,sch',
    'jp:co,ne,or,ac,go,ed,gr,lg',
    'kr:co,or,ac,go,ne,re',
    'au:com,net,org,edu,gov,asn,id',
    'nz:co,net,org,ac,govt,school',
    'sg:com,edu,gov,net,org',
    'my:com,net,org,edu,gov',
    'in:co,net,org,firm,gen,ind,ac,edu,gov',
    'th:co,or,ac,go,in',
    'id:co,or,ac,go,web',
    'vn:com,net,org,edu,gov',
    'ph:com,net,org,edu,gov',
    'br:com,net,org,gov,edu',
    'mx:com,org,gob,edu',
    'ar:com,org,gob,edu',
    'za:co,org,ac,gov',
    'tr:com,org,net,edu,gov',
    'il:co,org,ac,gov',
  ].flatMap((line) => {
    const [tld, seconds] = line.split(':');
    return seconds.split(',').map((second) => `${second}.${tld}`);
  }),
);

/**
 * The registrable part of a canonical host (`mail.huawei.com` → `huawei.com`,
 * `sz.example.com.cn` → `example.com.cn`), for matching e-mail domains against company websites.
 */
export function registrableDomain(host: string): string {
  const last = host.lastIndexOf('.');
  if (last < 0) return host;
  const second = host.lastIndexOf('.', last - 1);
  if (second < 0) return host;
  if (!SECOND_LEVEL_SUFFIXES.has(host.slice(second + 1))) return host.slice(second + 1);
  const third = host.lastIndexOf('.', second - 1);
  return third < 0 ? host : host.slice(third + 1);
}

/**
 * Personal mailbox providers: an address there says nothing about the employer, so it must not
 * create or match a company by domain. China first, then the international ones seen in B2B lists.
 */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // China
  'qq.com', 'foxmail.com', '163.com', '126.com', 'yeah.net', '188.com', 'netease.com', 'sina.com', 'sina.cn',
  'sohu.com', '139.com', '189.cn', 'wo.cn', 'aliyun.com', '21cn.com', 'tom.com', '263.net', 'live.cn',
  'yahoo.com.cn', 'yahoo.cn', 'hotmail.com.cn', 'outlook.com.cn',
  // International
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'ymail.com',
  'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com', 'pm.me', 'zoho.com', 'mail.com',
  'gmx.com', 'gmx.net', 'gmx.de', 'web.de', 't-online.de', 'yandex.com', 'yandex.ru', 'mail.ru',
  'hotmail.co.uk', 'yahoo.co.uk', 'btinternet.com', 'hotmail.fr', 'orange.fr', 'free.fr', 'laposte.net',
  'yahoo.co.jp', 'outlook.jp', 'naver.com', 'daum.net', 'hanmail.net', 'yahoo.com.hk', 'yahoo.com.tw',
  'hotmail.sg', 'yahoo.com.sg',
]);

/**
 * Whether a canonical domain (as returned by {@link extractDomain}) belongs to a personal mailbox
 * provider, subdomains included (`vip.qq.com`, `vip.163.com`).
 */
export function isFreeMailDomain(domain: string): boolean {
  let d = domain;
  for (;;) {
    if (FREE_MAIL_DOMAINS.has(d)) return true;
    const dot = d.indexOf('.');
    if (dot < 0 || d.indexOf('.', dot + 1) < 0) return false;
    d = d.slice(dot + 1);
  }
}
