import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  type LiveClientToServerEvents,
  type LiveError,
  type LiveServerToClientEvents,
  type LiveWelcome,
} from '@fulcrum/shared';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';

type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

describe('/live gateway (socket.io, typed by the shared event maps)', () => {
  let t: TestApp;
  let url: string;
  let cookie: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    url = `http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`;
    cookie = await setupAdmin(t, { email: 'live@example.com', name: 'Live Admin', password: 'live password 1', locale: 'en' });
  });

  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await t?.close();
  });

  const connect = (headers: Record<string, string>): LiveClient => {
    const client: LiveClient = io(url, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
    clients.push(client);
    return client;
  };

  it('welcomes a signed-in organizer and answers a ping with an acknowledgement', async () => {
    const client = connect({ cookie });
    const welcome = await new Promise<LiveWelcome>((resolve) => client.once('session:welcomed', resolve));
    expect(welcome).toMatchObject({ kind: 'organizer', role: 'admin' });
    const reply = await new Promise<{ serverTime: string }>((resolve) => client.emit('session:ping', resolve));
    expect(Date.parse(reply.serverTime)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a connection without a session with a clear error event, then disconnects it', async () => {
    const client = connect({});
    const error = await new Promise<LiveError>((resolve) => client.once('session:errored', resolve));
    expect(error.code).toBe('auth.unauthenticated');
    await new Promise<void>((resolve) => (client.disconnected ? resolve() : client.once('disconnect', () => resolve())));
    expect(client.connected).toBe(false);
  });

  it('refuses a forged session cookie', async () => {
    const client = connect({ cookie: 'fulcrum_session=forged-token-value' });
    const error = await new Promise<LiveError>((resolve) => client.once('session:errored', resolve));
    expect(error.code).toBe('auth.unauthenticated');
  });
});
