import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RuntimeContext } from 'runtime-context';
import { MailService } from './mail.service';

const SWEEP_EVERY_MS = 60_000;

/** On worker processes: re-queues mail rows that never reached the queue. */
@Injectable()
export class MailSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MailSweeper');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly mail: MailService,
    private readonly runtime: RuntimeContext,
  ) {}

  onApplicationBootstrap(): void {
    if (this.runtime.config.ROLE === 'api') return;
    this.timer = setInterval(() => {
      this.mail
        .requeueStranded()
        .then((count) => count && this.logger.log(`re-queued ${count} stranded message(s)`))
        .catch((error: Error) => this.logger.warn(`sweep failed: ${error.message}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }
}
