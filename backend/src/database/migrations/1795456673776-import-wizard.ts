import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the import wizard and the `import.run` job keep per import: the uploaded file and how to
 * read it, the label its records are attributed to, live progress and a cancel request.
 */
export class ImportWizard1795456673776 implements MigrationInterface {
  name = 'ImportWizard1795456673776';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE imports DROP CONSTRAINT imports_status_check`);
    await db.query(`UPDATE imports SET status = 'uploaded' WHERE status = 'pending'`);
    await db.query(`
      ALTER TABLE imports
        ALTER COLUMN status SET DEFAULT 'uploaded',
        ADD CONSTRAINT imports_status_check
          CHECK (status IN ('uploaded', 'queued', 'staging', 'merging', 'done', 'failed', 'cancelled')),
        ADD COLUMN file_size bigint,
        ADD COLUMN stored_file text,
        ADD COLUMN format text CHECK (format IN ('csv', 'xlsx')),
        ADD COLUMN encoding text,
        ADD COLUMN delimiter text,
        ADD COLUMN sheet text,
        ADD COLUMN source text NOT NULL DEFAULT 'import',
        ADD COLUMN progress jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN cancel_requested boolean NOT NULL DEFAULT false,
        ADD COLUMN error_code text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE imports DROP CONSTRAINT imports_status_check`);
    await db.query(`UPDATE imports SET status = 'pending' WHERE status IN ('uploaded', 'queued')`);
    await db.query(`
      ALTER TABLE imports
        ALTER COLUMN status SET DEFAULT 'pending',
        ADD CONSTRAINT imports_status_check
          CHECK (status IN ('pending', 'staging', 'merging', 'done', 'failed', 'cancelled')),
        DROP COLUMN file_size,
        DROP COLUMN stored_file,
        DROP COLUMN format,
        DROP COLUMN encoding,
        DROP COLUMN delimiter,
        DROP COLUMN sheet,
        DROP COLUMN source,
        DROP COLUMN progress,
        DROP COLUMN cancel_requested,
        DROP COLUMN error_code`);
  }
}
