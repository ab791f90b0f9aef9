import { describe, expect, it } from '@jest/globals';
import { ApiRequestError, createApiClient } from './client';
import type { SegmentGroup } from '@fulcrum/shared';
import type { ApiSignal } from './client';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init };
    calls.push(call);
    return respond(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

async function rejectionOf(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

const sessionUser = {
  id: '4f7c1a52-8a2b-4a3e-9c1d-2b6f3e8d9a10',
  email: 'ada@example.com',
  name: 'Ada',
  role: 'admin',
  locale: 'en',
};

describe('api client', () => {
  it('returns the parsed body of a successful response and sends JSON', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, sessionUser));
    const api = createApiClient({ fetch });

    await expect(api.signIn({ email: 'ada@example.com', password: 'correct horse' })).resolves.toEqual(sessionUser);
    expect(calls[0]?.url).toBe('/api/v1/auth/sign-in');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ email: 'ada@example.com', password: 'correct horse' });
  });

  it('carries the server ApiError, field details included', async () => {
    const apiError = {
      statusCode: 400,
      code: 'validation.failed',
      message: 'Validation failed',
      details: [{ path: 'email', message: 'Enter a valid email address' }],
    };
    const api = createApiClient({ fetch: fakeFetch(() => json(400, apiError)).fetch });

    const error = await rejectionOf(api.createUser({ email: 'x', name: 'X', role: 'sales' }));
    expect(error.error).toEqual(apiError);
    expect(error.code).toBe('validation.failed');
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('Validation failed');
  });

  it('signals unauthenticated on a 401 auth.unauthenticated', async () => {
    const api = createApiClient({
      fetch: fakeFetch(() => json(401, { statusCode: 401, code: 'auth.unauthenticated', message: 'Sign in first' })).fetch,
    });
    const signals: ApiSignal[] = [];
    api.onSignal((signal) => signals.push(signal));

    const error = await rejectionOf(api.listUsers());
    expect(error.code).toBe('auth.unauthenticated');
    expect(signals).toEqual(['unauthenticated']);
  });

  it('does not signal on wrong credentials, which are a 401 too', async () => {
    const api = createApiClient({
      fetch: fakeFetch(() => json(401, { statusCode: 401, code: 'auth.invalid_credentials', message: 'Wrong email or password' })).fetch,
    });
    const signals: ApiSignal[] = [];
    api.onSignal((signal) => signals.push(signal));

    const error = await rejectionOf(api.signIn({ email: 'ada@example.com', password: 'nope' }));
    expect(error.code).toBe('auth.invalid_credentials');
    expect(signals).toEqual([]);
  });

  it('treats a 401 from /auth/me as nobody signed in, without signalling', async () => {
    const api = createApiClient({
      fetch: fakeFetch(() => json(401, { statusCode: 401, code: 'auth.unauthenticated', message: 'Sign in first' })).fetch,
    });
    const signals: ApiSignal[] = [];
    api.onSignal((signal) => signals.push(signal));

    await expect(api.getMe()).resolves.toBeNull();
    expect(signals).toEqual([]);
  });

  it('reports an unreachable server when a gateway answers without an ApiError', async () => {
    const api = createApiClient({ fetch: fakeFetch(() => new Response('Bad Gateway', { status: 502 })).fetch });

    const error = await rejectionOf(api.getSetupStatus());
    expect(error.code).toBe('client.unreachable');
    expect(error.statusCode).toBe(502);
  });

  it('reports a network failure when fetch itself throws', async () => {
    const api = createApiClient({
      fetch: fakeFetch(() => {
        throw new TypeError('Failed to fetch');
      }).fetch,
    });

    const error = await rejectionOf(api.getSetupStatus());
    expect(error.code).toBe('client.network');
    expect(error.statusCode).toBe(0);
  });

  it('rejects a success response that does not match the contract', async () => {
    const api = createApiClient({ fetch: fakeFetch(() => json(200, { needsSetup: 'yes' })).fetch });

    const error = await rejectionOf(api.getSetupStatus());
    expect(error.code).toBe('client.bad_response');
  });

  it('puts only the given query parameters in the URL', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { total: 0, page: 2, pageSize: 50, items: [] }));
    const api = createApiClient({ fetch });

    await api.listCompanies({ q: 'acme', tier: undefined, sort: '-employees', page: 2, pageSize: 50 });
    expect(calls[0]?.url).toBe('/api/v1/companies?q=acme&sort=-employees&page=2&pageSize=50');
  });

  it('posts a segment preview with its abort signal and parses the answer', async () => {
    const preview = {
      count: 1234,
      sample: [{ id: '7d1f1c9e-3c4b-4a7e-8f0a-5b2c6d7e8f90', name: '王芳', email: 'wang.fang@example.cn', title: 'CIO', companyName: '华东智造', city: '上海', tier: 'ka' }],
      tookMs: 12,
    };
    const { fetch, calls } = fakeFetch(() => json(200, preview));
    const api = createApiClient({ fetch });
    const controller = new AbortController();

    const filter: SegmentGroup = { kind: 'group', combinator: 'and', children: [] };
    await expect(api.previewSegment({ target: 'contacts', filter, sampleSize: 10 }, { signal: controller.signal })).resolves.toEqual(preview);
    expect(calls[0]?.url).toBe('/api/v1/segments/preview');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.signal).toBe(controller.signal);
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ target: 'contacts', filter, sampleSize: 10 });
  });

  it('deletes a segment and accepts an empty 204', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const api = createApiClient({ fetch });

    await expect(api.deleteSegment('7d1f1c9e-3c4b-4a7e-8f0a-5b2c6d7e8f90')).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe('/api/v1/segments/7d1f1c9e-3c4b-4a7e-8f0a-5b2c6d7e8f90');
    expect(calls[0]?.init?.method).toBe('DELETE');
  });

  it('links the CSV export under the base URL', () => {
    expect(createApiClient({ baseUrl: 'https://fulcrum.example' }).segmentExportUrl('a b')).toBe('https://fulcrum.example/api/v1/segments/a%20b/export.csv');
  });

  it('signals unauthenticated when a tag or privacy call finds the session expired', async () => {
    const api = createApiClient({
      fetch: fakeFetch(() => json(401, { statusCode: 401, code: 'auth.unauthenticated', message: 'Sign in first' })).fetch,
    });
    const signals: ApiSignal[] = [];
    api.onSignal((signal) => signals.push(signal));

    expect((await rejectionOf(api.addRecordTags('contact', 'c1', ['t1']))).code).toBe('auth.unauthenticated');
    expect((await rejectionOf(api.removeSuppression('email', 'a@example.com'))).code).toBe('auth.unauthenticated');
    expect(signals).toEqual(['unauthenticated', 'unauthenticated']);
  });

  it('asks for tag usage counts only when told to', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, []));
    const api = createApiClient({ fetch });

    await api.tagCatalog(true);
    await api.tagCatalog(false);
    expect(calls.map((call) => call.url)).toEqual(['/api/v1/tags?usage=true', '/api/v1/tags']);
  });

  it('addresses record tags by the record type', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
    const api = createApiClient({ fetch });

    await api.removeRecordTag('company', 'a/b', 't 1');
    expect(calls[0]?.url).toBe('/api/v1/companies/a%2Fb/tags/t%201');
    expect(calls[0]?.init?.method).toBe('DELETE');
  });

  it('filters the suppression list and its CSV export with the same query', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { total: 0, page: 1, pageSize: 20, items: [] }));
    const api = createApiClient({ fetch });

    await api.listSuppressions({ q: 'example.com', kind: undefined, reason: 'complaint', page: 1, pageSize: 20 });
    expect(calls[0]?.url).toBe('/api/v1/privacy/suppressions?q=example.com&reason=complaint&page=1&pageSize=20');
    expect(api.suppressionsExportUrl({ q: '', kind: 'domain', reason: undefined })).toBe('/api/v1/privacy/suppressions/export.csv?kind=domain');
  });

  it('lists events with their filters and moves one with a status body', async () => {
    const event = {
      id: '7d1f1c9e-3c4b-4a7e-8f0a-5b2c6d7e8f90',
      slug: 'launch',
      title: 'Launch',
      format: 'onsite',
      status: 'scheduled',
      startsAt: '2026-05-21T06:00:00.000Z',
      endsAt: '2026-05-21T08:00:00.000Z',
      timeZone: 'Asia/Shanghai',
      registrationMode: 'open',
      capacity: null,
      venueName: 'Hall 3',
      updatedAt: '2026-05-01T00:00:00.000Z',
      description: '',
      streamUrl: null,
      streamKind: null,
      replayUrl: null,
      venue: { name: 'Hall 3', address: null, directions: null },
      agenda: [],
      speakers: [],
      questions: [],
      reminderMinutes: [1440, 60, 0],
      ctas: [],
      survey: [],
      scheduleVersion: 1,
      createdAt: '2026-05-01T00:00:00.000Z',
      createdByName: null,
    };
    const { fetch, calls } = fakeFetch((call) => (call.url.includes('/status') ? json(200, event) : json(200, { total: 0, page: 1, pageSize: 20, items: [] })));
    const api = createApiClient({ fetch });

    await api.listEvents({ q: undefined, status: 'scheduled', when: 'upcoming', page: 1, pageSize: 20 });
    expect(calls[0]?.url).toBe('/api/v1/events?status=scheduled&when=upcoming&page=1&pageSize=20');
    await expect(api.changeEventStatus(event.id, 'scheduled')).resolves.toMatchObject({ status: 'scheduled', venue: { name: 'Hall 3' } });
    expect(calls[1]?.url).toBe(`/api/v1/events/${event.id}/status`);
    expect(JSON.parse(String(calls[1]?.init?.body))).toEqual({ status: 'scheduled' });
  });

  it('carries the fields an event is not ready without', async () => {
    const notReady = { statusCode: 422, code: 'events.not_ready', message: 'Not ready', details: [{ path: 'venue', message: 'An on-site or hybrid event needs a venue' }] };
    const api = createApiClient({ fetch: fakeFetch(() => json(422, notReady)).fetch });

    const error = await rejectionOf(api.changeEventStatus('e1', 'scheduled'));
    expect(error.code).toBe('events.not_ready');
    expect(error.error.details).toEqual(notReady.details);
  });
});
