import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  CHECK_IN_EVENT_STATUSES,
  CHECK_IN_FORMATS,
  CHECK_IN_LIMITS,
  checkInMethodFor,
  type CheckInAttendee,
  type CheckInBatchResponse,
  type CheckInCounts,
  type CheckInOutcome,
  type CheckInOverview,
  type CheckInPerson,
  type CheckInResult,
  type CheckInScan,
  type CheckInSearchResult,
  type EventFormat,
  type EventStatus,
  type LiveCheckIn,
  normalizePhone,
  parseCheckInCode,
  type RegistrationStatus,
  type SessionUser,
} from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { returnedRows } from 'common/returning';
import { appendActivity } from './live-room.service';
import { LiveGateway } from './live.gateway';

interface CheckInEvent {
  id: string;
  slug: string;
  title: string;
  status: EventStatus;
  format: EventFormat;
  venue_name: string | null;
  starts_at: Date;
  ends_at: Date;
}

interface RegistrationRow {
  id: string;
  event_id: string;
  contact_id: string | null;
  name: string;
  company: string | null;
  email: string;
  phone: string | null;
  status: RegistrationStatus;
  checked_in_at: Date | null;
  check_in_method: string | null;
}

const REGISTRATION_COLUMNS = `r.id, r.event_id, r.contact_id, r.name, r.company, r.email, r.phone, r.status, r.checked_in_at, r.check_in_method`;

const toAttendee = (row: RegistrationRow, kiosk: boolean): CheckInAttendee => ({
  registrationId: row.id,
  name: row.name,
  // An attendee at a kiosk sees their own name and nothing more.
  company: kiosk ? null : row.company,
  status: row.status,
  checkedInAt: row.checked_in_at?.toISOString() ?? null,
  checkInMethod: row.check_in_method,
});

const toPerson = (row: RegistrationRow): CheckInPerson => ({ ...toAttendee(row, false), email: row.email, phone: row.phone });

/** `%text%` for LIKE, with the wildcards of the text taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * On-site check-in: staff scan the QR code of a confirmation (or pick a person they searched for) and
 * attendees check themselves in at a kiosk. Devices send what they scanned in batches, often late (they
 * queue while offline) and sometimes twice (a reply lost on the way back): each scan checks in at most
 * once (`checked_in_at IS NULL` decides, under the row lock), at the time it was scanned, and a scan
 * sent again gets its first answer again. Every check-in is committed before the organizers are told.
 */
@Injectable()
export class OnsiteCheckInService {
  private readonly logger = new Logger('OnsiteCheckIn');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly live: LiveGateway,
  ) {}

  async overview(eventId: string): Promise<CheckInOverview> {
    const event = await this.event(eventId);
    return {
      event: {
        id: event.id,
        slug: event.slug,
        title: event.title,
        status: event.status,
        format: event.format,
        venueName: event.venue_name,
        startsAt: event.starts_at.toISOString(),
        endsAt: event.ends_at.toISOString(),
      },
      counts: await this.counts(this.db.manager, event.id),
    };
  }

  /** Checks in a batch of scans, one transaction each: one bad code does not hold back the others. */
  async checkIn(eventId: string, scans: CheckInScan[], actor: SessionUser): Promise<CheckInBatchResponse> {
    const event = this.open(await this.event(eventId));
    const results: CheckInResult[] = [];
    for (const scan of scans) {
      const { result, announce } = await this.one(event, scan, actor);
      results.push(result);
      if (announce) this.live.announceCheckIn(announce);
    }
    return { results, counts: await this.counts(this.db.manager, event.id) };
  }

  /**
   * Registrations of the event whose name, company or email contains the text, or whose phone number
   * is the one typed (any way of writing it) or contains its digits. Every status, so the desk can say
   * "you are on the waitlist"; seats first.
   */
  async search(eventId: string, q: string): Promise<CheckInSearchResult> {
    const event = await this.event(eventId);
    const phone = normalizePhone(q);
    const digits = /^[\d\s+\-().]+$/.test(q) ? q.replace(/\D/g, '') : '';
    const rows: RegistrationRow[] = await this.db.query(
      `SELECT ${REGISTRATION_COLUMNS} FROM registrations r
       WHERE r.event_id = $1
         AND (r.name ILIKE $2 OR r.email ILIKE $2 OR r.company ILIKE $2
              OR r.phone = $3 OR ($4 <> '' AND regexp_replace(coalesce(r.phone, ''), '\\D', '', 'g') LIKE '%' || $4 || '%'))
       ORDER BY (r.status = 'registered') DESC, lower(r.name), r.email
       LIMIT $5`,
      [event.id, containing(q), phone.ok ? phone.e164 : null, digits.length >= 4 ? digits : '', CHECK_IN_LIMITS.searchResults],
    );
    return { people: rows.map(toPerson), counts: await this.counts(this.db.manager, event.id) };
  }

  private async one(event: CheckInEvent, scan: CheckInScan, actor: SessionUser): Promise<{ result: CheckInResult; announce: LiveCheckIn | null }> {
    const kiosk = scan.source === 'kiosk';
    const answer = (outcome: CheckInOutcome, row: RegistrationRow | null) => ({
      result: { clientScanId: scan.clientScanId, outcome, attendee: row && toAttendee(row, kiosk) },
      announce: null,
    });
    const found = await this.find(event.id, scan.code);
    if (found === 'ambiguous') return answer('ambiguous', null);
    if (!found) return answer('not_found', null);
    // A code of another event: staff see whose it is, a kiosk only that it is not for here.
    if (found.event_id !== event.id) return answer('wrong_event', kiosk ? null : found);
    if (found.status !== 'registered') return answer('not_registered', found);

    const method = checkInMethodFor(scan.source);
    // The scan's time, never in the future (a fast device clock) nor before the registration existed.
    const scannedAt = new Date(scan.scannedAt);
    return this.db.transaction(async (manager) => {
      const [done] = returnedRows<RegistrationRow>(
        await manager.query(
          `UPDATE registrations r SET checked_in_at = least(greatest($2::timestamptz, r.created_at), now()), check_in_method = $3, updated_at = now()
           WHERE r.id = $1 AND r.checked_in_at IS NULL AND r.status = 'registered'
           RETURNING ${REGISTRATION_COLUMNS}`,
          [found.id, scannedAt.toISOString(), method],
        ),
      );
      if (!done) {
        // Checked in before (online, by another device, or by this very scan sent earlier), or the seat went meanwhile.
        const [current]: Array<RegistrationRow & { same_scan: boolean }> = await manager.query(
          `SELECT ${REGISTRATION_COLUMNS},
                  EXISTS (SELECT 1 FROM activities a WHERE a.registration_id = r.id AND a.event_id = r.event_id AND a.kind = 'checked_in'
                          AND a.data->>'clientScanId' = $2) AS same_scan
           FROM registrations r WHERE r.id = $1`,
          [found.id, scan.clientScanId],
        );
        if (!current) return answer('not_found', null);
        if (!current.checked_in_at) return answer('not_registered', current);
        return answer(current.same_scan ? 'checked_in' : 'already_checked_in', current);
      }
      const checkedInAt = done.checked_in_at as Date;
      await appendActivity(
        manager,
        { registrationId: done.id, contactId: done.contact_id, name: done.name, event: { id: event.id, slug: event.slug, title: event.title, status: event.status, startsAt: event.starts_at, endsAt: event.ends_at }, checkedInAt, checkInMethod: method },
        'checked_in',
        { method, source: scan.source, clientScanId: scan.clientScanId, scannedAt: scannedAt.toISOString(), by: actor.id },
      );
      const counts = await this.counts(manager, event.id);
      this.logger.debug(`${done.name} checked in (${method}) at ${event.slug}`);
      return {
        result: { clientScanId: scan.clientScanId, outcome: 'checked_in' as const, attendee: toAttendee(done, kiosk) },
        announce: { eventId: event.id, registrationId: done.id, name: done.name, method, checkedInAt: checkedInAt.toISOString(), checkedIn: counts.checkedIn },
      };
    });
  }

  /**
   * The registration a code points at. A personal link or registration id names one registration (of
   * any event: the caller tells a wrong event apart); an email or phone number is looked up in this
   * event, and a phone number several registrations share is ambiguous unless one of them holds a seat.
   */
  private async find(eventId: string, raw: string): Promise<RegistrationRow | 'ambiguous' | null> {
    const code = parseCheckInCode(raw);
    const select = (where: string, value: string, inEvent: boolean): Promise<RegistrationRow[]> =>
      this.db.query(`SELECT ${REGISTRATION_COLUMNS} FROM registrations r WHERE ${where} = $1 ${inEvent ? 'AND r.event_id = $2' : ''} LIMIT 10`, inEvent ? [value, eventId] : [value]);
    let rows: RegistrationRow[];
    switch (code.kind) {
      case 'token':
        rows = await select('r.token', code.token, false);
        break;
      case 'registration':
        rows = await select('r.id', code.id, false);
        break;
      case 'email':
        rows = await select('r.email', code.email, true);
        break;
      case 'phone':
        rows = await select('r.phone', code.phone, true);
        break;
      default:
        return null;
    }
    if (rows.length <= 1) return rows[0] ?? null;
    const seated = rows.filter((row) => row.status === 'registered');
    return seated.length === 1 ? seated[0] : 'ambiguous';
  }

  private async event(eventId: string): Promise<CheckInEvent> {
    const [event]: CheckInEvent[] = await this.db.query(
      `SELECT id, slug, title, status, format, venue->>'name' AS venue_name, starts_at, ends_at FROM events WHERE id = $1`,
      [eventId],
    );
    if (!event) throw new AppException(HttpStatus.NOT_FOUND, 'events.not_found', `No event ${eventId}`);
    return event;
  }

  /** Refuses check-in where there is no venue (online events) or no event to attend (drafts, the archive). */
  private open(event: CheckInEvent): CheckInEvent {
    if (!CHECK_IN_FORMATS.includes(event.format)) {
      throw new AppException(HttpStatus.CONFLICT, 'checkin.unavailable', `The event is ${event.format}: there is no venue to check in at`);
    }
    if (!CHECK_IN_EVENT_STATUSES.includes(event.status)) {
      throw new AppException(HttpStatus.CONFLICT, 'checkin.unavailable', `The event is ${event.status}: check-in is open while it is scheduled, live or ended`);
    }
    return event;
  }

  private async counts(manager: EntityManager, eventId: string): Promise<CheckInCounts> {
    const [row]: Array<{ checked_in: number; registered: number }> = await manager.query(
      `SELECT count(*) FILTER (WHERE checked_in_at IS NOT NULL)::int AS checked_in, count(*) FILTER (WHERE status = 'registered')::int AS registered
       FROM registrations WHERE event_id = $1`,
      [eventId],
    );
    return { checkedIn: row.checked_in, registered: row.registered };
  }
}
