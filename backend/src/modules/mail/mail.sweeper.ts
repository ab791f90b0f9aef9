import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicSweep } from 'queue/periodic-sweep';
import { RuntimeContext } from 'runtime-context';
import { MailService } from './mail.service';

/** On worker processes: re-queues mail rows that never reached the queue. */
@Injectable()
export class MailSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep: PeriodicSweep;

  constructor(
    mail: MailService,
    private readonly runtime: RuntimeContext,
  ) {
    this.sweep = new PeriodicSweep(new Logger('MailSweeper'), 60_000, async () => {
      const count = await mail.requeueStranded();
      return count ? `re-queued ${count} stranded message(s)` : null;
    });
  }

  onApplicationBootstrap(): void {
    this.sweep.start(this.runtime);
  }

  onApplicationShutdown(): void {
    this.sweep.stop();
  }
}
