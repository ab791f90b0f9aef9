import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import type { QueueConnection } from './queue-connection';
import { QUEUES } from './jobs';
import { JobsService } from './jobs.service';
import { JobsWorker } from './jobs.worker';

@Global()
@Module({})
export class QueueModule {
  static forRoot(queue: QueueConnection, runWorkers: boolean): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRoot({ connection: queue.connection as never, prefix: queue.prefix }),
        BullModule.registerQueue(...QUEUES.map((name) => ({ name }))),
      ],
      providers: [JobsService, ...(runWorkers ? [JobsWorker] : [])],
      exports: [JobsService, BullModule],
    };
  }
}
