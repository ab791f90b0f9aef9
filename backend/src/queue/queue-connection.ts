import { createPostgresBackend, runMigrations, setDefaultBackendFactory } from 'bullmq';
import { Client } from 'pg';

export type QueueBackend = 'redis' | 'postgres';

export interface QueueConnection {
  backend: QueueBackend;
  /** Passed as BullMQ's `connection` option. */
  connection: unknown;
  /** Redis key prefix (the PostgreSQL backend namespaces by schema instead). */
  prefix: string;
}

const QUEUE_SCHEMA = 'bullmq';

/**
 * REDIS_URL set: BullMQ on Redis. Otherwise BullMQ's PostgreSQL backend in our own database,
 * in its own schema. Its schema migration runs once here, before any queue is used in parallel.
 */
export async function prepareQueueConnection(redisUrl: string | undefined, databaseUrl: string, prefix = 'fulcrum'): Promise<QueueConnection> {
  if (redisUrl) {
    const url = new URL(redisUrl);
    setDefaultBackendFactory(undefined);
    return {
      backend: 'redis',
      prefix,
      connection: {
        host: url.hostname,
        port: Number(url.port || 6379),
        username: url.username ? decodeURIComponent(url.username) : undefined,
        password: url.password ? decodeURIComponent(url.password) : undefined,
        db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
        tls: url.protocol === 'rediss:' ? {} : undefined,
        maxRetriesPerRequest: null,
      },
    };
  }
  setDefaultBackendFactory(createPostgresBackend);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${QUEUE_SCHEMA}`);
    await runMigrations(client, QUEUE_SCHEMA);
  } finally {
    await client.end();
  }
  return { backend: 'postgres', prefix, connection: { connectionString: databaseUrl, schema: QUEUE_SCHEMA, max: 10 } };
}
