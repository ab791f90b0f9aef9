import type { Logger } from '@nestjs/common';
import type { RuntimeContext } from 'runtime-context';

/**
 * Time-based work read from the database (DESIGN: "a periodic sweep, so a restart loses nothing"):
 * runs `sweep` every `everyMs` on processes that run jobs (ROLE all or worker), never two at once
 * (a slow sweep is not overlapped by the next). `sweep` returns a line to log, or null when it did
 * nothing; a failure is logged and the next tick tries again.
 */
export class PeriodicSweep {
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    private readonly logger: Logger,
    private readonly everyMs: number,
    private readonly sweep: () => Promise<string | null>,
  ) {}

  start(runtime: RuntimeContext): void {
    if (runtime.config.ROLE === 'api') return;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const done = await this.sweep();
      if (done) this.logger.log(done);
    } catch (error) {
      this.logger.warn(`sweep failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
