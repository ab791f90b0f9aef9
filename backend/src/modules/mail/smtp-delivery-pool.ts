import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { parseConnectionUrl } from 'nodemailer/lib/shared';

/** Raised by a commit callback to abort a delivery: the message is not completed on the server. */
export class DeliveryAborted extends Error {}

/**
 * The message stream of one SMTP transaction. The server accepts a message only when it reads the
 * final `.` line, which SMTPConnection writes when this stream ends; so the stream hands over the
 * whole message, then waits for `commit` (the database recording the message as sent) before it
 * ends. A process that dies before the commit leaves the message incomplete on the server (it
 * discards it, and the row is still "sending": safe to send again); one that dies after it has
 * recorded the delivery. To keep the moment between the two as short as it can be, `commit` may
 * resolve as soon as its COMMIT is written (see CampaignSender.recordSent): the last line follows
 * within the same tick, before the process handles any other I/O. A kill inside that tick is the
 * one case left uncertain, and then the message counts as sent: at most once, never twice.
 */
class CommitBeforeEnd extends Readable {
  private handedOver = false;
  private committing = false;
  private abandoned = false;

  constructor(
    private readonly raw: Buffer,
    private readonly commit: () => Promise<void>,
  ) {
    // One byte: after the message is pushed, _read runs again only once the connection has taken all of it.
    super({ highWaterMark: 1 });
  }

  /**
   * The transaction failed before the server took the message (e.g. the recipient was refused):
   * SMTPConnection still drains the stream, which must then end without committing.
   */
  abandon(): void {
    this.abandoned = true;
  }

  override _read(): void {
    if (!this.handedOver) {
      this.handedOver = true;
      this.push(this.raw);
      return;
    }
    if (this.abandoned) {
      this.push(null);
      return;
    }
    if (this.committing) return;
    this.committing = true;
    this.commit().then(
      () => this.push(null),
      (error: Error) => this.destroy(error),
    );
  }
}

interface PooledConnection {
  connection: SMTPConnection;
  messages: number;
}

export interface SmtpDeliveryResult {
  response: string;
}

/** An SMTP error with the server's reply code (e.g. 550 for an unknown mailbox), when it gave one. */
export type SmtpError = Error & { responseCode?: number; code?: string; response?: string; unreachable?: boolean };

/** nodemailer's codes for a connection that failed or dropped without the server answering. */
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET']);

/**
 * The mail server could not be reached, refused the login, or dropped the connection without a
 * reply: nothing about the recipient, so no reason to give up on them; the sender waits and retries.
 */
export function isServerUnreachable(error: SmtpError): boolean {
  return error.unreachable === true || (typeof error.responseCode !== 'number' && CONNECTION_CODES.has(error.code ?? ''));
}

/**
 * A small pool of SMTP connections for deliveries that must commit before the server accepts
 * (see CommitBeforeEnd). Each connection carries one transaction at a time; a failed transaction
 * closes its connection, so the next one starts clean.
 */
export class SmtpDeliveryPool {
  private readonly options: SMTPConnection.Options;
  private readonly idle: PooledConnection[] = [];
  private readonly waiting: Array<(connection: PooledConnection | null) => void> = [];
  private open = 0;
  private closed = false;

  constructor(
    url: string,
    private readonly size = 5,
    private readonly maxMessagesPerConnection = 500,
  ) {
    this.options = { ...parseConnectionUrl(url), connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
  }

  async deliver(envelope: { from: string; to: string }, raw: Buffer, commit: () => Promise<void>): Promise<SmtpDeliveryResult> {
    let pooled: PooledConnection;
    try {
      pooled = await this.acquire();
    } catch (error) {
      // Connecting or signing in failed: the server, not this message.
      throw Object.assign(error as SmtpError, { unreachable: true });
    }
    let reusable = false;
    try {
      const message = new CommitBeforeEnd(raw, commit);
      const { connection } = pooled;
      const info = await new Promise<{ response: string }>((resolve, reject) => {
        let settled = false;
        const settle = (error: Error | null, result?: { response: string }) => {
          if (settled) return;
          settled = true;
          connection.removeListener('error', lost);
          connection.removeListener('end', ended);
          if (error) {
            message.abandon();
            reject(error);
          } else resolve(result as { response: string });
        };
        // A connection lost mid-transaction is only an event: SMTPConnection never calls send's callback then.
        const lost = (error: Error) => settle(Object.assign(error, { unreachable: true }));
        const ended = () => lost(Object.assign(new Error('The mail server closed the connection'), { code: 'ECONNECTION' }));
        connection.once('error', lost);
        connection.once('end', ended);
        // On an envelope error SMTPConnection pipes the message away before it calls back, and the
        // stream starts flowing on the next tick: abandoning in settle, synchronously, comes first.
        connection.send({ from: envelope.from, to: [envelope.to] }, message as never, (error, result) => settle(error, result as { response: string }));
      });
      pooled.messages += 1;
      reusable = pooled.messages < this.maxMessagesPerConnection;
      return { response: info.response };
    } finally {
      this.release(pooled, reusable);
    }
  }

  close(): void {
    this.closed = true;
    for (const pooled of this.idle.splice(0)) pooled.connection.quit();
    for (const waiter of this.waiting.splice(0)) waiter(null);
  }

  private async acquire(): Promise<PooledConnection> {
    if (this.closed) throw new Error('The SMTP pool is closed');
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.open < this.size) {
      this.open += 1;
      try {
        return { connection: await this.connect(), messages: 0 };
      } catch (error) {
        this.open -= 1;
        throw error;
      }
    }
    const next = await new Promise<PooledConnection | null>((resolve) => this.waiting.push(resolve));
    // Null: the pool closed, or reconnecting for this waiter failed (then it tries on its own).
    return next ?? this.acquire();
  }

  private release(pooled: PooledConnection, reusable: boolean): void {
    if (!reusable || this.closed) {
      this.open -= 1;
      pooled.connection.close();
      const waiter = this.waiting.shift();
      // A waiter gets a fresh connection (or the error of making one) on its own.
      if (waiter) {
        this.open += 1;
        this.connect().then(
          (connection) => waiter({ connection, messages: 0 }),
          () => {
            this.open -= 1;
            waiter(null);
          },
        );
      }
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter(pooled);
    else this.idle.push(pooled);
  }

  private connect(): Promise<SMTPConnection> {
    const connection = new SMTPConnection(this.options);
    // Errors after the handshake surface on the transaction using the connection; keep them from crashing.
    connection.on('error', () => undefined);
    connection.on('end', () => {
      const index = this.idle.findIndex((pooled) => pooled.connection === connection);
      if (index >= 0) {
        this.idle.splice(index, 1);
        this.open -= 1;
      }
    });
    return new Promise((resolve, reject) => {
      // SMTPConnection calls connect's callback only on success; a refused or dropped connection is
      // an 'error' (or 'end') event, and without these the caller would wait forever.
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        connection.close();
        reject(error);
      };
      connection.once('error', fail);
      connection.once('end', () => fail(Object.assign(new Error('The mail server closed the connection'), { code: 'ECONNECTION' })));
      connection.connect((error) => {
        if (error) return fail(error);
        const done = () => {
          if (settled) return;
          settled = true;
          // Without it Nagle's algorithm holds each message's short last line until the server's
          // delayed ACK (about 40 ms): a connection would carry some 20 messages a second.
          (connection as unknown as { _socket?: Socket })._socket?.setNoDelay(true);
          connection.removeListener('error', fail);
          resolve(connection);
        };
        if (!this.options.auth) return done();
        connection.login(this.options.auth as never, (loginError) => (loginError ? fail(loginError) : done()));
      });
    });
  }
}
