/**
 * The one typed map of every job: its queue and payload. `JobsService.add('mail.send', …)`
 * only compiles with the right payload, and the worker refuses to boot unless each job
 * here has exactly one `@JobHandler`.
 */
export const QUEUES = ['mail', 'demo', 'imports', 'campaigns'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Render and send one `mail_messages` row. */
  'mail.send': { mailId: string };
  /** Load the seeded demo target database. */
  'demo.load': { companies: number; seed: number };
  /** Read, stage and merge one uploaded import (the wizard has saved its mapping). */
  'import.run': { importId: string };
  /**
   * One sending lane of a campaign: claims and sends batches until nothing is queued or the campaign
   * stops, or its time slice is up (then it queues its own continuation, `slice + 1`).
   */
  'campaign.send': { campaignId: string; generation: number; lane: number; slice?: number };
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUES: { readonly [K in JobName]: QueueName } = {
  'mail.send': 'mail',
  'demo.load': 'demo',
  'import.run': 'imports',
  'campaign.send': 'campaigns',
};

/**
 * Worker options per queue. Campaign lanes run for a minute at a time: a lane whose worker died is
 * noticed (its lock lapses) within about 20 s and started again by another worker, or the same one
 * restarted. Two lanes per worker process at most, so a campaign's lanes spread over the workers
 * (each lane is CPU-bound: rendering and MIME encoding) instead of piling onto the first to ask.
 */
export const QUEUE_WORKER_OPTIONS: Partial<Record<QueueName, { concurrency?: number; lockDuration?: number; stalledInterval?: number; maxStalledCount?: number }>> = {
  campaigns: { concurrency: 2, lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 100 },
};

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];
