import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import Redis from 'ioredis';
import { ConfigError, loadConfig, type AppConfig } from 'config/env';
import { startEmbeddedPostgres, EmbeddedPostgresError, type EmbeddedDatabase } from 'database/embedded-postgres';
import { runPendingMigrations } from 'database/migrate';
import { prepareQueueConnection } from 'queue/queue-connection';
import { RuntimeContext } from 'runtime-context';

export class BootError extends Error {}

export interface Booted {
  runtime: RuntimeContext;
  embedded: EmbeddedDatabase | null;
}

const log = (message: string) => process.stdout.write(`[fulcrum] ${message}\n`);

/**
 * Everything that must hold before Nest starts: valid configuration, a reachable and migrated
 * database (embedded when DATABASE_URL is unset), and a reachable queue backend.
 */
export async function boot(env: NodeJS.ProcessEnv = process.env): Promise<Booted> {
  const config = loadConfig(env);
  fs.mkdirSync(config.dataDir, { recursive: true });

  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.DATABASE_URL;
  if (!databaseUrl) {
    const started = Date.now();
    embedded = await startEmbeddedPostgres(config.dataDir, log);
    databaseUrl = embedded.url;
    log(`embedded PostgreSQL ready on 127.0.0.1:${embedded.port} in ${Date.now() - started} ms (data in ${path.join(config.dataDir, 'pg')})`);
  }
  try {
    await checkDatabase(databaseUrl, config.DATABASE_URL ? 'DATABASE_URL' : 'the embedded database');
    if (config.REDIS_URL) await checkRedis(config.REDIS_URL);
    await runPendingMigrations(databaseUrl, log);
    const queue = await prepareQueueConnection(config.REDIS_URL, databaseUrl, config.QUEUE_PREFIX);
    const runtime = new RuntimeContext(config, databaseUrl, embedded ? 'embedded' : 'external', queue, resolveSecret(config));
    return { runtime, embedded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

/** Prints a boot failure as one clear message (no stack for expected problems) and exits. */
export function exitOnBootFailure(error: unknown): never {
  const expected = error instanceof ConfigError || error instanceof BootError || error instanceof EmbeddedPostgresError;
  process.stderr.write(`\n[fulcrum] cannot start: ${expected ? (error as Error).message : String((error as Error)?.stack ?? error)}\n\n`);
  process.exit(1);
}

function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
}

async function checkDatabase(url: string, source: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    if (Number(version.rows[0].server_version_num) < 130000) {
      throw new BootError(`PostgreSQL 13 or newer is required (${source} runs ${version.rows[0].server_version_num}).`);
    }
  } catch (error) {
    if (error instanceof BootError) throw error;
    throw new BootError(`Cannot reach PostgreSQL at ${describeUrl(url)} (${source}): ${(error as Error).message}. Check that it runs and DATABASE_URL is right, or unset DATABASE_URL to use the embedded database.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 5_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const parsed = new URL(url);
    throw new BootError(`Cannot reach Redis at ${parsed.hostname}:${parsed.port || 6379} (REDIS_URL): ${(error as Error).message}. Check that it runs, or unset REDIS_URL to run jobs on PostgreSQL.`);
  } finally {
    redis.disconnect();
  }
}

function resolveSecret(config: AppConfig): string {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const file = path.join(config.dataDir, 'secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
