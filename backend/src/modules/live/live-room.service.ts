import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  type AttendanceMode,
  type ErrorCode,
  type EventStatus,
  type LiveAttendeeAuth,
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
  /**
   * The latest facts of each event attendees joined here, one object shared by all its attendees'
   * sockets (a room of ten thousand holds one copy, not ten thousand).
   */
  private readonly events = new Map<string, LiveEvent>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private shared(row: EventColumns): LiveEvent {
    const known = this.events.get(row.event_id);
    if (
      known &&
      known.status === row.event_status &&
      known.slug === row.slug &&
      known.title === row.title &&
      known.startsAt.getTime() === row.starts_at.getTime() &&
      known.endsAt.getTime() === row.ends_at.getTime()
    ) {
      return known;
    }
    const event = toEvent(row);
    this.events.set(event.id, event);
    return event;
  }

  /**
   * The registrations behind personal tokens, one answer per auth: the attendee, or the refusal when it
   * is not a seat for that (open) event. One query for the lot (`Batcher` folds a join storm into it).
   */
  async attendees(auths: LiveAttendeeAuth[]): Promise<Array<LiveAttendee | LiveException>> {
    const tokens = [...new Set(auths.map((auth) => auth.token).filter((token) => token.length >= 40))];
    const rows: Array<EventColumns & { token: string; id: string; contact_id: string | null; name: string; status: string; checked_in_at: Date | null; check_in_method: string | null }> =
      tokens.length
        ? await this.db.query(
            `SELECT r.token, r.id, r.contact_id, r.name, r.status, r.checked_in_at, r.check_in_method, ${EVENT_COLUMNS}
             FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.token = ANY($1::text[])`,
            [tokens],
          )
        : [];
    const byToken = new Map(rows.map((row) => [row.token, row]));
    return auths.map((auth) => {
      const row = byToken.get(auth.token);
      if (!row) return new LiveException('live.token_invalid', 'This personal link is not valid (it may have been replaced by a newer one)');
      if (auth.event !== row.slug && auth.event.toLowerCase() !== row.event_id) return new LiveException('live.wrong_event', 'This personal link is for another event');
      if (!ROOM_OPEN_STATUSES.includes(row.event_status)) return new LiveException('live.event_unavailable', `The event is ${row.event_status}: its room is not open`);
      if (row.status !== 'registered') return new LiveException('live.not_registered', `The registration is ${row.status}: it does not hold a seat`);
      return {
        registrationId: row.id,
        contactId: row.contact_id,
        name: row.name,
        event: this.shared(row),
        checkedInAt: row.checked_in_at,
        checkInMethod: row.check_in_method,
      };
    });
  }

  async event(eventId: string): Promise<LiveEvent> {
    const [row]: EventColumns[] = UUID.test(eventId) ? await this.db.query(`SELECT ${EVENT_COLUMNS} FROM events e WHERE e.id = $1`, [eventId]) : [];
    if (!row) throw new LiveException('events.not_found', `No event ${eventId}`);
    return this.shared(row);
  }

  /**
   * Attendees entering the room (or still in it), in one statement for the lot:
   * - checked in online when the rule allows (`onlineCheckInOpen`) and nobody checked them in before —
   *   an on-site check-in stays as it is — with a `checked_in` activity;
   * - with a `mode`, their attendance session opened, or `last_seen_at` moved of the one already open
   *   (one open session per registration and mode, held by a unique index, whatever the number of
   *   sockets or processes), with a `joined` activity when it opened.
   * Each answer: whether this call checked the attendee in (each registration's first entry only),
   * whether a session opened, and whether the registration still holds a seat (cancelled, rejected or
   * erased since the handshake: nothing is written for it, and the gateway lets the socket go); each
   * attendee's `checkedInAt` is updated either way. One (registration, mode) at most once per call
   * (LivePresence serializes them per process).
   */
  async enter(
    entries: Array<{ attendee: LiveAttendee; mode: AttendanceMode | null }>,
    now = new Date(),
  ): Promise<Array<{ checkedIn: boolean; opened: boolean; seated: boolean }>> {
    const checkIns = entries.filter(({ attendee }) => !attendee.checkedInAt && onlineCheckInOpen(attendee.event, now)).map(({ attendee }) => attendee);
    const sessions = entries.filter((entry): entry is { attendee: LiveAttendee; mode: AttendanceMode } => entry.mode !== null);
    const rows: Array<{ kind: 'checked' | 'session' | 'seated'; key: string; at: Date | null; opened: boolean | null }> = await this.db.query(
      `WITH seated AS (
         SELECT id FROM registrations WHERE id = ANY($5::uuid[]) AND status = 'registered'
       ), checked AS (
         UPDATE registrations SET checked_in_at = now(), check_in_method = 'online', updated_at = now()
         WHERE id = ANY($1::uuid[]) AND checked_in_at IS NULL AND status = 'registered'
         RETURNING id, event_id, contact_id, checked_in_at
       ), opened AS (
         INSERT INTO attendance_sessions (registration_id, event_id, mode)
         -- A registration cancelled or erased meanwhile (its socket not yet gone) opens nothing.
         SELECT u.* FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS u(registration_id, event_id, mode) JOIN seated s ON s.id = u.registration_id
         ON CONFLICT (registration_id, mode) WHERE left_at IS NULL DO UPDATE SET last_seen_at = greatest(attendance_sessions.last_seen_at, now())
         RETURNING id, registration_id, event_id, mode, (xmax = 0) AS opened
       ), logged AS (
         INSERT INTO activities (kind, contact_id, event_id, registration_id, data)
         SELECT 'checked_in', c.contact_id, c.event_id, c.id, jsonb_build_object('method', 'online') FROM checked c
         UNION ALL
         SELECT 'joined', r.contact_id, o.event_id, o.registration_id, jsonb_build_object('mode', o.mode, 'sessionId', o.id)
         FROM opened o JOIN registrations r ON r.id = o.registration_id WHERE o.opened
       )
       SELECT 'checked' AS kind, id::text AS key, checked_in_at AS at, NULL::boolean AS opened FROM checked
       UNION ALL SELECT 'session', registration_id || ':' || mode, NULL, opened FROM opened
       UNION ALL SELECT 'seated', id::text, NULL, NULL FROM seated`,
      [
        checkIns.map((attendee) => attendee.registrationId),
        sessions.map(({ attendee }) => attendee.registrationId),
        sessions.map(({ attendee }) => attendee.event.id),
        sessions.map(({ mode }) => mode),
        [...new Set(entries.map(({ attendee }) => attendee.registrationId))],
      ],
    );
    const checkedAt = new Map(rows.filter((row) => row.kind === 'checked').map((row) => [row.key, row.at as Date]));
    const opened = new Set(rows.filter((row) => row.kind === 'session' && row.opened).map((row) => row.key));
    const seated = new Set(rows.filter((row) => row.kind === 'seated').map((row) => row.key));
    // Asked for but not made: checked in meanwhile (another tab, process, or on site): what is there now.
    const missed = checkIns.filter((attendee) => !checkedAt.has(attendee.registrationId));
    const current: Array<{ id: string; checked_in_at: Date | null; check_in_method: string | null }> = missed.length
      ? await this.db.query(`SELECT id, checked_in_at, check_in_method FROM registrations WHERE id = ANY($1::uuid[])`, [missed.map((attendee) => attendee.registrationId)])
      : [];
    for (const attendee of missed) {
      const row = current.find((candidate) => candidate.id === attendee.registrationId);
      attendee.checkedInAt = row?.checked_in_at ?? null;
      attendee.checkInMethod = row?.check_in_method ?? null;
    }
    for (const attendee of checkIns) {
      const at = checkedAt.get(attendee.registrationId);
      if (!at) continue;
      attendee.checkedInAt = at;
      attendee.checkInMethod = 'online';
    }
    const announced = new Set<string>();
    return entries.map(({ attendee, mode }) => {
      const checkedIn = checkedAt.has(attendee.registrationId) && !announced.has(attendee.registrationId);
      if (checkedIn) announced.add(attendee.registrationId);
      return { checkedIn, opened: mode !== null && opened.has(`${attendee.registrationId}:${mode}`), seated: seated.has(attendee.registrationId) };
    });
  }

  /** Closes the open session (the last socket of the registration left, or the event ended under it). Returns true when one closed. */
  async closeSession(attendee: LiveAttendee, mode: AttendanceMode, reason: 'disconnected' | 'mode_changed' = 'disconnected'): Promise<boolean> {
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
      await this.activity(manager, attendee, 'left', { mode, sessionId: closed.id, watchSeconds: closed.watch_seconds, reason });
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

  private activity(manager: EntityManager, attendee: LiveAttendee, kind: string, data: Record<string, unknown>): Promise<void> {
    return appendActivity(manager, attendee, kind, data);
  }
}

/** An attendee whose registration was cancelled, rejected or erased while connected. */
export const SEAT_GONE = { code: 'live.not_registered', message: 'Your registration no longer holds a seat in this event' } as const;

/**
 * The attendee's event status now (null when the event is gone), in the caller's transaction; refused
 * when their seat is gone meanwhile (cancelled, rejected, erased): the handshake checked it, but a
 * socket stays open for hours.
 */
export async function seatedEventStatus(manager: EntityManager, attendee: LiveAttendee): Promise<EventStatus | null> {
  const [row]: Array<{ status: EventStatus; seat: string | null }> = await manager.query(
    `SELECT e.status, r.status AS seat FROM events e LEFT JOIN registrations r ON r.id = $2 AND r.event_id = e.id WHERE e.id = $1`,
    [attendee.event.id, attendee.registrationId],
  );
  if (row && row.seat !== 'registered') throw new LiveException(SEAT_GONE.code, SEAT_GONE.message);
  return row?.status ?? null;
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
