import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '@fulcrum/shared';

export type MailStatus = 'queued' | 'sent' | 'failed';

/**
 * Every email Fulcrum sends is a row first; the `mail.send` job carries only its id, so a
 * retried or duplicated job finds the row already `sent` and sends nothing.
 */
@Entity({ name: 'mail_messages' })
export class MailMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Optional business key (e.g. `password-reset:<token hash>`): the same key is never queued twice. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true, unique: true })
  dedupeKey: string | null;

  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'text' })
  locale: Locale;

  @Column({ name: 'to_address', type: 'text' })
  toAddress: string;

  @Column({ type: 'jsonb' })
  context: Record<string, unknown>;

  @Column({ type: 'text', default: 'queued' })
  status: MailStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
