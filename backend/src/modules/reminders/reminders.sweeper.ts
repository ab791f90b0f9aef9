import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RuntimeContext } from 'runtime-context';
import { RemindersService } from './reminders.service';

const SWEEP_EVERY_MS = 30_000;

/** On worker processes: sends the reminders and rescheduling notices that are due (see RemindersService). */
@Injectable()
export class RemindersSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly reminders: RemindersService,
    private readonly runtime: RuntimeContext,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runtime.config.ROLE === 'api') return;
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    // A slow sweep (a big event's reminders) is not overlapped by the next one.
    if (this.running) return;
    this.running = true;
    try {
      const { reminders, rescheduled } = await this.reminders.sweep();
      if (reminders || rescheduled) this.logger.log(`queued ${reminders} reminder(s) and ${rescheduled} rescheduling notice(s)`);
    } catch (error) {
      this.logger.warn(`sweep failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
