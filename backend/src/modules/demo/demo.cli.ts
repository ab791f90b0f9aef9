import { Client } from 'pg';
import { exitOnBootFailure } from 'boot';
import { loadConfig } from 'config/env';
import { startEmbeddedPostgres } from 'database/embedded-postgres';
import { runPendingMigrations } from 'database/migrate';
import { DEMO_MAX_COMPANIES, generateDemoCompanies } from './demo-generator';
import { DEMO_BATCH_COMPANIES, type DemoBatch, ensureDemoSalesOwners, insertDemoBatch } from './demo-loader';

const USAGE = `usage: npm run demo -- [--companies N] [--seed S] [--force]
  Loads the seeded demo target database (N companies, about 5.5 contacts each, with identities) into
  DATABASE_URL, or the embedded database in DATA_DIR. Refuses a database that already has companies
  unless --force (ids are deterministic: rows already there are kept, the rest added).`;

function parseArgs(argv: string[]): { companies: number; seed: number; force: boolean } {
  const options = { companies: 3000, seed: 42, force: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--force') options.force = true;
    else if (arg === '--companies' || arg === '--seed') {
      const value = Number(argv[++i]);
      if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${arg} needs a non-negative integer\n${USAGE}`);
      options[arg === '--companies' ? 'companies' : 'seed'] = value;
    } else {
      throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  if (options.companies < 1 || options.companies > DEMO_MAX_COMPANIES) throw new Error(`--companies must be between 1 and ${DEMO_MAX_COMPANIES}`);
  return options;
}

/** `npm run demo -- --companies 200000`: a demo target database of any size, straight into the database (no queue). */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  const { companies: target, seed, force } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.dataDir, console.log);
  const url = config.DATABASE_URL ?? (embedded?.url as string);
  const db = new Client({ connectionString: url });
  try {
    await runPendingMigrations(url, console.log);
    await db.connect();
    const query = (sql: string, params?: unknown[]) => db.query(sql, params);
    const existing = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM companies`)).rows[0].n);
    if (existing > 0 && !force) throw new Error(`the target database already has ${existing} companies (use --force to add the demo anyway)`);
    const owners = await ensureDemoSalesOwners(query);
    const started = Date.now();
    let done = 0;
    let reported = 0;
    let batch: DemoBatch = [];
    const flush = async () => {
      await db.query('BEGIN');
      try {
        await insertDemoBatch(query, batch, owners);
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
      done += batch.length;
      batch = [];
      if (done - reported >= target / 20 || done === target) {
        reported = done;
        console.log(`${done} / ${target} companies (${Math.round((Date.now() - started) / 1000)} s)`);
      }
    };
    for (const item of generateDemoCompanies({ companies: target, seed })) {
      batch.push(item);
      if (batch.length === DEMO_BATCH_COMPANIES) await flush();
    }
    if (batch.length > 0) await flush();
    await db.query(
      `INSERT INTO app_settings (key, value) VALUES ('demo', $1)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [{ state: 'loaded', progress: 1, error: null, target }],
    );
    await db.query('ANALYZE companies, contacts, identities');
    const counts = (await db.query<{ companies: number; contacts: number }>(
      `SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM contacts)::int AS contacts`,
    )).rows[0];
    console.log(`demo loaded in ${Math.round((Date.now() - started) / 1000)} s: the target database has ${counts.companies} companies and ${counts.contacts} contacts`);
  } finally {
    await db.end().catch(() => undefined);
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof Error && !(error as { code?: string }).code && /^(unknown option|--|the target database)/.test(error.message)) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  exitOnBootFailure(error);
});
