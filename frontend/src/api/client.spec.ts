import { describe, expect, it } from '@jest/globals';
import { ApiRequestError, createApiClient } from './client';
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
});
