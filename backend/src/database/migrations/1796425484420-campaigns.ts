import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Campaigns1796425484420 implements MigrationInterface {
  name = 'Campaigns1796425484420';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        -- {kind: 'segment', segmentId} | {kind: 'list', text}
        audience jsonb NOT NULL,
        segment_id uuid REFERENCES segments(id) ON DELETE SET NULL,
        subject text NOT NULL,
        body text NOT NULL,
        variants jsonb NOT NULL DEFAULT '[]',
        rate_per_minute int CHECK (rate_per_minute > 0),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled')),
        scheduled_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        -- Bumped whenever sending (re)starts: lanes of an older generation stop.
        generation int NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX campaigns_event_idx ON campaigns (event_id, created_at DESC)`);
    await db.query(`CREATE INDEX campaigns_due_idx ON campaigns (scheduled_at) WHERE status = 'scheduled'`);
    // One row per person per campaign, written when sending starts: the unique (campaign, email) is
    // what makes "one invitation per person, never two" hold whatever the queue does.
    await db.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        contact_id uuid REFERENCES contacts(id) ON DELETE SET NULL,
        email text NOT NULL,
        name text NOT NULL,
        -- The personal link: 244 random bits, base64url.
        token text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'opened', 'clicked', 'registered', 'unsubscribed', 'skipped')),
        variant text,
        error text,
        attempts int NOT NULL DEFAULT 0,
        -- Who holds a 'sending' row: '<generation>:<lane>:<claim>'. Only the holder may mark it sent.
        claim text,
        claimed_at timestamptz,
        message_id text,
        sent_at timestamptz,
        opened_at timestamptz,
        clicked_at timestamptz,
        registered_at timestamptz,
        unsubscribed_at timestamptz,
        bounced_at timestamptz,
        registration_id uuid REFERENCES registrations(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (campaign_id, email)
      )`);
    await db.query(`CREATE INDEX invitations_queued_idx ON invitations (campaign_id, id) WHERE status = 'queued'`);
    await db.query(`CREATE INDEX invitations_sending_idx ON invitations (campaign_id, claimed_at) WHERE status = 'sending'`);
    await db.query(`CREATE INDEX invitations_contact_idx ON invitations (contact_id)`);
    await db.query(`ALTER TABLE registrations ADD COLUMN invitation_id uuid REFERENCES invitations(id) ON DELETE SET NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE registrations DROP COLUMN IF EXISTS invitation_id`);
    await db.query(`DROP TABLE IF EXISTS invitations`);
    await db.query(`DROP TABLE IF EXISTS campaigns`);
  }
}
