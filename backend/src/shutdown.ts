import type { INestApplicationContext } from '@nestjs/common';
import type { EmbeddedDatabase } from 'database/embedded-postgres';

/** SIGINT/SIGTERM: stop taking work, finish what is running, then stop the embedded database. */
export function installShutdown(app: INestApplicationContext, embedded: EmbeddedDatabase | null): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    process.stdout.write(`[fulcrum] ${signal}: shutting down\n`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await app.close();
    } finally {
      await embedded?.stop();
      process.exit(0);
    }
  };
  process.on('SIGINT', (signal) => void close(signal));
  process.on('SIGTERM', (signal) => void close(signal));
}
