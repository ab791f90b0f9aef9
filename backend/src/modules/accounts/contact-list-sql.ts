import { normalizeEmail, normalizePhone, type ContactSort, type contactListQuerySchema } from '@fulcrum/shared';
import type { z } from 'zod';

export type ContactListQueryInput = z.output<typeof contactListQuerySchema>;

/**
 * Each sort reads its page in index order (contacts_name_idx, contacts_created_at_idx,
 * contacts_updated_at_idx); the id breaks ties so pages never overlap.
 */
const ORDER_BY: Record<Exclude<ContactSort, 'company' | '-company'>, string> = {
  name: 'k.name, k.id',
  '-name': 'k.name DESC, k.id DESC',
  createdAt: 'k.created_at, k.id',
  '-createdAt': 'k.created_at DESC, k.id DESC',
  updatedAt: 'k.updated_at, k.id',
  '-updatedAt': 'k.updated_at DESC, k.id DESC',
};

/** Companies a search term can reach by name; a term matching more is too broad to list by company. */
const COMPANY_MATCHES = 500;
const MIN_PHONE_DIGITS = 7;
/** Trigrams need three characters; shorter terms (a Chinese surname, `王芳`) match names by prefix. */
const MIN_SUBSTRING_LENGTH = 3;

export const LIST_COLUMNS = `k.id, k.name, k.email, k.phone, k.title, k.department, k.seniority, k.consent, k.company_id,
  c.name AS company_name, c.tier AS company_tier, c.city, k.created_at, k.updated_at`;

export interface ContactListSql {
  params: unknown[];
  filtered: boolean;
  /** The page's rows; appends the limit and offset to a copy of the parameters. */
  page(limit: number, offset: number): { sql: string; params: unknown[] };
  /** Matching rows, counted up to `cap`. */
  count(cap: number): string;
  /** What EXPLAIN estimates the number of matches of. */
  estimate: string;
}

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `[from, to)` ranges holding every string that starts with `prefix` as typed or capitalized. */
function prefixRanges(prefix: string): Array<[string, string]> {
  const variants = new Set([prefix, prefix.toLowerCase(), prefix.toUpperCase(), prefix.charAt(0).toUpperCase() + prefix.slice(1).toLowerCase()]);
  return [...variants].map((variant) => {
    const chars = [...variant];
    const last = chars.pop()?.codePointAt(0) ?? 0;
    return [variant, chars.join('') + String.fromCodePoint(Math.min(last + 1, 0x10ffff))];
  });
}

/**
 * The search and filters of the contacts list as parameterized SQL. A search term that reads as an
 * e-mail address or a phone number (in any spelling imports accept: `ZHANG@X.COM`, `138 0013 8000`)
 * finds the person by that identity; any other term matches a part of the person's name or of their
 * company's name. The matches are gathered first (each branch by its own index), then filtered,
 * sorted and paged, so a rare term never walks the whole table in sort order.
 */
export function contactListSql(query: ContactListQueryInput): ContactListSql {
  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };

  let hits = '';
  if (query.q) {
    const branches: string[] = [];
    const email = query.q.includes('@') ? normalizeEmail(query.q) : null;
    const phone = !email && query.q.replace(/\D/g, '').length >= MIN_PHONE_DIGITS && !/\p{L}/u.test(query.q) ? normalizePhone(query.q) : null;
    if (email?.ok) {
      const value = param(email.value);
      branches.push(`SELECT contact_id AS id FROM identities WHERE kind = 'email' AND value = ${value}`, `SELECT id FROM contacts WHERE email = ${value}`);
    } else if (phone?.ok) {
      const value = param(phone.e164);
      branches.push(`SELECT contact_id AS id FROM identities WHERE kind = 'phone' AND value = ${value}`, `SELECT id FROM contacts WHERE phone = ${value}`);
    } else if ([...query.q].length >= MIN_SUBSTRING_LENGTH) {
      const like = param(`%${escapeLike(query.q)}%`);
      branches.push(
        `SELECT id FROM contacts WHERE name ILIKE ${like}`,
        `SELECT id FROM contacts WHERE company_id IN (SELECT id FROM companies WHERE name ILIKE ${like} LIMIT ${COMPANY_MATCHES})`,
      );
    } else {
      const like = param(`${escapeLike(query.q)}%`);
      const ranges = (column: string) =>
        prefixRanges(query.q as string)
          .map(([from, to]) => `(${column} >= ${param(from)} AND ${column} < ${param(to)})`)
          .join(' OR ');
      if ([...query.q].length === 1) {
        // One character (a surname) matches names only, read straight from the name index.
        where.push(`(${ranges('k.name')}) AND k.name ILIKE ${like}`);
      } else {
        branches.push(
          `SELECT id FROM contacts WHERE (${ranges('name')}) AND name ILIKE ${like}`,
          `SELECT id FROM contacts WHERE company_id IN (SELECT id FROM companies WHERE (${ranges('name')}) AND name ILIKE ${like} LIMIT ${COMPANY_MATCHES})`,
        );
      }
    }
    if (branches.length) hits = `WITH hits AS MATERIALIZED (${branches.join(' UNION ')}) `;
  }

  if (query.companyId) where.push(`k.company_id = ${param(query.companyId)}`);
  if (query.seniority) where.push(`k.seniority = ${param(query.seniority)}`);
  if (query.consent) where.push(`k.consent = ${param(query.consent)}`);
  let companyFiltered = false;
  for (const column of ['tier', 'industry', 'country', 'province', 'city'] as const) {
    const value = query[column];
    if (value === undefined || value === '') continue;
    where.push(`c.${column} = ${param(column === 'country' ? value.toUpperCase() : value)}`);
    companyFiltered = true;
  }

  const hitJoin = hits ? ' JOIN hits h ON h.id = k.id' : '';
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const from = `FROM contacts k${hitJoin} LEFT JOIN companies c ON c.id = k.company_id${whereSql}`;

  function page(limit: number, offset: number): { sql: string; params: unknown[] } {
    const all = [...params, limit, offset];
    const [l, o] = [`$${all.length - 1}::int`, `$${all.length}::int`];
    if (query.sort !== 'company' && query.sort !== '-company') {
      return { sql: `${hits}SELECT ${LIST_COLUMNS} ${from} ORDER BY ${ORDER_BY[query.sort]} LIMIT ${l} OFFSET ${o}`, params: all };
    }
    // By company: an inner join walks companies_name_idx and each company's people (a LEFT JOIN
    // could only sort the whole table); people without a company come after, by name.
    const desc = query.sort === '-company' ? ' DESC' : '';
    const withCompany = `(SELECT ${LIST_COLUMNS} FROM contacts k${hitJoin} JOIN companies c ON c.id = k.company_id${whereSql}
      ORDER BY c.name${desc}, c.id${desc}, k.name${desc}, k.id${desc} LIMIT ${l} + ${o})`;
    const parts = [withCompany];
    if (!companyFiltered) {
      parts.push(`(SELECT ${LIST_COLUMNS} FROM contacts k${hitJoin} LEFT JOIN companies c ON false
        WHERE k.company_id IS NULL${where.length ? ` AND ${where.join(' AND ')}` : ''} ORDER BY k.name${desc}, k.id${desc} LIMIT ${l} + ${o})`);
    }
    return {
      sql: `${hits}SELECT * FROM (${parts.join(' UNION ALL ')}) p
        ORDER BY p.company_name${desc} NULLS LAST, p.company_id${desc}, p.name${desc}, p.id${desc} LIMIT ${l} OFFSET ${o}`,
      params: all,
    };
  }

  return {
    params,
    filtered: hits !== '' || where.length > 0,
    page,
    count: (cap) => `${hits}SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${cap}) s`,
    estimate: `${hits}SELECT 1 ${from}`,
  };
}
