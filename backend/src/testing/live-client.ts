import type { Socket } from 'socket.io-client';
import type { LiveClientToServerEvents, LiveServerToClientEvents } from '@fulcrum/shared';

/** A socket.io client of the `/live` namespace, typed by the shared event maps. */
export type LiveClient = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;
export type ServerEvent = keyof LiveServerToClientEvents;
export type Payload<E extends ServerEvent> = Parameters<LiveServerToClientEvents[E]>[0];

/** The next `event` on the socket that matches, or a failure naming what did not come. */
export function next<E extends ServerEvent>(client: LiveClient, event: E, match: (payload: Payload<E>) => boolean = () => true, timeoutMs = 10_000): Promise<Payload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener as never);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Payload<E>) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      client.off(event, listener as never);
      resolve(payload);
    };
    client.on(event, listener as never);
  });
}
