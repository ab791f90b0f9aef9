import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Privacy1795456694117 implements MigrationInterface {
  name = 'Privacy1795456694117';

  async up(db: QueryRunner): Promise<void> {
    // The console searches the suppression list by any part of a value and lists the newest first.
    await db.query(`CREATE INDEX suppressions_value_trgm_idx ON suppressions USING gin (value gin_trgm_ops)`);
    await db.query(`CREATE INDEX suppressions_created_at_idx ON suppressions (created_at DESC, kind, value)`);
    // Erasure and "everything held about one person" read a contact's merge history by either side.
    await db.query(`CREATE INDEX merge_log_merged_idx ON merge_log (entity, merged_id) WHERE merged_id IS NOT NULL`);
    // Mail to one person, found by address (sending checks and erasure).
    await db.query(`CREATE INDEX mail_messages_to_address_idx ON mail_messages (lower(to_address))`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ['mail_messages_to_address_idx', 'merge_log_merged_idx', 'suppressions_created_at_idx', 'suppressions_value_trgm_idx']) {
      await db.query(`DROP INDEX IF EXISTS ${index}`);
    }
  }
}
