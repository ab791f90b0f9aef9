import { consentForSuppression, detectSuppressionKind, normalizeSuppressionValue, splitSuppressionList } from './privacy';

describe('normalizeSuppressionValue', () => {
  it.each([
    ['an address in any case and width', ' Zhang.Wei＠Example．COM ', 'email', 'zhang.wei@example.com'],
    ['an address from Outlook', '李娜 <Li.Na@Example.com>', 'email', 'li.na@example.com'],
    ['a mainland mobile with spaces', '138 0013 8000', 'phone', '+8613800138000'],
    ['a mobile with +86', '+86 139-0013-9000', 'phone', '+8613900139000'],
    ['a landline with an area code', '(010) 6552-9988', 'phone', '+861065529988'],
    ['a whole domain written as @domain', '@Competitor.com', 'domain', 'competitor.com'],
    ['a website', 'https://www.Example.org/about', 'domain', 'example.org'],
    ['a bare domain', 'mail.example.com.cn', 'domain', 'mail.example.com.cn'],
  ])('reads %s', (_label, raw, kind, value) => {
    expect(normalizeSuppressionValue(raw)).toEqual({ ok: true, kind, value });
  });

  it.each([
    ['', 'auto', 'suppression.empty'],
    ['   ', 'auto', 'suppression.empty'],
    ['not an address@', 'auto', 'email.contains_space'],
    ['a@b@c.com', 'auto', 'email.invalid_format'],
    ['hello', 'auto', 'phone.invalid_characters'],
    ['12', 'auto', 'phone.too_short'],
    ['localhost', 'domain', 'suppression.invalid_domain'],
    ['13800138000', 'email', 'email.missing_at'],
  ] as const)('refuses %j as %s with %s', (raw, kind, reason) => {
    expect(normalizeSuppressionValue(raw, kind)).toEqual({ ok: false, reason });
  });

  it('takes the domain of an address when asked for a domain', () => {
    expect(normalizeSuppressionValue('someone@Sub.Example.com', 'domain')).toEqual({ ok: true, kind: 'domain', value: 'sub.example.com' });
  });

  it('detects kinds from the shape alone', () => {
    expect(['a@b.com', '@b.com', 'b.com', '例子.中国', '+86 138', '010-12345678 转 8001'].map(detectSuppressionKind)).toEqual([
      'email',
      'domain',
      'domain',
      'domain',
      'phone',
      'phone',
    ]);
  });
});

describe('splitSuppressionList', () => {
  it('reads one value a line, skipping blank lines and header words', () => {
    expect(splitSuppressionList('Email\r\na@x.com\n\n  b@y.com  \r138 0013 8000\n邮箱\n')).toEqual(['a@x.com', 'b@y.com', '138 0013 8000']);
  });

  it('takes the address cells of a CSV row, else its first cell', () => {
    const csv = 'email,unsubscribed_at,reason\n"a@x.com",2025-01-02,spam\nb@y.com;c@z.com\n13800138000,2025-01-03\n';
    expect(splitSuppressionList(csv)).toEqual(['a@x.com', 'b@y.com', 'c@z.com', '13800138000']);
  });
});

describe('consentForSuppression', () => {
  it('is unsubscribed only for an unsubscribe', () => {
    expect(consentForSuppression('unsubscribed')).toBe('unsubscribed');
    for (const reason of ['bounced', 'complaint', 'do_not_contact'] as const) expect(consentForSuppression(reason)).toBe('do_not_contact');
  });
});
