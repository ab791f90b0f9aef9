import { useCallback, useEffect, useState } from 'react';
import type { DependencyList } from 'react';

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: unknown };

/** One abortable load for a page; `reload` tries again, `replace` takes newer data the page got otherwise (e.g. a cancel's answer). */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): { loaded: Loaded<T>; reload: () => void; replace: (data: T) => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoaded({ state: 'loading' });
    load(controller.signal).then(
      (data) => setLoaded({ state: 'ready', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ state: 'failed', error });
      },
    );
    return () => controller.abort();
    // `load` is a new closure each render; what it reads is in `deps`.
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setLoaded({ state: 'ready', data }), []);
  return { loaded, reload, replace };
}

/** The tab (and WeChat's share card) shows the event's title once it is known. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
}
