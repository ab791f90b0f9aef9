import { createHash } from 'node:crypto';
import { SUPPRESSION_REASON_STRENGTH, type SuppressionReason } from '@fulcrum/shared';
import type { EntityManager } from 'typeorm';

/** Anything that runs SQL and returns rows: a DataSource, or an EntityManager inside a transaction. */
export type Queryable = Pick<EntityManager, 'query'>;

/** The domain of an address and each parent domain with a dot: `a@cn.x.com` → cn.x.com, x.com. */
export function domainsOf(email: string): string[] {
  const host = email.slice(email.lastIndexOf('@') + 1);
  const out: string[] = [];
  for (let rest = host; rest.includes('.'); rest = rest.slice(rest.indexOf('.') + 1)) out.push(rest);
  return out;
}

/**
 * Which of `emails` must not be sent to, and why: the address itself is on the suppression list, or
 * its domain or a parent domain is (`example.com` also covers `cn.example.com`). Call it at send
 * time, inside the sending job, for every recipient batch: the list changes between queueing and
 * sending (an unsubscribe, a bounce, an erasure), so a check when the campaign was planned is not
 * enough. A recipient whose contact has a withdrawn consent (unsubscribed, do_not_contact) must be
 * skipped as well; withdrawing consent puts the address here too, but check both.
 *
 * Addresses are compared in their canonical form (lowercase, as normalizeEmail stores them).
 * One round trip, using the suppressions primary key.
 */
export async function suppressedAmong(db: Queryable, emails: readonly string[]): Promise<Map<string, SuppressionReason>> {
  const addresses = [...new Set(emails.map((email) => email.trim().toLowerCase()).filter((email) => email.includes('@')))];
  const result = new Map<string, SuppressionReason>();
  if (addresses.length === 0) return result;
  const pairEmails: string[] = [];
  const pairDomains: string[] = [];
  for (const address of addresses) {
    for (const domain of domainsOf(address)) {
      pairEmails.push(address);
      pairDomains.push(domain);
    }
  }
  const rows: Array<{ email: string; reason: SuppressionReason }> = await db.query(
    `SELECT e.email, s.reason FROM unnest($1::text[]) AS e(email)
       JOIN suppressions s ON s.kind = 'email' AND s.value = e.email
     UNION ALL
     SELECT p.email, s.reason FROM unnest($2::text[], $3::text[]) AS p(email, domain)
       JOIN suppressions s ON s.kind = 'domain' AND s.value = p.domain`,
    [addresses, pairEmails, pairDomains],
  );
  for (const { email, reason } of rows) {
    const known = result.get(email);
    if (known === undefined || SUPPRESSION_REASON_STRENGTH[reason] > SUPPRESSION_REASON_STRENGTH[known]) result.set(email, reason);
  }
  return result;
}

/** One address: the suppression reason, or null when it may be sent to (see {@link suppressedAmong}). */
export async function isSuppressed(db: Queryable, email: string): Promise<SuppressionReason | null> {
  const found = await suppressedAmong(db, [email]);
  return found.values().next().value ?? null;
}

/** SHA-256 (hex) of a canonical value: what audit records keep instead of an address. */
export function sha256(value: string): string {
  return createHash('sha256').update(value.trim().toLowerCase(), 'utf8').digest('hex');
}
