import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportProvenance1796490000000 implements MigrationInterface {
  name = 'ImportProvenance1796490000000';

  async up(db: QueryRunner): Promise<void> {
    // The import that created a record. What it set is not repeated in field_sources per field
    // (~900 bytes a contact, most of a million-contact import's writing): a column holding a value
    // with no entry of its own came from this import, at the record's creation (see fieldSourcesSql).
    // No foreign key: imports are never deleted, and a check per inserted row is what bulk loads avoid.
    await db.query(`ALTER TABLE companies ADD COLUMN import_id uuid`);
    await db.query(`ALTER TABLE contacts ADD COLUMN import_id uuid`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contacts DROP COLUMN import_id`);
    await db.query(`ALTER TABLE companies DROP COLUMN import_id`);
  }
}
