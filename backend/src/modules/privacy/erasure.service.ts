import fs from 'node:fs';
import path from 'node:path';
import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { normalizeEmail, type EraseResult, type SessionUser } from '@fulcrum/shared';
import type { z } from 'zod';
import type { eraseRequestSchema } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { OutboxTransport, type MailTransport } from 'modules/mail/mail-transport';
import { MAIL_TRANSPORT } from 'modules/mail/mail.tokens';
import { loadSubject, runErasureSteps, type PersonSubject } from './person-data';
import { contactNotFound } from './people.service';
import { sha256 } from './suppression-check';
import { MERGE_LOCK_SQL, upsertSuppressions } from './suppressions.service';

/** The confirmation must name this contact: its id, or its e-mail address as typed (normalized). */
function confirms(subject: PersonSubject, confirm: string): boolean {
  if (confirm.trim().toLowerCase() === subject.contactId) return true;
  if (subject.contactEmail === null) return false;
  const email = normalizeEmail(confirm);
  return email.ok && email.value === subject.contactEmail.toLowerCase();
}

@Injectable()
export class ErasureService {
  private readonly logger = new Logger('Privacy');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  /**
   * Erases one person in one transaction: every step of ERASURE_STEPS (mail, tags, merge history,
   * import report cells, audit details, identities, the contact), then their suppressions kept as
   * do-not-contact or removed, and an audit record holding only the SHA-256 of each address and the
   * counts. Serialized with imports (their merge lock), so an import running at the same time either
   * finished before (and its rows are erased) or starts after (and meets the suppression).
   */
  async erase(id: string, request: z.output<typeof eraseRequestSchema>, actor: SessionUser): Promise<EraseResult> {
    return this.db.transaction(async (manager) => {
      await manager.query(MERGE_LOCK_SQL);
      const subject = await loadSubject(manager, id, true);
      if (!subject) throw contactNotFound(id);
      if (!confirms(subject, request.confirm)) {
        throw new AppException(
          HttpStatus.BAD_REQUEST,
          'privacy.confirmation_mismatch',
          subject.contactEmail ? "The confirmation must repeat the contact's e-mail address" : "The confirmation must repeat the contact's id",
          [{ path: 'confirm', message: 'Does not match this contact' }],
        );
      }
      const mailIds: Array<{ id: string }> = await manager.query(`SELECT id FROM mail_messages WHERE lower(to_address) = ANY($1::text[])`, [subject.emails]);

      const removed = await runErasureSteps(manager, subject);
      if (request.keepSuppressed) {
        // Only the addresses: a phone number may be a shared office line, and suppressing it would reach colleagues.
        await upsertSuppressions(manager, subject.emails.map((value) => ({ kind: 'email' as const, value })), 'do_not_contact', 'erasure');
      } else {
        const [{ n }]: Array<{ n: number }> = await manager.query(
          `WITH d AS (DELETE FROM suppressions WHERE (kind = 'email' AND value = ANY($1::text[])) OR (kind = 'phone' AND value = ANY($2::text[])) RETURNING 1)
           SELECT count(*)::int AS n FROM d`,
          [subject.emails, subject.phones],
        );
        removed.suppressions = n;
      }
      removed.outboxFiles = await this.removeOutboxFiles(mailIds.map((row) => row.id));

      const emailSha256 = subject.emails.map(sha256).sort();
      await this.audit.record(
        {
          actorUserId: actor.id,
          action: 'privacy.erase',
          subjectType: 'contact',
          subjectId: id,
          data: { emailSha256, keptOnSuppressionList: request.keepSuppressed, removed },
        },
        manager,
      );
      return { contactId: id, emailSha256, keptOnSuppressionList: request.keepSuppressed, removed };
    });
  }

  /**
   * The `.eml` outbox (embedded mode) keeps a copy of each message sent: those to the person go too.
   * Done before the commit; if the commit failed, only copies of sent mail would be missing.
   */
  private async removeOutboxFiles(mailIds: string[]): Promise<number> {
    if (!(this.transport instanceof OutboxTransport) || mailIds.length === 0) return 0;
    const directory = this.transport.directory;
    const suffixes = mailIds.flatMap((mailId) => [`-${mailId}.eml`, `-${mailId}.json`]);
    let count = 0;
    for (const file of await fs.promises.readdir(directory)) {
      if (!suffixes.some((suffix) => file.endsWith(suffix))) continue;
      try {
        await fs.promises.rm(path.join(directory, file), { force: true });
        count++;
      } catch (error) {
        this.logger.warn(`could not remove outbox file ${file}: ${(error as Error).message}`);
      }
    }
    return count;
  }
}
