import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type AttendanceMode,
  type ErrorCode,
  type EventStatus,
  type LiveAttendeeAuth,
  type LiveCheckIn,
  type LiveRoomState,
  type LiveStats,
  LIVE_PRESENCE,
  onlineCheckInOpen,
} from '@fulcrum/shared';
import { returnedRows } from 'common/returning';

/** A refused handshake or request: a code the join page translates, and an English message. */
export class LiveException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Events whose room an attendee may enter: published ones (ended: the replay). */
export const ROOM_OPEN_STATUSES: EventStatus[] = ['scheduled', 'live', 'ended'];

export interface LiveEvent {
  id: string;
  slug: string;
  title: string;
  status: EventStatus;
  startsAt: Date;
  endsAt: Date;
}

export interface LiveAttendee {
  registrationId: string;
  contactId: string | null;
  name: string;
  event: LiveEvent;
  checkedInAt: Date | null;
  checkInMethod: string | null;
}

interface EventColumns {
  event_id: string;
  slug: string;
  title: string;
  event_status: EventStatus;
  starts_at: Date;
  ends_at: Date;
}

const toEvent = (row: EventColumns): LiveEvent => ({
  id: row.event_id,
  slug: row.slug,
  title: row.title,
  status: row.event_status,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
});

const EVENT_COLUMNS = `e.id AS event_id, e.slug, e.title, e.status AS event_status, e.starts_at, e.ends_at`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function roomState(event: LiveEvent, attendee: { value: LiveAttendee; mode: AttendanceMode } | null, organizer: LiveRoomState['organizer']): LiveRoomState {
  return {
    event: { id: event.id, slug: event.slug, title: event.title, status: event.status, startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString() },
    attendee: attendee && {
      registrationId: attendee.value.registrationId,
      name: attendee.value.name,
      mode: attendee.mode,
      checkedInAt: attendee.value.checkedInAt?.toISOString() ?? null,
      checkInMethod: attendee.value.checkInMethod,
    },
    organizer,
    serverTime: new Date().toISOString(),
  };
}

/**
 * The database side of the live room: who may enter, online check-in, attendance sessions and the
 * live numbers. Every change is committed here before the gateway broadcasts it.
 */
@Injectable()
export class LiveRoomService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The registration behind a personal token, refused unless it is a seat for this (open) event. */
  async attendee(auth: LiveAttendeeAuth): Promise<LiveAttendee> {
    const [row]: Array<EventColumns & { id: string; contact_id: string | null; name: string; status: string; checked_in_at: Date | null; check_in_method: string | null }> =
      auth.token.length >= 40
        ? await this.db.query(
            `SELECT r.id, r.contact_id, r.name, r.status, r.checked_in_at, r.check_in_method, ${EVENT_COLUMNS}
             FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.token = $1`,
            [auth.token],
          )
        : [];
    if (!row) throw new LiveException('live.token_invalid', 'This personal link is not valid (it may have been replaced by a newer one)');
    if (auth.event !== row.slug && auth.event.toLowerCase() !== row.event_id) {
      throw new LiveException('live.wrong_event', 'This personal link is for another event');
    }
    if (!ROOM_OPEN_STATUSES.includes(row.event_status)) throw new LiveException('live.event_unavailable', `The event is ${row.event_status}: its room is not open`);
    if (row.status !== 'registered') throw new LiveException('live.not_registered', `The registration is ${row.status}: it does not hold a seat`);
    return {
      registrationId: row.id,
      contactId: row.contact_id,
      name: row.name,
      event: toEvent(row),
      checkedInAt: row.checked_in_at,
      checkInMethod: row.check_in_method,
    };
  }

  async event(eventId: string): Promise<LiveEvent> {
    const [row]: EventColumns[] = UUID.test(eventId) ? await this.db.query(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [eventId]) : [];
    if (!row) throw new LiveException('events.not_found', `No event ${eventId}`);
    return toEvent(row);
  }

  /**
   * Checks the attendee in online when the rule allows (`onlineCheckInOpen`) and nobody checked them in
   * before — an on-site check-in stays as it is. Returns the check-in when this call made it, else null;
   * `attendee` is updated either way.
   */
  async checkInOnline(attendee: LiveAttendee, now = new Date()): Promise<LiveCheckIn | null> {
    if (attendee.checkedInAt || !onlineCheckInOpen(attendee.event, now)) return null;
    return this.db.transaction(async (manager) => {
      const [done] = returnedRows<{ checked_in_at: Date; check_in_method: string }>(
        await manager.query(
          `UPDATE registrations SET checked_in_at = now(), check_in_method = 'online', updated_at = now()
           WHERE id = $1 AND checked_in_at IS NULL AND status = 'registered' RETURNING checked_in_at, check_in_method`,
          [attendee.registrationId],
        ),
      );
      if (!done) {
        // Checked in meanwhile (another tab, or on site): report what is there.
        const [current]: Array<{ checked_in_at: Date | null; check_in_method: string | null }> = await manager.query(
          `SELECT checked_in_at, check_in_method FROM registrations WHERE id = $1`,
          [attendee.registrationId],
        );
        attendee.checkedInAt = current?.checked_in_at ?? null;
        attendee.checkInMethod = current?.check_in_method ?? null;
        return null;
      }
      attendee.checkedInAt = done.checked_in_at;
      attendee.checkInMethod = done.check_in_method;
      await this.activity(manager, attendee, 'checked_in', { method: 'online' });
      return {
        eventId: attendee.event.id,
        registrationId: attendee.registrationId,
        name: attendee.name,
        method: 'online',
        checkedInAt: done.checked_in_at.toISOString(),
        checkedIn: await this.checkedIn(manager, attendee.event.id),
      };
    });
  }

  /**
   * Opens the registration's session in this mode, or moves `last_seen_at` of the one already open (one
   * open session per registration and mode, held by a unique index, whatever the number of sockets or
   * processes). Returns true when a session opened, with its `joined` activity.
   */
  async touchSession(attendee: LiveAttendee, mode: AttendanceMode): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [row]: Array<{ id: string; opened: boolean }> = await manager.query(
        `INSERT INTO attendance_sessions (registration_id, event_id, mode) VALUES ($1, $2, $3)
         ON CONFLICT (registration_id, mode) WHERE left_at IS NULL DO UPDATE SET last_seen_at = greatest(attendance_sessions.last_seen_at, now())
         RETURNING id, (xmax = 0) AS opened`,
        [attendee.registrationId, attendee.event.id, mode],
      );
      if (row.opened) await this.activity(manager, attendee, 'joined', { mode, sessionId: row.id });
      return row.opened;
    });
  }

  /** Closes the open session (the last socket of the registration left). Returns true when one closed. */
  async closeSession(attendee: LiveAttendee, mode: AttendanceMode): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [closed] = returnedRows<{ id: string; watch_seconds: number }>(
        await manager.query(
          `UPDATE attendance_sessions SET left_at = greatest(now(), joined_at), last_seen_at = greatest(now(), last_seen_at)
           WHERE registration_id = $1 AND mode = $2 AND left_at IS NULL
           RETURNING id, floor(extract(epoch FROM left_at - joined_at))::int AS watch_seconds`,
          [attendee.registrationId, mode],
        ),
      );
      if (!closed) return false;
      await this.activity(manager, attendee, 'left', { mode, sessionId: closed.id, watchSeconds: closed.watch_seconds, reason: 'disconnected' });
      return true;
    });
  }

  /**
   * Closes sessions not seen for `staleAfterMs` — their process died without closing them — at the time
   * they were last seen, so the dead time is not watch time. Returns the events whose numbers changed.
   */
  async sweepStale(): Promise<string[]> {
    const rows: Array<{ event_id: string }> = await this.db.query(
      `WITH closed AS (
         UPDATE attendance_sessions SET left_at = last_seen_at
         WHERE left_at IS NULL AND last_seen_at < now() - make_interval(secs => $1)
         RETURNING id, registration_id, event_id, mode, floor(extract(epoch FROM last_seen_at - joined_at))::int AS watch_seconds
       )
       INSERT INTO activities (kind, contact_id, event_id, registration_id, data, occurred_at)
       SELECT 'left', r.contact_id, c.event_id, c.registration_id,
              jsonb_build_object('mode', c.mode, 'sessionId', c.id, 'watchSeconds', c.watch_seconds, 'reason', 'timed_out'), now()
       FROM closed c JOIN registrations r ON r.id = c.registration_id
       RETURNING event_id`,
      [LIVE_PRESENCE.staleAfterMs / 1000],
    );
    return [...new Set(rows.map((row) => row.event_id))];
  }

  async stats(eventId: string): Promise<LiveStats> {
    const [row]: Array<{ in_room: number; checked_in: number; registered: number }> = await this.db.query(
      `SELECT (SELECT count(DISTINCT registration_id)::int FROM attendance_sessions WHERE event_id = $1 AND left_at IS NULL) AS in_room,
              (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND checked_in_at IS NOT NULL) AS checked_in,
              (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND status = 'registered') AS registered`,
      [eventId],
    );
    return { eventId, inRoom: row.in_room, checkedIn: row.checked_in, registered: row.registered, at: new Date().toISOString() };
  }

  private async checkedIn(manager: EntityManager, eventId: string): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND checked_in_at IS NOT NULL`, [eventId]);
    return n;
  }

  private activity(manager: EntityManager, attendee: LiveAttendee, kind: string, data: Record<string, unknown>): Promise<void> {
    return appendActivity(manager, attendee, kind, data);
  }
}

/** Appends what an attendee did in the room to the activity log (in the caller's transaction). */
export async function appendActivity(manager: EntityManager, attendee: LiveAttendee, kind: string, data: Record<string, unknown>): Promise<void> {
  await manager.query(`INSERT INTO activities (kind, contact_id, event_id, registration_id, data) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
    kind,
    attendee.contactId,
    attendee.event.id,
    attendee.registrationId,
    JSON.stringify(data),
  ]);
}
