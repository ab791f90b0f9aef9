// import: a CSV of N contacts with their companies (the demo generator's rows, written the way CRM
// exports look: mixed Chinese/English, odd case and spacing, phones in every format, ~1% in-file
// duplicates, ~0.5% rows to reject) imported end to end — read and parse the file, normalize and
// validate, COPY into staging, resolve identities, merge — with runImport into a freshly migrated
// database; then the same file again (must change nothing). Baseline, same run, same server: raw
// `COPY … FROM STDIN (FORMAT csv)` of the same file into an unindexed 16-column text table.
// Rounds alternate baseline and ours; medians are reported.
//   npm run bench -- import [--rows 1000000] [--rounds 3] [--baselineRounds 5] [--seed 42]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, machine, median, parseArgs, round, summary, tempDir } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const backend = createRequire(path.join(root, 'backend', 'dist', 'main.js'));
const { from: copyFrom } = backend('pg-copy-streams');
const { autoMapHeaders } = backend('@fulcrum/shared');
const { demoImportCsv, DEMO_IMPORT_HEADER } = backend('./modules/demo/demo-import-file');
const { readRowBatchesFromFile, readRowPieces, isRowProblem } = backend('./modules/imports/reader');
const { createImport, runImport, withoutHeader } = backend('./modules/imports/import-runs');
const { SEGMENT_BYTES } = backend('./modules/imports/import-staging');
const { runPendingMigrations } = backend('./database/migrate');

const options = parseArgs(process.argv.slice(2), { rows: 1_000_000, rounds: 3, baselineRounds: 5, seed: 42 });
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const rate = (rows, ms) => (rows * 1000) / ms;

// The file, generated once per run.
const dir = tempDir('import');
const file = path.join(dir, 'contacts.csv');
let started = performance.now();
const out = fs.openSync(file, 'w');
for (const chunk of demoImportCsv({ rows: options.rows, seed: options.seed })) fs.writeSync(out, chunk);
fs.closeSync(out);
const size = fs.statSync(file).size;
console.log(`import benchmark · ${machine()} · ${options.rows.toLocaleString('en-US')} rows, ${DEMO_IMPORT_HEADER.length} columns, ${(size / 2 ** 20).toFixed(0)} MiB (generated in ${seconds(performance.now() - started)})`);

const database = await createDatabase();
const admin = new pg.Client({ connectionString: database.url });
await admin.connect();
const server = (await admin.query(`SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb, current_setting('max_wal_size') AS wal`)).rows[0];
console.log(`PostgreSQL ${server.v} on the same machine (shared_buffers ${server.sb}, max_wal_size ${server.wal})`);

/** Raw COPY of the file into an unindexed table of text columns: what the server does at its fastest. */
async function baselineOnce() {
  await admin.query(`DROP TABLE IF EXISTS raw_contacts`);
  await admin.query(`CREATE TABLE raw_contacts (${DEMO_IMPORT_HEADER.map((_, i) => `c${i} text`).join(', ')})`);
  const start = performance.now();
  await pipeline(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), admin.query(copyFrom(`COPY raw_contacts FROM STDIN (FORMAT csv, HEADER true)`)));
  const ms = performance.now() - start;
  const { rows } = await admin.query(`SELECT count(*)::int AS n FROM raw_contacts`);
  if (rows[0].n !== options.rows) throw new Error(`baseline copied ${rows[0].n} rows, expected ${options.rows}`);
  await admin.query(`DROP TABLE raw_contacts`);
  return ms;
}

/** The header row's mapping, as the wizard proposes it. */
async function headerMapping() {
  for await (const batch of readRowBatchesFromFile(file)) {
    const at = batch.findIndex((item) => !isRowProblem(item));
    if (at >= 0) return autoMapHeaders(batch[at].cells).map((m) => m.field ?? null);
  }
  throw new Error('no header row');
}

/** The file's data rows as the import job reads a CSV: batches, then segments for the staging workers, the header taken off. */
function dataPieces() {
  return withoutHeader(readRowPieces(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), { segmentBytes: SEGMENT_BYTES }));
}

/** Times one runImport, with its staging and merge phases and its slowest merge statements. */
async function importOnce(db, label) {
  // The mapping comes from the header: peek at it before the import row is made.
  const mapping = await headerMapping();
  const importId = await createImport(db, { fileName: `${label}.csv`, mapping });
  const statements = [];
  const query = db.query.bind(db);
  let merging = null;
  db.query = (config, ...rest) => {
    const text = typeof config === 'string' ? config : config?.text;
    const at = performance.now();
    if (text?.includes(`status = 'merging'`)) merging = at;
    const result = query(config, ...rest);
    if (text && typeof result?.then === 'function') result.then(() => statements.push([text.replace(/\s+/g, ' ').trim().slice(0, 90), performance.now() - at]), () => {});
    return result;
  };
  const start = performance.now();
  try {
    const counts = await runImport(db, importId, dataPieces(), mapping, 'import');
    const ms = performance.now() - start;
    const slowest = statements.filter(([, t]) => t > 0.02 * ms).sort((a, b) => b[1] - a[1]);
    return { ms, staging: merging - start, merge: performance.now() - merging, counts, slowest };
  } finally {
    db.query = query;
  }
}

const baseline = [];
const ours = [];
const again = [];
const report = (name, run) => {
  console.log(
    `  ${name}: ${seconds(run.ms)} (${round(rate(options.rows, run.ms))} rows/s) · staging (read, parse, normalize, COPY) ${seconds(run.staging)} · merge ${seconds(run.merge)}`,
  );
  console.log(`    counts ${JSON.stringify(run.counts)}`);
  for (const [text, t] of run.slowest) console.log(`    ${seconds(t).padStart(8)}  ${text}`);
};
try {
  await baselineOnce(); // warm-up: the file in the page cache, the server's buffers
  for (let r = 0; r < Math.max(options.rounds, options.baselineRounds); r++) {
    if (r < options.baselineRounds) {
      const ms = await baselineOnce();
      baseline.push(ms);
      console.log(`round ${r + 1}: raw COPY ${seconds(ms)} (${round(rate(options.rows, ms))} rows/s)`);
    }
    if (r >= options.rounds) continue;
    // A freshly migrated database per round: the first import lands in an empty target database.
    const target = await createDatabase();
    const db = new pg.Client({ connectionString: target.url });
    try {
      await runPendingMigrations(target.url, () => undefined);
      await db.connect();
      const first = await importOnce(db, 'contacts');
      ours.push(first.ms);
      report(`round ${r + 1}: import`, first);
      const tables = (await db.query(`SELECT (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM identities)::int AS identities`)).rows[0];
      console.log(`    target database now: ${JSON.stringify(tables)}`);
      const before = (await db.query(`SELECT (SELECT count(*) FROM merge_log)::int AS log, (SELECT max(updated_at) FROM contacts) AS updated`)).rows[0];
      const second = await importOnce(db, 'contacts-again');
      again.push(second.ms);
      report(`round ${r + 1}: re-import`, second);
      const after = (await db.query(`SELECT (SELECT count(*) FROM merge_log)::int AS log, (SELECT max(updated_at) FROM contacts) AS updated`)).rows[0];
      const changed = second.counts.inserted + second.counts.updated + second.counts.companiesInserted + (after.log - before.log);
      if (changed !== 0 || String(after.updated) !== String(before.updated)) throw new Error(`the re-import changed rows: ${JSON.stringify({ counts: second.counts, before, after })}`);
    } finally {
      await db.end().catch(() => undefined);
      await target.drop();
    }
  }
  const baselineRate = rate(options.rows, median(baseline));
  const oursRate = rate(options.rows, median(ours));
  console.log(
    `median of ${baseline.length} raw COPY rounds ${seconds(median(baseline))} (${round(baselineRate)} rows/s); ` +
      `median of ${ours.length} imports ${seconds(median(ours))} (${round(oursRate)} rows/s); ` +
      `re-import ${seconds(median(again))} (${round(rate(options.rows, median(again)))} rows/s), 0 rows changed`,
  );
  summary('import', oursRate, baselineRate, 'rows/s');
} finally {
  await admin.end().catch(() => undefined);
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}
