import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Imports1795453332178 implements MigrationInterface {
  name = 'Imports1795453332178';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        file_name text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'staging', 'merging', 'done', 'failed', 'cancelled')),
        mapping jsonb NOT NULL DEFAULT '[]'::jsonb,
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        error text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await db.query(`CREATE INDEX imports_created_at_idx ON imports (created_at DESC)`);
    // One row per (line, reason): the report lists every reason a line was rejected, skipped or trimmed.
    await db.query(`
      CREATE TABLE import_errors (
        import_id uuid NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        line int NOT NULL,
        reason text NOT NULL,
        severity text NOT NULL DEFAULT 'error' CHECK (severity IN ('error', 'warning')),
        detail text,
        PRIMARY KEY (import_id, line, reason)
      )`);
    await db.query(`
      CREATE TABLE identities (
        kind text NOT NULL CHECK (kind IN ('email', 'phone', 'crm_id', 'wechat')),
        value text NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, value)
      )`);
    await db.query(`CREATE INDEX identities_contact_id_idx ON identities (contact_id)`);
    await db.query(`
      CREATE TABLE suppressions (
        kind text NOT NULL CHECK (kind IN ('email', 'phone', 'domain')),
        value text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('unsubscribed', 'bounced', 'do_not_contact', 'complaint')),
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, value)
      )`);
    await db.query(`
      CREATE TABLE merge_log (
        id bigserial PRIMARY KEY,
        entity text NOT NULL CHECK (entity IN ('contact', 'company')),
        survivor_id uuid NOT NULL,
        merged_id uuid,
        import_id uuid REFERENCES imports(id) ON DELETE SET NULL,
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        before jsonb NOT NULL,
        after jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX merge_log_survivor_idx ON merge_log (entity, survivor_id)`);
    await db.query(`CREATE INDEX merge_log_import_idx ON merge_log (import_id) WHERE import_id IS NOT NULL`);
    await db.query(`ALTER TABLE companies ADD COLUMN field_sources jsonb NOT NULL DEFAULT '{}'::jsonb`);
    await db.query(`ALTER TABLE contacts ADD COLUMN field_sources jsonb NOT NULL DEFAULT '{}'::jsonb`);
    // Contacts made before identities existed must still be found by their e-mail and phone.
    await db.query(`
      INSERT INTO identities (kind, value, contact_id, source, created_at)
      SELECT 'email', email, id, 'backfill', created_at FROM contacts WHERE email IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await db.query(`
      INSERT INTO identities (kind, value, contact_id, source, created_at)
      SELECT DISTINCT ON (phone) 'phone', phone, id, 'backfill', created_at FROM contacts WHERE phone IS NOT NULL
      ORDER BY phone, created_at, id
      ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contacts DROP COLUMN IF EXISTS field_sources`);
    await db.query(`ALTER TABLE companies DROP COLUMN IF EXISTS field_sources`);
    for (const table of ['merge_log', 'suppressions', 'identities', 'import_errors', 'imports']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
