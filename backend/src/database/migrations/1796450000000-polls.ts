import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Polls1796450000000 implements MigrationInterface {
  name = 'Polls1796450000000';

  async up(db: QueryRunner): Promise<void> {
    // Live polls, prepared as drafts at any time and launched in the room. Texts are plain text as typed
    // (never HTML). `opened_at`/`closed_at` are the last launch and close; `launched_at` the first launch,
    // which is what scoring counts ("answered / launched").
    await db.query(`
      CREATE TABLE polls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        question text NOT NULL CHECK (char_length(question) BETWEEN 1 AND 300),
        kind text NOT NULL CHECK (kind IN ('single', 'multiple')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
        show_results boolean NOT NULL DEFAULT false,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        launched_at timestamptz,
        opened_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status = 'draft' OR launched_at IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX polls_event_status_idx ON polls (event_id, status, opened_at DESC)`);
    await db.query(`
      CREATE TABLE poll_options (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        position int NOT NULL CHECK (position >= 0),
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 200),
        UNIQUE (poll_id, position)
      )`);
    // One answer per registration and poll, whatever the number of tabs or processes: the primary key.
    // A multiple-choice answer is one row holding its options; the service checks they belong to the
    // poll. Results are counted from these rows (never kept in a counter), so erasing a person's answer
    // leaves the counts consistent.
    await db.query(`
      CREATE TABLE poll_votes (
        poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        option_ids uuid[] NOT NULL CHECK (cardinality(option_ids) BETWEEN 1 AND 10),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (poll_id, registration_id)
      )`);
    // A person's answers (reconnect state, privacy export and erasure).
    await db.query(`CREATE INDEX poll_votes_registration_idx ON poll_votes (registration_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS poll_votes`);
    await db.query(`DROP TABLE IF EXISTS poll_options`);
    await db.query(`DROP TABLE IF EXISTS polls`);
  }
}
