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
  type LiveAttendeeAuth,
  liveAttendeeAuthSchema,
  type LiveCheckIn,
  type LiveError,
  type PollState,
  type QaState,
  type ChatState,
  roomJoinRequestSchema,
  type RoomJoinReply,
} from '@fulcrum/shared';
import { SESSION_COOKIE, SessionsService } from 'modules/auth/sessions.service';
import { Batcher, groupBy } from 'common/batcher';
import { type LiveAttendee, type LiveEvent, LiveException, LiveRoomService, ROOM_OPEN_STATUSES, roomState, SEAT_GONE } from './live-room.service';
import { EventChangesListener } from './event-changes.listener';
import { Coalescer, LivePresence } from './live-presence';
import { countRoomDeliveries, onBroadcastsRecovered } from './live-adapter';
import { LiveEmitter } from './live-emitter';
import { eventRoom, LIVE_GATEWAY_OPTIONS, type LiveNamespace, type LiveSocket, registrationRoom, staffRoom } from './live-sockets';
import { QaService } from './qa.service';
import { ChatService } from './chat.service';
import { PollsService, VOTE_STATUSES } from './polls.service';
import { PollsGateway } from './polls.gateway';

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** How many times a joining socket's state is read at most while broadcasts keep crossing the reads. */
const JOIN_STATE_READS = 3;

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
  /**
   * The database work of attendees joining, batched (`Batcher`): a join storm of thousands a minute
   * becomes a few statements per batch — the tokens looked up, the check-ins and sessions written, the
   * Q&A, poll and chat state read — instead of a dozen round trips per attendee.
   */
  private readonly admissions = new Batcher<LiveAttendeeAuth, LiveAttendee | LiveException>((auths) => this.room.attendees(auths));
  private readonly entries = new Batcher((entries: Array<{ attendee: LiveAttendee; mode: AttendanceMode | null }>) => this.room.enter(entries));
  private readonly joinStates = new Batcher((attendees: LiveAttendee[]) => this.attendeeStates(attendees));
  /** Broadcasts delivered to some rooms so far (`countRoomDeliveries`). */
  private deliveries: (rooms: string[]) => number = () => 0;
  /** Online check-ins committed and not yet announced, per event (announced with the next live numbers). */
  private readonly onlineCheckIns = new Map<string, Array<Omit<LiveCheckIn, 'checkedIn'>>>();

  @WebSocketServer() private readonly server!: LiveNamespace;

  constructor(
    private readonly sessions: SessionsService,
    private readonly room: LiveRoomService,
    private readonly qa: QaService,
    private readonly chat: ChatService,
    private readonly polls: PollsService,
    private readonly pollsGateway: PollsGateway,
    private readonly eventChanges: EventChangesListener,
    private readonly emitter: LiveEmitter,
  ) {
    this.statsUpdates = new Coalescer(LIVE_PRESENCE.statsEveryMs, async (eventId) => {
      // Online check-ins reach organizers with the numbers they moved: counted once for all of them,
      // not once per attendee (a join storm checks in hundreds a second).
      const checkIns = this.onlineCheckIns.get(eventId) ?? [];
      this.onlineCheckIns.delete(eventId);
      const stats = await this.room.stats(eventId).catch((error: unknown) => {
        // Announced with the next numbers, then (the next join or check-in asks for them).
        this.onlineCheckIns.set(eventId, [...checkIns, ...(this.onlineCheckIns.get(eventId) ?? [])]);
        throw error;
      });
      checkIns.forEach((checkIn, i) => this.server.to(staffRoom(eventId)).emit('checkin:updated', { ...checkIn, checkedIn: stats.checkedIn - (checkIns.length - 1 - i) }));
      this.server.to(staffRoom(eventId)).emit('room:stats-updated', stats);
    });
  }

  /**
   * Broadcasts from elsewhere in this process (the stale-session sweep, LiveEmitter) go through this
   * namespace; and when Redis comes back after a loss (several api processes), this process's clients
   * get their state afresh, as broadcasts from the other processes may have been lost meanwhile.
   */
  afterInit(namespace: LiveNamespace): void {
    this.emitter.attach(namespace);
    this.deliveries = countRoomDeliveries(namespace);
    onBroadcastsRecovered(namespace, () => this.resync(), this.logger);
  }

  onModuleInit(): void {
    void this.eventChanges.listen((eventId) =>
      void this.refreshRoom(eventId).catch((error: Error) => this.logger.warn(`refreshing the room of event ${eventId} failed: ${error.message}`)),
    );
  }

  /**
   * An event's status changed (going live, ending, archiving): every socket of its room on this
   * process gets the new state; attendees in the room are checked in if the rule now allows it, move
   * from the live session to the replay's when it ends (its open polls close), and leave when the event closes. Each api
   * process does this for its own sockets, all at once (the database work batched); one socket failing
   * does not hold up the others.
   */
  private async refreshRoom(eventId: string): Promise<void> {
    const event = await this.room.event(eventId);
    if (!VOTE_STATUSES.includes(event.status)) {
      await this.pollsGateway.closeOpenPolls(event.id).catch((error: Error) => this.logger.warn(`closing the polls of event ${eventId} failed: ${error.message}`));
    }
    const sockets = [...this.server.sockets.values()].filter((socket) => socket.rooms.has(eventRoom(eventId)));
    await Promise.all(
      sockets.map((socket) =>
        this.refreshSocket(socket, event).catch((error: Error) => this.logger.warn(`refreshing a live socket of event ${eventId} failed: ${error.message}`)),
      ),
    );
    this.statsUpdates.request(event.id);
  }

  private async refreshSocket(socket: LiveSocket, event: LiveEvent): Promise<void> {
    const attendee = socket.data.attendee;
    if (socket.data.user) {
      socket.emit('room:state', roomState(event, null, { canModerate: canModerateLive(socket.data.user.role), stats: await this.room.stats(event.id) }));
      return;
    }
    if (!attendee) return;
    if (!ROOM_OPEN_STATUSES.includes(event.status)) {
      this.refuse(socket, { code: 'live.event_unavailable', message: `The event is ${event.status}: its live room is closed` });
      return;
    }
    attendee.value.event = event;
    const mode = attendanceModeFor(event.status);
    let checkedIn = false;
    if (mode === attendee.mode) {
      let seated: boolean;
      ({ checkedIn, seated } = await this.entries.load({ attendee: attendee.value, mode: null }));
      if (!seated) {
        this.refuse(socket, SEAT_GONE);
        return;
      }
    } else {
      // The event ended under them: the live session closes and the replay's opens (watch minutes
      // after the end are replay minutes).
      const before = presenceKey(attendee.value, attendee.mode);
      const previous = attendee.mode;
      await this.presence.serial(before, async () => {
        if (this.presence.remove(before, socket.id)) await this.room.closeSession(attendee.value, previous, 'mode_changed');
      });
      attendee.mode = mode;
      const after = presenceKey(attendee.value, mode);
      ({ checkedIn } = await this.presence.serial(after, () => {
        this.presence.add(after, socket.id);
        return this.entries.load({ attendee: attendee.value, mode });
      }));
    }
    if (checkedIn) this.announceOnlineCheckIn(attendee.value);
    socket.emit('room:state', roomState(event, attendee, null));
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
      this.logger.warn(`room:join failed: ${(error as Error).message}`);
      return fail({ code: 'internal', message: 'The room could not be joined; try again' });
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
    const { opened, seated } = await this.presence.serial(key, () => this.entries.load({ attendee: attendee.value, mode: attendee.mode }));
    if (!seated) {
      this.refuse(socket, SEAT_GONE);
      return { accepted: false, serverTime: new Date().toISOString() };
    }
    if (opened) this.statsUpdates.request(attendee.value.event.id);
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
    const attendee = await this.admissions.load(parsed.data);
    if (attendee instanceof LiveException) throw attendee;
    const event = attendee.event;
    const mode = attendanceModeFor(event.status);
    const key = presenceKey(attendee, mode);
    // Checked in online when the rule allows; the session opened (or kept) whatever the socket count
    // says: the database is the judge.
    const { checkedIn } = await this.presence.serial(key, async () => {
      this.presence.add(key, socket.id);
      try {
        const entered = await this.entries.load({ attendee, mode });
        if (!entered.seated) throw new LiveException(SEAT_GONE.code, SEAT_GONE.message);
        return entered;
      } catch (error) {
        // Not in the room after all (the disconnect will not know this socket as an attendee).
        this.presence.remove(key, socket.id);
        throw error;
      }
    });
    socket.data.attendee = { value: attendee, mode };
    // The client may have left while we were writing: the disconnect (after `ready`) closes what we opened.
    await socket.join([eventRoom(event.id), registrationRoom(attendee.registrationId)]);
    socket.emit('session:welcomed', { kind: 'attendee', userId: null, role: null, serverTime: new Date().toISOString() });
    if (checkedIn) this.announceOnlineCheckIn(attendee);
    this.statsUpdates.request(event.id);
    // Read after joining the rooms (a batch starts after each of its attendees joined): a change from
    // now on is broadcast to this socket as well. A broadcast that reached the socket while the state
    // was being read may be newer than the read, and the state would undo it on the page: then the
    // state is read and sent again, so the last word is the newest.
    const rooms = [eventRoom(event.id), registrationRoom(attendee.registrationId)];
    for (let attempt = 1; ; attempt++) {
      const delivered = this.deliveries(rooms);
      const state = await this.joinStates.load(attendee);
      if (socket.disconnected) return;
      // The attendee as it stands now: the event may have changed status meanwhile (refreshRoom).
      socket.emit('room:state', roomState(attendee.event, socket.data.attendee ?? null, null));
      socket.emit('qa:state', state.qa);
      socket.emit('poll:state', state.polls);
      socket.emit('chat:state', state.chat);
      if (attempt === JOIN_STATE_READS || this.deliveries(rooms) === delivered) break;
    }
  }

  /** An attendee checked in by joining (committed): organizers see it with the next live numbers. */
  private announceOnlineCheckIn(attendee: LiveAttendee): void {
    const eventId = attendee.event.id;
    const pending = this.onlineCheckIns.get(eventId) ?? [];
    this.onlineCheckIns.set(eventId, pending);
    pending.push({ eventId, registrationId: attendee.registrationId, name: attendee.name, method: 'online', checkedInAt: attendee.checkedInAt!.toISOString() });
    this.statsUpdates.request(eventId);
  }

  /** The Q&A, poll and chat state of attendees joining, read per event for all of them at once. */
  private async attendeeStates(attendees: LiveAttendee[]): Promise<Array<{ qa: QaState; polls: PollState; chat: ChatState }>> {
    const states = new Map<LiveAttendee, { qa: QaState; polls: PollState; chat: ChatState }>();
    for (const [eventId, group] of groupBy(attendees, (attendee) => attendee.event.id)) {
      const ids = group.map((attendee) => attendee.registrationId);
      const [qa, polls, chat] = await Promise.all([this.qa.attendeeStates(eventId, ids), this.polls.attendeeStates(eventId, ids), this.chat.attendeeStates(eventId, ids)]);
      group.forEach((attendee, i) => states.set(attendee, { qa: qa[i] as QaState, polls: polls[i] as PollState, chat: chat[i] as ChatState }));
    }
    return attendees.map((attendee) => states.get(attendee)!);
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
