import { Logger } from '@nestjs/common';
import { type OnGatewayConnection, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import {
  LIVE_NAMESPACE,
  type LiveClientToServerEvents,
  type LiveServerToClientEvents,
  type SessionUser,
} from '@fulcrum/shared';
import { SESSION_COOKIE, SessionsService } from 'modules/auth/sessions.service';

export type LiveSocket = Socket<LiveClientToServerEvents, LiveServerToClientEvents, Record<string, never>, { user?: SessionUser }>;

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * The `/live` namespace. Today: organizers authenticate with their console session cookie.
 * Attendees (registration tokens), rooms per event and the live features come with the live-room work.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, serveClient: false, perMessageDeflate: false, maxHttpBufferSize: 64 * 1024 })
export class LiveGateway implements OnGatewayConnection<LiveSocket> {
  private readonly logger = new Logger('LiveGateway');

  constructor(private readonly sessions: SessionsService) {}

  async handleConnection(socket: LiveSocket): Promise<void> {
    const session = await this.sessions.resolve(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE)).catch(() => null);
    if (!session) {
      socket.emit('session:errored', { code: 'auth.unauthenticated', message: 'Sign in to join the live gateway' });
      socket.disconnect(true);
      return;
    }
    socket.data.user = session.user;
    socket.emit('session:welcomed', { kind: 'organizer', userId: session.user.id, role: session.user.role, serverTime: new Date().toISOString() });
    this.logger.debug(`organizer ${session.user.email} connected`);
  }

  @SubscribeMessage('session:ping')
  ping(): { serverTime: string } {
    return { serverTime: new Date().toISOString() };
  }
}
