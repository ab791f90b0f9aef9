import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Tags1795456672012 implements MigrationInterface {
  name = 'Tags1795456672012';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE tag_categories (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (btrim(name) <> ''),
        color text NOT NULL DEFAULT 'blue',
        sort int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX tag_categories_name_key ON tag_categories (lower(name))`);
    // A category with tags cannot be deleted (RESTRICT): the API asks to delete or move its tags first.
    await db.query(`
      CREATE TABLE tags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid NOT NULL REFERENCES tag_categories(id) ON DELETE RESTRICT,
        name text NOT NULL CHECK (btrim(name) <> ''),
        color text,
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX tags_category_name_key ON tags (category_id, lower(name))`);
    // The primary key (record, tag) answers "tags of this record"; (tag, record) answers "records with
    // this tag" by an index-only scan, which segments and usage counts rely on at a million contacts.
    for (const [table, column, parent] of [
      ['company_tags', 'company_id', 'companies'],
      ['contact_tags', 'contact_id', 'contacts'],
    ]) {
      await db.query(`
        CREATE TABLE ${table} (
          ${column} uuid NOT NULL REFERENCES ${parent}(id) ON DELETE CASCADE,
          tag_id uuid NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
          source text NOT NULL CHECK (source IN ('manual', 'import', 'rule', 'event')),
          source_detail text,
          created_by uuid REFERENCES users(id) ON DELETE SET NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (${column}, tag_id)
        )`);
      await db.query(`CREATE INDEX ${table}_tag_idx ON ${table} (tag_id, ${column})`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['contact_tags', 'company_tags', 'tags', 'tag_categories']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
