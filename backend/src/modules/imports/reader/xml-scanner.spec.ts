import { decodeEntities, utf8SafeEnd, XmlHandler, XmlScanner, XmlTag } from 'modules/imports/reader/xml-scanner';

/** Events as strings, with consecutive text pieces joined (pieces depend on chunking). */
function scan(chunks: Buffer[], captureIn = ['t', 'v']): string[] {
  const events: string[] = [];
  const handler: XmlHandler = {
    open(name, tag, selfClosing) {
      events.push(`<${name}${tag.toString()}${selfClosing ? '/' : ''}>`);
      if (captureIn.includes(name)) scanner.captureText = true;
    },
    close(name) {
      events.push(`</${name}>`);
      scanner.captureText = false;
    },
    text(value) {
      const last = events.length - 1;
      if (events[last]?.startsWith('text:')) events[last] += value;
      else events.push('text:' + value);
    },
  };
  const scanner = new XmlScanner(handler);
  for (const chunk of chunks) scanner.write(chunk);
  scanner.end();
  return events;
}

/** `size`-byte chunks: UTF-8 characters get cut in two too. */
function split(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

const XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <tags> -->' +
  '<x:sheetData xmlns:x="urn:x"><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a &amp; b &lt;c&gt; &#x4E2D;&#25991; &quot;q&quot; 上海𠀀</x:t></x:is></x:c>' +
  '<c r=\'B1\' note="1 > 0"><v>42</v></c><c r="C1"/><t><![CDATA[<raw> & text]]></t><skip>not captured</skip></x:row></x:sheetData>';

describe('XmlScanner', () => {
  const expected = [
    '<sheetData xmlns:x="urn:x">',
    '<row r="1">',
    '<c r="A1" t="inlineStr">',
    '<is>',
    '<t>',
    'text:a & b <c> 中文 "q" 上海𠀀',
    '</t>',
    '</is>',
    '</c>',
    `<c r='B1' note="1 > 0">`,
    '<v>',
    'text:42',
    '</v>',
    '</c>',
    '<c r="C1"/>',
    '</c>',
    '<t>',
    'text:<raw> & text',
    '</t>',
    '<skip>',
    '</skip>',
    '</row>',
    '</sheetData>',
  ];

  it.each([1, 2, 3, 7, 13, 1000])('gives the same events in chunks of %i bytes', (size) => {
    expect(scan(split(XML, size))).toEqual(expected);
  });

  it('refuses a DOCTYPE (no entity expansion)', () => {
    expect(() => scan(split('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', 1000))).toThrow(/DOCTYPE/);
  });

  it('refuses XML that ends inside a tag', () => {
    expect(() => scan(split('<row><c r="A1"', 1000))).toThrow(/ends inside a tag/);
  });

  it('refuses a tag larger than its limit', () => {
    const scanner = new XmlScanner({ open: () => undefined, close: () => undefined, text: () => undefined }, 100);
    expect(() => scanner.write(Buffer.from(`<c r="${'x'.repeat(200)}`))).toThrow(/too large/);
  });
});

describe('XML helpers', () => {
  it('reads attributes by local name with entities decoded', () => {
    const tag = new XmlTag();
    tag.buf = Buffer.from(`<c r="A1"  t='s' r:id="rId&amp;1" name = "联系人" s="3">`);
    tag.start = 2;
    tag.end = tag.buf.length - 1;
    expect([tag.get('r'), tag.get('t'), tag.get('id'), tag.get('name'), tag.get('s'), tag.get('x')]).toEqual(['A1', 's', 'rId&1', '联系人', '3', undefined]);
  });

  it.each<[string, number, number]>([
    ['abc', 3, 3],
    ['a中', 4, 4],
    ['a中', 3, 1],
    ['a中', 2, 1],
    ['a𠀀', 4, 1],
    ['a𠀀', 5, 5],
  ])('utf8SafeEnd(%s, %i) keeps whole characters: %i', (text, end, expected) => {
    expect(utf8SafeEnd(Buffer.from(text), 0, end)).toBe(expected);
  });

  it.each([
    ['&lt;&gt;&amp;&quot;&apos;', `<>&"'`],
    ['&#20013;&#x6587;&#x1F600;', '中文😀'],
    ['&unknown; & alone', '&unknown; & alone'],
    ['&#0;', '\uFFFD'],
  ])('decodeEntities(%s)', (text, expected) => {
    expect(decodeEntities(text)).toBe(expected);
  });
});
