/**
 * The one typed map of every job: its queue and payload. `JobsService.add('mail.send', …)`
 * only compiles with the right payload, and the worker refuses to boot unless each job
 * here has exactly one `@JobHandler`.
 */
export const QUEUES = ['mail', 'demo', 'imports'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Render and send one `mail_messages` row. */
  'mail.send': { mailId: string };
  /** Load the seeded demo target database. */
  'demo.load': { companies: number; seed: number };
  /** Read, stage and merge one uploaded import (the wizard has saved its mapping). */
  'import.run': { importId: string };
}

export type JobName = keyof JobPayloads;

export const JOB_QUEUES: { readonly [K in JobName]: QueueName } = {
  'mail.send': 'mail',
  'demo.load': 'demo',
  'import.run': 'imports',
};

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];
