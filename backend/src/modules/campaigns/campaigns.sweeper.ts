import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PeriodicSweep } from 'queue/periodic-sweep';
import { RuntimeContext } from 'runtime-context';
import { CampaignSender } from './campaign-sender';

/** On worker processes: starts scheduled campaigns when due and restarts stalled ones (see CampaignSender.sweep). */
@Injectable()
export class CampaignsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweep: PeriodicSweep;

  constructor(
    sender: CampaignSender,
    private readonly runtime: RuntimeContext,
  ) {
    this.sweep = new PeriodicSweep(new Logger('Campaigns'), 10_000, async () => {
      const { started, recovered } = await sender.sweep();
      return started || recovered ? `started ${started} scheduled campaign(s), restarted ${recovered} stalled one(s)` : null;
    });
  }

  onApplicationBootstrap(): void {
    this.sweep.start(this.runtime);
  }

  onApplicationShutdown(): void {
    this.sweep.stop();
  }
}
