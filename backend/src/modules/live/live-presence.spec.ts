import { attendanceModeFor, type EventStatus, onlineCheckInOpen } from '@fulcrum/shared';
import { Coalescer, LivePresence } from './live-presence';

const MIN = 60_000;
const start = new Date('2026-12-06T10:00:00Z');
const end = new Date('2026-12-06T12:00:00Z');

describe('online check-in rule', () => {
  it.each<[EventStatus, number, boolean]>([
    ['live', -24 * 60, true], // went live early: the organizer decides
    ['live', 5 * 60, true], // still live after the planned end
    ['scheduled', -31, false],
    ['scheduled', -30, true],
    ['scheduled', 10, true],
    ['scheduled', 120, false], // the planned end passed
    ['ended', 10, false], // the replay is not attendance
    ['draft', 10, false],
    ['archived', 10, false],
  ])('%s event, %i min from the start → %s', (status, minutes, open) => {
    expect(onlineCheckInOpen({ status, startsAt: start, endsAt: end }, new Date(start.getTime() + minutes * MIN))).toBe(open);
  });

  it('counts a session after the end as replay', () => {
    expect(attendanceModeFor('ended')).toBe('replay');
    expect(attendanceModeFor('live')).toBe('live');
    expect(attendanceModeFor('scheduled')).toBe('live');
  });
});

describe('LivePresence', () => {
  it('opens on the first socket of a registration and closes on its last', () => {
    const presence = new LivePresence();
    expect(presence.add('r1:live', 'a')).toBe(true);
    expect(presence.add('r1:live', 'b')).toBe(false);
    expect(presence.add('r1:replay', 'c')).toBe(true);
    expect(presence.remove('r1:live', 'a')).toBe(false);
    expect(presence.remove('r1:live', 'a')).toBe(false); // twice is a no-op
    expect(presence.remove('r1:live', 'b')).toBe(true);
    expect(presence.count('r1:live')).toBe(0);
    expect(presence.count('r1:replay')).toBe(1);
  });

  it('runs the work of one key in order, a failure not blocking the next', async () => {
    const presence = new LivePresence();
    const order: string[] = [];
    const slow = presence.serial('k', async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('slow');
      throw new Error('boom');
    });
    const fast = presence.serial('k', async () => order.push('fast'));
    const other = presence.serial('other', async () => order.push('other'));
    await expect(slow).rejects.toThrow('boom');
    await Promise.all([fast, other]);
    expect(order).toEqual(['other', 'slow', 'fast']);
  });
});

describe('Coalescer', () => {
  it('runs at most once per interval per key, with a trailing run for the requests in between', async () => {
    const runs: Array<[string, number]> = [];
    const started = Date.now();
    const coalescer = new Coalescer(100, async (key) => void runs.push([key, Date.now() - started]));
    coalescer.request('e1');
    coalescer.request('e1');
    coalescer.request('e2');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs.map(([key]) => key).sort()).toEqual(['e1', 'e2']);
    coalescer.request('e1');
    coalescer.request('e1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toHaveLength(2); // the next e1 waits for its interval
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(runs.filter(([key]) => key === 'e1')).toHaveLength(2);
    expect(runs.filter(([key]) => key === 'e1')[1][1]).toBeGreaterThanOrEqual(95);
    coalescer.stop();
  });
});
