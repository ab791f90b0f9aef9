import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reminders1796419072319 implements MigrationInterface {
  name = 'Reminders1796419072319';

  async up(db: QueryRunner): Promise<void> {
    // The schedule version of the event a registrant's calendar entry was last sent for.
    await db.query(`ALTER TABLE registrations ADD COLUMN notified_version int NOT NULL DEFAULT 0`);
    // One row per reminder sent (or passed over for a later one): the sweep never sends one twice.
    await db.query(`
      CREATE TABLE reminder_deliveries (
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        minutes int NOT NULL,
        schedule_version int NOT NULL,
        mail_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (registration_id, schedule_version, minutes)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS reminder_deliveries`);
    await db.query(`ALTER TABLE registrations DROP COLUMN IF EXISTS notified_version`);
  }
}
