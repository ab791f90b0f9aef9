import { z } from 'zod';
import { CHECK_IN_LIMITS, CHECK_IN_OUTCOMES, CHECK_IN_SOURCES, checkInAttendeeSchema, checkInCodeKey } from '@fulcrum/shared';
import type { CheckInResult, CheckInScan, CheckInSource } from '@fulcrum/shared';

/**
 * The device's side of on-site check-in, as pure functions over a state the page keeps in
 * localStorage: every scan is queued first and sent from the queue, online or not, so a scan made
 * while the network is down (or the page reloaded meanwhile) is never lost. Each code is queued once
 * however often it is scanned, and the server answers a scan sent twice the same way.
 */

/** What the feed shows for a scan: waiting to be sent, the server's answer, or refused for good. */
export const FEED_STATUSES = ['queued', ...CHECK_IN_OUTCOMES, 'failed'] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

const scanSchema = z.object({
  clientScanId: z.string(),
  code: z.string(),
  scannedAt: z.string(),
  source: z.enum(CHECK_IN_SOURCES),
});

const feedItemSchema = z.object({
  clientScanId: z.string(),
  /** `checkInCodeKey` of the code: one person however their code was written. */
  key: z.string(),
  source: z.enum(CHECK_IN_SOURCES),
  scannedAt: z.string(),
  status: z.enum(FEED_STATUSES),
  attendee: checkInAttendeeSchema.nullable(),
  /** The error code when the server refused the batch for good (e.g. `checkin.unavailable`). */
  error: z.string().nullable(),
});
export type FeedItem = z.infer<typeof feedItemSchema>;

const queueStateSchema = z.object({
  pending: z.array(scanSchema),
  feed: z.array(feedItemSchema),
});
export type QueueState = z.infer<typeof queueStateSchema>;

export const EMPTY_QUEUE: QueueState = { pending: [], feed: [] };

/** The feed keeps this many recent scans; queued ones stay until they are answered. */
export const FEED_LENGTH = 50;

/** The statuses after which scanning the same code again needs no request: the answer will not change. */
const SETTLED: readonly FeedStatus[] = ['checked_in', 'already_checked_in'];

export type EnqueueResult =
  | { kind: 'queued'; state: QueueState; item: FeedItem }
  /** The code waits in the queue already: nothing added. */
  | { kind: 'duplicate'; state: QueueState; item: FeedItem }
  /** The code was checked in already (known from an earlier answer): answered here, nothing sent. */
  | { kind: 'known'; state: QueueState; item: FeedItem };

/** Queues a scanned or typed code, unless the same code waits already or is known to be checked in. */
export function enqueue(state: QueueState, code: string, source: CheckInSource, now: Date, clientScanId: string): EnqueueResult {
  const text = code.trim().slice(0, CHECK_IN_LIMITS.codeLength);
  const key = checkInCodeKey(text);
  const waiting = state.feed.find((item) => item.key === key && item.status === 'queued');
  if (waiting) return { kind: 'duplicate', state, item: waiting };
  const settled = state.feed.find((item) => item.key === key && SETTLED.includes(item.status));
  if (settled) {
    const item: FeedItem = { ...settled, clientScanId, source, scannedAt: now.toISOString(), status: 'already_checked_in', error: null };
    return { kind: 'known', state: { ...state, feed: trim([item, ...state.feed]) }, item };
  }
  const scan: CheckInScan = { clientScanId, code: text, scannedAt: now.toISOString(), source };
  const item: FeedItem = { clientScanId, key, source, scannedAt: scan.scannedAt, status: 'queued', attendee: null, error: null };
  return { kind: 'queued', state: { pending: [...state.pending, scan], feed: trim([item, ...state.feed]) }, item };
}

/** The next batch to send: the oldest scans first, at most what one request takes. */
export function nextBatch(state: QueueState): CheckInScan[] {
  return state.pending.slice(0, CHECK_IN_LIMITS.batchSize);
}

/** The server answered: those scans leave the queue and the feed shows their outcome. */
export function applyResults(state: QueueState, results: CheckInResult[]): QueueState {
  const byId = new Map(results.map((result) => [result.clientScanId, result]));
  return {
    pending: state.pending.filter((scan) => !byId.has(scan.clientScanId)),
    feed: state.feed.map((item) => {
      const result = byId.get(item.clientScanId);
      return result ? { ...item, status: result.outcome, attendee: result.attendee, error: null } : item;
    }),
  };
}

/** The server refused the batch for good (not a network failure): its scans leave the queue, marked failed. */
export function failBatch(state: QueueState, clientScanIds: string[], error: string): QueueState {
  const ids = new Set(clientScanIds);
  return {
    pending: state.pending.filter((scan) => !ids.has(scan.clientScanId)),
    feed: state.feed.map((item) => (ids.has(item.clientScanId) ? { ...item, status: 'failed', error } : item)),
  };
}

/** Waits between failed attempts: 2 s, 4 s, 8 s … up to a minute. */
export function retryDelayMs(failures: number): number {
  return Math.min(60_000, 2_000 * 2 ** Math.max(0, failures - 1));
}

/** Keeps every queued item and the most recent others, FEED_LENGTH in all (more while many wait). */
function trim(feed: FeedItem[]): FeedItem[] {
  if (feed.length <= FEED_LENGTH) return feed;
  let room = Math.max(0, FEED_LENGTH - feed.filter((item) => item.status === 'queued').length);
  return feed.filter((item) => item.status === 'queued' || room-- > 0);
}

/** Green, amber or red at a glance: in, in already (or waiting), refused. */
export function feedTone(item: FeedItem): 'ok' | 'warn' | 'bad' {
  if (item.status === 'checked_in') return 'ok';
  if (item.status === 'already_checked_in' || item.status === 'queued') return 'warn';
  return 'bad';
}

/** Where a device keeps the queue of one event. */
export const queueStorageKey = (eventId: string) => `fulcrum.checkin.${eventId}`;

/** The saved queue, or an empty one when there is none or it cannot be read. */
export function loadQueue(storage: Pick<Storage, 'getItem'>, eventId: string): QueueState {
  try {
    const raw = storage.getItem(queueStorageKey(eventId));
    if (!raw) return EMPTY_QUEUE;
    const parsed = queueStateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : EMPTY_QUEUE;
  } catch {
    return EMPTY_QUEUE;
  }
}

export function saveQueue(storage: Pick<Storage, 'setItem'>, eventId: string, state: QueueState): void {
  storage.setItem(queueStorageKey(eventId), JSON.stringify(state));
}
