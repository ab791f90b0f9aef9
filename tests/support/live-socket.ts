import { io, type Socket } from 'socket.io-client';
import type { LiveClientToServerEvents, LiveServerToClientEvents } from '@fulcrum/shared';

export type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** A socket.io client of `/live` on `baseUrl`: an attendee (`auth`) or an organizer (console `cookie`). */
export function liveClient(baseUrl: string, options: { auth?: object; cookie?: string; reconnection?: boolean }): LiveClient {
  return io(`${baseUrl}/live`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}),
  });
}

/** Resolves with the first `event` whose payload passes `accept`, or fails after `ms`. */
export function waitFor<E extends keyof LiveServerToClientEvents>(
  socket: LiveClient,
  event: E,
  accept: (...args: Parameters<LiveServerToClientEvents[E]>) => boolean,
  ms = 10_000,
): Promise<Parameters<LiveServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: Parameters<LiveServerToClientEvents[E]>) => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      socket.off(event, listener as never);
      resolve(args[0]);
    };
    const timer = setTimeout(() => {
      socket.off(event, listener as never);
      reject(new Error(`no ${String(event)} as expected within ${ms} ms`));
    }, ms);
    socket.on(event, listener as never);
  });
}

/** The console session cookie (`name=value`) of a user signed in on `baseUrl`. */
export async function sessionCookie(baseUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status >= 300) throw new Error(`sign-in failed: ${response.status}`);
  return String(response.headers.get('set-cookie')).split(';')[0];
}

/** Registers `name` for the event through its public page (with more form fields in `extra`); resolves the personal token. */
export async function registerAttendee(baseUrl: string, slug: string, name: string, email: string, extra: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/public/events/${slug}/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, email, ...extra, answers: {} }),
  });
  if (response.status !== 201) throw new Error(`registering ${email} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
