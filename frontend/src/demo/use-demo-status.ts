import { useCallback, useEffect, useRef, useState } from 'react';
import { loadDemoRequestSchema } from '@fulcrum/shared';
import type { DemoStatus } from '@fulcrum/shared';
import { api } from '@/api/client';

/** The server's default size of the demo data set, read from the shared contract. */
export const DEMO_COMPANY_COUNT = loadDemoRequestSchema.parse({}).companies;

const POLL_INTERVAL_MS = 1000;

export interface DemoStatusState {
  status: DemoStatus | null;
  /** The last failed request (reading the status or starting the load). */
  error: unknown;
  starting: boolean;
  start(): Promise<void>;
  refresh(): void;
}

/** The demo data status, polled every second while a load is running. `enabled` is false for roles without access. */
export function useDemoStatus(enabled: boolean): DemoStatusState {
  const [status, setStatus] = useState<DemoStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const [tick, setTick] = useState(0);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // One read per tick; a tick follows every status that is still 'loading'.
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    api
      .getDemoStatus({ signal: controller.signal })
      .then((next) => {
        setStatus(next);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason);
      });
    return () => controller.abort();
  }, [enabled, tick]);

  useEffect(() => {
    if (status?.state !== 'loading') return;
    const timer = setTimeout(() => setTick((n) => n + 1), POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const start = useCallback(async () => {
    setStarting(true);
    setError(null);
    try {
      const next = await api.loadDemo({});
      if (mounted.current) setStatus(next);
    } catch (reason) {
      if (mounted.current) setError(reason);
    } finally {
      if (mounted.current) setStarting(false);
    }
  }, []);

  const refresh = useCallback(() => setTick((n) => n + 1), []);

  return { status, error, starting, start, refresh };
}
