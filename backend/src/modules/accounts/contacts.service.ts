import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  isConsentWithdrawn,
  LIST_DEPTH_LIMIT,
  normalizePersonName,
  strongestWithdrawal,
  type ConsentStatus,
  type ContactDetail,
  type ContactDetailResponse,
  type ContactDuplicate,
  type ContactDuplicateReason,
  type ContactListItem,
  type ContactPage,
  type SessionUser,
  type updateContactRequestSchema,
} from '@fulcrum/shared';
import type { z } from 'zod';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { addIdentities, applyEdit, lockRow } from './account-edits';
import { fieldSourcesSql, type Row } from './account-fields';
import { describeFieldSources, loadHistory, toIso } from './account-history';
import { contactListSql, LIST_COLUMNS, type ContactListQueryInput, type ContactListSql } from './contact-list-sql';

const DUPLICATE_LIMIT = 10;
/** A company's people compared by name key in memory: enough for any real account. */
const SAME_COMPANY_SCAN = 5_000;

interface ContactRow {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  department: string | null;
  seniority: string | null;
  consent: ContactListItem['consent'];
  company_id: string | null;
  company_name: string | null;
  company_tier: ContactListItem['companyTier'];
  city: string | null;
  created_at: Date;
  updated_at: Date;
}

interface ContactDetailRow extends ContactRow {
  buying_role: string | null;
  locale: string | null;
  consent_source: string | null;
  consent_at: Date | null;
  field_sources: Row;
}

const DETAIL_COLUMNS = `${LIST_COLUMNS}, k.buying_role, k.locale, k.consent_source, k.consent_at, ${fieldSourcesSql('contact', 'k')} AS field_sources`;

function toListItem(row: ContactRow): ContactListItem {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    department: row.department,
    seniority: row.seniority,
    consent: row.consent,
    companyId: row.company_id,
    companyName: row.company_name,
    companyTier: row.company_tier,
    city: row.city,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export type Queryable = Pick<EntityManager, 'query'>;

/** A page of the contacts list; shared with the company page (its people). */
export async function listContacts(db: Queryable, query: ContactListQueryInput): Promise<ContactPage> {
  const offset = (query.page - 1) * query.pageSize;
  if (offset + query.pageSize > LIST_DEPTH_LIMIT) {
    throw new AppException(
      HttpStatus.BAD_REQUEST,
      'validation.failed',
      `Lists can be paged ${LIST_DEPTH_LIMIT} rows deep; narrow the search or filters to reach the rest`,
      [{ path: 'page', message: `At most ${Math.floor(LIST_DEPTH_LIMIT / query.pageSize)} pages of ${query.pageSize}` }],
    );
  }
  const sql = contactListSql(query);
  const page = sql.page(query.pageSize, offset);
  const [rows, counted] = await Promise.all([db.query(page.sql, page.params) as Promise<ContactRow[]>, cappedCount(db, sql)]);
  return { total: counted.total, totalExact: counted.exact, page: query.page, pageSize: query.pageSize, items: rows.map(toListItem) };
}

/**
 * Exact up to LIST_DEPTH_LIMIT (the count stops there instead of visiting every match); beyond it
 * the table's row estimate, or the planner's for a filtered list.
 */
async function cappedCount(db: Queryable, sql: ContactListSql): Promise<{ total: number; exact: boolean }> {
  const [{ n }]: Array<{ n: number }> = await db.query(sql.count(LIST_DEPTH_LIMIT + 1), sql.params);
  if (n <= LIST_DEPTH_LIMIT) return { total: n, exact: true };
  let estimate = 0;
  if (sql.filtered) {
    const [plan]: Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }> = await db.query(`EXPLAIN (FORMAT JSON) ${sql.estimate}`, sql.params);
    estimate = plan['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  } else {
    const [table]: Array<{ rows: number }> = await db.query(`SELECT reltuples::bigint::float8 AS rows FROM pg_class WHERE oid = 'contacts'::regclass`);
    estimate = table?.rows ?? 0;
  }
  return { total: Math.max(Math.round(estimate), LIST_DEPTH_LIMIT + 1), exact: false };
}

@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(query: ContactListQueryInput): Promise<ContactPage> {
    return listContacts(this.db, query);
  }

  async detail(id: string): Promise<ContactDetailResponse> {
    const [contact] = await this.details(this.db.manager, [id]);
    if (!contact) throw new AppException(HttpStatus.NOT_FOUND, 'contacts.not_found', `No contact ${id}`);
    return { contact, history: await loadHistory(this.db, 'contact', id) };
  }

  /** Contacts with their identities and described provenance, in the order of `ids` (missing ones left out). */
  async details(db: Queryable, ids: readonly string[]): Promise<ContactDetail[]> {
    if (ids.length === 0) return [];
    const [rows, identities]: [ContactDetailRow[], Array<{ contact_id: string; kind: string; value: string; source: string; created_at: Date }>] = await Promise.all([
      db.query(`SELECT ${DETAIL_COLUMNS} FROM contacts k LEFT JOIN companies c ON c.id = k.company_id WHERE k.id = ANY($1::uuid[])`, [ids]),
      db.query(`SELECT contact_id, kind, value, source, created_at FROM identities WHERE contact_id = ANY($1::uuid[]) ORDER BY kind, created_at, value`, [ids]),
    ]);
    const sources = await describeFieldSources(db, 'contact', rows);
    const byId = new Map(
      rows.map((row, index): [string, ContactDetail] => [
        row.id,
        {
          ...toListItem(row),
          buyingRole: row.buying_role,
          locale: row.locale,
          consentSource: row.consent_source,
          consentAt: toIso(row.consent_at),
          identities: identities
            .filter((identity) => identity.contact_id === row.id)
            .map((identity) => ({ kind: identity.kind, value: identity.value, source: identity.source, createdAt: identity.created_at.toISOString() })),
          fieldSources: sources[index],
        },
      ]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async update(id: string, request: z.output<typeof updateContactRequestSchema>, actor: SessionUser): Promise<ContactDetailResponse> {
    try {
      await this.db.transaction((manager) => this.edit(manager, id, request, actor));
    } catch (error) {
      // An import gave the address to another contact between the check and the write.
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new AppException(HttpStatus.CONFLICT, 'contacts.identity_taken', 'Another contact is known by this email address now; merge the two instead', [
          { path: 'email', message: 'Another contact is known by this address' },
        ]);
      }
      throw error;
    }
    return this.detail(id);
  }

  private async edit(manager: EntityManager, id: string, request: z.output<typeof updateContactRequestSchema>, actor: SessionUser): Promise<void> {
    const current = await lockRow(manager, 'contact', id);
    if (!current) throw new AppException(HttpStatus.NOT_FOUND, 'contacts.not_found', `No contact ${id}`);
    const next: Row = {};
    for (const [field, column] of [
      ['name', 'name'],
      ['email', 'email'],
      ['phone', 'phone'],
      ['title', 'title'],
      ['department', 'department'],
      ['seniority', 'seniority'],
      ['buyingRole', 'buying_role'],
      ['locale', 'locale'],
      ['companyId', 'company_id'],
    ] as const) {
      if (request[field] !== undefined) next[column] = request[field];
    }
    if (request.consent !== undefined && request.consent !== current.consent) {
      // A withdrawal is only replaced by a stronger one, or by an opt-in the person gave anew.
      const currentConsent = current.consent as ConsentStatus;
      if (isConsentWithdrawn(currentConsent) && request.consent !== 'opt_in' && strongestWithdrawal([currentConsent, request.consent]) !== request.consent) {
        throw new AppException(HttpStatus.CONFLICT, 'contacts.consent_withdrawn', `This person withdrew consent (${currentConsent}); only a new opt-in replaces it`, [
          { path: 'consent', message: 'Keep the withdrawal, or record a new opt-in' },
        ]);
      }
      next.consent = request.consent;
      next.consent_source = 'manual';
      next.consent_at = new Date().toISOString();
    }
    if (typeof next.company_id === 'string' && next.company_id !== current.company_id) {
      const [company] = await manager.query(`SELECT 1 FROM companies WHERE id = $1`, [next.company_id]);
      if (!company) {
        throw new AppException(HttpStatus.BAD_REQUEST, 'companies.not_found', 'The chosen company does not exist', [{ path: 'companyId', message: 'Choose an existing company' }]);
      }
    }
    if (typeof next.email === 'string' && next.email !== current.email) await this.assertEmailFree(manager, id, next.email);
    // New addresses and numbers identify the person from now on; the old ones still do (a typo'd
    // or former address only ever matches this person again).
    const identitiesAdded = await addIdentities(
      manager,
      id,
      [
        { kind: 'email', value: next.email !== current.email ? (next.email as string | null | undefined) : undefined },
        { kind: 'phone', value: next.phone !== current.phone ? (next.phone as string | null | undefined) : undefined },
      ],
      'manual',
    );
    const outcome = await applyEdit(manager, 'contact', current, next, actor.id, { identitiesAdded });
    if (outcome.logId) {
      await this.audit.record(
        { actorUserId: actor.id, action: 'contact.edit', subjectType: 'contact', subjectId: id, data: { mergeLogId: outcome.logId, fields: Object.keys(outcome.after) } },
        manager,
      );
    }
  }

  /** People who are probably this one: same name at the same company, or sharing a phone number. */
  async duplicates(id: string): Promise<ContactDuplicate[]> {
    const [contact]: Array<{ id: string; name: string; company_id: string | null; phones: string[] }> = await this.db.query(
      `SELECT k.id, k.name, k.company_id,
         array_remove(array_append(ARRAY(SELECT value FROM identities WHERE contact_id = k.id AND kind = 'phone'), k.phone), NULL) AS phones
       FROM contacts k WHERE k.id = $1`,
      [id],
    );
    if (!contact) throw new AppException(HttpStatus.NOT_FOUND, 'contacts.not_found', `No contact ${id}`);
    const reasons = new Map<string, Set<ContactDuplicateReason>>();
    const note = (otherId: string, reason: ContactDuplicateReason) => reasons.set(otherId, (reasons.get(otherId) ?? new Set()).add(reason));

    const key = nameKey(contact.name);
    if (contact.company_id && key) {
      const colleagues: Array<{ id: string; name: string }> = await this.db.query(
        `SELECT id, name FROM contacts WHERE company_id = $1 AND id <> $2 LIMIT ${SAME_COMPANY_SCAN}`,
        [contact.company_id, id],
      );
      for (const colleague of colleagues) if (nameKey(colleague.name) === key) note(colleague.id, 'same_name_same_company');
    }
    if (contact.phones.length) {
      const sharing: Array<{ id: string }> = await this.db.query(
        `SELECT id FROM contacts WHERE phone = ANY($1::text[]) AND id <> $2
         UNION SELECT contact_id FROM identities WHERE kind = 'phone' AND value = ANY($1::text[]) AND contact_id <> $2
         LIMIT ${DUPLICATE_LIMIT * 2}`,
        [contact.phones, id],
      );
      for (const other of sharing) note(other.id, 'shared_phone');
    }
    const ids = [...reasons.keys()].slice(0, DUPLICATE_LIMIT);
    const details = await this.details(this.db.manager, ids);
    return details.map((detail) => ({ contact: detail, reasons: [...(reasons.get(detail.id) ?? [])] }));
  }

  private async assertEmailFree(manager: EntityManager, id: string, email: string): Promise<void> {
    const [owner]: Array<{ id: string }> = await manager.query(
      `SELECT id FROM contacts WHERE email = $1 AND id <> $2
       UNION SELECT contact_id FROM identities WHERE kind = 'email' AND value = $1 AND contact_id <> $2 LIMIT 1`,
      [email, id],
    );
    if (owner) {
      throw new AppException(
        HttpStatus.CONFLICT,
        'contacts.identity_taken',
        `Another contact (${owner.id}) is known by ${email}; merge the two instead`,
        [{ path: 'email', message: `Another contact is known by this address: ${owner.id}` }],
      );
    }
  }
}

function nameKey(name: string): string | null {
  const result = normalizePersonName(name);
  return result.ok ? result.key : null;
}
