import { useCallback, useEffect, useRef, useState } from 'react';
import type { CampaignPreview, SaveCampaignRequest } from '@fulcrum/shared';
import { api } from '@/api/client';

/** Editing settles for a moment before the message is rendered again. */
export const PREVIEW_DEBOUNCE_MS = 800;

export interface CampaignPreviewState {
  /** The last rendering that came back; it stays on screen while the next one is on its way. */
  preview: CampaignPreview | null;
  loading: boolean;
  error: unknown;
  /** Renders now, without waiting for the debounce. */
  refresh: () => void;
}

/**
 * Renders the editor's unsaved content for one recipient as it changes: debounced, each change
 * aborting the request before it, so a slow answer never replaces a newer one. Nothing is sent while
 * `request` is null (the form is not complete enough to render).
 */
export function useCampaignPreview(request: SaveCampaignRequest | null, contactId: string | undefined): CampaignPreviewState {
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [refreshes, setRefreshes] = useState(0);
  const now = useRef(false);
  // The request's text is what changes mean; the object itself is new on every render.
  const key = request ? JSON.stringify(request) : null;

  useEffect(() => {
    if (key === null) {
      setLoading(false);
      setError(null);
      return;
    }
    const body = JSON.parse(key) as SaveCampaignRequest;
    const controller = new AbortController();
    setLoading(true);
    const delay = now.current ? 0 : PREVIEW_DEBOUNCE_MS;
    now.current = false;
    const timer = setTimeout(() => {
      api
        .previewCampaign({ ...body, contactId }, { signal: controller.signal })
        .then((next) => {
          setPreview(next);
          setError(null);
        })
        .catch((reason: unknown) => {
          if (!controller.signal.aborted) setError(reason);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, delay);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, contactId, refreshes]);

  const refresh = useCallback(() => {
    now.current = true;
    setRefreshes((n) => n + 1);
  }, []);

  return { preview, loading, error, refresh };
}
