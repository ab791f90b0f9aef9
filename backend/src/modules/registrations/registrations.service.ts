import { randomBytes } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  answersSchemaFor,
  normalizeEmail,
  normalizePhone,
  type Locale,
  type MyRegistration,
  type Page,
  type PublicEvent,
  type RegisterResult,
  type Registration,
  type RegistrationCounts,
  type registrationListQuerySchema,
  type registerRequestSchema,
  type RegistrationStatus,
  REGISTRATION_STATUSES,
  type RegistrationQuestion,
} from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { returnedRows } from 'common/returning';
import { registrantOffer } from 'modules/engagement/registrant-offer';
import { RegistrationMail } from './registration-mail';

type RegisterBody = z.output<typeof registerRequestSchema>;
type ListQuery = z.output<typeof registrationListQuerySchema>;

/** Statuses that hold a seat. */
const SEATED: RegistrationStatus[] = ['registered'];

export interface EventRow {
  id: string;
  slug: string;
  title: string;
  description: string;
  format: PublicEvent['format'];
  status: PublicEvent['status'];
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  venue: PublicEvent['venue'];
  agenda: PublicEvent['agenda'];
  speakers: PublicEvent['speakers'];
  questions: RegistrationQuestion[];
  registration_mode: PublicEvent['registrationMode'];
  capacity: number | null;
  stream_url: string | null;
  replay_url: string | null;
  schedule_version: number;
}

export interface RegistrationRow {
  id: string;
  event_id: string;
  contact_id: string | null;
  email: string;
  name: string;
  company: string | null;
  title: string | null;
  phone: string | null;
  locale: Locale;
  answers: Record<string, unknown>;
  source: Registration['source'];
  utm: Record<string, string>;
  referred_by: string | null;
  referred_by_name?: string | null;
  status: RegistrationStatus;
  token: string;
  share_code: string;
  waiting_since: Date | null;
  checked_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Events that take registrations: published and not over. */
const OPEN_STATUSES = new Set(['scheduled', 'live']);
/** Events a visitor may see: everything but drafts. */
const VISIBLE_STATUSES = new Set(['scheduled', 'live', 'ended']);

async function updated(manager: EntityManager, sql: string, params: unknown[]): Promise<RegistrationRow[]> {
  return returnedRows<RegistrationRow>(await manager.query(sql, params));
}

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function toPublicEvent(event: EventRow, seatsTaken: number): PublicEvent {
  return {
    slug: event.slug,
    title: event.title,
    description: event.description,
    format: event.format,
    status: event.status,
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    timeZone: event.time_zone,
    venue: event.venue,
    agenda: event.agenda,
    speakers: event.speakers,
    questions: event.questions,
    registrationMode: event.registration_mode,
    registrationOpen: OPEN_STATUSES.has(event.status) && event.ends_at.getTime() > Date.now() && event.registration_mode !== 'invite',
    full: event.capacity !== null && seatsTaken >= event.capacity,
  };
}

function toRegistration(row: RegistrationRow): Registration {
  return {
    id: row.id,
    eventId: row.event_id,
    contactId: row.contact_id,
    email: row.email,
    name: row.name,
    company: row.company,
    title: row.title,
    phone: row.phone,
    status: row.status,
    source: row.source,
    utm: row.utm,
    referredByName: row.referred_by_name ?? null,
    answers: row.answers,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Raised inside a registration that took a shared lock when the event turns out to count seats. */
class CapacityAppeared extends Error {}

function validationError(path: string, message: string): AppException {
  return new AppException(HttpStatus.BAD_REQUEST, 'validation.failed', `${path}: ${message}`, [{ path, message }]);
}

@Injectable()
export class RegistrationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: RegistrationMail,
  ) {}

  async publicEvent(slug: string): Promise<PublicEvent> {
    const event = await this.visibleEvent(this.db.manager, slug);
    return toPublicEvent(event, await this.seatsTaken(this.db.manager, event.id));
  }

  /**
   * Registers one person. The event row is locked for the decision, so capacity holds under a burst
   * of registrations; an address registered before gets its confirmation again and nothing new (and
   * no token: the response must not hand someone else's personal link to whoever typed the address).
   */
  async register(slug: string, body: RegisterBody): Promise<RegisterResult> {
    const email = normalizeEmail(body.email);
    if (!email.ok) throw validationError('email', 'Enter a valid email address');
    let phone: string | null = null;
    if (body.phone) {
      const parsed = normalizePhone(body.phone);
      if (!parsed.ok) throw validationError('phone', 'Enter a valid phone number');
      phone = parsed.e164;
    }
    // Seats are counted under an exclusive lock of the event; without a capacity, registrations only keep
    // the event from changing under them (a shared lock) and run side by side.
    const limited = (await this.visibleEvent(this.db.manager, slug)).capacity !== null;
    try {
      return await this.registerLocked(slug, body, email.value, phone, limited ? 'update' : 'share');
    } catch (error) {
      // An organizer set a capacity between the two reads: once more, counting seats.
      if (error instanceof CapacityAppeared) return this.registerLocked(slug, body, email.value, phone, 'update');
      throw error;
    }
  }

  private async registerLocked(slug: string, body: RegisterBody, email: string, phone: string | null, lock: 'share' | 'update'): Promise<RegisterResult> {
    return this.transaction(async (manager, outbox) => {
      const event = await this.visibleEvent(manager, slug, lock);
      if (lock === 'share' && event.capacity !== null) throw new CapacityAppeared();
      // The same person submitting twice at once: one goes first, the other finds the registration.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`registration:${event.id}:${email}`]);
      if (!OPEN_STATUSES.has(event.status) || event.ends_at.getTime() <= Date.now()) {
        throw new AppException(HttpStatus.CONFLICT, 'registrations.closed', 'Registration for this event is closed');
      }
      // A personal invitation link registers its invitee; used with another address it is a forwarded link.
      const invitation = body.invitation ? await this.invitationFor(manager, body.invitation, event.id) : null;
      const invited = invitation !== null && invitation.email === email;
      if (event.registration_mode === 'invite' && !invited) {
        throw new AppException(HttpStatus.FORBIDDEN, 'registrations.invite_only', 'This event is by invitation only: register from your personal invitation link');
      }
      const answers = answersSchemaFor(event.questions).safeParse(body.answers);
      if (!answers.success) {
        const details = answers.error.issues.map((issue) => ({ path: ['answers', ...issue.path].join('.'), message: issue.message }));
        throw new AppException(HttpStatus.BAD_REQUEST, 'validation.failed', 'Some answers are missing or invalid', details);
      }

      const [existing]: RegistrationRow[] = await manager.query(`SELECT * FROM registrations WHERE event_id = $1 AND email = $2 FOR UPDATE`, [event.id, email]);
      if (existing && existing.status !== 'cancelled' && existing.status !== 'rejected') {
        outbox.push(await this.mail.confirmation(manager, event, existing, { resend: true }));
        return { status: existing.status, created: false, token: null, shareCode: null };
      }

      const referrer = body.ref
        ? (((await manager.query(`SELECT id FROM registrations WHERE share_code = $1 AND event_id = $2`, [body.ref, event.id])) as Array<{ id: string }>)[0] ?? null)
        : null;
      const source = invited ? 'invitation' : referrer || invitation ? 'referral' : 'open';
      const status: RegistrationStatus =
        event.registration_mode === 'approval' ? 'pending' : event.capacity !== null && (await this.seatsTaken(manager, event.id)) >= event.capacity ? 'waitlisted' : 'registered';
      const contactId = await this.contactFor(manager, email, body, phone);
      const utm = Object.fromEntries(Object.entries(body.utm).filter(([, value]) => value));
      const values = [
        event.id,
        contactId,
        email,
        body.name,
        body.company || null,
        body.title || null,
        phone,
        body.locale ?? 'zh-CN',
        JSON.stringify(answers.data),
        source,
        JSON.stringify(utm),
        referrer?.id ?? null,
        status,
        token(32),
        token(9),
        invited ? invitation.id : null,
      ];
      // A cancelled or rejected registration starts over (new links: the old ones stay dead).
      const [row]: RegistrationRow[] = existing
        ? await updated(
            manager,
            `UPDATE registrations SET contact_id = $2, name = $4, company = $5, title = $6, phone = $7, locale = $8, answers = $9::jsonb,
               source = $10, utm = $11::jsonb, referred_by = $12, status = $13, token = $14, share_code = $15, invitation_id = $16,
               waiting_since = CASE WHEN $13 = 'waitlisted' THEN clock_timestamp() END, checked_in_at = NULL, updated_at = now()
             WHERE event_id = $1 AND email = $3 RETURNING *`,
            values,
          )
        : await manager.query(
            `INSERT INTO registrations (event_id, contact_id, email, name, company, title, phone, locale, answers, source, utm, referred_by, status, token, share_code, invitation_id, waiting_since)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::jsonb, $12, $13, $14, $15, $16, CASE WHEN $13 = 'waitlisted' THEN clock_timestamp() END)
             RETURNING *`,
            values,
          );
      await this.activity(manager, row, 'registered', {
        status,
        source,
        ...(Object.keys(utm).length ? { utm } : {}),
        ...(invited ? { campaignId: invitation.campaign_id, invitationId: invitation.id } : {}),
      });
      if (invited) {
        await manager.query(
          `UPDATE invitations SET registered_at = coalesce(registered_at, now()), registration_id = $2,
             status = CASE WHEN status IN ('sent', 'opened', 'clicked') THEN 'registered' ELSE status END
           WHERE id = $1`,
          [invitation.id, row.id],
        );
      }
      outbox.push(await this.mail.confirmation(manager, event, row, { resend: false }));
      return { status: row.status, created: true, token: row.token, shareCode: row.share_code };
    });
  }

  async mine(personalToken: string): Promise<MyRegistration> {
    const row = await this.byToken(this.db.manager, personalToken);
    const [event]: EventRow[] = await this.db.query(`SELECT * FROM events WHERE id = $1`, [row.event_id]);
    const [{ position }] = await this.db.query(
      `SELECT count(*)::int AS position FROM registrations w JOIN registrations me ON me.id = $1
       WHERE w.event_id = me.event_id AND w.status = 'waitlisted' AND (w.waiting_since, w.id) <= (me.waiting_since, me.id)`,
      [row.id],
    );
    return {
      event: toPublicEvent(event, await this.seatsTaken(this.db.manager, event.id)),
      name: row.name,
      email: row.email,
      status: row.status,
      waitlistPosition: row.status === 'waitlisted' ? position : null,
      shareCode: row.share_code,
      checkedInAt: row.checked_in_at?.toISOString() ?? null,
      streamUrl: row.status === 'registered' ? event.stream_url : null,
      replayUrl: row.status === 'registered' ? event.replay_url : null,
      ...(await registrantOffer(this.db.manager, event.id, row.token, row.status === 'registered')),
    };
  }

  /** The registrant cancels; a seat they held goes to the first person on the waitlist. */
  async cancel(personalToken: string): Promise<MyRegistration> {
    await this.transaction(async (manager, outbox) => {
      const row = await this.byToken(manager, personalToken);
      const [event]: EventRow[] = await manager.query(`SELECT * FROM events WHERE id = $1 FOR UPDATE`, [row.event_id]);
      if (row.status === 'cancelled') return;
      if (event.status === 'ended' || event.status === 'archived') {
        throw new AppException(HttpStatus.CONFLICT, 'registrations.bad_state', 'The event is over');
      }
      const [locked] = await updated(
        manager,
        `UPDATE registrations SET status = 'cancelled', waiting_since = NULL, updated_at = now() WHERE id = $1 RETURNING *`,
        [row.id],
      );
      await this.activity(manager, locked, 'registration_cancelled', { from: row.status });
      outbox.push(await this.mail.cancellation(manager, event, locked));
      if (SEATED.includes(row.status)) await this.promoteWaitlist(manager, event, outbox);
    });
    return this.mine(personalToken);
  }

  async list(eventId: string, query: ListQuery): Promise<Page<Registration> & { counts: RegistrationCounts }> {
    await this.eventById(this.db.manager, eventId);
    const where = ['r.event_id = $1'];
    const params: unknown[] = [eventId];
    if (query.status) {
      params.push(query.status);
      where.push(`r.status = $${params.length}`);
    }
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(r.name ILIKE $${params.length} OR r.email ILIKE $${params.length} OR r.company ILIKE $${params.length})`);
    }
    const clause = where.join(' AND ');
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM registrations r WHERE ${clause}`, params);
    const rows: RegistrationRow[] = await this.db.query(
      `SELECT r.*, ref.name AS referred_by_name FROM registrations r LEFT JOIN registrations ref ON ref.id = r.referred_by
       WHERE ${clause} ORDER BY r.status = 'waitlisted', r.waiting_since, r.created_at, r.id
       LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    const counted: Array<{ status: RegistrationStatus; n: number }> = await this.db.query(
      `SELECT status, count(*)::int AS n FROM registrations WHERE event_id = $1 GROUP BY status`,
      [eventId],
    );
    const counts = Object.fromEntries(REGISTRATION_STATUSES.map((status) => [status, counted.find((c) => c.status === status)?.n ?? 0])) as RegistrationCounts;
    return { total, page: query.page, pageSize: query.pageSize, items: rows.map(toRegistration), counts };
  }

  /** An organizer approves (a seat, or the waitlist when full) or rejects a pending registration. */
  async review(eventId: string, registrationId: string, decision: 'approve' | 'reject'): Promise<Registration> {
    return this.transaction(async (manager, outbox) => {
      const event = await this.eventById(manager, eventId, true);
      const [row]: RegistrationRow[] = await manager.query(`SELECT * FROM registrations WHERE id = $1 AND event_id = $2 FOR UPDATE`, [registrationId, eventId]);
      if (!row) throw new AppException(HttpStatus.NOT_FOUND, 'registrations.not_found', `No registration ${registrationId}`);
      if (row.status !== 'pending') throw new AppException(HttpStatus.CONFLICT, 'registrations.bad_state', `The registration is ${row.status}, not pending`);
      const full = event.capacity !== null && (await this.seatsTaken(manager, event.id)) >= event.capacity;
      const status: RegistrationStatus = decision === 'reject' ? 'rejected' : full ? 'waitlisted' : 'registered';
      const [reviewed] = await updated(
        manager,
        `UPDATE registrations SET status = $2, waiting_since = CASE WHEN $2 = 'waitlisted' THEN clock_timestamp() END, updated_at = now() WHERE id = $1 RETURNING *`,
        [row.id, status],
      );
      await this.activity(manager, reviewed, decision === 'approve' ? 'registration_approved' : 'registration_rejected', { status });
      outbox.push(await this.mail.confirmation(manager, event, reviewed, { resend: false }));
      return toRegistration(reviewed);
    });
  }

  /** Fills free seats from the waitlist, first come first served. The caller holds the event lock. */
  private async promoteWaitlist(manager: EntityManager, event: EventRow, outbox: Array<string | null>): Promise<void> {
    const free = event.capacity === null ? null : event.capacity - (await this.seatsTaken(manager, event.id));
    if (free !== null && free <= 0) return;
    const promoted = await updated(
      manager,
      `UPDATE registrations SET status = 'registered', waiting_since = NULL, updated_at = now()
       WHERE id IN (SELECT id FROM registrations WHERE event_id = $1 AND status = 'waitlisted' ORDER BY waiting_since, id LIMIT ${free ?? 'ALL'} FOR UPDATE)
       RETURNING *`,
      [event.id],
    );
    for (const row of promoted) {
      await this.activity(manager, row, 'waitlist_promoted', {});
      outbox.push(await this.mail.confirmation(manager, event, row, { resend: false }));
    }
  }

  /** A transaction whose mail is queued with it and handed to the sending queue once it commits. */
  private async transaction<T>(work: (manager: EntityManager, outbox: Array<string | null>) => Promise<T>): Promise<T> {
    const outbox: Array<string | null> = [];
    const result = await this.db.transaction((manager) => work(manager, outbox));
    for (const id of outbox) if (id) await this.mail.enqueue(id);
    return result;
  }

  private async seatsTaken(manager: EntityManager, eventId: string): Promise<number> {
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM registrations WHERE event_id = $1 AND status = ANY($2)`, [eventId, SEATED]);
    return n;
  }

  /**
   * The contact a registrant is: found by their e-mail identity, or made from what they typed. An
   * existing contact is not overwritten by a form (the target database keeps its curated values).
   */
  private async contactFor(manager: EntityManager, email: string, body: RegisterBody, phone: string | null): Promise<string> {
    // Two events' registrations of one new person at once must not make two contacts.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`contact:${email}`]);
    // The identity first (it also finds a contact merged from another address); then the contact's own e-mail.
    const [found]: Array<{ contact_id: string }> = await manager.query(
      `SELECT contact_id FROM identities WHERE kind = 'email' AND value = $1
       UNION ALL SELECT id FROM contacts WHERE email = $1 LIMIT 1`,
      [email],
    );
    if (found) return found.contact_id;
    const [created]: Array<{ id: string }> = await manager.query(
      `INSERT INTO contacts (name, email, phone, title, locale, field_sources)
       VALUES ($1, $2, $3, $4, $5, jsonb_build_object('name', $6::jsonb, 'email', $6::jsonb))
       RETURNING id`,
      [body.name, email, phone, body.title || null, body.locale ?? null, JSON.stringify({ source: 'registration', at: new Date().toISOString() })],
    );
    await manager.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('email', $1, $2, 'registration') ON CONFLICT DO NOTHING`, [email, created.id]);
    if (phone) await manager.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('phone', $1, $2, 'registration') ON CONFLICT DO NOTHING`, [phone, created.id]);
    return created.id;
  }

  private async activity(manager: EntityManager, row: RegistrationRow, kind: string, data: Record<string, unknown>): Promise<void> {
    await manager.query(`INSERT INTO activities (kind, contact_id, event_id, registration_id, data) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
      kind,
      row.contact_id,
      row.event_id,
      row.id,
      JSON.stringify(data),
    ]);
  }

  /** The invitation of a personal link to this event, or null when the token is unknown or for another event. */
  private async invitationFor(manager: EntityManager, invitationToken: string, eventId: string): Promise<{ id: string; email: string; campaign_id: string } | null> {
    const [row]: Array<{ id: string; email: string; campaign_id: string }> = await manager.query(
      `SELECT i.id, i.email, i.campaign_id FROM invitations i JOIN campaigns m ON m.id = i.campaign_id WHERE i.token = $1 AND m.event_id = $2`,
      [invitationToken, eventId],
    );
    return row ?? null;
  }

  private async visibleEvent(manager: EntityManager, slug: string, lock: 'share' | 'update' | null = null): Promise<EventRow> {
    const [event]: EventRow[] = await manager.query(`SELECT * FROM events WHERE slug = $1${lock ? ` FOR ${lock.toUpperCase()}` : ''}`, [slug]);
    if (!event || !VISIBLE_STATUSES.has(event.status)) throw new AppException(HttpStatus.NOT_FOUND, 'events.not_found', `No event ${slug}`);
    return event;
  }

  private async eventById(manager: EntityManager, id: string, lock = false): Promise<EventRow> {
    const [event]: EventRow[] = await manager.query(`SELECT * FROM events WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    if (!event) throw new AppException(HttpStatus.NOT_FOUND, 'events.not_found', `No event ${id}`);
    return event;
  }

  private async byToken(manager: EntityManager, personalToken: string): Promise<RegistrationRow> {
    const [row]: RegistrationRow[] = personalToken.length >= 40 ? await manager.query(`SELECT * FROM registrations WHERE token = $1`, [personalToken]) : [];
    if (!row) throw new AppException(HttpStatus.NOT_FOUND, 'registrations.not_found', 'This personal link is not valid (it may have been replaced by a newer one)');
    return row;
  }
}
