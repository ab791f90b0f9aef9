import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Engagement1796480000000 implements MigrationInterface {
  name = 'Engagement1796480000000';

  async up(db: QueryRunner): Promise<void> {
    // An event's calls to action and end-of-event survey: small lists edited with the event and read with
    // it, so they are jsonb columns validated by the shared zod schemas (ctaListSchema, surveyQuestionListSchema).
    await db.query(`ALTER TABLE events ADD COLUMN ctas jsonb NOT NULL DEFAULT '[]'::jsonb, ADD COLUMN survey jsonb NOT NULL DEFAULT '[]'::jsonb`);

    // Every download is a row (scoring saturates); a material deleted takes its counts with it, the
    // activity log keeps what happened.
    await db.query(`
      CREATE TABLE downloads (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        material_id uuid NOT NULL REFERENCES event_materials(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX downloads_event_material_idx ON downloads (event_id, material_id, registration_id)`);
    await db.query(`CREATE INDEX downloads_registration_idx ON downloads (registration_id, created_at)`);

    // A button is identified by its id in events.ctas; its kind, label and address are copied as they were
    // when clicked, since the organizer may change the button later.
    await db.query(`
      CREATE TABLE cta_clicks (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        cta_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('book_meeting', 'request_demo', 'custom')),
        label text,
        url text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cta_clicks_event_idx ON cta_clicks (event_id, cta_id, registration_id)`);
    await db.query(`CREATE INDEX cta_clicks_registration_idx ON cta_clicks (registration_id, created_at)`);

    // One response per registration, changed in place while the survey is open; answers by question id.
    await db.query(`
      CREATE TABLE survey_responses (
        registration_id uuid PRIMARY KEY REFERENCES registrations(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        answers jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX survey_responses_event_idx ON survey_responses (event_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS survey_responses`);
    await db.query(`DROP TABLE IF EXISTS cta_clicks`);
    await db.query(`DROP TABLE IF EXISTS downloads`);
    await db.query(`ALTER TABLE events DROP COLUMN IF EXISTS ctas, DROP COLUMN IF EXISTS survey`);
  }
}
