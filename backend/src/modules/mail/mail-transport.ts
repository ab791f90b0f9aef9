import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SmtpDeliveryPool } from './smtp-delivery-pool';
import type { OutboxAttachment, OutboxMessage, OutboxMessageSummary } from '@fulcrum/shared';

/** An iCalendar entry: sent as the text/calendar alternative mail clients offer to add, and as an .ics file. */
export interface MailCalendarEvent {
  method: string;
  filename: string;
  content: string;
}

/** A file; with a `cid` it is an inline image the HTML shows with `<img src="cid:…">`. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  cid?: string;
}

export interface OutgoingMail {
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  icalEvent?: MailCalendarEvent;
  attachments?: MailAttachment[];
}

const messageIdOf = (mail: OutgoingMail) => `<${mail.id}@fulcrum>`;

function toNodemailer(mail: OutgoingMail): SendMailOptions {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    headers: mail.headers,
    messageId: messageIdOf(mail),
    icalEvent: mail.icalEvent,
    attachments: mail.attachments,
  };
}

function attachmentSummaries(mail: OutgoingMail): OutboxAttachment[] {
  const calendar = mail.icalEvent
    ? [
        {
          filename: mail.icalEvent.filename,
          contentType: `text/calendar; method=${mail.icalEvent.method}`,
          sizeBytes: Buffer.byteLength(mail.icalEvent.content, 'utf8'),
        },
      ]
    : [];
  const files = (mail.attachments ?? []).map(({ filename, contentType, content }) => ({ filename, contentType, sizeBytes: content.length }));
  return [...calendar, ...files];
}

/** Where mail goes: a pooled SMTP server, or `.eml` files in DATA_DIR/outbox. */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  /**
   * Sends `mail`, calling `commit` (which records it as sent) at the last moment before the server
   * accepts it; a commit that throws abandons the message. What a crash leaves behind is then either
   * recorded or not delivered: campaigns resend unrecorded rows without ever sending twice.
   */
  deliverCommitted(mail: OutgoingMail, commit: () => Promise<void>): Promise<{ messageId: string; response: string }>;
  close(): void;
}

/** The raw MIME message nodemailer would send. */
export async function buildMime(mail: OutgoingMail): Promise<Buffer> {
  return new MailComposer(toNodemailer(mail) as never).compile().build();
}

function addressOf(header: string): string {
  return /<([^>]+)>/.exec(header)?.[1] ?? header.trim();
}

export class SmtpTransport implements MailTransport {
  readonly kind = 'smtp';
  private readonly transporter: Transporter;

  private readonly deliveries: SmtpDeliveryPool;

  constructor(url: string) {
    this.transporter = nodemailer.createTransport({ url, pool: true, maxConnections: 5, maxMessages: 500 } as never);
    this.deliveries = new SmtpDeliveryPool(url, 5, 500);
  }

  async deliverCommitted(mail: OutgoingMail, commit: () => Promise<void>): Promise<{ messageId: string; response: string }> {
    const raw = await buildMime(mail);
    const { response } = await this.deliveries.deliver({ from: addressOf(mail.from), to: mail.to }, raw, commit);
    return { messageId: messageIdOf(mail), response };
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail(toNodemailer(mail));
    return { messageId: info.messageId };
  }

  close(): void {
    this.transporter.close();
    this.deliveries.close();
  }
}

/** Writes each message as `<time>-<id>.eml` plus a JSON sidecar the console lists and renders. */
export class OutboxTransport implements MailTransport {
  readonly kind = 'outbox';
  private readonly builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(readonly directory: string) {
    fs.mkdirSync(directory, { recursive: true });
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const info = (await this.builder.sendMail(toNodemailer(mail))) as unknown as { message: Buffer };
    const date = new Date();
    const base = `${date.toISOString().replace(/[:.]/g, '-')}-${mail.id}`;
    const sidecar: OutboxMessage = {
      id: base,
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      date: date.toISOString(),
      sizeBytes: info.message.length,
      html: mail.html,
      text: mail.text,
      headers: Object.entries(mail.headers ?? {}).map(([key, value]) => ({ key, value })),
      attachments: attachmentSummaries(mail),
    };
    // The sidecar is written last and atomically: a listed message always has its .eml.
    await fs.promises.writeFile(path.join(this.directory, `${base}.eml`), info.message);
    await fs.promises.writeFile(path.join(this.directory, `${base}.json.tmp`), JSON.stringify(sidecar));
    await fs.promises.rename(path.join(this.directory, `${base}.json.tmp`), path.join(this.directory, `${base}.json`));
    return { messageId: messageIdOf(mail) };
  }

  /** The file is the delivery: written first, then recorded. */
  async deliverCommitted(mail: OutgoingMail, commit: () => Promise<void>): Promise<{ messageId: string; response: string }> {
    const { messageId } = await this.send(mail);
    await commit();
    return { messageId, response: 'written to the outbox' };
  }

  async list(page: number, pageSize: number): Promise<{ total: number; items: OutboxMessageSummary[] }> {
    const files = (await fs.promises.readdir(this.directory)).filter((file) => file.endsWith('.json')).sort().reverse();
    const slice = files.slice((page - 1) * pageSize, page * pageSize);
    const items = await Promise.all(
      slice.map(async (file) => {
        const { id, to, subject, date, sizeBytes } = JSON.parse(await fs.promises.readFile(path.join(this.directory, file), 'utf8')) as OutboxMessage;
        return { id, to, subject, date, sizeBytes };
      }),
    );
    return { total: files.length, items };
  }

  async read(id: string): Promise<OutboxMessage | null> {
    if (!/^[\w-]+$/.test(id)) return null;
    try {
      return JSON.parse(await fs.promises.readFile(path.join(this.directory, `${id}.json`), 'utf8')) as OutboxMessage;
    } catch {
      return null;
    }
  }

  emlPath(id: string): string | null {
    if (!/^[\w-]+$/.test(id)) return null;
    const file = path.join(this.directory, `${id}.eml`);
    return fs.existsSync(file) ? file : null;
  }

  close(): void {
    this.builder.close();
  }
}
