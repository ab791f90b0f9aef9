import { describe, expect, it } from '@jest/globals';
import type { CheckInAttendee } from '@fulcrum/shared';
import { applyResults, EMPTY_QUEUE, enqueue, failBatch, FEED_LENGTH, loadQueue, nextBatch, queueStorageKey, retryDelayMs, saveQueue } from './scan-queue';
import type { QueueState } from './scan-queue';

const TOKEN = 'k3J9x_Qw-7YpL0aZ2bC4dE6fG8hI1jK3lM5nO7pQ9rS';
const LINK = `https://fulcrum.example.com/r/${TOKEN}`;
const AT = new Date('2026-05-20T09:12:00.000Z');
const ada: CheckInAttendee = { registrationId: 'r1', name: 'Ada', company: 'Acme', status: 'registered', checkedInAt: AT.toISOString(), checkInMethod: 'onsite' };

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

function queued(state: QueueState, code: string, id: string): QueueState {
  const result = enqueue(state, code, 'scan', AT, id);
  expect(result.kind).toBe('queued');
  return result.state;
}

describe('enqueue', () => {
  it('queues a scan with its time and source, newest first in the feed', () => {
    const one = queued(EMPTY_QUEUE, `${LINK}\n`, 's1');
    const two = queued(one, 'li.na@example.com', 's2');
    expect(two.pending).toEqual([
      { clientScanId: 's1', code: LINK, scannedAt: AT.toISOString(), source: 'scan' },
      { clientScanId: 's2', code: 'li.na@example.com', scannedAt: AT.toISOString(), source: 'scan' },
    ]);
    expect(two.feed.map((item) => [item.clientScanId, item.status, item.key])).toEqual([
      ['s2', 'queued', 'email:li.na@example.com'],
      ['s1', 'queued', `token:${TOKEN}`],
    ]);
  });

  it('queues a code once however often and however it is scanned while it waits', () => {
    const state = queued(EMPTY_QUEUE, LINK, 's1');
    for (const again of [LINK, TOKEN, ` ${LINK} `]) {
      const result = enqueue(state, again, 'scan', AT, 's-again');
      expect(result.kind).toBe('duplicate');
      expect(result.state).toBe(state);
      expect(result.item.clientScanId).toBe('s1');
    }
  });

  it('answers a code known to be checked in without sending it again, and sends one that was not found', () => {
    let state = queued(EMPTY_QUEUE, LINK, 's1');
    state = queued(state, 'nobody@example.com', 's2');
    state = applyResults(state, [
      { clientScanId: 's1', outcome: 'checked_in', attendee: ada },
      { clientScanId: 's2', outcome: 'not_found', attendee: null },
    ]);
    const known = enqueue(state, TOKEN, 'scan', AT, 's3');
    expect(known.kind).toBe('known');
    expect(known.item).toMatchObject({ clientScanId: 's3', status: 'already_checked_in', attendee: ada });
    expect(known.state.pending).toEqual([]);
    // Maybe they registered at the desk meanwhile: a code not found is asked again.
    expect(enqueue(state, 'nobody@example.com', 'scan', AT, 's4').kind).toBe('queued');
  });
});

describe('sending', () => {
  it('sends the oldest scans first, at most a hundred per batch', () => {
    let state = EMPTY_QUEUE;
    for (let i = 0; i < 130; i++) state = queued(state, `person${i}@example.com`, `s${i}`);
    const batch = nextBatch(state);
    expect(batch).toHaveLength(100);
    expect(batch[0].clientScanId).toBe('s0');
    expect(batch[99].clientScanId).toBe('s99');
  });

  it('takes answered scans out of the queue and shows their outcome; unanswered ones stay', () => {
    let state = queued(EMPTY_QUEUE, LINK, 's1');
    state = queued(state, 'bo@example.com', 's2');
    state = applyResults(state, [{ clientScanId: 's1', outcome: 'checked_in', attendee: ada }]);
    expect(state.pending.map((scan) => scan.clientScanId)).toEqual(['s2']);
    expect(state.feed.find((item) => item.clientScanId === 's1')).toMatchObject({ status: 'checked_in', attendee: ada });
    expect(state.feed.find((item) => item.clientScanId === 's2')?.status).toBe('queued');
  });

  it('marks a batch the server refused for good as failed and stops sending it', () => {
    const state = failBatch(queued(EMPTY_QUEUE, LINK, 's1'), ['s1'], 'checkin.unavailable');
    expect(state.pending).toEqual([]);
    expect(state.feed[0]).toMatchObject({ status: 'failed', error: 'checkin.unavailable' });
  });

  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [6, 60_000],
    [20, 60_000],
  ])('waits after %i failures %i ms', (failures, delay) => {
    expect(retryDelayMs(failures)).toBe(delay);
  });
});

describe('the feed', () => {
  it('keeps the most recent answers and every queued scan', () => {
    let state = EMPTY_QUEUE;
    for (let i = 0; i < 5; i++) state = queued(state, `wait${i}@example.com`, `w${i}`);
    for (let i = 0; i < FEED_LENGTH + 10; i++) {
      state = queued(state, `p${i}@example.com`, `p${i}`);
      state = applyResults(state, [{ clientScanId: `p${i}`, outcome: 'not_found', attendee: null }]);
    }
    expect(state.feed).toHaveLength(FEED_LENGTH);
    expect(state.feed.filter((item) => item.status === 'queued')).toHaveLength(5);
    expect(state.pending).toHaveLength(5);
    expect(state.feed[0].clientScanId).toBe(`p${FEED_LENGTH + 9}`);
  });
});

describe('persistence', () => {
  it('survives a reload: what was saved for the event comes back', () => {
    const storage = new MemoryStorage();
    const state = queued(EMPTY_QUEUE, LINK, 's1');
    saveQueue(storage, 'event-1', state);
    expect(loadQueue(storage, 'event-1')).toEqual(state);
    expect(loadQueue(storage, 'event-2')).toEqual(EMPTY_QUEUE);
  });

  it('starts empty from a damaged or foreign entry', () => {
    const storage = new MemoryStorage();
    storage.setItem(queueStorageKey('e'), '{not json');
    expect(loadQueue(storage, 'e')).toEqual(EMPTY_QUEUE);
    storage.setItem(queueStorageKey('e'), JSON.stringify({ pending: 'x' }));
    expect(loadQueue(storage, 'e')).toEqual(EMPTY_QUEUE);
  });
});
