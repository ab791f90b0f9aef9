import { checkInBatchRequestSchema, checkInCodeKey, checkInMethodFor, parseCheckInCode } from './checkin';

const TOKEN = 'k3J9x_Qw-7YpL0aZ2bC4dE6fG8hI1jK3lM5nO7pQ9rS';

describe('parseCheckInCode', () => {
  it.each([
    [`https://fulcrum.example.com/r/${TOKEN}`, { kind: 'token', token: TOKEN }],
    [`http://127.0.0.1:3000/r/${TOKEN}/`, { kind: 'token', token: TOKEN }],
    [`https://events.example.cn/j/${TOKEN}?utm_source=x`, { kind: 'token', token: TOKEN }],
    // A USB scanner types the text and a line end; spaces around a pasted code.
    [`  https://fulcrum.example.com/r/${TOKEN}\r\n`, { kind: 'token', token: TOKEN }],
    [TOKEN, { kind: 'token', token: TOKEN }],
    ['0B8E2A51-9C3D-4F6E-8A1B-2C3D4E5F6A7B', { kind: 'registration', id: '0b8e2a51-9c3d-4f6e-8a1b-2c3d4e5f6a7b' }],
    [' Zhang.Wei@Example.COM ', { kind: 'email', email: 'zhang.wei@example.com' }],
    ['138 0013 8000', { kind: 'phone', phone: '+8613800138000' }],
    ['+86 138-0013-8000', { kind: 'phone', phone: '+8613800138000' }],
    ['https://fulcrum.example.com/e/some-event', { kind: 'unknown' }],
    [`https://fulcrum.example.com/r/short`, { kind: 'unknown' }],
    ['WIFI:S:venue;T:WPA;P:secret;;', { kind: 'unknown' }],
    ['hello', { kind: 'unknown' }],
    ['not-an-email@', { kind: 'unknown' }],
    ['', { kind: 'unknown' }],
  ])('%j → %j', (raw, expected) => {
    expect(parseCheckInCode(raw)).toEqual(expected);
  });
});

describe('checkInCodeKey', () => {
  it('gives the link, the bare token and a scanner line of one person the same key', () => {
    const keys = new Set([checkInCodeKey(`https://a.example/r/${TOKEN}`), checkInCodeKey(TOKEN), checkInCodeKey(`${TOKEN}\n`)]);
    expect([...keys]).toEqual([`token:${TOKEN}`]);
  });

  it('normalizes emails and phone numbers, and keeps unknown text as it is', () => {
    expect(checkInCodeKey('LI.NA@example.com')).toBe(checkInCodeKey('li.na@example.com'));
    expect(checkInCodeKey('13800138000')).toBe(checkInCodeKey('+86 138 0013 8000'));
    expect(checkInCodeKey(' hello ')).toBe('raw:hello');
  });
});

describe('check-in contract', () => {
  const scan = { clientScanId: 's1', code: TOKEN, scannedAt: '2026-05-20T09:12:00.000Z', source: 'scan' };

  it('accepts a batch of scans and refuses an empty one, a blank code, a bad time or an unknown source', () => {
    expect(checkInBatchRequestSchema.safeParse({ scans: [scan] }).success).toBe(true);
    expect(checkInBatchRequestSchema.safeParse({ scans: [] }).success).toBe(false);
    expect(checkInBatchRequestSchema.safeParse({ scans: [{ ...scan, code: '   ' }] }).success).toBe(false);
    expect(checkInBatchRequestSchema.safeParse({ scans: [{ ...scan, scannedAt: 'yesterday' }] }).success).toBe(false);
    expect(checkInBatchRequestSchema.safeParse({ scans: [{ ...scan, source: 'online' }] }).success).toBe(false);
    expect(checkInBatchRequestSchema.safeParse({ scans: Array.from({ length: 101 }, (_, i) => ({ ...scan, clientScanId: `s${i}` })) }).success).toBe(false);
  });

  it('names kiosk check-ins apart from staff ones', () => {
    expect([checkInMethodFor('scan'), checkInMethodFor('search'), checkInMethodFor('kiosk')]).toEqual(['onsite', 'onsite', 'kiosk']);
  });
});
