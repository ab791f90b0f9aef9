import { useEffect, useState } from 'react';
import type { SegmentGroup, SegmentPreview, SegmentTarget } from '@fulcrum/shared';
import { api } from '@/api/client';

/** Typing settles for a moment before the filter is counted. */
export const PREVIEW_DEBOUNCE_MS = 400;
export const PREVIEW_SAMPLE_SIZE = 10;

export interface SegmentPreviewState {
  /** The last count that came back; it stays on screen (marked stale) while the next one is on its way. */
  preview: SegmentPreview | null;
  /** The target the preview above was counted for. */
  previewTarget: SegmentTarget | null;
  loading: boolean;
  error: unknown;
  retry: () => void;
}

/**
 * Counts a filter as it changes: debounced, and each change aborts the request before it, so a
 * slow answer to an old filter never overwrites the count of the current one. Nothing is sent
 * while `enabled` is false (the filter has problems, or the saved segment is still loading).
 */
export function useSegmentPreview(target: SegmentTarget, filter: SegmentGroup, enabled: boolean): SegmentPreviewState {
  const [preview, setPreview] = useState<SegmentPreview | null>(null);
  const [previewTarget, setPreviewTarget] = useState<SegmentTarget | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [retries, setRetries] = useState(0);

  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .previewSegment({ target, filter, sampleSize: PREVIEW_SAMPLE_SIZE }, { signal: controller.signal })
        .then((next) => {
          setPreview(next);
          setPreviewTarget(target);
          setError(null);
        })
        .catch((reason: unknown) => {
          if (!controller.signal.aborted) setError(reason);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [target, filter, enabled, retries]);

  return { preview, previewTarget, loading, error, retry: () => setRetries((n) => n + 1) };
}
