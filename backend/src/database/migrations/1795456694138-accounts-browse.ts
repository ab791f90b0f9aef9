import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browsing and editing the target database: the contacts list's sort orders and search at a million
 * rows, and a merge log that can undo manual edits and merges of duplicates.
 */
export class AccountsBrowse1795456694138 implements MigrationInterface {
  name = 'AccountsBrowse1795456694138';

  async up(db: QueryRunner): Promise<void> {
    // Each sort order of the contacts list reads its page from an index instead of sorting the table.
    await db.query(`CREATE INDEX contacts_name_idx ON contacts (name, id)`);
    await db.query(`CREATE INDEX contacts_created_at_idx ON contacts (created_at, id)`);
    await db.query(`CREATE INDEX contacts_updated_at_idx ON contacts (updated_at, id)`);
    // Search by any part of a name. E-mail addresses and phone numbers are found whole, through identities.
    await db.query(`CREATE INDEX contacts_name_trgm_idx ON contacts USING gin (name gin_trgm_ops)`);
    // Duplicate suggestions: people sharing a phone number.
    await db.query(`CREATE INDEX contacts_phone_idx ON contacts (phone) WHERE phone IS NOT NULL`);
    await db.query(`
      ALTER TABLE merge_log
        ADD COLUMN kind text NOT NULL DEFAULT 'import' CHECK (kind IN ('import', 'edit', 'merge')),
        ADD COLUMN merged_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN snapshot jsonb,
        ADD COLUMN undone_at timestamptz,
        ADD COLUMN undone_by uuid REFERENCES users(id) ON DELETE SET NULL`);
    await db.query(`UPDATE merge_log SET merged_ids = ARRAY[merged_id] WHERE merged_id IS NOT NULL`);
    // A record merged away and brought back by an undo still finds the merge in its history.
    await db.query(`CREATE INDEX merge_log_merged_ids_idx ON merge_log USING gin (merged_ids)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS merge_log_merged_ids_idx`);
    await db.query(`ALTER TABLE merge_log DROP COLUMN kind, DROP COLUMN merged_ids, DROP COLUMN snapshot, DROP COLUMN undone_at, DROP COLUMN undone_by`);
    for (const index of ['contacts_phone_idx', 'contacts_name_trgm_idx', 'contacts_updated_at_idx', 'contacts_created_at_idx', 'contacts_name_idx']) {
      await db.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
