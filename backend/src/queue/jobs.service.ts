import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUES, QUEUES, type JobName, type JobPayloads, type QueueName } from './jobs';

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** Typed producer over the BullMQ queues: the payload must match the job map. */
@Injectable()
export class JobsService {
  constructor(private readonly moduleRef: ModuleRef) {}

  async add<K extends JobName>(name: K, data: JobPayloads[K], options: JobsOptions = {}): Promise<void> {
    await this.queue(JOB_QUEUES[name]).add(name, data, { ...DEFAULT_JOB_OPTIONS, ...options });
  }

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async counts(): Promise<Record<string, number>> {
    const totals: Record<string, number> = {};
    for (const name of QUEUES) {
      const counts = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      for (const [state, count] of Object.entries(counts)) totals[state] = (totals[state] ?? 0) + count;
    }
    return totals;
  }
}
