import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import {
  canWatchLive,
  CHAT_LIMITS,
  chatModerateRequestSchema,
  type ChatReply,
  chatSendRequestSchema,
  type ChatSettingsReply,
  chatSettingsRequestSchema,
  type ChatSyncReply,
  chatSyncRequestSchema,
} from '@fulcrum/shared';
import { LiveException } from './live-room.service';
import { eventRoom, LIVE_GATEWAY_OPTIONS, liveRequest, type LiveNamespace, type LiveSocket, moderatorOf, registrationRoom, staffRoom, takeRate } from './live-sockets';
import { type ChatMessageRow, ChatService, fullMessage, publicMessage } from './chat.service';

const SEND_REFUSAL = {
  code: 'chat.rate_limited',
  message: `Too many messages: at most ${CHAT_LIMITS.sendsPerSocket} tries every ${CHAT_LIMITS.sendEveryMs / 1000} seconds`,
} as const;

const SYNCS_PER_MINUTE = 10;

/**
 * Live chat on the `/live` namespace: attendees send, moderators post as the organizer, approve or
 * hide messages and switch between post- and pre-moderation. Each change is committed (ChatService)
 * before it is broadcast. The state on (re)join is sent by LiveGateway, which owns the handshake.
 */
@WebSocketGateway(LIVE_GATEWAY_OPTIONS)
export class ChatGateway {
  private readonly logger = new Logger('ChatGateway');

  @WebSocketServer() private readonly server!: LiveNamespace;

  constructor(private readonly chat: ChatService) {}

  /**
   * An attendee's message (everyone sees it at once, or organizers and the sender's tabs while it waits
   * for approval); or a moderator's, posted as the organizer with `eventId`.
   */
  @SubscribeMessage('chat:send')
  chatSend(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<ChatReply> {
    return liveRequest(socket, this.logger, 'chat:send', async (): Promise<ChatReply> => {
      const attendee = socket.data.attendee;
      if (!attendee) moderatorOf(socket, 'post in the chat as the organizer');
      // Before the database is asked anything: a flood from one socket costs nothing.
      takeRate(socket, 'chat:send', CHAT_LIMITS.sendsPerSocket, CHAT_LIMITS.sendEveryMs, SEND_REFUSAL);
      const request = chatSendRequestSchema.safeParse(body);
      if (!request.success || (!attendee && !request.data.eventId)) {
        throw new LiveException(
          'validation.failed',
          `chat:send needs { text: 1–${CHAT_LIMITS.textMax} characters of plain text (no control characters)${attendee ? '' : ', eventId'} }`,
        );
      }
      if (attendee) {
        const { row } = await this.chat.send(attendee.value, request.data.text);
        this.broadcastNew(row);
        return { ok: true, message: { ...publicMessage(row), mine: true }, changed: true };
      }
      const { row } = await this.chat.post(request.data.eventId!, socket.data.user!, request.data.text);
      this.broadcastNew(row);
      return { ok: true, message: fullMessage(row), changed: true };
    });
  }

  /** A moderator approves (it appears) or hides (it disappears for everyone) a message. */
  @SubscribeMessage('chat:moderate')
  chatModerate(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<ChatReply> {
    return liveRequest(socket, this.logger, 'chat:moderate', async () => {
      const user = moderatorOf(socket, 'moderate the chat');
      const request = chatModerateRequestSchema.safeParse(body);
      if (!request.success) throw new LiveException('validation.failed', 'chat:moderate needs { messageId (a uuid), action: approve | hide }');
      const change = await this.chat.moderate(request.data.messageId, request.data.action, user);
      if (change.changed) {
        const { row } = change;
        // Attendees drop a hidden message and add an approved one; a message still waiting was known to its sender only.
        const attendees = change.was === 'pending' && row.status === 'hidden' ? this.server.to(registrationRoom(row.registration_id!)) : this.server.to(eventRoom(row.event_id));
        attendees.except(staffRoom(row.event_id)).emit('chat:updated', publicMessage(row));
        this.server.to(staffRoom(row.event_id)).emit('chat:updated', fullMessage(row));
      }
      return { ok: true, message: fullMessage(change.row), changed: change.changed };
    });
  }

  /** A moderator switches between post-moderation (the default) and pre-moderation; everyone in the room is told. */
  @SubscribeMessage('chat:settings')
  chatSettings(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<ChatSettingsReply> {
    return liveRequest(socket, this.logger, 'chat:settings', async () => {
      const user = moderatorOf(socket, 'change the chat settings');
      const request = chatSettingsRequestSchema.safeParse(body);
      if (!request.success) throw new LiveException('validation.failed', 'chat:settings needs { eventId (a uuid), moderation: post | pre }');
      const { settings, changed } = await this.chat.setModeration(request.data.eventId, request.data.moderation, user);
      if (changed) this.server.to(eventRoom(settings.eventId)).emit('chat:settings-updated', settings);
      return { ok: true, settings, changed };
    });
  }

  /** The chat state in the ack: an attendee's own, or (console users) an event's full one. */
  @SubscribeMessage('chat:sync')
  chatSync(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): Promise<ChatSyncReply> {
    return liveRequest(socket, this.logger, 'chat:sync', async () => {
      // A view needs it once when it mounts: more is a loop or a flood, and each one reads the database.
      takeRate(socket, 'chat:sync', SYNCS_PER_MINUTE, 60_000, { code: 'chat.rate_limited', message: `At most ${SYNCS_PER_MINUTE} chat:sync a minute` });
      const attendee = socket.data.attendee;
      if (attendee) return { ok: true, state: await this.chat.attendeeState(attendee.value) };
      const user = socket.data.user;
      if (!user || !canWatchLive(user.role)) throw new LiveException('auth.forbidden', 'Only attendees and console users may read the chat');
      const request = chatSyncRequestSchema.safeParse(body ?? {});
      if (!request.success || !request.data.eventId) throw new LiveException('validation.failed', 'chat:sync needs { eventId } (a uuid) from a console user');
      return { ok: true, state: await this.chat.organizerState(request.data.eventId) };
    });
  }

  /** Committed before this runs: attendees get the public view (the sender's tabs marked as theirs), organizers the full one. */
  private broadcastNew(row: ChatMessageRow): void {
    const sender = row.registration_id ? registrationRoom(row.registration_id) : null;
    if (row.status === 'approved') {
      this.server
        .to(eventRoom(row.event_id))
        .except(sender ? [staffRoom(row.event_id), sender] : staffRoom(row.event_id))
        .emit('chat:posted', publicMessage(row));
    }
    if (sender) this.server.to(sender).emit('chat:posted', { ...publicMessage(row), mine: true });
    this.server.to(staffRoom(row.event_id)).emit('chat:posted', fullMessage(row));
  }
}
