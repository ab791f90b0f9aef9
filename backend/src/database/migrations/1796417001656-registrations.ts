import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Registrations1796417001656 implements MigrationInterface {
  name = 'Registrations1796417001656';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        email text NOT NULL,
        name text NOT NULL,
        company text,
        title text,
        phone text,
        locale text NOT NULL DEFAULT 'zh-CN',
        answers jsonb NOT NULL DEFAULT '{}',
        source text NOT NULL CHECK (source IN ('invitation', 'open', 'referral', 'manual')),
        utm jsonb NOT NULL DEFAULT '{}',
        referred_by uuid REFERENCES registrations(id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'pending', 'rejected', 'cancelled')),
        -- The personal link (join page, calendar, cancel): 256 random bits, base64url.
        token text NOT NULL UNIQUE,
        -- The link a registrant forwards; who registers through it is a referral.
        share_code text NOT NULL UNIQUE,
        -- Order of the waitlist: set when a registration starts waiting.
        waiting_since timestamptz,
        checked_in_at timestamptz,
        check_in_method text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, email)
      )`);
    await db.query(`CREATE INDEX registrations_event_status_idx ON registrations (event_id, status, waiting_since)`);
    await db.query(`CREATE INDEX registrations_contact_idx ON registrations (contact_id)`);
    // Everything a person did, append-only: the input of scoring (DESIGN.md).
    await db.query(`
      CREATE TABLE activities (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        event_id uuid REFERENCES events(id) ON DELETE CASCADE,
        registration_id uuid REFERENCES registrations(id) ON DELETE CASCADE,
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX activities_event_registration_idx ON activities (event_id, registration_id)`);
    await db.query(`CREATE INDEX activities_contact_time_idx ON activities (contact_id, occurred_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS activities`);
    await db.query(`DROP TABLE IF EXISTS registrations`);
  }
}
