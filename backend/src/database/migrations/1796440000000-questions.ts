import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Questions1796440000000 implements MigrationInterface {
  name = 'Questions1796440000000';

  async up(db: QueryRunner): Promise<void> {
    // Live Q&A. Text is plain text as typed (never HTML); `upvotes` is kept in step with question_votes
    // in the transaction that inserts a vote, so lists sort without counting.
    await db.query(`
      CREATE TABLE questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
        anonymous boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'hidden')),
        answered_at timestamptz,
        answer_text text CHECK (answer_text IS NULL OR char_length(answer_text) <= 2000),
        pinned boolean NOT NULL DEFAULT false,
        upvotes int NOT NULL DEFAULT 0 CHECK (upvotes >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX questions_event_status_idx ON questions (event_id, status, pinned DESC, upvotes DESC, created_at)`);
    // A person's questions (reconnect state, the ask rate limit, privacy export and erasure).
    await db.query(`CREATE INDEX questions_registration_idx ON questions (registration_id, created_at)`);
    // One vote per registration and question, whatever the number of tabs or processes.
    await db.query(`
      CREATE TABLE question_votes (
        question_id uuid NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (question_id, registration_id)
      )`);
    await db.query(`CREATE INDEX question_votes_registration_idx ON question_votes (registration_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS question_votes`);
    await db.query(`DROP TABLE IF EXISTS questions`);
  }
}
