import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  type Campaign,
  type CampaignAudience,
  type CampaignCounts,
  type CampaignPreview,
  type CampaignStatus,
  type CampaignVariant,
  type campaignPreviewRequestSchema,
  type Invitation,
  type InvitationStatus,
  type invitationListQuerySchema,
  type Page,
  type saveCampaignRequestSchema,
  type SessionUser,
  type testSendRequestSchema,
  type Venue,
} from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { returnedRows } from 'common/returning';
import { MailService } from 'modules/mail/mail.service';
import { SegmentEntity } from 'modules/segments/segment.entity';
import { parseRecipientLines, segmentRecipientsSql } from './campaign-audience';
import { CampaignRenderer, RECIPIENT_COLUMNS, RECIPIENT_JOINS, type CampaignContent, type RecipientRow } from './campaign-renderer';
import { campaignTemplateProblems } from './campaign-template';
import { CampaignSender } from './campaign-sender';

type SaveBody = z.output<typeof saveCampaignRequestSchema>;
type PreviewBody = z.output<typeof campaignPreviewRequestSchema>;

export interface CampaignRow {
  id: string;
  name: string;
  event_id: string;
  event_title: string;
  audience: CampaignAudience;
  segment_id: string | null;
  segment_name: string | null;
  subject: string;
  body: string;
  variants: CampaignVariant[];
  rate_per_minute: number | null;
  status: CampaignStatus;
  scheduled_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  generation: number;
  created_at: Date;
  updated_at: Date;
}

interface EventForCampaign {
  id: string;
  slug: string;
  title: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  venue: Venue | null;
}

const EMPTY_COUNTS: CampaignCounts = { recipients: 0, queued: 0, sent: 0, failed: 0, skipped: 0, bounced: 0, opened: 0, clicked: 0, registered: 0, unsubscribed: 0, retrying: 0 };

/** What the invitations of a campaign add up to. */
interface CampaignTally {
  counts: CampaignCounts;
  retryReason: string | null;
}

const EMPTY_TALLY: CampaignTally = { counts: EMPTY_COUNTS, retryReason: null };

const SELECT_CAMPAIGN = `SELECT m.*, e.title AS event_title, s.name AS segment_name FROM campaigns m JOIN events e ON e.id = m.event_id LEFT JOIN segments s ON s.id = m.segment_id`;

/** Counts per campaign, one pass over its invitations. `sent` counts everything that left, whatever happened next. */
export const COUNTS_SQL = `SELECT campaign_id,
    count(*)::int AS recipients,
    (count(*) FILTER (WHERE status IN ('queued', 'sending')))::int AS queued,
    count(sent_at)::int AS sent,
    (count(*) FILTER (WHERE status = 'failed'))::int AS failed,
    (count(*) FILTER (WHERE status = 'skipped'))::int AS skipped,
    count(bounced_at)::int AS bounced,
    count(opened_at)::int AS opened,
    count(clicked_at)::int AS clicked,
    count(registered_at)::int AS registered,
    count(unsubscribed_at)::int AS unsubscribed,
    (count(*) FILTER (WHERE status = 'queued' AND error IS NOT NULL))::int AS retrying,
    max(error) FILTER (WHERE status = 'queued' AND error IS NOT NULL) AS retry_reason
  FROM invitations WHERE campaign_id = ANY($1::uuid[]) GROUP BY campaign_id`;

function toCampaign(row: CampaignRow, { counts, retryReason }: CampaignTally): Campaign {
  return {
    id: row.id,
    name: row.name,
    eventId: row.event_id,
    eventTitle: row.event_title,
    audience: row.audience,
    segmentName: row.segment_name,
    subject: row.subject,
    body: row.body,
    variants: row.variants,
    ratePerMinute: row.rate_per_minute,
    status: row.status,
    scheduledAt: row.scheduled_at?.toISOString() ?? null,
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    counts,
    retryReason,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

interface InvitationRow {
  id: string;
  contact_id: string | null;
  email: string;
  name: string;
  company: string | null;
  variant: string | null;
  status: InvitationStatus;
  error: string | null;
  sent_at: Date | null;
  opened_at: Date | null;
  clicked_at: Date | null;
  registered_at: Date | null;
  unsubscribed_at: Date | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Events a campaign may invite to: published and not over. */
const INVITABLE_EVENT_STATUSES = new Set(['scheduled', 'live']);

@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: CampaignRenderer,
    private readonly sender: CampaignSender,
    private readonly mail: MailService,
  ) {}

  async list(eventId: string | undefined): Promise<Campaign[]> {
    const rows: CampaignRow[] = await this.db.query(
      `${SELECT_CAMPAIGN} WHERE ($1::uuid IS NULL OR m.event_id = $1) ORDER BY m.created_at DESC LIMIT 500`,
      [eventId ?? null],
    );
    const counts = await this.counts(rows.map((row) => row.id));
    return rows.map((row) => toCampaign(row, counts.get(row.id) ?? EMPTY_TALLY));
  }

  async get(id: string): Promise<Campaign> {
    const row = await this.row(id);
    return toCampaign(row, (await this.counts([id])).get(id) ?? EMPTY_TALLY);
  }

  async create(body: SaveBody, actor: SessionUser): Promise<Campaign> {
    await this.validate(body);
    const [{ id }] = await this.db.query(
      `INSERT INTO campaigns (name, event_id, audience, segment_id, subject, body, variants, rate_per_minute, created_by)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7::jsonb, $8, $9) RETURNING id`,
      [body.name, body.eventId, JSON.stringify(body.audience), segmentIdOf(body.audience), body.subject, body.body, JSON.stringify(body.variants), body.ratePerMinute, actor.id],
    );
    return this.get(id);
  }

  async update(id: string, body: SaveBody): Promise<Campaign> {
    await this.validate(body);
    const updated = returnedRows<{ id: string }>(
      await this.db.query(
        `UPDATE campaigns SET name = $2, event_id = $3, audience = $4::jsonb, segment_id = $5, subject = $6, body = $7, variants = $8::jsonb,
           rate_per_minute = $9, updated_at = now()
         WHERE id = $1 AND status IN ('draft', 'scheduled') RETURNING id`,
        [id, body.name, body.eventId, JSON.stringify(body.audience), segmentIdOf(body.audience), body.subject, body.body, JSON.stringify(body.variants), body.ratePerMinute],
      ),
    );
    if (updated.length === 0) throw this.badState(await this.row(id), 'edited');
    return this.get(id);
  }

  async remove(id: string): Promise<void> {
    const removed = returnedRows(await this.db.query(`DELETE FROM campaigns WHERE id = $1 AND status = 'draft' RETURNING id`, [id]));
    if (removed.length === 0) throw this.badState(await this.row(id), 'deleted (only drafts can be; cancel it instead)');
  }

  /** Renders unsaved content for one person: the given contact, or the audience's first. */
  async preview(body: PreviewBody): Promise<CampaignPreview> {
    this.checkTemplates(body);
    const event = await this.event(body.eventId);
    const { recipient, contactId, audienceSize, rejectedLines } = await this.previewRecipient(body);
    const rendered = await this.renderer.render(this.content('preview', body, event), recipient, { token: null });
    return {
      recipient: { contactId, name: recipient.name, email: recipient.email, locale: rendered.locale },
      variant: rendered.variant,
      subject: rendered.mail.subject,
      html: rendered.mail.html,
      text: rendered.mail.text,
      audienceSize,
      rejectedLines,
    };
  }

  /** Queues the message rendered for one recipient to `to`, marked as a test, its links to the public page. */
  async testSend(body: z.output<typeof testSendRequestSchema>): Promise<{ to: string; mailId: string }> {
    this.checkTemplates(body);
    const event = await this.event(body.eventId);
    const { recipient } = await this.previewRecipient(body);
    const prepared = this.renderer.prepare(this.content('test', body, event), recipient, { token: null }, true);
    const mailId = await this.mail.queue({ template: 'invitation', to: body.to, locale: prepared.locale, context: prepared.context });
    return { to: body.to, mailId: mailId as string };
  }

  /** Draft → scheduled at `at`, or sending now. A scheduled campaign can be moved or started early. */
  async schedule(id: string, at: string | null): Promise<Campaign> {
    const campaign = await this.row(id);
    if (campaign.status !== 'draft' && campaign.status !== 'scheduled') throw this.badState(campaign, 'scheduled');
    await this.event(campaign.event_id);
    const size = await this.audienceSize(campaign.audience);
    if (size === 0) {
      throw new AppException(HttpStatus.BAD_REQUEST, 'campaigns.empty_audience', 'Nobody to invite: the audience has no one with an email address');
    }
    if (at && new Date(at).getTime() > Date.now()) {
      await this.db.query(`UPDATE campaigns SET status = 'scheduled', scheduled_at = $2, updated_at = now() WHERE id = $1`, [id, at]);
    } else {
      await this.sender.start(id);
    }
    return this.get(id);
  }

  async pause(id: string): Promise<Campaign> {
    const paused = returnedRows(await this.db.query(`UPDATE campaigns SET status = 'paused', updated_at = now() WHERE id = $1 AND status = 'sending' RETURNING id`, [id]));
    if (paused.length === 0) throw this.badState(await this.row(id), 'paused');
    return this.get(id);
  }

  async resume(id: string): Promise<Campaign> {
    const campaign = await this.row(id);
    if (campaign.status !== 'paused') throw this.badState(campaign, 'resumed');
    await this.sender.resume(id);
    return this.get(id);
  }

  /** Stops for good: whoever has not been sent to yet is skipped. */
  async cancel(id: string): Promise<Campaign> {
    await this.db.transaction(async (manager) => {
      const cancelled = returnedRows(
        await manager.query(
          `UPDATE campaigns SET status = 'cancelled', finished_at = now(), updated_at = now() WHERE id = $1 AND status IN ('draft', 'scheduled', 'sending', 'paused') RETURNING id`,
          [id],
        ),
      );
      if (cancelled.length === 0) throw this.badState(await this.row(id), 'cancelled');
      await manager.query(`UPDATE invitations SET status = 'skipped', error = 'The campaign was cancelled' WHERE campaign_id = $1 AND status = 'queued'`, [id]);
    });
    return this.get(id);
  }

  async invitations(id: string, query: z.output<typeof invitationListQuerySchema>): Promise<Page<Invitation>> {
    await this.row(id);
    const q = query.q ? `%${query.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = `i.campaign_id = $1 AND ($2::text IS NULL OR i.status = $2) AND ($3::text IS NULL OR i.email LIKE $3 OR lower(i.name) LIKE $3)`;
    const params = [id, query.status ?? null, q];
    const [{ total }] = await this.db.query(`SELECT count(*)::int AS total FROM invitations i WHERE ${where}`, params);
    const rows: InvitationRow[] = await this.db.query(
      `SELECT i.*, c.name AS company FROM invitations i LEFT JOIN contacts k ON k.id = i.contact_id LEFT JOIN companies c ON c.id = k.company_id
       WHERE ${where} ORDER BY i.email LIMIT $4 OFFSET $5`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map((row) => ({
        id: row.id,
        contactId: row.contact_id,
        email: row.email,
        name: row.name,
        company: row.company,
        variant: row.variant,
        status: row.status,
        error: row.error,
        sentAt: iso(row.sent_at),
        openedAt: iso(row.opened_at),
        clickedAt: iso(row.clicked_at),
        registeredAt: iso(row.registered_at),
        unsubscribedAt: iso(row.unsubscribed_at),
      })),
    };
  }

  async counts(ids: string[]): Promise<Map<string, CampaignTally>> {
    if (ids.length === 0) return new Map();
    const rows: Array<CampaignCounts & { campaign_id: string; retry_reason: string | null }> = await this.db.query(COUNTS_SQL, [ids]);
    return new Map(rows.map(({ campaign_id, retry_reason, ...counts }) => [campaign_id, { counts, retryReason: retry_reason }]));
  }

  private async validate(body: SaveBody): Promise<void> {
    this.checkTemplates(body);
    await this.event(body.eventId, false);
    if (body.audience.kind === 'segment') await this.segment(body.audience.segmentId);
  }

  private checkTemplates(body: Pick<SaveBody, 'subject' | 'body' | 'variants'>): void {
    const problems = campaignTemplateProblems(body);
    if (problems.length > 0) {
      throw new AppException(HttpStatus.BAD_REQUEST, 'campaigns.bad_template', `The message has ${problems.length} problem(s): ${problems[0].message}`, problems);
    }
  }

  private content(id: string, body: Pick<SaveBody, 'subject' | 'body' | 'variants'>, event: EventForCampaign): CampaignContent {
    // Unsaved content is compiled afresh each time: its version is the text itself.
    return { id, subject: body.subject, body: body.body, variants: body.variants, version: `${body.subject}\u0000${body.body}\u0000${JSON.stringify(body.variants)}`, event };
  }

  private async previewRecipient(body: PreviewBody): Promise<{ recipient: RecipientRow; contactId: string | null; audienceSize: number; rejectedLines: CampaignPreview['rejectedLines'] }> {
    let rejectedLines: CampaignPreview['rejectedLines'] = [];
    let audienceSize: number;
    let recipient: (RecipientRow & { id: string | null }) | undefined;
    if (body.contactId) {
      [recipient] = await this.db.query(`SELECT k.id, k.email, k.name, ${RECIPIENT_COLUMNS} FROM contacts k ${RECIPIENT_JOINS} WHERE k.id = $1`, [body.contactId]);
      if (!recipient) throw new AppException(HttpStatus.NOT_FOUND, 'not_found', `No contact ${body.contactId}`);
    }
    if (body.audience.kind === 'segment') {
      const segment = await this.segment(body.audience.segmentId);
      const sql = segmentRecipientsSql(segment.target, segment.filter);
      [{ audienceSize }] = await this.db.query(`SELECT count(DISTINCT k.email)::int AS "audienceSize" FROM ${sql.from} WHERE ${sql.where}`, sql.params);
      if (!recipient) {
        [recipient] = await this.db.query(
          `SELECT k.id, k.email, k.name, ${RECIPIENT_COLUMNS} FROM ${sql.from} LEFT JOIN users u ON u.id = c.sales_owner_id WHERE ${sql.where} ORDER BY k.email LIMIT 1`,
          sql.params,
        );
      }
    } else {
      const parsed = parseRecipientLines(body.audience.text);
      rejectedLines = parsed.rejected.slice(0, 200);
      audienceSize = parsed.recipients.length;
      const first = parsed.recipients[0];
      if (!recipient && first) {
        const [known]: Array<RecipientRow & { id: string }> = await this.db.query(
          `SELECT k.id, k.email, k.name, ${RECIPIENT_COLUMNS} FROM contacts k ${RECIPIENT_JOINS} WHERE k.email = $1`,
          [first.email],
        );
        recipient = known ? { ...known, name: first.name ?? known.name } : { ...pastedRecipient(first.email, first.name), id: null };
      }
    }
    if (!recipient) {
      throw new AppException(HttpStatus.BAD_REQUEST, 'campaigns.empty_audience', 'Nobody to preview: the audience has no one with an email address');
    }
    return { recipient, contactId: recipient.id, audienceSize, rejectedLines };
  }

  private async audienceSize(audience: CampaignAudience): Promise<number> {
    if (audience.kind === 'list') return parseRecipientLines(audience.text).recipients.length;
    const segment = await this.segment(audience.segmentId);
    const sql = segmentRecipientsSql(segment.target, segment.filter);
    const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${sql.from} WHERE ${sql.where} LIMIT 1) x`, sql.params);
    return n;
  }

  private async event(id: string, mustBeOpen = true): Promise<EventForCampaign> {
    const [event]: EventForCampaign[] = await this.db.query(`SELECT id, slug, title, status, starts_at, ends_at, time_zone, venue FROM events WHERE id = $1`, [id]);
    if (!event) throw new AppException(HttpStatus.NOT_FOUND, 'events.not_found', `No event ${id}`);
    if (mustBeOpen && (!INVITABLE_EVENT_STATUSES.has(event.status) || event.ends_at.getTime() <= Date.now())) {
      throw new AppException(HttpStatus.CONFLICT, 'campaigns.event_closed', `Invitations go out for published events that are not over; this one is ${event.status}`);
    }
    return event;
  }

  private async segment(id: string): Promise<SegmentEntity> {
    const segment = await this.db.getRepository(SegmentEntity).findOneBy({ id });
    if (!segment) throw new AppException(HttpStatus.NOT_FOUND, 'segments.not_found', `No segment ${id}`);
    return segment;
  }

  private async row(id: string): Promise<CampaignRow> {
    const [row]: CampaignRow[] = await this.db.query(`${SELECT_CAMPAIGN} WHERE m.id = $1`, [id]);
    if (!row) throw new AppException(HttpStatus.NOT_FOUND, 'campaigns.not_found', `No campaign ${id}`);
    return row;
  }

  private badState(campaign: CampaignRow, action: string): AppException {
    return new AppException(HttpStatus.CONFLICT, 'campaigns.bad_state', `A ${campaign.status} campaign cannot be ${action}`);
  }
}

function segmentIdOf(audience: CampaignAudience): string | null {
  return audience.kind === 'segment' ? audience.segmentId : null;
}

/** A pasted address that is not in the target database: only its address and the name given with it. */
export function pastedRecipient(email: string, name: string | null): RecipientRow {
  return {
    email,
    name: name ?? email.slice(0, email.indexOf('@')),
    contact_locale: null,
    title: null,
    department: null,
    seniority: null,
    buying_role: null,
    company: null,
    industry: null,
    tier: null,
    sales_owner: null,
  };
}
