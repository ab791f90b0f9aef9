import type { AppConfig } from 'config/env';
import type { QueueConnection } from 'queue/queue-connection';

/** What boot resolved before Nest starts: configuration, the database in use, the queue backend. */
export class RuntimeContext {
  constructor(
    readonly config: AppConfig,
    readonly databaseUrl: string,
    readonly databaseMode: 'embedded' | 'external',
    readonly queue: QueueConnection,
    /** HMAC key for signed links; JWT_SECRET or a random key kept in DATA_DIR. */
    readonly secret: string,
  ) {}
}
