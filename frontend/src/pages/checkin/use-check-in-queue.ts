import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckInCounts, CheckInSource } from '@fulcrum/shared';
import { api, ApiRequestError } from '@/api/client';
import { checkInApi, isTransient } from '@/pages/checkin/checkin-api';
import { applyResults, enqueue, failBatch, loadQueue, nextBatch, retryDelayMs, saveQueue } from '@/pages/checkin/scan-queue';
import type { EnqueueResult, QueueState } from '@/pages/checkin/scan-queue';

/** synced: nothing waits; sending: a batch is on its way; waiting: the last attempt failed (offline), a retry is planned; stopped: signed out. */
export type QueueSync = 'synced' | 'sending' | 'waiting' | 'stopped';

/** While scans wait, try again at least this often, whatever the browser says about the network. */
const POLL_MS = 15_000;

/** A scan id unique to this device and scan, also on plain-HTTP pages where `crypto.randomUUID` is missing. */
function newScanId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${Date.now().toString(36)}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The device's scan queue for one event, persisted in localStorage: `add` queues a scan and sends at
 * once; what could not be sent goes again when the browser is back online, and on a backoff timer.
 */
export function useCheckInQueue(eventId: string, onCounts: (counts: CheckInCounts) => void) {
  const [state, setState] = useState<QueueState>(() => loadQueue(localStorage, eventId));
  const [sync, setSync] = useState<QueueSync>('synced');
  const [online, setOnline] = useState(() => navigator.onLine);
  const current = useRef(state);
  const busy = useRef(false);
  const failures = useRef(0);
  const retry = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const countsListener = useRef(onCounts);
  countsListener.current = onCounts;

  const update = useCallback(
    (change: (previous: QueueState) => QueueState) => {
      const next = change(current.current);
      current.current = next;
      try {
        saveQueue(localStorage, eventId, next);
      } catch {
        // Storage full or disabled (private mode): the queue still works until the page closes.
      }
      setState(next);
    },
    [eventId],
  );

  const flush = useCallback(async (): Promise<void> => {
    if (busy.current) return;
    busy.current = true;
    clearTimeout(retry.current);
    try {
      while (current.current.pending.length > 0) {
        const batch = nextBatch(current.current);
        setSync('sending');
        try {
          const reply = await checkInApi.send(eventId, batch);
          failures.current = 0;
          update((previous) => applyResults(previous, reply.results));
          countsListener.current(reply.counts);
        } catch (error) {
          if (isTransient(error)) {
            failures.current += 1;
            setSync('waiting');
            retry.current = setTimeout(() => void flush(), retryDelayMs(failures.current));
            return;
          }
          if (error instanceof ApiRequestError && error.code === 'auth.unauthenticated') {
            // The scans stay: they go once staff sign in again on this device. A request through the console's
            // client tells the session it ended, which sends staff to sign in and back here.
            setSync('stopped');
            void api.getEvent(eventId).catch(() => undefined);
            return;
          }
          update((previous) => failBatch(previous, batch.map((scan) => scan.clientScanId), error instanceof ApiRequestError ? error.code : 'internal'));
        }
      }
      setSync('synced');
    } finally {
      busy.current = false;
    }
  }, [eventId, update]);

  useEffect(() => {
    const wentOnline = () => {
      setOnline(true);
      failures.current = 0;
      void flush();
    };
    const wentOffline = () => setOnline(false);
    window.addEventListener('online', wentOnline);
    window.addEventListener('offline', wentOffline);
    const poll = setInterval(() => {
      if (current.current.pending.length > 0 && !busy.current) void flush();
    }, POLL_MS);
    // Scans left from before a reload go now.
    void flush();
    return () => {
      window.removeEventListener('online', wentOnline);
      window.removeEventListener('offline', wentOffline);
      clearInterval(poll);
      clearTimeout(retry.current);
    };
  }, [flush]);

  const add = useCallback(
    (code: string, source: CheckInSource): EnqueueResult => {
      const result = enqueue(current.current, code, source, new Date(), newScanId());
      if (result.kind !== 'duplicate') update(() => result.state);
      if (result.kind === 'queued') void flush();
      return result;
    },
    [flush, update],
  );

  return { state, sync, online, pending: state.pending.length, add };
}
