import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CHAT_LIMITS,
  CHAT_OPEN_STATUSES,
  type ChatMessage,
  type ChatMessageFull,
  type ChatMessageStatus,
  type ChatModerateAction,
  type ChatModerationMode,
  type ChatSettings,
  type ChatState,
  type EventStatus,
  type SessionUser,
} from '@fulcrum/shared';
import { returnedRows } from 'common/returning';
import { appendActivity, type LiveAttendee, LiveException, seatedEventStatus } from './live-room.service';

export interface ChatMessageRow {
  id: string;
  event_id: string;
  registration_id: string | null;
  from_organizer: boolean;
  posted_by: string | null;
  text: string;
  status: ChatMessageStatus;
  created_at: Date;
  sender_name: string | null;
  sender_email: string | null;
  sender_title: string | null;
  sender_company: string | null;
  sender_tier: string | null;
  poster_name: string | null;
}

/** A message with its sender: the registration's name, the company and tier of its contact; or the console user who posted it. */
const MESSAGE_SELECT = `
  SELECT m.id, m.event_id, m.registration_id, m.from_organizer, m.posted_by, m.text, m.status, m.created_at,
         r.name AS sender_name, r.email AS sender_email, r.title AS sender_title, coalesce(co.name, r.company) AS sender_company, co.tier AS sender_tier,
         u.name AS poster_name
  FROM chat_messages m
  LEFT JOIN registrations r ON r.id = m.registration_id
  LEFT JOIN contacts c ON c.id = r.contact_id
  LEFT JOIN companies co ON co.id = c.company_id
  LEFT JOIN users u ON u.id = m.posted_by`;

/** Events whose chat takes messages: before and during the event; in the replay it is read-only. */
/** Organizers' state: at most this many waiting messages besides the last `historyMax`. */
const PENDING_MAX = 500;

export function publicMessage(row: ChatMessageRow): ChatMessage {
  const hidden = row.status === 'hidden';
  return {
    id: row.id,
    eventId: row.event_id,
    // A hidden message reaches attendees only so their list drops it: without what it said or who said it.
    text: hidden ? '' : row.text,
    authorName: row.from_organizer || hidden ? null : row.sender_name,
    fromOrganizer: row.from_organizer,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

export function fullMessage(row: ChatMessageRow): ChatMessageFull {
  return {
    ...publicMessage({ ...row, status: 'approved' }),
    status: row.status,
    sender:
      row.registration_id && row.sender_name !== null
        ? {
            registrationId: row.registration_id,
            name: row.sender_name,
            email: row.sender_email ?? '',
            title: row.sender_title,
            company: row.sender_company,
            tier: row.sender_tier,
          }
        : null,
    postedBy: row.from_organizer ? { userId: row.posted_by, name: row.poster_name } : null,
  };
}

/** The outcome of a change: the message as it now stands, and whether anything changed. */
export interface ChatChange {
  row: ChatMessageRow;
  changed: boolean;
}

/**
 * Live chat in the database: sending, posting as the organizer, moderating and the per-event
 * moderation mode, each committed (with its activity) before the gateway broadcasts it.
 */
@Injectable()
export class ChatService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * An attendee's message: shown at once (post-moderation) or waiting for approval (pre-moderation).
   * At most one per registration per `sendEveryMs`, across tabs and processes.
   */
  async send(attendee: LiveAttendee, text: string): Promise<ChatChange> {
    return this.db.transaction(async (manager) => {
      this.assertChatOpen(attendee.event.id, await seatedEventStatus(manager, attendee));
      // Serializes one registration's messages, so two tabs cannot both pass the rate check.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('chat.send:' || $1))`, [attendee.registrationId]);
      const [recent]: unknown[] = await manager.query(
        `SELECT 1 FROM chat_messages WHERE registration_id = $1 AND created_at > now() - make_interval(secs => $2) LIMIT 1`,
        [attendee.registrationId, CHAT_LIMITS.sendEveryMs / 1000],
      );
      if (recent) throw new LiveException('chat.rate_limited', `One message every ${CHAT_LIMITS.sendEveryMs / 1000} seconds: wait a moment before sending again`);
      const moderation = await this.moderation(manager, attendee.event.id);
      const status: ChatMessageStatus = moderation === 'pre' ? 'pending' : 'approved';
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO chat_messages (event_id, registration_id, text, status) VALUES ($1, $2, $3, $4) RETURNING id`,
        [attendee.event.id, attendee.registrationId, text, status],
      );
      // Scoring counts at most one message a minute; the log keeps every one.
      await appendActivity(manager, attendee, 'chat.sent', { messageId: id });
      return { row: await this.row(manager, id), changed: true };
    });
  }

  /** A moderator posts as the organizer: shown at once, whatever the moderation mode. */
  async post(eventId: string, user: SessionUser, text: string): Promise<ChatChange> {
    return this.db.transaction(async (manager) => {
      await this.assertOpen(manager, eventId);
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO chat_messages (event_id, from_organizer, posted_by, text, status) VALUES ($1, true, $2, $3, 'approved') RETURNING id`,
        [eventId, user.id, text],
      );
      return { row: await this.row(manager, id), changed: true };
    });
  }

  /** Approve (shown) or hide (removed for everyone); a repeat changes nothing. */
  async moderate(messageId: string, action: ChatModerateAction, user: SessionUser): Promise<ChatChange & { was: ChatMessageStatus }> {
    return this.db.transaction(async (manager) => {
      const [current]: Array<{ status: ChatMessageStatus }> = await manager.query(`SELECT status FROM chat_messages WHERE id = $1 FOR UPDATE`, [messageId]);
      if (!current) throw new LiveException('chat.not_found', 'No such chat message');
      const status: ChatMessageStatus = action === 'approve' ? 'approved' : 'hidden';
      const changes = await manager.query(
        `UPDATE chat_messages SET status = $2, moderated_by = $3, moderated_at = now(), updated_at = now() WHERE id = $1 AND status <> $2 RETURNING id`,
        [messageId, status, user.id],
      );
      return { row: await this.row(manager, messageId), changed: returnedRows(changes).length > 0, was: current.status };
    });
  }

  /** Switches the event's moderation mode; waiting messages stay waiting either way (a moderator decides each). */
  async setModeration(eventId: string, moderation: ChatModerationMode, user: SessionUser): Promise<{ settings: ChatSettings; changed: boolean }> {
    return this.db.transaction(async (manager) => {
      const [event]: unknown[] = await manager.query(`SELECT 1 FROM events WHERE id = $1`, [eventId]);
      if (!event) throw new LiveException('events.not_found', `No event ${eventId}`);
      // Serializes switches of one event, so each change is reported (and broadcast) once.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('chat.settings:' || $1))`, [eventId]);
      const settings: ChatSettings = { eventId, moderation };
      if ((await this.moderation(manager, eventId)) === moderation) return { settings, changed: false };
      await manager.query(
        `INSERT INTO chat_settings (event_id, moderation, updated_by) VALUES ($1, $2, $3)
         ON CONFLICT (event_id) DO UPDATE SET moderation = EXCLUDED.moderation, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [eventId, moderation, user.id],
      );
      return { settings, changed: true };
    });
  }

  async settings(eventId: string): Promise<ChatSettings> {
    return { eventId, moderation: await this.moderation(this.db.manager, eventId) };
  }

  /** What a (re)joining attendee needs: the last shown messages and their own waiting ones (marked as theirs). */
  async attendeeState(attendee: LiveAttendee): Promise<ChatState> {
    const [state] = await this.attendeeStates(attendee.event.id, [attendee.registrationId]);
    return state as ChatState;
  }

  /** `attendeeState` for several attendees of one event, in two queries (one state per registration id, in order). */
  async attendeeStates(eventId: string, registrationIds: string[]): Promise<ChatState[]> {
    const rows: ChatMessageRow[] = await this.db.query(
      `WITH picked AS (
         (SELECT id FROM chat_messages WHERE event_id = $1 AND status = 'approved' ORDER BY created_at DESC LIMIT $3)
         UNION
         (SELECT id FROM (
            SELECT id, row_number() OVER (PARTITION BY registration_id ORDER BY created_at DESC) AS k
            FROM chat_messages WHERE event_id = $1 AND registration_id = ANY($2::uuid[]) AND status = 'pending'
          ) waiting WHERE k <= $3)
       )
       ${MESSAGE_SELECT} WHERE m.id IN (SELECT id FROM picked) ORDER BY m.created_at, m.id`,
      [eventId, registrationIds, CHAT_LIMITS.historyMax],
    );
    const [event]: Array<{ status: EventStatus; moderation: ChatModerationMode | null }> = await this.db.query(
      `SELECT e.status, s.moderation FROM events e LEFT JOIN chat_settings s ON s.event_id = e.id WHERE e.id = $1`,
      [eventId],
    );
    const settings: ChatSettings = { eventId, moderation: event?.moderation ?? 'post' };
    const open = !!event && CHAT_OPEN_STATUSES.includes(event.status);
    return registrationIds.map((registrationId) => ({
      eventId,
      settings,
      open,
      messages: rows
        .filter((row) => row.status === 'approved' || row.registration_id === registrationId)
        .map((row) => (row.registration_id === registrationId ? { ...publicMessage(row), mine: true } : publicMessage(row))),
    }));
  }

  /** Organizers: the last messages of any status, and every waiting one, with their senders. */
  async organizerState(eventId: string): Promise<ChatState> {
    const rows: ChatMessageRow[] = await this.db.query(
      `WITH picked AS (
         (SELECT id FROM chat_messages WHERE event_id = $1 ORDER BY created_at DESC LIMIT $2)
         UNION
         (SELECT id FROM chat_messages WHERE event_id = $1 AND status = 'pending' ORDER BY created_at DESC LIMIT $3)
       )
       ${MESSAGE_SELECT} WHERE m.id IN (SELECT id FROM picked) ORDER BY m.created_at, m.id`,
      [eventId, CHAT_LIMITS.historyMax, PENDING_MAX],
    );
    const [event]: unknown[] = await this.db.query(`SELECT 1 FROM events WHERE id = $1`, [eventId]);
    if (!event) throw new LiveException('events.not_found', `No event ${eventId}`);
    return { eventId, settings: await this.settings(eventId), open: await this.isOpen(eventId), messages: rows.map(fullMessage) };
  }

  private async row(manager: EntityManager, id: string): Promise<ChatMessageRow> {
    const [row]: ChatMessageRow[] = await manager.query(`${MESSAGE_SELECT} WHERE m.id = $1`, [id]);
    return row;
  }

  private async moderation(manager: EntityManager, eventId: string): Promise<ChatModerationMode> {
    const [row]: Array<{ moderation: ChatModerationMode }> = await manager.query(`SELECT moderation FROM chat_settings WHERE event_id = $1`, [eventId]);
    return row?.moderation ?? 'post';
  }

  private async isOpen(eventId: string): Promise<boolean> {
    const [event]: Array<{ status: EventStatus }> = await this.db.query(`SELECT status FROM events WHERE id = $1`, [eventId]);
    return !!event && CHAT_OPEN_STATUSES.includes(event.status);
  }

  private async assertOpen(manager: EntityManager, eventId: string): Promise<void> {
    const [event]: Array<{ status: EventStatus }> = await manager.query(`SELECT status FROM events WHERE id = $1`, [eventId]);
    this.assertChatOpen(eventId, event?.status ?? null);
  }

  private assertChatOpen(eventId: string, status: EventStatus | null): void {
    if (!status) throw new LiveException('events.not_found', `No event ${eventId}`);
    if (!CHAT_OPEN_STATUSES.includes(status)) throw new LiveException('chat.closed', `The event is ${status}: the chat is closed`);
  }
}
