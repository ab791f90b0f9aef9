import { EMAIL_PROBLEMS, normalizeEmail } from './email';

describe('normalizeEmail', () => {
  describe.each([
    ['plain', 'zhang.wei@example.com', 'zhang.wei@example.com'],
    ['upper case and stray spaces', '  Zhang.Wei@Example.COM ', 'zhang.wei@example.com'],
    ['full-width ＠ and ．, ideographic spaces', ' Zhang.Wei＠Example．COM ', 'zhang.wei@example.com'],
    ['all full-width', '　ｌｉ．ｎａ＠ｅｘａｍｐｌｅ．ｃｏｍ．ｃｎ　', 'li.na@example.com.cn'],
    ['small commercial at', 'li.na﹫example.com', 'li.na@example.com'],
    ['Chinese full stop for a dot', 'li.na@example。com', 'li.na@example.com'],
    ['halfwidth ideographic full stop', 'li｡na@example｡com', 'li.na@example.com'],
    ['Chinese comma for a dot in the domain', 'li.na@example，com', 'li.na@example.com'],
    ['zero-width space and BOM', '\ufeffli.na@exa\u200bmple.com\u200b', 'li.na@example.com'],
    ['non-breaking space around', '\u00a0li.na@example.com\u00a0', 'li.na@example.com'],
    ['angle brackets', '<li.na@example.com>', 'li.na@example.com'],
    ['Outlook display name', '李娜 <Li.Na@Example.com>', 'li.na@example.com'],
    ['quoted display name', '"Na, Li" <li.na@example.com>', 'li.na@example.com'],
    ['mailto link', 'mailto:Li.Na@example.com', 'li.na@example.com'],
    ['mailto with query', 'MAILTO:li.na@example.com?subject=Hi', 'li.na@example.com'],
    ['trailing semicolon from a list', 'li.na@example.com;', 'li.na@example.com'],
    ['trailing comma and full stop', 'li.na@example.com，', 'li.na@example.com'],
    ['sentence full stop', 'li.na@example.com.', 'li.na@example.com'],
    ['quotes', '"li.na@example.com"', 'li.na@example.com'],
    ['Chinese quotes and brackets', '“li.na@example.com”', 'li.na@example.com'],
    ['Excel text marker', "'li.na@example.com", 'li.na@example.com'],
    ['Excel formula text', '="li.na@example.com"', 'li.na@example.com'],
    ['tab from a pasted row', '\tli.na@example.com\t', 'li.na@example.com'],
    ['plus tag is kept', 'li.na+events@example.com', 'li.na+events@example.com'],
    ['digits and dashes', '13800138000@139.com', '13800138000@139.com'],
    ['QQ number mailbox', '10001@QQ.com', '10001@qq.com'],
    ['apostrophe in local part', "o'brien@example.ie", "o'brien@example.ie"],
    ['subdomain', 'ops@mail.sz.example.com.cn', 'ops@mail.sz.example.com.cn'],
    ['hyphenated domain', 'a@blue-peak.io', 'a@blue-peak.io'],
    ['IDN domain stays Unicode', '张伟@例子.中国', '张伟@例子.中国'],
    ['punycode domain decoded to Unicode', 'info@xn--fsqu00a.xn--fiqs8s', 'info@例子.中国'],
    ['mixed punycode and ASCII labels', 'info@XN--FSQU00A.com', 'info@例子.com'],
    ['German IDN', 'info@Müller.de', 'info@müller.de'],
    ['long TLD', 'hr@example.technology', 'hr@example.technology'],
  ])('%s', (_case, input, expected) => {
    it(`${JSON.stringify(input)} → ${expected}`, () => {
      expect(normalizeEmail(input)).toEqual({ ok: true, value: expected });
    });
  });

  it.each([
    ['', 'email.empty'],
    ['   ', 'email.empty'],
    ['\u200b', 'email.empty'],
    ['N/A', 'email.empty'],
    ['无', 'email.empty'],
    ['-', 'email.empty'],
    ['<>', 'email.empty'],
    ['mailto:', 'email.empty'],
    ['zhang.wei', 'email.missing_at'],
    ['张伟', 'email.missing_at'],
    ['zhang.wei(at)example.com', 'email.missing_at'],
    ['a@example.com; b@example.com', 'email.multiple_addresses'],
    ['a@example.com,b@example.com', 'email.multiple_addresses'],
    ['a@example.com / b@example.com', 'email.multiple_addresses'],
    ['a@example.com、b@example.com', 'email.multiple_addresses'],
    ['a@b@example.com', 'email.invalid_format'],
    ['zhang wei@example.com', 'email.contains_space'],
    ['zhang.wei@example .com', 'email.contains_space'],
    ['zhang..wei@example.com', 'email.consecutive_dots'],
    ['zhang.wei@example..com', 'email.consecutive_dots'],
    ['zhang.wei@example。。com', 'email.consecutive_dots'],
    ['.zhang@example.com', 'email.invalid_local_part'],
    ['zhang.@example.com', 'email.invalid_local_part'],
    ['@example.com', 'email.invalid_local_part'],
    ['zhang"wei@example.com', 'email.invalid_local_part'],
    ['zhang(wei)@example.com', 'email.invalid_local_part'],
    ['zhang@', 'email.invalid_domain'],
    ['zhang@example', 'email.missing_tld'],
    ['zhang@localhost', 'email.missing_tld'],
    ['zhang@example.c', 'email.invalid_domain'],
    ['zhang@example.123', 'email.invalid_domain'],
    ['zhang@192.168.1.1', 'email.invalid_domain'],
    ['zhang@[192.168.1.1]', 'email.invalid_domain'],
    ['zhang@-example.com', 'email.invalid_domain'],
    ['zhang@example-.com', 'email.invalid_domain'],
    ['zhang@exa_mple.com', 'email.invalid_domain'],
    ['zhang@xn--zz.com', 'email.invalid_domain'],
    [`${'a'.repeat(65)}@example.com`, 'email.too_long'],
    [`a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`, 'email.too_long'],
    ['x'.repeat(50_000_000), 'email.too_long'],
  ])('%j is rejected as %s', (input, reason) => {
    expect(normalizeEmail(input)).toEqual({ ok: false, reason });
  });

  it('never throws, whatever it is given', () => {
    for (const input of [null, undefined, 42, {}, [], '@', '@@', '<', '>', 'mailto:?', '="', "'", '\u0000@a.com']) {
      const result = normalizeEmail(input as unknown as string);
      expect(result.ok === true || EMAIL_PROBLEMS.includes(result.reason)).toBe(true);
    }
  });

  it('decides the same with or without its fast path for plain addresses', () => {
    const plain = [
      'zhang.wei@example.com', 'ZHANG.WEI@EXAMPLE.COM', 'a_b%c+d-e@sub.example.co.uk', 'a@b.cn', '1@2.io', 'a..b@example.com',
      'a@example.c', 'a@-x.com', 'a@x-.com', 'a@xn--fsqu00a.com', `${'a'.repeat(64)}@example.com`, `${'a'.repeat(65)}@example.com`,
      `a@${'b'.repeat(63)}.com`, `a@${'b'.repeat(64)}.com`, `a@${'b.'.repeat(120)}com`, `a@${'b.'.repeat(130)}com`,
    ];
    for (const input of plain) expect(normalizeEmail(input)).toEqual(normalizeEmail(` ${input} `));
  });

  it('is idempotent on its own output', () => {
    for (const input of [' Zhang.Wei＠Example．COM ', 'info@xn--fsqu00a.xn--fiqs8s', '李娜 <Li.Na@Example.com>']) {
      const once = normalizeEmail(input);
      expect(once.ok).toBe(true);
      if (once.ok) expect(normalizeEmail(once.value)).toEqual(once);
    }
  });

  it('returns one of the documented reason codes', () => {
    expect(new Set(EMAIL_PROBLEMS).size).toBe(EMAIL_PROBLEMS.length);
    for (const code of EMAIL_PROBLEMS) expect(code).toMatch(/^email\.[a-z_]+$/);
  });
});
