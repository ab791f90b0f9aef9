import { extractDomain, isFreeMailDomain, registrableDomain } from './domain';

describe('extractDomain', () => {
  it.each([
    // URLs
    ['URL with scheme, www, path and query', 'HTTPS://WWW.Example.com.cn/about?x=1', 'example.com.cn'],
    ['http URL', 'http://example.com', 'example.com'],
    ['trailing slash', 'https://www.example.com/', 'example.com'],
    ['no scheme, www', 'www.example.com', 'example.com'],
    ['no scheme, path', 'example.com/zh-cn/contact', 'example.com'],
    ['port', 'https://example.com:8443/login', 'example.com'],
    ['user info', 'https://user:secret@example.com/', 'example.com'],
    ['fragment', 'example.com#team', 'example.com'],
    ['query without path', 'example.com?utm_source=expo', 'example.com'],
    ['protocol-relative', '//cdn.example.com/x.js', 'cdn.example.com'],
    ['www2', 'http://www2.example.org', 'example.org'],
    ['subdomain kept', 'https://cloud.tencent.com/product', 'cloud.tencent.com'],
    ['backslash path', 'example.com\\index.html', 'example.com'],
    ['trailing dot', 'example.com.', 'example.com'],
    ['surrounding spaces and quotes', '  "www.example.com"  ', 'example.com'],
    ['angle brackets', '<https://example.com>', 'example.com'],
    ['full-width', 'ＷＷＷ．ＥＸＡＭＰＬＥ．ＣＯＭ', 'example.com'],
    ['Chinese full stops', 'www。example。com', 'example.com'],
    ['zero-width space', 'exam\u200bple.com', 'example.com'],
    ['IDN stays Unicode', 'http://例子.中国/', '例子.中国'],
    ['punycode decoded', 'https://www.xn--fsqu00a.xn--fiqs8s', '例子.中国'],
    ['upper-case IDN', 'MÜLLER.DE', 'müller.de'],
    ['ftp scheme', 'ftp://files.example.net/pub', 'files.example.net'],
    // E-mail addresses
    ['e-mail', 'zhang.wei@Example.COM', 'example.com'],
    ['e-mail with full-width ＠', 'zhang.wei＠example．com', 'example.com'],
    ['mailto', 'mailto:sales@example.de', 'example.de'],
    ['bare domain', 'Example.io', 'example.io'],
  ])('%s: %j → %s', (_case, input, expected) => {
    expect(extractDomain(input)).toBe(expected);
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['N/A', 'N/A'],
    ['a company name', '华为技术有限公司'],
    ['an English name', 'Acme Corp'],
    ['no TLD', 'https://intranet/'],
    ['localhost', 'http://localhost:3000'],
    ['IPv4', 'http://192.168.1.10/admin'],
    ['IPv6', 'http://[::1]/'],
    ['one-letter TLD', 'example.c'],
    ['numeric TLD', 'example.123'],
    ['underscore', 'my_site.com'],
    ['space inside', 'exa mple.com'],
    ['leading hyphen', '-example.com'],
    ['bad punycode', 'xn--zz.com'],
    ['only www', 'www.'],
    ['a 50 MB cell', 'a'.repeat(50_000_000)],
    ['not a string', 42 as unknown as string],
  ])('%s gives null', (_case, input) => {
    expect(extractDomain(input)).toBeNull();
  });
});

describe('registrableDomain', () => {
  it.each([
    ['example.com', 'example.com'],
    ['mail.huawei.com', 'huawei.com'],
    ['a.b.c.example.com', 'example.com'],
    ['example.com.cn', 'example.com.cn'],
    ['sz.example.com.cn', 'example.com.cn'],
    ['www.example.gov.cn', 'example.gov.cn'],
    ['example.bj.cn', 'example.bj.cn'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['example.co.jp', 'example.co.jp'],
    ['hk.example.com.hk', 'example.com.hk'],
    ['mail.例子.中国', '例子.中国'],
    ['com.cn', 'com.cn'],
    ['localhost', 'localhost'],
  ])('%s → %s', (host, expected) => {
    expect(registrableDomain(host)).toBe(expected);
  });
});

describe('isFreeMailDomain', () => {
  it.each([
    'qq.com', 'vip.qq.com', 'foxmail.com', '163.com', 'vip.163.com', '126.com', 'yeah.net', 'sina.com', 'sina.cn', 'sohu.com',
    '139.com', '189.cn', 'aliyun.com', 'gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'live.cn',
  ])('%s is free mail', (domain) => {
    expect(isFreeMailDomain(domain)).toBe(true);
  });

  it.each(['huawei.com', 'tencent.com', 'example.com.cn', 'qq.com.example.com', 'mail.example.com', 'com', 'alibaba-inc.com', 'microsoft.com'])(
    '%s is not free mail',
    (domain) => {
      expect(isFreeMailDomain(domain)).toBe(false);
    },
  );

  it('works on what extractDomain returns', () => {
    expect(isFreeMailDomain(extractDomain(' ZHANG.WEI＠QQ．COM ')!)).toBe(true);
    expect(isFreeMailDomain(extractDomain('https://www.163.com/')!)).toBe(true);
    expect(isFreeMailDomain(extractDomain('li.na@huawei.com')!)).toBe(false);
  });
});
