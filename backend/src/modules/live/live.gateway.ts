import { Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  attendanceModeFor,
  type AttendanceMode,
  canModerateLive,
  canWatchLive,
  type HeartbeatReply,
  LIVE_PRESENCE,
  liveAttendeeAuthSchema,
  type LiveCheckIn,
  type LiveError,
  roomJoinRequestSchema,
  type RoomJoinReply,
} from '@fulcrum/shared';
import { SESSION_COOKIE, SessionsService } from 'modules/auth/sessions.service';
import { type LiveAttendee, type LiveEvent, LiveException, LiveRoomService, ROOM_OPEN_STATUSES, roomState } from './live-room.service';
import { EventChangesListener } from './event-changes.listener';
import { Coalescer, LivePresence } from './live-presence';
import { onBroadcastsRecovered } from './live-adapter';
import { LiveEmitter } from './live-emitter';
import { eventRoom, LIVE_GATEWAY_OPTIONS, type LiveNamespace, type LiveSocket, registrationRoom, staffRoom } from './live-sockets';
import { QaService } from './qa.service';
import { ChatService } from './chat.service';
import { PollsService } from './polls.service';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const presenceKey = (attendee: LiveAttendee, mode: AttendanceMode) => `${attendee.registrationId}:${mode}`;

/**
 * The `/live` namespace. Organizers authenticate with their console session cookie and watch an event
 * with `room:join`; attendees connect with their personal token and event (`handshake.auth`) and are in
 * their event's room from the start: checked in online when the rule allows, their attendance session
 * opened, and the organizers told — each written to the database before it is broadcast.
 */
@WebSocketGateway(LIVE_GATEWAY_OPTIONS)
export class LiveGateway implements OnGatewayInit<LiveNamespace>, OnGatewayConnection<LiveSocket>, OnGatewayDisconnect<LiveSocket>, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('LiveGateway');
  private readonly presence = new LivePresence();
  private readonly statsUpdates: Coalescer;

  @WebSocketServer() private readonly server!: LiveNamespace;

  constructor(
    private readonly sessions: SessionsService,
    private readonly room: LiveRoomService,
    private readonly qa: QaService,
    private readonly chat: ChatService,
    private readonly polls: PollsService,
    private readonly eventChanges: EventChangesListener,
    private readonly emitter: LiveEmitter,
  ) {
    this.statsUpdates = new Coalescer(LIVE_PRESENCE.statsEveryMs, async (eventId) => {
      this.server.to(staffRoom(eventId)).emit('room:stats-updated', await this.room.stats(eventId));
    });
  }

  /**
   * Broadcasts from elsewhere in this process (the stale-session sweep, LiveEmitter) go through this
   * namespace; and when Redis comes back after a loss (several api processes), this process's clients
   * get their state afresh, as broadcasts from the other processes may have been lost meanwhile.
   */
  afterInit(namespace: LiveNamespace): void {
    this.emitter.attach(namespace);
    onBroadcastsRecovered(namespace, () => this.resync(), this.logger);
  }

  onModuleInit(): void {
    void this.eventChanges.listen((eventId) =>
      void this.refreshRoom(eventId).catch((error: Error) => this.logger.warn(`refreshing the room of event ${eventId} failed: ${error.message}`)),
    );
  }

  /**
   * An event's status changed (going live, ending, archiving): every socket of its room on this
   * process gets the new state; attendees in the room are checked in if the rule now allows it, and
   * leave when the event closes. Each api process does this for its own sockets.
   */
  private async refreshRoom(eventId: string): Promise<void> {
    const event = await this.room.event(eventId);
    const sockets = [...this.server.sockets.values()].filter((socket) => socket.rooms.has(eventRoom(eventId)));
    for (const socket of sockets) {
      const attendee = socket.data.attendee;
      if (attendee) {
        if (!ROOM_OPEN_STATUSES.includes(event.status)) {
          this.refuse(socket, { code: 'live.event_unavailable', message: `The event is ${event.status}: its live room is closed` });
          continue;
        }
        attendee.value.event = event;
        const checkIn = await this.room.checkInOnline(attendee.value);
        if (checkIn) this.server.to(staffRoom(event.id)).emit('checkin:updated', checkIn);
        socket.emit('room:state', roomState(event, attendee, null));
      } else if (socket.data.user) {
        socket.emit('room:state', roomState(event, null, { canModerate: canModerateLive(socket.data.user.role), stats: await this.room.stats(event.id) }));
      }
    }
    this.statsUpdates.request(event.id);
  }

  onApplicationShutdown(): void {
    this.statsUpdates.stop();
  }

  handleConnection(socket: LiveSocket): Promise<void> {
    socket.data.ready = this.connect(socket).catch((error: unknown) => {
      if (error instanceof LiveException) {
        this.refuse(socket, { code: error.code, message: error.message });
      } else {
        this.logger.warn(`live connection failed: ${(error as Error).message}`);
        this.refuse(socket, { code: 'internal', message: 'The live room could not be joined; try again' });
      }
    });
    return socket.data.ready;
  }

  async handleDisconnect(socket: LiveSocket): Promise<void> {
    await socket.data.ready;
    const attendee = socket.data.attendee;
    if (!attendee) return;
    const key = presenceKey(attendee.value, attendee.mode);
    await this.presence
      .serial(key, async () => {
        if (!this.presence.remove(key, socket.id)) return;
        if (await this.room.closeSession(attendee.value, attendee.mode)) this.statsUpdates.request(attendee.value.event.id);
      })
      .catch((error: unknown) => this.logger.warn(`closing an attendance session failed: ${(error as Error).message}`));
  }

  @SubscribeMessage('session:ping')
  ping(): { serverTime: string } {
    return { serverTime: new Date().toISOString() };
  }

  /** An organizer watches an event's room; any console role may watch (moderation is `canModerateLive`). */
  @SubscribeMessage('room:join')
  async roomJoin(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<RoomJoinReply> {
    await socket.data.ready;
    const user = socket.data.user;
    const fail = (error: LiveError): RoomJoinReply => {
      socket.emit('session:errored', error);
      return { ok: false, error };
    };
    if (!user || !canWatchLive(user.role)) return fail({ code: 'auth.forbidden', message: 'Only console users may join an event room this way' });
    const request = roomJoinRequestSchema.safeParse(body);
    if (!request.success) return fail({ code: 'validation.failed', message: 'room:join needs { eventId } (a uuid)' });
    try {
      const event = await this.room.event(request.data.eventId);
      await socket.join([eventRoom(event.id), staffRoom(event.id)]);
      const state = roomState(event, null, { canModerate: canModerateLive(user.role), stats: await this.room.stats(event.id) });
      const qa = await this.qa.organizerState(event.id);
      const polls = await this.polls.organizerState(event.id);
      const chat = await this.chat.organizerState(event.id);
      socket.emit('room:state', state);
      socket.emit('qa:state', qa);
      socket.emit('poll:state', polls);
      socket.emit('chat:state', chat);
      return { ok: true, state };
    } catch (error) {
      if (error instanceof LiveException) return fail({ code: error.code, message: error.message });
      throw error;
    }
  }

  /** An attendee is still here: moves `last_seen_at` (and reopens the session if it was closed meanwhile). */
  @SubscribeMessage('presence:heartbeat')
  async heartbeat(@ConnectedSocket() socket: LiveSocket): Promise<HeartbeatReply> {
    await socket.data.ready;
    const attendee = socket.data.attendee;
    const now = Date.now();
    if (!attendee || !socket.connected || now - (socket.data.lastBeatAt ?? 0) < LIVE_PRESENCE.heartbeatMinMs) {
      return { accepted: false, serverTime: new Date(now).toISOString() };
    }
    socket.data.lastBeatAt = now;
    const key = presenceKey(attendee.value, attendee.mode);
    const reopened = await this.presence.serial(key, () => this.room.touchSession(attendee.value, attendee.mode));
    if (reopened) this.statsUpdates.request(attendee.value.event.id);
    return { accepted: true, serverTime: new Date().toISOString() };
  }

  private async connect(socket: LiveSocket): Promise<void> {
    const auth: unknown = socket.handshake.auth;
    if (auth && typeof auth === 'object' && 'token' in auth) {
      await this.connectAttendee(socket, auth);
      return;
    }
    const session = await this.sessions.resolve(readCookie(socket.handshake.headers.cookie, SESSION_COOKIE)).catch(() => null);
    if (!session) throw new LiveException('auth.unauthenticated', 'Sign in to join the live gateway');
    socket.data.user = session.user;
    socket.emit('session:welcomed', { kind: 'organizer', userId: session.user.id, role: session.user.role, serverTime: new Date().toISOString() });
    this.logger.debug(`organizer ${session.user.email} connected`);
  }

  private async connectAttendee(socket: LiveSocket, auth: object): Promise<void> {
    const parsed = liveAttendeeAuthSchema.safeParse(auth);
    if (!parsed.success) throw new LiveException('live.token_invalid', 'Connect with { token, event }: the token of your personal link and the event');
    const attendee = await this.room.attendee(parsed.data);
    const event = attendee.event;
    const mode = attendanceModeFor(event.status);
    const checkIn = await this.room.checkInOnline(attendee);
    const key = presenceKey(attendee, mode);
    await this.presence.serial(key, async () => {
      // The session is opened (or kept) whatever the socket count says: the database is the judge.
      this.presence.add(key, socket.id);
      await this.room.touchSession(attendee, mode);
    });
    socket.data.attendee = { value: attendee, mode };
    // The client may have left while we were writing: the disconnect (after `ready`) closes what we opened.
    await socket.join([eventRoom(event.id), registrationRoom(attendee.registrationId)]);
    socket.emit('session:welcomed', { kind: 'attendee', userId: null, role: null, serverTime: new Date().toISOString() });
    // Read after joining the rooms: a change from now on is broadcast to this socket as well.
    const qa = await this.qa.attendeeState(attendee);
    const polls = await this.polls.attendeeState(attendee);
    const chat = await this.chat.attendeeState(attendee);
    socket.emit('room:state', roomState(event, { value: attendee, mode }, null));
    socket.emit('qa:state', qa);
    socket.emit('poll:state', polls);
    socket.emit('chat:state', chat);
    if (checkIn) this.server.to(staffRoom(event.id)).emit('checkin:updated', checkIn);
    this.statsUpdates.request(event.id);
  }

  /**
   * A check-in made outside the gateway (on site, by staff or at a kiosk), committed: the organizers
   * watching the event see it and the live numbers move.
   */
  announceCheckIn(checkIn: LiveCheckIn): void {
    this.server.to(staffRoom(checkIn.eventId)).emit('checkin:updated', checkIn);
    this.statsUpdates.request(checkIn.eventId);
  }

  /** Something that changes the live numbers happened elsewhere: organizers get new numbers (coalesced). */
  statsChanged(eventId: string): void {
    this.statsUpdates.request(eventId);
  }

  private refuse(socket: LiveSocket, error: LiveError): void {
    socket.emit('session:errored', error);
    socket.disconnect(true);
  }

  /**
   * Every socket of this process gets the room and Q&A state read now from the database (see
   * `afterInit`); one socket at a time, so a large room does not take the whole pool.
   */
  private async resync(): Promise<void> {
    const events = new Map<string, Promise<LiveEvent>>();
    const eventOf = (eventId: string) => events.get(eventId) ?? events.set(eventId, this.room.event(eventId)).get(eventId)!;
    let sockets = 0;
    for (const socket of [...this.server.sockets.values()]) {
      const attendee = socket.data.attendee;
      const watched = [...socket.rooms].map((room) => /^event:(.+):staff$/.exec(room)?.[1]).find(Boolean);
      try {
        if (attendee) {
          const event = await eventOf(attendee.value.event.id);
          if (!ROOM_OPEN_STATUSES.includes(event.status)) continue;
          socket.emit('room:state', roomState(event, attendee, null));
          socket.emit('qa:state', await this.qa.attendeeState(attendee.value));
          socket.emit('chat:state', await this.chat.attendeeState(attendee.value));
          socket.emit('poll:state', await this.polls.attendeeState(attendee.value));
        } else if (socket.data.user && watched) {
          const event = await eventOf(watched);
          socket.emit('room:state', roomState(event, null, { canModerate: canModerateLive(socket.data.user.role), stats: await this.room.stats(event.id) }));
          socket.emit('qa:state', await this.qa.organizerState(event.id));
          socket.emit('chat:state', await this.chat.organizerState(event.id));
          socket.emit('poll:state', await this.polls.organizerState(event.id));
        } else {
          continue;
        }
        sockets++;
      } catch (error) {
        this.logger.warn(`resyncing a live socket failed: ${(error as Error).message}`);
      }
    }
    this.logger.log(`Redis is back: sent fresh state to ${sockets} live socket(s) of this process`);
  }
}
