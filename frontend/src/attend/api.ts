import type { ApiError, CtaClickResult, MyRegistration, PublicEvent, PublicInvitation, RegisterRequest, RegisterResult, SurveyAnswers, SurveyState, UnsubscribeResult } from '@fulcrum/shared';

/** `network`: no answer at all (offline, a dropped mobile connection); otherwise the server's error code. */
export class AttendRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: NonNullable<ApiError['details']> = [],
  ) {
    super(message);
    this.name = 'AttendRequestError';
  }
}

function isApiError(body: unknown): body is ApiError {
  return typeof body === 'object' && body !== null && typeof (body as ApiError).code === 'string';
}

/**
 * The public endpoints, typed by the shared contracts. No cookies: the attendee pages never act
 * with a console session, even in a browser where an organizer is signed in.
 */
async function request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/public${path}`, {
      method,
      credentials: 'omit',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new AttendRequestError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // An empty or non-JSON body (a proxy's error page): the status still says what happened.
  }
  if (!response.ok) {
    if (isApiError(parsed)) throw new AttendRequestError(response.status, parsed.code, parsed.message, parsed.details);
    throw new AttendRequestError(response.status, response.status >= 500 ? 'internal' : 'unknown', `HTTP ${response.status}`);
  }
  return parsed as T;
}

export const attendApi = {
  event: (slug: string, signal?: AbortSignal) => request<PublicEvent>('GET', `/events/${encodeURIComponent(slug)}`, undefined, signal),
  register: (slug: string, body: RegisterRequest) => request<RegisterResult>('POST', `/events/${encodeURIComponent(slug)}/registrations`, body),
  mine: (token: string, signal?: AbortSignal) => request<MyRegistration>('GET', `/registrations/${encodeURIComponent(token)}`, undefined, signal),
  cancel: (token: string) => request<MyRegistration>('POST', `/registrations/${encodeURIComponent(token)}/cancel`, {}),
  invitation: (token: string, signal?: AbortSignal) => request<PublicInvitation>('GET', `/invitations/${encodeURIComponent(token)}`, undefined, signal),
  /** Only reads the state: link scanners open every link of a message, so the GET must never unsubscribe. */
  unsubscribeState: (token: string, signal?: AbortSignal) => request<UnsubscribeResult>('GET', `/unsubscribe/${encodeURIComponent(token)}`, undefined, signal),
  unsubscribe: (token: string) => request<UnsubscribeResult>('POST', `/unsubscribe/${encodeURIComponent(token)}`, {}),
  /** Records the click on one of the event's buttons; answers with the address to open. */
  clickCta: (token: string, ctaId: string) => request<CtaClickResult>('POST', `/registrations/${encodeURIComponent(token)}/cta/${encodeURIComponent(ctaId)}`, {}),
  survey: (token: string, signal?: AbortSignal) => request<SurveyState>('GET', `/registrations/${encodeURIComponent(token)}/survey`, undefined, signal),
  answerSurvey: (token: string, answers: SurveyAnswers) => request<SurveyState>('PUT', `/registrations/${encodeURIComponent(token)}/survey`, { answers }),
};
