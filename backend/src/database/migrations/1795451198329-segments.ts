import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Segments1795451198329 implements MigrationInterface {
  name = 'Segments1795451198329';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE segments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        target text NOT NULL CHECK (target IN ('contacts', 'companies')),
        filter jsonb NOT NULL,
        cached_count int,
        counted_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX segments_name_key ON segments (lower(name))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE segments`);
  }
}
