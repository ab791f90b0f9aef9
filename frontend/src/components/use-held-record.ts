import { useCallback, useEffect, useRef, useState } from 'react';

interface HeldRecord<T> {
  /** Show this record in the form (null: a new, blank one). Call it after a save too. */
  hold: (record: T | null) => void;
  loading: boolean;
  loadError: unknown;
  retry: () => void;
}

/**
 * The record an editor page at `/…/new` and `/…/:id` holds. It loads when the URL names another record
 * and aborts a load a newer one replaces; after creating a record the URL changes to its id, which
 * must not load it again. `show` puts a record (or null) in the page's own state.
 */
export function useHeldRecord<T extends { id: string }>(
  id: string | undefined,
  load: (id: string, options: { signal: AbortSignal }) => Promise<T>,
  show: (record: T | null) => void,
): HeldRecord<T> {
  const heldId = useRef<string | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const [loading, setLoading] = useState(Boolean(id));
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);

  const hold = useCallback(
    (record: T | null) => {
      heldId.current = record?.id ?? null;
      show(record);
    },
    [show],
  );

  useEffect(() => {
    if (!id) {
      if (heldId.current !== null) hold(null);
      setLoading(false);
      return;
    }
    if (heldId.current === id) return;
    const controller = new AbortController();
    setLoading(true);
    setLoadError(null);
    loadRef
      .current(id, { signal: controller.signal })
      .then(hold)
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setLoadError(reason);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [id, reloads, hold]);

  const retry = useCallback(() => setReloads((n) => n + 1), []);
  return { hold, loading, loadError, retry };
}
