import { SetMetadata } from '@nestjs/common';
import type { JobName } from './jobs';

export const JOB_HANDLER = 'fulcrum:job-handler';

/** Marks a provider method as the handler of one job. It receives the BullMQ job. */
export const JobHandler = (name: JobName) => SetMetadata(JOB_HANDLER, name);
