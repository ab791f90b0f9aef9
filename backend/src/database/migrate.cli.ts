import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { exitOnBootFailure } from 'boot';
import { loadConfig } from 'config/env';
import { dataSourceOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';
import { runPendingMigrations } from './migrate';

/** `npm run migration:run` applies pending migrations; `... -- show` lists them. Boot also migrates. */
async function main(): Promise<void> {
  const command = process.argv[2] ?? 'run';
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.dataDir, console.log);
  const url = config.DATABASE_URL ?? (embedded?.url as string);
  try {
    if (command === 'show') {
      const dataSource = await new DataSource(dataSourceOptions(url, 1)).initialize();
      const pending = await dataSource.showMigrations();
      const applied: Array<{ name: string }> = await dataSource.query('SELECT name FROM migrations ORDER BY id').catch(() => []);
      console.log(`applied: ${applied.map((m) => m.name).join(', ') || '(none)'}\npending: ${pending ? 'yes' : 'none'}`);
      await dataSource.destroy();
    } else {
      const applied = await runPendingMigrations(url, console.log);
      console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch(exitOnBootFailure);
