import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventMaterials1796420090051 implements MigrationInterface {
  name = 'EventMaterials1796420090051';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event_materials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        title text NOT NULL,
        file_name text NOT NULL,
        content_type text NOT NULL,
        size_bytes bigint NOT NULL,
        -- Relative to DATA_DIR/materials.
        stored_file text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX event_materials_event_idx ON event_materials (event_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS event_materials`);
  }
}
