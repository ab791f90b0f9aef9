import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicSweep } from 'queue/periodic-sweep';
import { RuntimeContext } from 'runtime-context';
import { RemindersService } from './reminders.service';

/** On worker processes: sends the reminders and rescheduling notices that are due (see RemindersService). */
@Injectable()
export class RemindersSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep: PeriodicSweep;

  constructor(
    reminders: RemindersService,
    private readonly runtime: RuntimeContext,
  ) {
    this.sweep = new PeriodicSweep(new Logger('Reminders'), 30_000, async () => {
      const { reminders: queued, rescheduled } = await reminders.sweep();
      return queued || rescheduled ? `queued ${queued} reminder(s) and ${rescheduled} rescheduling notice(s)` : null;
    });
  }

  onApplicationBootstrap(): void {
    this.sweep.start(this.runtime);
  }

  onApplicationShutdown(): void {
    this.sweep.stop();
  }
}
