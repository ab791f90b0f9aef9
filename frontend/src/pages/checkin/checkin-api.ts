import { checkInBatchResponseSchema, checkInOverviewSchema, checkInSearchResultSchema } from '@fulcrum/shared';
import type { CheckInBatchResponse, CheckInOverview, CheckInScan, CheckInSearchResult } from '@fulcrum/shared';
import type { z } from 'zod';
import { ApiRequestError, toApiError } from '@/api/client';

/**
 * The check-in desk's three requests, with the console client's error shape (`ApiRequestError`, and
 * `client.network` when the request never reached the server: the queue keeps the scans then).
 */
async function request<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError({ statusCode: 0, code: 'client.network', message: 'The network request failed' });
  }
  if (!response.ok) throw new ApiRequestError(await toApiError(response));
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ApiRequestError({ statusCode: response.status, code: 'client.bad_response', message: `Unexpected response from ${path}` });
  return parsed.data;
}

const base = (eventId: string) => `/api/v1/events/${encodeURIComponent(eventId)}/check-ins`;

export const checkInApi = {
  overview: (eventId: string, signal?: AbortSignal): Promise<CheckInOverview> => request(base(eventId), checkInOverviewSchema, { signal }),
  send: (eventId: string, scans: CheckInScan[]): Promise<CheckInBatchResponse> =>
    request(base(eventId), checkInBatchResponseSchema, { method: 'POST', body: JSON.stringify({ scans }) }),
  search: (eventId: string, q: string, signal?: AbortSignal): Promise<CheckInSearchResult> =>
    request(`${base(eventId)}/search?q=${encodeURIComponent(q)}`, checkInSearchResultSchema, { signal }),
};

/** Failures a later attempt may get past: the network, or a server that is restarting. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiRequestError)) return true;
  return error.code === 'client.network' || error.code === 'client.unreachable' || error.statusCode === 0 || error.statusCode >= 500;
}
