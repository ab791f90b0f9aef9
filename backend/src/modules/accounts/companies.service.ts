import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Company, CompanyTier, Page, companyListQuerySchema } from '@fulcrum/shared';
import type { z } from 'zod';

const SORT_SQL: Record<string, string> = {
  name: 'c.name ASC, c.id',
  '-name': 'c.name DESC, c.id',
  employees: 'c.employees ASC NULLS LAST, c.id',
  '-employees': 'c.employees DESC NULLS LAST, c.id',
  createdAt: 'c.created_at ASC, c.id',
  '-createdAt': 'c.created_at DESC, c.id',
};

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

@Injectable()
export class CompaniesService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

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
}
