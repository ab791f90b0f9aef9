import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { HttpStatus } from '@nestjs/common';
import type { CampaignAudience, CampaignVariant, Venue } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { returnedRows } from 'common/returning';
import { MAIL_TRANSPORT } from 'modules/mail/mail.tokens';
import type { MailTransport } from 'modules/mail/mail-transport';
import { isServerUnreachable, type SmtpError } from 'modules/mail/smtp-delivery-pool';
import { suppressedAmong } from 'modules/privacy/suppression-check';
import { upsertSuppressions } from 'modules/privacy/suppressions.service';
import { SegmentEntity } from 'modules/segments/segment.entity';
import { JobHandler } from 'queue/job-handler.decorator';
import type { JobPayloads } from 'queue/jobs';
import { JobsService } from 'queue/jobs.service';
import { RuntimeContext } from 'runtime-context';
import { parseRecipientLines, segmentRecipientsSql } from './campaign-audience';
import { CampaignRenderer, RECIPIENT_COLUMNS, RECIPIENT_JOINS, type CampaignContent, type RecipientRow } from './campaign-renderer';

/**
 * Lanes (parallel jobs) per campaign without a rate limit; each keeps several messages in flight.
 * Four lanes fill two workers of two slots each (see QUEUE_WORKER_OPTIONS); on one worker the other
 * two take their turn when the first two's slices end.
 */
const LANES = 4;
/** A lane sends for this long, then queues its continuation behind other campaigns' lanes and ends. */
const SLICE_MS = 60_000;
const IN_FLIGHT_PER_LANE = 6;
const BATCH = 60;
/** A transient failure is retried this often (with backoff) before the recipient is marked failed. */
const MAX_ATTEMPTS = 5;
/** A 'sending' row older than this belongs to a lane that died (a batch takes seconds). */
export const STALE_CLAIM_SECONDS = 120;

/** 244 random bits (two v4 UUIDs), base64url: the personal link. */
const TOKEN_SQL = `translate(encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/=', '-_')`;

interface SendingCampaign {
  id: string;
  status: string;
  generation: number;
  rate_per_minute: number | null;
  subject: string;
  body: string;
  variants: CampaignVariant[];
  updated_at: Date;
  event_id: string;
  slug: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  venue: Venue | null;
}

interface ClaimedRow extends RecipientRow {
  id: string;
  token: string;
  contact_id: string | null;
  attempts: number;
  consent: string | null;
}

/** Mailbox-unknown and similar replies: the address is bad, a retry will not help, and it is suppressed as bounced. */
const BOUNCE_CODES = new Set([550, 551, 553]);

function isPermanent(error: SmtpError): boolean {
  return typeof error.responseCode === 'number' && error.responseCode >= 500;
}

function smtpReason(error: SmtpError): string {
  return (error.response ?? error.message).replace(/\s+/g, ' ').slice(0, 500);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Raised when a lane's claim on a row was taken over (the row was recovered after being stale). */
class ClaimLost extends Error {}

/**
 * Sends campaigns. Starting one writes an invitation row per person (unique per campaign and
 * address), then queues a few lane jobs. A lane claims batches of queued rows, checks the
 * suppression list and consent at that moment, renders each message and hands it to the
 * transport, which commits the row as sent just before the server accepts the message. So a worker
 * that dies, a retried job or a duplicated lane never sends anyone a second invitation, and
 * whatever was claimed but not committed is sent by the lane that takes over.
 */
@Injectable()
export class CampaignSender {
  private readonly logger = new Logger('Campaigns');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly renderer: CampaignRenderer,
    private readonly runtime: RuntimeContext,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  /** Draft or scheduled → sending: the audience is fixed now (who is in the segment at this moment). */
  async start(id: string): Promise<void> {
    const generation = await this.db.transaction(async (manager) => {
      const [campaign]: Array<{ status: string; audience: CampaignAudience; generation: number }> = await manager.query(
        `SELECT status, audience, generation FROM campaigns WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!campaign || (campaign.status !== 'draft' && campaign.status !== 'scheduled')) return null;
      await this.materialize(manager, id, campaign.audience);
      const [row]: Array<{ generation: number }> = returnedRows(
        await manager.query(
          `UPDATE campaigns SET status = 'sending', started_at = now(), scheduled_at = coalesce(scheduled_at, now()), generation = generation + 1, updated_at = now()
           WHERE id = $1 RETURNING generation`,
          [id],
        ),
      );
      return row.generation;
    });
    if (generation === null) {
      throw new AppException(HttpStatus.CONFLICT, 'campaigns.bad_state', 'The campaign has already started or was cancelled');
    }
    await this.enqueueLanes(id, generation);
  }

  async resume(id: string): Promise<void> {
    const [row] = returnedRows<{ generation: number }>(
      await this.db.query(`UPDATE campaigns SET status = 'sending', generation = generation + 1, updated_at = now() WHERE id = $1 AND status = 'paused' RETURNING generation`, [id]),
    );
    if (row) await this.enqueueLanes(id, row.generation);
  }

  /**
   * What the sweeper runs: starts scheduled campaigns that are due, and restarts sending campaigns
   * whose lanes died (claims older than STALE_CLAIM_SECONDS go back to the queue, new lanes start).
   */
  async sweep(): Promise<{ started: number; recovered: number }> {
    const due: Array<{ id: string }> = await this.db.query(`SELECT id FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= now() ORDER BY scheduled_at LIMIT 20`);
    let started = 0;
    for (const { id } of due) {
      try {
        await this.start(id);
        started += 1;
      } catch (error) {
        if (!(error instanceof AppException)) throw error;
      }
    }
    const stalled: Array<{ id: string; generation: number }> = returnedRows(
      await this.db.query(
        `UPDATE campaigns m SET generation = generation + 1, updated_at = now()
         WHERE m.status = 'sending'
           AND EXISTS (SELECT 1 FROM invitations i WHERE i.campaign_id = m.id AND i.status IN ('queued', 'sending'))
           AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.campaign_id = m.id AND i.status = 'sending' AND i.claimed_at > now() - make_interval(secs => $1))
           AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.campaign_id = m.id AND i.sent_at > now() - make_interval(secs => $1))
           AND m.updated_at < now() - make_interval(secs => $1)
         RETURNING m.id, m.generation`,
        [STALE_CLAIM_SECONDS],
      ),
    );
    for (const { id, generation } of stalled) {
      await this.db.query(`UPDATE invitations SET status = 'queued', claim = NULL WHERE campaign_id = $1 AND status = 'sending'`, [id]);
      await this.enqueueLanes(id, generation);
      this.logger.warn(`campaign ${id}: no progress for ${STALE_CLAIM_SECONDS} s, restarted its lanes`);
    }
    return { started, recovered: stalled.length };
  }

  @JobHandler('campaign.send')
  async lane(job: Job<JobPayloads['campaign.send']>): Promise<void> {
    const { campaignId, generation, lane, slice = 0 } = job.data;
    const laneId = `${generation}:${lane}`;
    const sliceEnds = Date.now() + SLICE_MS;
    // A retried lane job (its worker died) takes back what it had claimed: none of it was committed.
    await this.db.query(`UPDATE invitations SET status = 'queued', claim = NULL WHERE campaign_id = $1 AND status = 'sending' AND claim LIKE $2`, [campaignId, `${laneId}:%`]);
    let backoffMs = 0;
    for (;;) {
      const campaign = await this.campaign(campaignId);
      if (!campaign || campaign.status !== 'sending' || campaign.generation !== generation) return;
      const rate = campaign.rate_per_minute;
      // With a rate, a batch is about a second's worth: the pace stays even and a pause stops it within a second.
      const batchSize = rate ? Math.min(BATCH, Math.ceil(rate / 60)) : BATCH;
      const claim = `${laneId}:${randomUUID()}`;
      const rows = await this.claim(campaignId, claim, batchSize);
      if (rows.length === 0) {
        await this.finishIfDone(campaignId);
        return;
      }
      const started = Date.now();
      const outcome = await this.sendBatch(campaign, rows, claim, rate ? 1 : IN_FLIGHT_PER_LANE);
      if (outcome.transientFailures > 0) {
        backoffMs = Math.min(60_000, backoffMs ? backoffMs * 2 : 2_000);
        await job.updateProgress({ backoffMs, lastError: outcome.lastError }).catch(() => undefined);
        await sleep(backoffMs);
      } else backoffMs = 0;
      if (rate) {
        // The batch's share of a minute at the campaign's rate (one lane when a rate is set).
        const wait = (rows.length * 60_000) / rate - (Date.now() - started);
        if (wait > 0) await sleep(wait);
      }
      if (Date.now() > sliceEnds) {
        // Nothing is claimed between batches: the continuation starts where this one stops.
        await this.enqueueLane(campaignId, generation, lane, slice + 1);
        return;
      }
    }
  }

  private async enqueueLanes(id: string, generation: number): Promise<void> {
    const [{ rate }] = await this.db.query(`SELECT rate_per_minute AS rate FROM campaigns WHERE id = $1`, [id]);
    const lanes = rate ? 1 : LANES;
    for (let lane = 0; lane < lanes; lane += 1) await this.enqueueLane(id, generation, lane, 0);
  }

  private async enqueueLane(campaignId: string, generation: number, lane: number, slice: number): Promise<void> {
    await this.jobs.add(
      'campaign.send',
      { campaignId, generation, lane, slice },
      { jobId: `campaign-${campaignId}-${generation}-${lane}-${slice}`, attempts: 20, backoff: { type: 'exponential', delay: 1_000 } },
    );
  }

  private async materialize(manager: EntityManager, id: string, audience: CampaignAudience): Promise<void> {
    if (audience.kind === 'list') {
      const { recipients } = parseRecipientLines(audience.text);
      await manager.query(
        `INSERT INTO invitations (campaign_id, contact_id, email, name, token)
         SELECT $1, k.id, r.email, coalesce(nullif(r.name, ''), k.name, split_part(r.email, '@', 1)), ${TOKEN_SQL}
         FROM unnest($2::text[], $3::text[]) AS r(email, name) LEFT JOIN contacts k ON k.email = r.email
         ON CONFLICT (campaign_id, email) DO NOTHING`,
        [id, recipients.map((r) => r.email), recipients.map((r) => r.name ?? '')],
      );
      return;
    }
    const segment = await manager.getRepository(SegmentEntity).findOneBy({ id: audience.segmentId });
    if (!segment) throw new AppException(HttpStatus.NOT_FOUND, 'segments.not_found', 'The campaign\'s segment was deleted');
    const sql = segmentRecipientsSql(segment.target, segment.filter, 2);
    await manager.query(
      `INSERT INTO invitations (campaign_id, contact_id, email, name, token)
       SELECT $1, k.id, k.email, k.name, ${TOKEN_SQL} FROM ${sql.from} WHERE ${sql.where}
       ON CONFLICT (campaign_id, email) DO NOTHING`,
      [id, ...sql.params],
    );
  }

  private async campaign(id: string): Promise<SendingCampaign | undefined> {
    const [row]: SendingCampaign[] = await this.db.query(
      `SELECT m.id, m.status, m.generation, m.rate_per_minute, m.subject, m.body, m.variants, m.updated_at,
              e.id AS event_id, e.slug, e.title, e.starts_at, e.ends_at, e.time_zone, e.venue
       FROM campaigns m JOIN events e ON e.id = m.event_id WHERE m.id = $1`,
      [id],
    );
    return row;
  }

  private async claim(campaignId: string, claim: string, size: number): Promise<ClaimedRow[]> {
    const claimed = returnedRows<{ id: string }>(
      await this.db.query(
        `UPDATE invitations SET status = 'sending', claim = $2, claimed_at = now(), attempts = attempts + 1
         WHERE id IN (SELECT id FROM invitations WHERE campaign_id = $1 AND status = 'queued' ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [campaignId, claim, size],
      ),
    );
    if (claimed.length === 0) return [];
    return this.db.query(
      `SELECT i.id, i.token, i.email, i.name, i.contact_id, i.attempts, k.consent, ${RECIPIENT_COLUMNS}
       FROM invitations i LEFT JOIN contacts k ON k.id = i.contact_id ${RECIPIENT_JOINS}
       WHERE i.id = ANY($1::uuid[]) ORDER BY i.id`,
      [claimed.map((row) => row.id)],
    );
  }

  private async sendBatch(campaign: SendingCampaign, rows: ClaimedRow[], claim: string, inFlight: number): Promise<{ transientFailures: number; lastError: string | null }> {
    // Checked now, not when the campaign was planned: an unsubscribe a minute ago counts.
    const suppressed = await suppressedAmong(this.db, rows.map((row) => row.email));
    const skip: Array<{ id: string; reason: string }> = [];
    const deliver: ClaimedRow[] = [];
    for (const row of rows) {
      const reason = suppressed.get(row.email);
      if (reason) skip.push({ id: row.id, reason: `On the suppression list (${reason})` });
      else if (row.consent === 'unsubscribed' || row.consent === 'do_not_contact') skip.push({ id: row.id, reason: `Consent withdrawn (${row.consent})` });
      else deliver.push(row);
    }
    if (skip.length > 0) {
      await this.db.query(
        `UPDATE invitations i SET status = 'skipped', error = s.reason, claim = NULL
         FROM unnest($1::uuid[], $2::text[]) AS s(id, reason) WHERE i.id = s.id AND i.claim = $3`,
        [skip.map((s) => s.id), skip.map((s) => s.reason), claim],
      );
    }
    const content: CampaignContent & { event: SendingCampaign } = {
      id: campaign.id,
      subject: campaign.subject,
      body: campaign.body,
      variants: campaign.variants,
      version: campaign.updated_at.toISOString(),
      event: campaign,
    };
    let transientFailures = 0;
    let lastError: string | null = null;
    let next = 0;
    const worker = async () => {
      while (next < deliver.length) {
        const row = deliver[next++];
        const failure = await this.deliverOne(content, row, claim);
        if (failure) {
          transientFailures += 1;
          lastError = failure;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(inFlight, deliver.length) }, worker));
    return { transientFailures, lastError };
  }

  /** Sends one invitation; returns the reason of a transient failure (the row went back to the queue). */
  private async deliverOne(content: CampaignContent & { event: { event_id: string } }, row: ClaimedRow, claim: string): Promise<string | null> {
    let committed = false;
    let lost = false;
    let commitDone: Promise<void> | null = null;
    try {
      const rendered = await this.renderer.render(content, row, { token: row.token });
      await this.transport.deliverCommitted(
        { id: `invitation-${row.id}`, from: this.runtime.config.MAIL_FROM, to: row.email, ...rendered.mail },
        async () => {
          try {
            commitDone = (await this.recordSent(content, row, claim, rendered.variant)).done;
          } catch (error) {
            if (error instanceof ClaimLost) lost = true;
            throw error;
          }
          committed = true;
        },
      );
      // The server took the message. Should its COMMIT have failed after all, record it now.
      await (commitDone as Promise<void> | null)?.catch(() =>
        this.db.query(`UPDATE invitations SET status = 'sent', sent_at = now(), variant = $2, error = NULL, claim = NULL WHERE id = $1 AND sent_at IS NULL`, [
          row.id,
          rendered.variant,
        ]),
      );
      return null;
    } catch (error) {
      await (commitDone as Promise<void> | null)?.catch(() => undefined);
      // Another lane owns the row now (it was recovered as stale): the message was abandoned unsent.
      if (lost) return null;
      const smtp = error as SmtpError;
      const reason = smtpReason(smtp);
      if (committed) {
        // The server refused the message after its last line: it was not delivered after all.
        await this.db.query(`UPDATE invitations SET status = 'failed', error = $2, sent_at = NULL WHERE id = $1`, [row.id, reason]);
        return null;
      }
      if (isServerUnreachable(smtp)) {
        // Not this recipient's fault: back to the queue without using up one of their attempts; the
        // lane backs off (up to a minute) and tries again for as long as the campaign is sending.
        await this.db.query(`UPDATE invitations SET status = 'queued', error = $2, claim = NULL, attempts = greatest(attempts - 1, 0) WHERE id = $1 AND claim = $3`, [
          row.id,
          `Mail server unreachable: ${reason}`,
          claim,
        ]);
        return reason;
      }
      if (isPermanent(smtp)) {
        const bounced = BOUNCE_CODES.has(smtp.responseCode as number);
        await this.db.transaction(async (manager) => {
          await manager.query(
            `UPDATE invitations SET status = $3, error = $2, claim = NULL, bounced_at = CASE WHEN $3 = 'bounced' THEN now() END WHERE id = $1`,
            [row.id, reason, bounced ? 'bounced' : 'failed'],
          );
          if (bounced) await upsertSuppressions(manager, [{ kind: 'email', value: row.email }], 'bounced', `campaign:${content.id}`);
        });
        return null;
      }
      const final = row.attempts >= MAX_ATTEMPTS;
      await this.db.query(`UPDATE invitations SET status = $3, error = $2, claim = NULL WHERE id = $1 AND claim = $4`, [row.id, reason, final ? 'failed' : 'queued', claim]);
      this.logger.warn(`invitation to ${row.email} failed (attempt ${row.attempts}): ${reason}`);
      return final ? null : reason;
    }
  }

  /**
   * Marks the row sent and appends the activity in a transaction, and returns with its COMMIT
   * written to PostgreSQL but not yet answered: the caller ends the message (its last line goes to
   * the mail server) in the same tick, so both leave the process together, before any other I/O
   * callback runs. A process killed before this point leaves the transaction uncommitted and the
   * message incomplete (sent again later); after it, the kernel still delivers both. `done` settles
   * when PostgreSQL confirms the COMMIT (wrapped: an async function would wait for a returned
   * promise). Throws ClaimLost when another lane owns the row.
   */
  private async recordSent(
    content: CampaignContent & { event: { event_id: string } },
    row: ClaimedRow,
    claim: string,
    variant: string | null,
  ): Promise<{ done: Promise<void> }> {
    const runner = this.db.createQueryRunner();
    // TypeORM's query runner would await its own bookkeeping before sending COMMIT: use its pg client directly.
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query('BEGIN');
      // A WITH … SELECT is a SELECT: one row, the count of rows marked.
      const { rows } = await client.query<{ n: number }>(
        `WITH sent AS (
           UPDATE invitations SET status = 'sent', sent_at = now(), variant = $3, error = NULL, claim = NULL, message_id = $4
           WHERE id = $1 AND claim = $2 AND status = 'sending' RETURNING id, contact_id
         ), logged AS (
           INSERT INTO activities (kind, contact_id, event_id, data)
           SELECT 'invitation.sent', sent.contact_id, $5, jsonb_build_object('campaignId', $6::text, 'invitationId', sent.id) FROM sent
         )
         SELECT count(*)::int AS n FROM sent`,
        [row.id, claim, variant, `<invitation-${row.id}@fulcrum>`, content.event.event_id, content.id],
      );
      if (rows[0].n !== 1) throw new ClaimLost(`invitation ${row.id} was taken over by another lane`);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
      throw error;
    }
    // pg writes the statement to its socket synchronously (the connection is idle here).
    const commit = client.query('COMMIT');
    return {
      done: commit.then(
        () => runner.release(),
        async (error: Error) => {
          await runner.release();
          throw error;
        },
      ),
    };
  }

  private async finishIfDone(campaignId: string): Promise<void> {
    await this.db.query(
      `UPDATE campaigns SET status = 'sent', finished_at = now(), updated_at = now()
       WHERE id = $1 AND status = 'sending'
         AND NOT EXISTS (SELECT 1 FROM invitations WHERE campaign_id = $1 AND status IN ('queued', 'sending'))`,
      [campaignId],
    );
  }
}
