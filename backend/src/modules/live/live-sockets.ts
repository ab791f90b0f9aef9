import type { Logger } from '@nestjs/common';
import type { GatewayMetadata } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  canModerateLive,
  LIVE_NAMESPACE,
  type AttendanceMode,
  type ErrorCode,
  type LiveClientToServerEvents,
  type LiveError,
  type LiveServerToClientEvents,
  type SessionUser,
} from '@fulcrum/shared';
import { type LiveAttendee, LiveException } from './live-room.service';

export interface LiveSocketData {
  user?: SessionUser;
  attendee?: { value: LiveAttendee; mode: AttendanceMode };
  /** Settles when the handshake's work is done; messages and the disconnect wait for it. */
  ready?: Promise<void>;
  lastBeatAt?: number;
  /** When this socket's recent requests of each rate-limited kind were taken (`takeRate`). */
  rates?: Record<string, number[]>;
}

export type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, LiveSocketData>;
export type LiveNamespace = Namespace<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, LiveSocketData>;

/**
 * Every gateway of the `/live` namespace (the room, Q&A, polls, …) is declared with these options:
 * Nest serves them all from one socket.io namespace, each binding its own messages on each socket.
 */
export const LIVE_GATEWAY_OPTIONS: GatewayMetadata = { namespace: LIVE_NAMESPACE, serveClient: false, perMessageDeflate: false, maxHttpBufferSize: 64 * 1024 };

/** Rooms: everyone in an event's room; its organizers (live numbers, moderation); one attendee's sockets. */
export const eventRoom = (eventId: string) => `event:${eventId}`;
export const staffRoom = (eventId: string) => `event:${eventId}:staff`;
export const registrationRoom = (registrationId: string) => `registration:${registrationId}`;

/** The attendee behind a socket, or a refusal: organizers (and refused sockets) may not ask, vote, chat… */
export function attendeeOf(socket: LiveSocket): NonNullable<LiveSocketData['attendee']> {
  if (!socket.data.attendee) throw new LiveException('auth.forbidden', 'Only attendees (with their personal link) may do this');
  return socket.data.attendee;
}

/** The console user behind a socket when they may moderate (`canModerateLive`), or a refusal. */
export function moderatorOf(socket: LiveSocket, what: string): SessionUser {
  const user = socket.data.user;
  if (!user || !canModerateLive(user.role)) throw new LiveException('auth.forbidden', `Only admins and organizers may ${what}`);
  return user;
}

/**
 * A per-socket rate limit: at most `limit` requests of `kind` within `windowMs`, else a refusal with
 * `code` (the request is not counted).
 */
export function takeRate(socket: LiveSocket, kind: string, limit: number, windowMs: number, refusal: { code: ErrorCode; message: string }): void {
  const now = Date.now();
  const rates = (socket.data.rates ??= {});
  const recent = (rates[kind] ?? []).filter((at) => now - at < windowMs);
  if (recent.length >= limit) {
    rates[kind] = recent;
    throw new LiveException(refusal.code, refusal.message);
  }
  rates[kind] = [...recent, now];
}

export type LiveReply<T> = ({ ok: true } & T) | { ok: false; error: LiveError };

/**
 * Runs a request after the handshake settled; a refusal (`LiveException`) goes back in the ack and as
 * `session:errored`, and the socket stays. Anything else is logged and answered `internal`.
 */
export async function liveRequest<T>(socket: LiveSocket, logger: Logger, what: string, work: () => Promise<LiveReply<T>>): Promise<LiveReply<T>> {
  await socket.data.ready;
  try {
    return await work();
  } catch (error) {
    const refusal: LiveError =
      error instanceof LiveException ? { code: error.code, message: error.message } : { code: 'internal', message: 'The request failed; try again' };
    if (!(error instanceof LiveException)) logger.warn(`${what} failed: ${(error as Error).message}`);
    socket.emit('session:errored', refusal);
    return { ok: false, error: refusal };
  }
}
