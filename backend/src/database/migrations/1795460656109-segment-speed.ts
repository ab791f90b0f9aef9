import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Case-insensitive text conditions of segments compare `lower(column)`: these get their own statistics. */
const LOWER_STATISTICS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['companies', 'industry'],
  ['companies', 'sub_industry'],
  ['companies', 'country'],
  ['companies', 'province'],
  ['companies', 'city'],
  ['contacts', 'title'],
  ['contacts', 'department'],
];

/**
 * Segment counts at a million contacts (issue 3's benchmark, tests/bench/README.md "segments").
 */
export class SegmentSpeed1795460656109 implements MigrationInterface {
  name = 'SegmentSpeed1795460656109';

  async up(db: QueryRunner): Promise<void> {
    // Without statistics on the expression the planner guesses `lower(city) = ANY(...)` (11x too few
    // companies for two cities, at a million contacts). ANALYZE pays for these, not writes.
    for (const [table, column] of LOWER_STATISTICS) {
      await db.query(`CREATE STATISTICS ${table}_lower_${column}_stat ON (lower(${column})) FROM ${table}`);
    }
    // Contacts by company with the contact fields segments filter on most (seniority; consent, for "can
    // be mailed"; title): a segment joining company conditions to these, or filtering titles alone, reads
    // this index instead of the contacts table — which imports make wide (per-field provenance): at a
    // million contacts with import-sized rows, "title contains" 444 -> 119 ms and "directors in two cities"
    // 520 -> 120 ms. Imports pay ~5 µs a row, or 1.6 s to build it after a bulk load of a million. The plain
    // company_id index stays: counts over company conditions alone probe it ~30% faster than this one.
    await db.query(`CREATE INDEX contacts_segment_idx ON contacts (company_id, seniority, consent, title)`);
    await db.query(`ANALYZE companies, contacts`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS contacts_segment_idx`);
    for (const [table, column] of LOWER_STATISTICS) {
      await db.query(`DROP STATISTICS IF EXISTS ${table}_lower_${column}_stat`);
    }
  }
}
