import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1796416557754 implements MigrationInterface {
  name = 'Events1796416557754';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        format text NOT NULL CHECK (format IN ('online', 'onsite', 'hybrid')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'live', 'ended', 'archived')),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        time_zone text NOT NULL,
        stream_url text,
        replay_url text,
        venue jsonb,
        capacity int CHECK (capacity > 0),
        registration_mode text NOT NULL DEFAULT 'open' CHECK (registration_mode IN ('open', 'invite', 'approval')),
        agenda jsonb NOT NULL DEFAULT '[]',
        speakers jsonb NOT NULL DEFAULT '[]',
        questions jsonb NOT NULL DEFAULT '[]',
        reminder_minutes int[] NOT NULL DEFAULT '{1440,60,0}',
        schedule_version int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await db.query(`CREATE INDEX events_starts_at_idx ON events (starts_at, id)`);
    await db.query(`CREATE INDEX events_status_idx ON events (status, starts_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS events`);
  }
}
