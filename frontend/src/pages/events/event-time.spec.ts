import { describe, expect, it } from '@jest/globals';
import { formatOffset, instantToWall, wallToIso, zoneOffsetMinutes } from './event-time';

describe('wallToIso', () => {
  it.each([
    ['2026-05-21T14:00', 'Asia/Shanghai', '2026-05-21T14:00:00+08:00'],
    ['2026-01-15T09:30', 'Europe/Berlin', '2026-01-15T09:30:00+01:00'],
    ['2026-07-15T09:30', 'Europe/Berlin', '2026-07-15T09:30:00+02:00'],
    ['2026-07-04T18:00', 'America/New_York', '2026-07-04T18:00:00-04:00'],
    ['2026-03-10T12:00', 'Asia/Kolkata', '2026-03-10T12:00:00+05:30'],
    ['2026-03-10T12:00', 'Asia/Kathmandu', '2026-03-10T12:00:00+05:45'],
    ['2026-03-10T12:00', 'UTC', '2026-03-10T12:00:00+00:00'],
    // 02:30 does not exist on the spring-forward night: the clocks jump from 02:00 to 03:00.
    ['2026-03-08T02:30', 'America/New_York', '2026-03-08T03:30:00-04:00'],
    // 01:30 happens twice on the fall-back night: the first one (still daylight time).
    ['2026-11-01T01:30', 'America/New_York', '2026-11-01T01:30:00-04:00'],
  ])('%s in %s is %s', (wall, zone, iso) => {
    expect(wallToIso(wall, zone)).toBe(iso);
  });

  it.each([
    ['2026-05-21 14:00', 'Asia/Shanghai'],
    ['', 'Asia/Shanghai'],
    ['2026-05-21T14:00', 'Mars/Olympus'],
  ])('refuses %j in %s', (wall, zone) => {
    expect(wallToIso(wall, zone)).toBeNull();
  });
});

describe('instantToWall', () => {
  it.each([
    ['2026-05-21T06:00:00.000Z', 'Asia/Shanghai', '2026-05-21T14:00'],
    ['2026-05-21T14:00:00+08:00', 'Europe/London', '2026-05-21T07:00'],
    ['2026-12-31T20:00:00Z', 'Asia/Tokyo', '2027-01-01T05:00'],
    ['not a date', 'Asia/Tokyo', null],
  ])('%s in %s reads %s', (iso, zone, wall) => {
    expect(instantToWall(iso, zone)).toBe(wall);
  });

  it('round-trips with wallToIso', () => {
    const iso = wallToIso('2026-10-25T01:15', 'Europe/Berlin') ?? '';
    expect(instantToWall(iso, 'Europe/Berlin')).toBe('2026-10-25T01:15');
  });
});

describe('offsets', () => {
  it.each([
    [480, '+08:00'],
    [0, '+00:00'],
    [-300, '-05:00'],
    [345, '+05:45'],
    [-570, '-09:30'],
  ])('%i minutes is %s', (minutes, text) => {
    expect(formatOffset(minutes)).toBe(text);
  });

  it('reads a zone offset at an instant', () => {
    expect(zoneOffsetMinutes(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetMinutes(Date.parse('2026-07-01T00:00:00Z'), 'America/Los_Angeles')).toBe(-420);
  });
});
