import { io } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { type CreateEventRequest, type EventDetail, LIVE_NAMESPACE } from '@fulcrum/shared';
import { next, type LiveClient, type Payload, type ServerEvent } from './live-client';
import { createTestApp, setupAdmin, type TestApp } from './test-app';

/** A registration made through the public form, as the live tests know it. */
export interface Registrant {
  token: string;
  id: string;
  contactId: string;
}

/** The state events a socket receives on (re)joining, in the order the gateway sends them. */
const JOIN_STATES: ServerEvent[] = ['room:state', 'qa:state', 'poll:state', 'chat:state'];

const DAY = 24 * 3600 * 1000;
/** An ISO instant `days` (and `hours`) from now. */
export const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600 * 1000).toISOString();

/** Collects every `event` the socket receives from now on. */
export function record<E extends ServerEvent>(client: LiveClient, event: E): Array<Payload<E>> {
  const received: Array<Payload<E>> = [];
  client.on(event, ((payload: Payload<E>) => received.push(payload)) as never);
  return received;
}

/**
 * The app listening on a free port with an admin signed in, for the live gateway's integration tests:
 * events made live through the API, registrations through the public form, attendees and organizers
 * connected with real socket.io clients (all closed by `close`).
 */
export class LiveTestRoom {
  private readonly clients: LiveClient[] = [];

  private constructor(
    readonly t: TestApp,
    readonly db: DataSource,
    readonly url: string,
    /** The admin's session cookie. */
    readonly admin: string,
  ) {}

  static async start(admin: { email: string; name: string; password: string }): Promise<LiveTestRoom> {
    const t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.getHttpServer().address() as { port: number };
    const cookie = await setupAdmin(t, { ...admin, locale: 'en' });
    return new LiveTestRoom(t, t.app.get(DataSource), `http://127.0.0.1:${address.port}${LIVE_NAMESPACE}`, cookie);
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.disconnect();
    await this.t.close();
  }

  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, payload?: object, cookie: string | null = this.admin) {
    return this.t.app.inject({ method, url: path, payload, headers: cookie ? { cookie } : {} });
  }

  /** A new event taken through the given statuses (default: scheduled, then live). */
  async event(request: CreateEventRequest, statuses: string[] = ['scheduled', 'live']): Promise<EventDetail> {
    const created = await this.call('POST', '/api/v1/events', request);
    if (created.statusCode !== 201) throw new Error(`creating the event failed: ${created.statusCode} ${created.body}`);
    for (const status of statuses) {
      const changed = await this.call('POST', `/api/v1/events/${created.json().id}/status`, { status });
      if (changed.statusCode !== 200) throw new Error(`status ${status} failed: ${changed.statusCode} ${changed.body}`);
    }
    return created.json();
  }

  async register(event: EventDetail, email: string, name: string): Promise<Registrant> {
    const response = await this.call('POST', `/api/v1/public/events/${event.slug}/registrations`, { name, email, answers: {} }, null);
    if (response.statusCode !== 201) throw new Error(`registering ${email} failed: ${response.statusCode} ${response.body}`);
    const [row]: Array<{ id: string; contactId: string }> = await this.db.query(`SELECT id, contact_id AS "contactId" FROM registrations WHERE token = $1`, [
      response.json().token,
    ]);
    return { token: response.json().token, ...row };
  }

  connect(options: { auth?: Record<string, unknown>; cookie?: string }): LiveClient {
    const client: LiveClient = io(this.url, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(options.auth ? { auth: options.auth } : {}),
      ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
    });
    this.clients.push(client);
    return client;
  }

  /**
   * An attendee in the room with the `state` event it received on joining, and the join states that
   * came before it (so a test can check the order).
   */
  async attend<E extends ServerEvent>(event: EventDetail, token: string, state: E): Promise<{ client: LiveClient; state: Payload<E>; before: string[] }> {
    const client = this.connect({ auth: { token, event: event.slug } });
    const before: string[] = [];
    // Several packets may be handled before the awaiting code runs: stop listening at `state` itself.
    let arrived = false;
    client.once(state, (() => (arrived = true)) as never);
    for (const name of JOIN_STATES.filter((name) => name !== state)) client.once(name, (() => arrived || before.push(name)) as never);
    const payload = await next(client, state);
    return { client, state: payload, before };
  }

  /** A console user (the admin by default) watching the event's room, with the `state` event of their join. */
  async watch<E extends ServerEvent>(event: EventDetail, state: E, cookie = this.admin): Promise<{ client: LiveClient; state: Payload<E> }> {
    const client = this.connect({ cookie });
    await next(client, 'session:welcomed');
    const payload = next(client, state);
    const reply = await client.emitWithAck('room:join', { eventId: event.id });
    if (!reply.ok) throw new Error(`room:join refused: ${reply.error.code}`);
    return { client, state: await payload };
  }
}
