import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE,
        name text NOT NULL,
        password_hash text,
        role text NOT NULL CHECK (role IN ('admin', 'organizer', 'sales')),
        locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
        disabled boolean NOT NULL DEFAULT false,
        last_sign_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        ip text,
        user_agent text
      )`);
    await db.query(`CREATE INDEX sessions_user_id_idx ON sessions (user_id)`);
    await db.query(`CREATE INDEX sessions_expires_at_idx ON sessions (expires_at)`);
    await db.query(`
      CREATE TABLE password_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('reset', 'invite')),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX password_tokens_user_id_idx ON password_tokens (user_id)`);
    await db.query(`
      CREATE TABLE sign_in_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz
      )`);
    await db.query(`
      CREATE TABLE mail_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dedupe_key text UNIQUE,
        template text NOT NULL,
        locale text NOT NULL,
        to_address text NOT NULL,
        context jsonb NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX mail_messages_status_idx ON mail_messages (status, created_at)`);
    await db.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action text NOT NULL,
        subject_type text NOT NULL,
        subject_id text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id)`);
    await db.query(`
      CREATE TABLE app_settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE companies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        normalized_name text NOT NULL,
        domain text,
        credit_code text,
        industry text,
        sub_industry text,
        employees int,
        employee_band text,
        revenue_band text,
        country text,
        province text,
        city text,
        ownership text,
        founded_year int,
        tech_tags text[] NOT NULL DEFAULT '{}',
        tier text CHECK (tier IN ('ka', 'growth', 'standard')),
        sales_owner_id uuid REFERENCES users(id) ON DELETE SET NULL,
        source text NOT NULL DEFAULT 'manual',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX companies_normalized_name_idx ON companies (normalized_name)`);
    await db.query(`CREATE UNIQUE INDEX companies_credit_code_key ON companies (credit_code) WHERE credit_code IS NOT NULL`);
    await db.query(`CREATE INDEX companies_domain_idx ON companies (domain) WHERE domain IS NOT NULL`);
    await db.query(`CREATE INDEX companies_name_trgm_idx ON companies USING gin (name gin_trgm_ops)`);
    // The console's sort orders: a page is read from the index instead of sorting the table.
    await db.query(`CREATE INDEX companies_name_idx ON companies (name, id)`);
    await db.query(`CREATE INDEX companies_employees_idx ON companies (employees, id)`);
    await db.query(`CREATE INDEX companies_created_at_idx ON companies (created_at, id)`);
    await db.query(`CREATE INDEX companies_sales_owner_idx ON companies (sales_owner_id)`);
    await db.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_id uuid REFERENCES companies(id) ON DELETE SET NULL,
        name text NOT NULL,
        email text,
        phone text,
        title text,
        department text,
        seniority text,
        buying_role text,
        locale text,
        consent text NOT NULL DEFAULT 'legitimate_interest'
          CHECK (consent IN ('opt_in', 'legitimate_interest', 'unsubscribed', 'do_not_contact')),
        consent_source text,
        consent_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX contacts_email_key ON contacts (email) WHERE email IS NOT NULL`);
    await db.query(`CREATE INDEX contacts_company_id_idx ON contacts (company_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['contacts', 'companies', 'app_settings', 'audit_log', 'mail_messages', 'sign_in_throttle', 'password_tokens', 'sessions', 'users']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
