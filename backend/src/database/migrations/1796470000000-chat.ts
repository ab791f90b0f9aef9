import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Chat1796470000000 implements MigrationInterface {
  name = 'Chat1796470000000';

  async up(db: QueryRunner): Promise<void> {
    // Live chat. Text is plain text as typed (never HTML). A message comes from a registration (an
    // attendee) or from the organizer (a console user posting as the organizer; no registration).
    await db.query(`
      CREATE TABLE chat_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        registration_id uuid REFERENCES registrations(id) ON DELETE CASCADE,
        from_organizer boolean NOT NULL DEFAULT false,
        posted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 300),
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'hidden')),
        moderated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        moderated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (from_organizer OR registration_id IS NOT NULL)
      )`);
    // "The last 100 shown messages of an event" (attendees) and "the last 100 of any status" (organizers).
    await db.query(`CREATE INDEX chat_messages_event_status_idx ON chat_messages (event_id, status, created_at DESC)`);
    await db.query(`CREATE INDEX chat_messages_event_idx ON chat_messages (event_id, created_at DESC)`);
    // A person's messages: the send rate limit, their pending ones on reconnect, privacy export and erasure.
    await db.query(`CREATE INDEX chat_messages_registration_idx ON chat_messages (registration_id, created_at) WHERE registration_id IS NOT NULL`);
    // Per-event chat settings; no row means the defaults (post-moderation).
    await db.query(`
      CREATE TABLE chat_settings (
        event_id uuid PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
        moderation text NOT NULL DEFAULT 'post' CHECK (moderation IN ('post', 'pre')),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS chat_settings`);
    await db.query(`DROP TABLE IF EXISTS chat_messages`);
  }
}
