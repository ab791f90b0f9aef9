import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { EVENT_CHANGED_CHANNEL } from 'modules/events/event-changes';

const RETRY_MS = 5_000;

/**
 * Hears the events' changes (LISTEN on one connection of the pool, held for the process's life) and
 * passes each event id on; a lost connection is replaced after a few seconds.
 */
@Injectable()
export class EventChangesListener implements OnApplicationShutdown {
  private readonly logger = new Logger('EventChanges');
  private client?: PoolClient;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async listen(onChange: (eventId: string) => void): Promise<void> {
    if (this.stopped) return;
    try {
      const client = (await (this.db.driver as PostgresDriver).master.connect()) as PoolClient;
      this.client = client;
      client.on('notification', (message) => {
        if (message.channel === EVENT_CHANGED_CHANNEL && message.payload) onChange(message.payload);
      });
      client.on('error', (error) => this.lost(error, onChange));
      await client.query(`LISTEN ${EVENT_CHANGED_CHANNEL}`);
    } catch (error) {
      this.lost(error as Error, onChange);
    }
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    this.client?.release(true);
    this.client = undefined;
  }

  private lost(error: Error, onChange: (eventId: string) => void): void {
    if (this.stopped) return;
    this.logger.warn(`listening for event changes failed (${error.message}); again in ${RETRY_MS / 1000} s`);
    this.client?.release(true);
    this.client = undefined;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.listen(onChange), RETRY_MS);
    this.retry.unref();
  }
}
