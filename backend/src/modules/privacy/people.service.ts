import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  isWithdrawn,
  normalizeEmail,
  normalizePhone,
  type ChangeConsentRequest,
  type ConsentChangeResult,
  type ConsentStatus,
  type PersonMatch,
  type PersonSearchResult,
  type SessionUser,
  type SuppressionKind,
  type SuppressionReason,
} from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { exportPerson, loadSubject, type PersonSubject } from './person-data';
import { domainsOf, sha256, type Queryable } from './suppression-check';
import { MERGE_LOCK_SQL, upsertSuppressions } from './suppressions.service';

const MAX_MATCHES = 20;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PHONE_LIKE_RE = /^[\d\s+()\-.]{7,}$/;

interface MatchRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  company_name: string | null;
  consent: ConsentStatus;
  consent_source: string | null;
  consent_at: Date | null;
  suppressed: boolean;
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function contactNotFound(id: string): AppException {
  return new AppException(HttpStatus.NOT_FOUND, 'privacy.contact_not_found', `No contact ${id}`);
}

/** The person's e-mail and phone suppressions (not their domain's), newest first. */
async function ownSuppressions(db: Queryable, subject: PersonSubject): Promise<ConsentChangeResult['suppressions']> {
  const rows: Array<{ kind: SuppressionKind; value: string; reason: SuppressionReason; source: string; created_at: Date }> = await db.query(
    `SELECT kind, value, reason, source, created_at FROM suppressions
     WHERE (kind = 'email' AND value = ANY($1::text[])) OR (kind = 'phone' AND value = ANY($2::text[])) OR (kind = 'domain' AND value = ANY($3::text[]))
     ORDER BY created_at DESC`,
    [subject.emails, subject.phones, [...new Set(subject.emails.flatMap(domainsOf))]],
  );
  return rows.map((row) => ({ kind: row.kind, value: row.value, reason: row.reason, source: row.source, createdAt: row.created_at.toISOString() }));
}

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Finds the person a request is about: by e-mail address or phone number (any identity, exact,
   * after normalization), by contact id, else by the start of their name. For an address, also
   * tells whether it was erased before (the erasure audit keeps its SHA-256).
   */
  async search(q: string): Promise<PersonSearchResult> {
    const email = q.includes('@') ? normalizeEmail(q) : null;
    let where: string;
    let param: string;
    if (email?.ok) {
      where = `c.email = $1 OR c.id IN (SELECT contact_id FROM identities WHERE kind = 'email' AND value = $1)`;
      param = email.value;
    } else if (UUID_RE.test(q)) {
      where = `c.id = $1::uuid`;
      param = q.toLowerCase();
    } else {
      const phone = PHONE_LIKE_RE.test(q) ? normalizePhone(q) : null;
      if (phone?.ok) {
        where = `c.id IN (SELECT contact_id FROM identities WHERE kind = 'phone' AND value = $1) OR c.phone = $1`;
        param = phone.e164;
      } else {
        where = `c.name ILIKE $1`;
        param = `${likeEscape(q)}%`;
      }
    }
    const rows: MatchRow[] = await this.db.query(
      `SELECT c.id, c.name, c.email, c.phone, co.name AS company_name, c.consent, c.consent_source, c.consent_at,
         EXISTS (
           SELECT 1 FROM suppressions s WHERE
             (s.kind = 'email' AND (s.value = c.email OR s.value IN (SELECT value FROM identities WHERE contact_id = c.id AND kind = 'email')))
             OR (s.kind = 'phone' AND (s.value = c.phone OR s.value IN (SELECT value FROM identities WHERE contact_id = c.id AND kind = 'phone')))
             OR (s.kind = 'domain' AND (split_part(c.email, '@', 2) = s.value OR split_part(c.email, '@', 2) LIKE '%.' || s.value))
         ) AS suppressed
       FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
       WHERE ${where} ORDER BY c.name, c.id LIMIT ${MAX_MATCHES}`,
      [param],
    );
    const matches: PersonMatch[] = rows.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      companyName: row.company_name,
      consent: row.consent,
      consentSource: row.consent_source,
      consentAt: row.consent_at?.toISOString() ?? null,
      suppressed: row.suppressed,
    }));
    const erasures: PersonSearchResult['erasures'] = email?.ok
      ? (
          (await this.db.query(
            `SELECT created_at, subject_id FROM audit_log WHERE action = 'privacy.erase' AND data->'emailSha256' ? $1 ORDER BY id`,
            [sha256(email.value)],
          )) as Array<{ created_at: Date; subject_id: string | null }>
        ).map((row) => ({ at: row.created_at.toISOString(), contactId: row.subject_id }))
      : [];
    return { matches, erasures };
  }

  /**
   * Records a consent decision for one contact, audited. Withdrawing (unsubscribed, do-not-contact)
   * also puts the person's addresses on the suppression list, so sending honours it even where only
   * the address is known. A withdrawal is lifted only by a recorded opt-in (never by "legitimate
   * interest": an objection to marketing overrides it); the opt-in takes the person's addresses off
   * the list where the suppression was a withdrawal of theirs (not a bounce or a complaint).
   */
  async changeConsent(id: string, request: ChangeConsentRequest, actor: SessionUser): Promise<ConsentChangeResult> {
    return this.db.transaction(async (manager) => {
      await manager.query(MERGE_LOCK_SQL);
      const subject = await loadSubject(manager, id, true);
      if (!subject) throw contactNotFound(id);
      const [{ consent: from }]: Array<{ consent: ConsentStatus }> = await manager.query(`SELECT consent FROM contacts WHERE id = $1`, [id]);
      const to = request.consent;
      if (isWithdrawn(from) && !isWithdrawn(to) && to !== 'opt_in') {
        throw new AppException(
          HttpStatus.BAD_REQUEST,
          'privacy.consent_needs_opt_in',
          'A withdrawn consent can only be replaced by an opt-in the person gave',
          [{ path: 'consent', message: 'Choose opt_in and say where the opt-in came from' }],
        );
      }
      const [updated]: Array<{ consent: ConsentStatus; consent_source: string | null; consent_at: Date | null }> = await manager.query(
        `WITH u AS (
           UPDATE contacts SET consent = $2, consent_source = $3, consent_at = now(), updated_at = now(),
             field_sources = field_sources || jsonb_build_object('consent', jsonb_build_object('source', 'privacy', 'userId', $4::uuid, 'at', now()))
           WHERE id = $1 RETURNING consent, consent_source, consent_at
         )
         SELECT * FROM u`,
        [id, to, request.source, actor.id],
      );
      let suppressionsAdded = 0;
      let suppressionsRemoved = 0;
      if (isWithdrawn(to)) {
        const written = await upsertSuppressions(
          manager,
          subject.emails.map((value) => ({ kind: 'email' as const, value })),
          to,
          'consent',
        );
        suppressionsAdded = written.added + written.strengthened;
      } else if (isWithdrawn(from)) {
        const [{ n }]: Array<{ n: number }> = await manager.query(
          `WITH d AS (DELETE FROM suppressions WHERE kind = 'email' AND value = ANY($1::text[]) AND reason IN ('unsubscribed', 'do_not_contact') RETURNING 1)
           SELECT count(*)::int AS n FROM d`,
          [subject.emails],
        );
        suppressionsRemoved = n;
      }
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'privacy.consent.change',
          subjectType: 'contact',
          subjectId: id,
          data: { from, to, source: request.source, suppressionsAdded, suppressionsRemoved },
        },
        manager,
      );
      return {
        contactId: id,
        consent: updated.consent,
        consentSource: updated.consent_source,
        consentAt: updated.consent_at?.toISOString() ?? null,
        suppressions: await ownSuppressions(manager, subject),
      };
    });
  }

  /** Everything held about one person (see person-data.ts), and a file name for the download. Audited. */
  async export(id: string, actor: SessionUser): Promise<{ fileName: string; document: Record<string, unknown> }> {
    return this.db.transaction('REPEATABLE READ', async (manager) => {
      const subject = await loadSubject(manager, id);
      if (!subject) throw contactNotFound(id);
      const document = await exportPerson(manager, subject);
      await this.audit.record({ actorUserId: actor.id, action: 'privacy.export', subjectType: 'contact', subjectId: id }, manager);
      return { fileName: `person-${id}-${new Date().toISOString().slice(0, 10)}.json`, document };
    });
  }
}
