import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Job } from 'bullmq';
import type { Locale } from '@fulcrum/shared';
import { JobsService } from 'queue/jobs.service';
import { JobHandler } from 'queue/job-handler.decorator';
import type { JobPayloads } from 'queue/jobs';
import { RuntimeContext } from 'runtime-context';
import { MailMessageEntity } from './mail-message.entity';
import { MailTemplates, type MailTemplateContexts, type MailTemplateName } from './mail-templates';
import { MAIL_TRANSPORT } from './mail.tokens';
import type { MailTransport } from './mail-transport';

export interface QueueMailRequest<K extends MailTemplateName> {
  template: K;
  to: string;
  locale: Locale;
  context: MailTemplateContexts[K];
  /** The same key is queued once, however often this is called. */
  dedupeKey?: string;
}

@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly templates: MailTemplates,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly runtime: RuntimeContext,
  ) {}

  /**
   * Records the message, then queues its sending. Pass the caller's transaction manager so the
   * message exists exactly when the change that caused it commits.
   */
  async queue<K extends MailTemplateName>(request: QueueMailRequest<K>, manager: EntityManager = this.db.manager): Promise<string | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(MailMessageEntity)
      .values({
        template: request.template,
        toAddress: request.to,
        locale: request.locale,
        context: request.context as never,
        dedupeKey: request.dedupeKey ?? null,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id ?? null;
    if (id && !manager.queryRunner?.isTransactionActive) await this.enqueue(id);
    return id;
  }

  /** Called after the transaction that queued mail commits. */
  async enqueue(mailId: string): Promise<void> {
    await this.jobs.add('mail.send', { mailId }, { jobId: `mail-${mailId}` });
  }

  @JobHandler('mail.send')
  async send(job: Job<JobPayloads['mail.send']>): Promise<void> {
    const repository = this.db.getRepository(MailMessageEntity);
    const message = await repository.findOneBy({ id: job.data.mailId });
    if (!message || message.status === 'sent') return;
    try {
      // Rendering is part of the attempt: a failure (e.g. drawing the QR code) is recorded and retried.
      const rendered = await this.templates.render(message.template as MailTemplateName, message.locale, message.context as never);
      const { messageId } = await this.transport.send({
        id: message.id,
        from: this.runtime.config.MAIL_FROM,
        to: message.toAddress,
        ...rendered,
      });
      await repository.update({ id: message.id }, { status: 'sent', sentAt: new Date(), messageId, attempts: message.attempts + 1, lastError: null });
    } catch (error) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await repository.update(
        { id: message.id },
        { attempts: message.attempts + 1, lastError: (error as Error).message.slice(0, 1000), status: lastAttempt ? 'failed' : 'queued' },
      );
      this.logger.warn(`sending ${message.template} to ${message.toAddress} failed: ${(error as Error).message}`);
      throw error;
    }
  }

  /** Mail recorded but never handed to the queue (a crash between commit and enqueue) is queued again. */
  async requeueStranded(olderThanSeconds = 120): Promise<number> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM mail_messages WHERE status = 'queued' AND created_at < now() - make_interval(secs => $1) LIMIT 1000`,
      [olderThanSeconds],
    );
    for (const row of rows) await this.enqueue(row.id);
    return rows.length;
  }
}
