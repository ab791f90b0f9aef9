import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Worker, type Job } from 'bullmq';
import { RuntimeContext } from 'runtime-context';
import { JOB_HANDLER } from './job-handler.decorator';
import { JOB_NAMES, JOB_QUEUES, QUEUE_WORKER_OPTIONS, QUEUES, type JobName } from './jobs';

type Handler = (job: Job) => Promise<unknown>;

export class JobHandlerRegistrationError extends Error {}

/**
 * Finds every `@JobHandler` method, refuses to start unless each job of the map has exactly one,
 * and runs one BullMQ worker per queue that dispatches by job name.
 */
@Injectable()
export class JobsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('JobsWorker');
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly runtime: RuntimeContext,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.collectHandlers();
    for (const queue of QUEUES) {
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name as JobName);
          if (!handler) throw new Error(`No handler for job ${job.name}`);
          return handler(job);
        },
        {
          connection: this.runtime.queue.connection as never,
          prefix: this.runtime.queue.prefix,
          concurrency: this.runtime.config.WORKER_CONCURRENCY,
          ...QUEUE_WORKER_OPTIONS[queue],
        },
      );
      worker.on('failed', (job, error) =>
        this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
      );
      worker.on('error', (error) => this.logger.error(`worker ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    this.logger.log(`processing ${JOB_NAMES.length} job types on ${QUEUES.length} queues (${this.runtime.queue.backend} backend)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  private collectHandlers(): Map<JobName, Handler> {
    const found = new Map<string, string[]>();
    const handlers = new Map<JobName, Handler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const name = this.reflector.get<JobName | undefined>(JOB_HANDLER, fn);
        if (!name) continue;
        const where = `${instance.constructor.name}.${method}`;
        found.set(name, [...(found.get(name) ?? []), where]);
        handlers.set(name, (job) => fn.call(instance, job) as Promise<unknown>);
      }
    }
    const problems: string[] = [];
    for (const name of JOB_NAMES) {
      const places = found.get(name) ?? [];
      if (places.length === 0) problems.push(`job "${name}" (queue ${JOB_QUEUES[name]}) has no @JobHandler`);
      if (places.length > 1) problems.push(`job "${name}" has ${places.length} handlers: ${places.join(', ')}`);
    }
    for (const name of found.keys()) {
      if (!(JOB_NAMES as string[]).includes(name)) problems.push(`@JobHandler("${name}") names a job missing from queue/jobs.ts`);
    }
    if (problems.length) throw new JobHandlerRegistrationError(`Job handlers are not one per job:\n  - ${problems.join('\n  - ')}`);
    return handlers;
  }
}
