import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  employeeBand,
  findParentIndustry,
  isFreeMailDomain,
  normalizeCompanyName,
  type Company,
  type CompanyDetail,
  type CompanyDetailResponse,
  type CompanyDuplicate,
  type CompanyDuplicateReason,
  type CompanyTier,
  type Page,
  type SessionUser,
  type companyDetailQuerySchema,
  type companyListQuerySchema,
  type updateCompanyRequestSchema,
} from '@fulcrum/shared';
import type { z } from 'zod';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { applyEdit, lockRow } from './account-edits';
import { fieldSourcesSql, type Row } from './account-fields';
import { describeFieldSources, loadHistory } from './account-history';
import { listContacts, type Queryable } from './contacts.service';

const SORT_SQL: Record<string, string> = {
  name: 'c.name ASC, c.id',
  '-name': 'c.name DESC, c.id',
  employees: 'c.employees ASC NULLS LAST, c.id',
  '-employees': 'c.employees DESC NULLS LAST, c.id',
  createdAt: 'c.created_at ASC, c.id',
  '-createdAt': 'c.created_at DESC, c.id',
};

const DUPLICATE_LIMIT = 10;
/** Trigram similarity above which two names are suggested as one company. */
const SIMILAR_NAME = 0.6;

interface CompanyRow {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  sub_industry: string | null;
  employees: number | null;
  employee_band: string | null;
  revenue_band: string | null;
  country: string | null;
  province: string | null;
  city: string | null;
  ownership: string | null;
  founded_year: number | null;
  tier: CompanyTier | null;
  sales_owner_name: string | null;
  contact_count: number;
}

interface CompanyDetailRow extends CompanyRow {
  normalized_name: string;
  credit_code: string | null;
  tech_tags: string[];
  sales_owner_id: string | null;
  source: string;
  created_at: Date;
  updated_at: Date;
  field_sources: Row;
}

function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    name: row.name,
    domain: row.domain,
    industry: row.industry,
    subIndustry: row.sub_industry,
    employees: row.employees,
    employeeBand: row.employee_band,
    revenueBand: row.revenue_band,
    country: row.country,
    province: row.province,
    city: row.city,
    ownership: row.ownership,
    foundedYear: row.founded_year,
    tier: row.tier,
    salesOwnerName: row.sales_owner_name,
    contactCount: row.contact_count,
  };
}

// field_sources comes twice: the stored column (in c.*), then the full one, which wins (the later column of a name).
const DETAIL_SELECT = `SELECT c.*, ${fieldSourcesSql('company', 'c')} AS field_sources, u.name AS sales_owner_name, (SELECT count(*) FROM contacts k WHERE k.company_id = c.id)::int AS contact_count
  FROM companies c LEFT JOIN users u ON u.id = c.sales_owner_id`;

@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: z.output<typeof companyListQuerySchema>): Promise<Page<Company>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.q) {
      params.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(c.name ILIKE $${params.length} OR c.domain ILIKE $${params.length})`);
    }
    if (query.tier) {
      params.push(query.tier);
      where.push(`c.tier = $${params.length}`);
    }
    if (query.industry) {
      params.push(query.industry);
      where.push(`c.industry = $${params.length}`);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = (await this.db.query(`SELECT count(*)::int AS total FROM companies c ${whereSql}`, params)) as Array<{ total: number }>;
    params.push(query.pageSize, (query.page - 1) * query.pageSize);
    const rows = (await this.db.query(
      `SELECT c.*, u.name AS sales_owner_name,
         (SELECT count(*) FROM contacts k WHERE k.company_id = c.id)::int AS contact_count
       FROM companies c LEFT JOIN users u ON u.id = c.sales_owner_id
       ${whereSql}
       ORDER BY ${SORT_SQL[query.sort]}
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )) as CompanyRow[];
    return { total, page: query.page, pageSize: query.pageSize, items: rows.map(toCompany) };
  }

  async detail(id: string, query: z.output<typeof companyDetailQuerySchema>): Promise<CompanyDetailResponse> {
    const [company] = await this.details(this.db.manager, [id]);
    if (!company) throw new AppException(HttpStatus.NOT_FOUND, 'companies.not_found', `No company ${id}`);
    const [contacts, history] = await Promise.all([
      listContacts(this.db, { companyId: id, sort: 'name', page: query.contactsPage, pageSize: query.contactsPageSize }),
      loadHistory(this.db, 'company', id),
    ]);
    return { company, contacts, history };
  }

  /** Companies with their described provenance, in the order of `ids` (missing ones left out). */
  async details(db: Queryable, ids: readonly string[]): Promise<CompanyDetail[]> {
    if (ids.length === 0) return [];
    const rows: CompanyDetailRow[] = await db.query(`${DETAIL_SELECT} WHERE c.id = ANY($1::uuid[])`, [ids]);
    const sources = await describeFieldSources(db, 'company', rows);
    const byId = new Map(
      rows.map((row, index): [string, CompanyDetail] => [
        row.id,
        {
          ...toCompany(row),
          normalizedName: row.normalized_name,
          creditCode: row.credit_code,
          techTags: row.tech_tags,
          salesOwnerId: row.sales_owner_id,
          source: row.source,
          createdAt: row.created_at.toISOString(),
          updatedAt: row.updated_at.toISOString(),
          fieldSources: sources[index],
        },
      ]),
    );
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async update(id: string, request: z.output<typeof updateCompanyRequestSchema>, actor: SessionUser): Promise<CompanyDetailResponse> {
    try {
      await this.db.transaction((manager) => this.edit(manager, id, request, actor));
    } catch (error) {
      // Another company took the credit code between the check and the write (an import).
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        throw new AppException(HttpStatus.CONFLICT, 'companies.credit_code_taken', 'Another company has this credit code now; merge the two instead', [
          { path: 'creditCode', message: 'Another company has this credit code' },
        ]);
      }
      throw error;
    }
    return this.detail(id, { contactsPage: 1, contactsPageSize: 20 });
  }

  private async edit(manager: EntityManager, id: string, request: z.output<typeof updateCompanyRequestSchema>, actor: SessionUser): Promise<void> {
    const current = await lockRow(manager, 'company', id);
    if (!current) throw new AppException(HttpStatus.NOT_FOUND, 'companies.not_found', `No company ${id}`);
    const next = nextCompanyValues(current, request);
    if (typeof next.credit_code === 'string' && next.credit_code !== current.credit_code) await this.assertCreditCodeFree(manager, id, next.credit_code);
    if (typeof next.sales_owner_id === 'string' && next.sales_owner_id !== current.sales_owner_id) {
      const [owner] = await manager.query(`SELECT 1 FROM users WHERE id = $1`, [next.sales_owner_id]);
      if (!owner) {
        throw new AppException(HttpStatus.BAD_REQUEST, 'validation.failed', 'The chosen sales owner is not a user', [
          { path: 'salesOwnerId', message: 'Choose an existing user' },
        ]);
      }
    }
    const outcome = await applyEdit(manager, 'company', current, next, actor.id);
    if (outcome.logId) {
      await this.audit.record(
        { actorUserId: actor.id, action: 'company.edit', subjectType: 'company', subjectId: id, data: { mergeLogId: outcome.logId, fields: Object.keys(outcome.after) } },
        manager,
      );
    }
  }

  /** Companies that are probably this one: same normalized name or domain, or a very similar name. */
  async duplicates(id: string): Promise<CompanyDuplicate[]> {
    const [company]: Array<{ name: string; normalized_name: string; domain: string | null }> = await this.db.query(
      `SELECT name, normalized_name, domain FROM companies WHERE id = $1`,
      [id],
    );
    if (!company) throw new AppException(HttpStatus.NOT_FOUND, 'companies.not_found', `No company ${id}`);
    const domain = company.domain && !isFreeMailDomain(company.domain) ? company.domain : null;
    const rows: Array<{ id: string; same_name: boolean; same_domain: boolean; similar: boolean }> = await this.db.query(
      `SELECT c.id, c.normalized_name = $2 AS same_name, coalesce(c.domain = $3, false) AS same_domain,
         similarity(c.name, $4) >= ${SIMILAR_NAME} AS similar
       FROM companies c
       WHERE c.id <> $1 AND (c.normalized_name = $2 OR c.domain = $3 OR (c.name % $4 AND similarity(c.name, $4) >= ${SIMILAR_NAME}))
       ORDER BY (c.normalized_name = $2) DESC, coalesce(c.domain = $3, false) DESC, similarity(c.name, $4) DESC, c.id
       LIMIT ${DUPLICATE_LIMIT}`,
      [id, company.normalized_name, domain, company.name],
    );
    const details = await this.details(this.db.manager, rows.map((row) => row.id));
    return details.map((detail, index) => {
      const row = rows[index];
      const reasons: CompanyDuplicateReason[] = [];
      if (row.same_name) reasons.push('same_name');
      if (row.same_domain) reasons.push('same_domain');
      if (row.similar && !row.same_name) reasons.push('similar_name');
      return { company: detail, reasons };
    });
  }

  private async assertCreditCodeFree(manager: EntityManager, id: string, creditCode: string): Promise<void> {
    const [owner]: Array<{ id: string }> = await manager.query(`SELECT id FROM companies WHERE credit_code = $1 AND id <> $2`, [creditCode, id]);
    if (owner) {
      throw new AppException(HttpStatus.CONFLICT, 'companies.credit_code_taken', `Another company (${owner.id}) has this credit code; merge the two instead`, [
        { path: 'creditCode', message: `Another company has this credit code: ${owner.id}` },
      ]);
    }
  }
}

/**
 * The columns an edit writes. Derived values follow: the match key follows the name, the size band
 * the head count (unless a band is given), and an industry drops a sub-industry of another one.
 */
export function nextCompanyValues(current: Row, request: z.output<typeof updateCompanyRequestSchema>): Row {
  const next: Row = {};
  const fields = [
    ['name', 'name'],
    ['domain', 'domain'],
    ['creditCode', 'credit_code'],
    ['industry', 'industry'],
    ['subIndustry', 'sub_industry'],
    ['employees', 'employees'],
    ['employeeBand', 'employee_band'],
    ['revenueBand', 'revenue_band'],
    ['country', 'country'],
    ['province', 'province'],
    ['city', 'city'],
    ['ownership', 'ownership'],
    ['foundedYear', 'founded_year'],
    ['tier', 'tier'],
    ['salesOwnerId', 'sales_owner_id'],
  ] as const;
  for (const [field, column] of fields) if (request[field] !== undefined) next[column] = request[field];
  if (request.techTags !== undefined) next.tech_tags = [...new Set(request.techTags)];
  if (typeof next.name === 'string') next.normalized_name = normalizeCompanyName(next.name);
  if (typeof next.employees === 'number' && request.employeeBand === undefined) next.employee_band = employeeBand(next.employees);
  if (typeof next.sub_industry === 'string' && request.industry === undefined) next.industry = findParentIndustry(next.sub_industry)?.code ?? current.industry;
  const industry = next.industry !== undefined ? next.industry : current.industry;
  const subIndustry = next.sub_industry !== undefined ? next.sub_industry : current.sub_industry;
  if (typeof subIndustry === 'string' && findParentIndustry(subIndustry)?.code !== industry) next.sub_industry = null;
  return next;
}
