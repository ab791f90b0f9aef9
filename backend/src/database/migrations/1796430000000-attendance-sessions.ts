import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AttendanceSessions1796430000000 implements MigrationInterface {
  name = 'AttendanceSessions1796430000000';

  async up(db: QueryRunner): Promise<void> {
    // Presence in the live room: one row per stretch of watching, the input of watch minutes.
    await db.query(`
      CREATE TABLE attendance_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        registration_id uuid NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        mode text NOT NULL CHECK (mode IN ('live', 'replay')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        left_at timestamptz,
        CHECK (left_at IS NULL OR left_at >= joined_at)
      )`);
    // Several tabs of one person share one open session per mode, so watch time never double counts.
    await db.query(`CREATE UNIQUE INDEX attendance_sessions_open_idx ON attendance_sessions (registration_id, mode) WHERE left_at IS NULL`);
    // "In the room now" per event, and the sweep of sessions whose process died.
    await db.query(`CREATE INDEX attendance_sessions_event_open_idx ON attendance_sessions (event_id) WHERE left_at IS NULL`);
    await db.query(`CREATE INDEX attendance_sessions_stale_idx ON attendance_sessions (last_seen_at) WHERE left_at IS NULL`);
    await db.query(`CREATE INDEX attendance_sessions_event_registration_idx ON attendance_sessions (event_id, registration_id, joined_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS attendance_sessions`);
  }
}
