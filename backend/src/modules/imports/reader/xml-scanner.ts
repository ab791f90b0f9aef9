import { asciiAt, utf8At } from 'modules/imports/reader/decode';

/**
 * A small streaming XML tokenizer over UTF-8 bytes for the parts of an XLSX package. Markup is
 * never decoded to strings (most of a worksheet is markup): element names are interned, attributes
 * are read in place through XmlTag, and text is decoded only while the handler asks for it
 * (`captureText`). Element names lose their prefix (some writers use `x:`). Comments, processing
 * instructions and CDATA are understood; a DOCTYPE is refused (no OOXML part has one, and entity
 * expansion is how XML bombs work).
 */
export interface XmlHandler {
  open(name: string, tag: XmlTag, selfClosing: boolean): void;
  close(name: string): void;
  /** Text of one text node may arrive in several pieces. */
  text(value: string): void;
}

export class XmlError extends Error {}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const AMP = 0x26;
const SEMICOLON = 0x3b;
const COLON = 0x3a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const EQUALS = 0x3d;

/** An unfinished entity reference is never longer than this (`&#x10FFFF;`). */
const MAX_ENTITY = 12;
const EMPTY = Buffer.alloc(0);

/** The attributes of the element being opened, read in place; valid only during open(). */
export class XmlTag {
  buf: Buffer = EMPTY;
  start = 0;
  end = 0;
  /** After find(): where the found value ends. */
  valueEnd = 0;

  /** Start of the value of the attribute whose local name is `name`, or -1 (see valueEnd). */
  find(name: string): number {
    const buf = this.buf;
    const end = this.end;
    let i = this.start;
    while (i < end) {
      while (i < end && buf[i] <= 0x20) i++;
      const nameStart = i;
      while (i < end && buf[i] !== EQUALS && buf[i] > 0x20) i++;
      const nameEnd = i;
      while (i < end && buf[i] !== DQUOTE && buf[i] !== SQUOTE) i++;
      if (i >= end) return -1;
      const quote = buf[i];
      const valueStart = i + 1;
      i = valueStart;
      while (i < end && buf[i] !== quote) i++;
      if (i >= end) return -1;
      if (localNameIs(buf, nameStart, nameEnd, name)) {
        this.valueEnd = i;
        return valueStart;
      }
      i++;
    }
    return -1;
  }

  get(name: string): string | undefined {
    const at = this.find(name);
    return at < 0 ? undefined : decodeEntities(this.buf.toString('utf8', at, this.valueEnd));
  }

  /** The raw attribute text, for messages and tests. */
  toString(): string {
    return this.buf.toString('utf8', this.start, this.end);
  }
}

function localNameIs(buf: Buffer, start: number, end: number, name: string): boolean {
  for (let k = end - 1; k >= start; k--) {
    if (buf[k] === COLON) {
      start = k + 1;
      break;
    }
  }
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (buf[start + k] !== name.charCodeAt(k)) return false;
  return true;
}

export class XmlScanner {
  /** While true, text between tags is decoded and passed to the handler. */
  captureText = false;
  private pending: Buffer = EMPTY;
  private readonly tag = new XmlTag();
  private readonly names: string[] = [];

  constructor(
    private readonly handler: XmlHandler,
    /** Longest tag, comment or CDATA section held while waiting for its end. */
    private readonly maxPending = 16 * 1024 * 1024,
  ) {}

  write(chunk: Buffer): void {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const lt = buf.indexOf(LT, i);
      if (lt < 0) {
        this.trailingText(buf, i);
        return;
      }
      if (lt > i && this.captureText) this.handler.text(textAt(buf, i, lt));
      if (lt + 1 >= n) return this.keep(buf, lt);
      const c = buf[lt + 1];
      if (c === BANG) {
        if (startsWith(buf, lt, '<!--')) {
          const end = buf.indexOf('-->', lt + 4);
          if (end < 0) return this.keep(buf, lt);
          i = end + 3;
        } else if (startsWith(buf, lt, '<![CDATA[')) {
          const end = buf.indexOf(']]>', lt + 9);
          if (end < 0) return this.keep(buf, lt);
          if (this.captureText) this.handler.text(buf.toString('utf8', lt + 9, end));
          i = end + 3;
        } else if (n - lt < 9) {
          return this.keep(buf, lt);
        } else {
          throw new XmlError('XML declarations such as DOCTYPE are not allowed');
        }
        continue;
      }
      if (c === QUESTION) {
        const end = buf.indexOf('?>', lt + 2);
        if (end < 0) return this.keep(buf, lt);
        i = end + 2;
        continue;
      }
      // The closing '>', skipping any inside quoted attribute values.
      let gt = lt + 1;
      let quote = 0;
      for (; gt < n; gt++) {
        const b = buf[gt];
        if (quote) {
          if (b === quote) quote = 0;
        } else if (b === GT) break;
        else if (b === DQUOTE || b === SQUOTE) quote = b;
      }
      if (gt >= n) return this.keep(buf, lt);
      if (c === SLASH) {
        let end = gt;
        while (end > lt + 2 && buf[end - 1] <= 0x20) end--;
        this.handler.close(this.name(buf, lt + 2, end));
      } else {
        const selfClosing = buf[gt - 1] === SLASH;
        const end = selfClosing ? gt - 1 : gt;
        let k = lt + 1;
        while (k < end && buf[k] > 0x20) k++;
        const name = this.name(buf, lt + 1, k);
        const tag = this.tag;
        tag.buf = buf;
        tag.start = k;
        tag.end = end;
        this.handler.open(name, tag, selfClosing);
        tag.buf = EMPTY;
        if (selfClosing) this.handler.close(name);
      }
      i = gt + 1;
    }
  }

  end(): void {
    const rest = this.pending;
    this.pending = EMPTY;
    if (rest.includes(LT)) throw new XmlError('The XML ends inside a tag');
    if (rest.length && this.captureText) this.handler.text(decodeEntities(rest.toString('utf8')));
  }

  /** Local name, interned: the same few names repeat for every cell, so no string is made for them. */
  private name(buf: Buffer, start: number, end: number): string {
    for (let k = start; k < end; k++) {
      if (buf[k] === COLON) {
        start = k + 1;
        break;
      }
    }
    const length = end - start;
    if (length === 1) return ONE_BYTE_NAMES[buf[start]];
    const names = this.names;
    for (let k = 0; k < names.length; k++) {
      const known = names[k];
      if (known.length === length && startsWith(buf, start, known)) return known;
    }
    const name = buf.toString('utf8', start, end);
    if (names.length < 64) names.push(name);
    return name;
  }

  /** Text with no '<' after it: pass it on, holding back a split character or entity reference. */
  private trailingText(buf: Buffer, from: number): void {
    if (!this.captureText) return;
    let cut = utf8SafeEnd(buf, from, buf.length);
    const amp = buf.lastIndexOf(AMP, cut - 1);
    if (amp >= from && cut - amp < MAX_ENTITY && buf.indexOf(SEMICOLON, amp) < 0) cut = amp;
    if (cut > from) this.handler.text(textAt(buf, from, cut));
    if (cut < buf.length) this.pending = Buffer.from(buf.subarray(cut));
  }

  private keep(buf: Buffer, from: number): void {
    if (buf.length - from > this.maxPending) throw new XmlError('An XML tag is too large');
    this.pending = buf.subarray(from);
  }
}

/**
 * Text content, decoded. Cell values are short and mostly ASCII: those skip UTF-8 decoding and
 * entity replacement.
 */
function textAt(buf: Buffer, start: number, end: number): string {
  let plain = true;
  for (let k = start; k < end; k++) {
    const b = buf[k];
    if (b >= 0x80 || b === AMP) {
      plain = false;
      break;
    }
  }
  return plain ? asciiAt(buf, start, end) : decodeEntities(utf8At(buf, start, end));
}

const ONE_BYTE_NAMES = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b));

function startsWith(buf: Buffer, at: number, text: string): boolean {
  if (at + text.length > buf.length) return false;
  for (let k = 0; k < text.length; k++) if (buf[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

/** `end`, or the start of a UTF-8 sequence that `end` cuts in two. */
export function utf8SafeEnd(buf: Buffer, from: number, end: number): number {
  let k = end - 1;
  let continuation = 0;
  while (k >= from && continuation < 3 && (buf[k] & 0xc0) === 0x80) {
    k--;
    continuation++;
  }
  if (k < from) return end;
  const lead = buf[k];
  const needs = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : lead >= 0xc0 ? 1 : 0;
  return needs > continuation ? k : end;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}
