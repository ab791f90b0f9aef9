import { describe, expect, it } from '@jest/globals';
import { eventWhen, formatTimeRange, zoneLabel } from './event-time';

describe('formatTimeRange', () => {
  it.each([
    ['en', 'Asia/Shanghai', '2026-05-20T06:00:00Z', '2026-05-20T08:00:00Z', 'Wed, May 20, 2026 14:00–16:00'],
    ['zh-CN', 'Asia/Shanghai', '2026-05-20T06:00:00Z', '2026-05-20T08:00:00Z', '2026年5月20日周三 14:00–16:00'],
    // Across midnight the end carries its own date.
    ['en', 'Asia/Shanghai', '2026-05-20T14:00:00Z', '2026-05-21T02:00:00Z', 'Wed, May 20, 2026 22:00–Thu, May 21, 2026 10:00'],
  ] as const)('%s in %s', (locale, zone, start, end, text) => {
    expect(formatTimeRange(start, end, zone, locale)).toBe(text);
  });
});

describe('eventWhen', () => {
  const start = '2026-05-20T06:00:00Z';
  const end = '2026-05-20T08:00:00Z';

  it('adds the visitor’s own time when their clock differs', () => {
    expect(eventWhen(start, end, 'Asia/Shanghai', 'Europe/Berlin', 'en')).toEqual({
      event: 'Wed, May 20, 2026 14:00–16:00',
      visitor: 'Wed, May 20, 2026 08:00–10:00',
    });
  });

  it.each([
    ['the same zone', 'Asia/Shanghai'],
    ['another zone with the same clock', 'Asia/Hong_Kong'],
    ['a zone the runtime does not know', 'Mars/Olympus'],
  ])('shows one time for %s', (_label, visitor) => {
    expect(eventWhen(start, end, 'Asia/Shanghai', visitor, 'en').visitor).toBeNull();
  });
});

describe('zoneLabel', () => {
  it('names the zone with its offset at that moment', () => {
    expect(zoneLabel('Asia/Shanghai', '2026-05-20T06:00:00Z', 'zh-CN')).toBe('Asia/Shanghai, GMT+8');
    expect(zoneLabel('America/New_York', '2026-01-20T06:00:00Z', 'en')).toBe('America/New York, GMT-5');
    expect(zoneLabel('UTC', '2026-01-20T06:00:00Z', 'en')).toBe('UTC');
  });
});
