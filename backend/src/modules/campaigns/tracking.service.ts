import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PublicInvitation, UnsubscribeResult } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { returnedRows } from 'common/returning';
import { upsertSuppressions } from 'modules/privacy/suppressions.service';
import { RuntimeContext } from 'runtime-context';
import { CampaignRenderer, recipientLocale } from './campaign-renderer';

interface TokenRow {
  id: string;
  campaign_id: string;
  contact_id: string | null;
  email: string;
  name: string;
  event_id: string;
  slug: string;
  unsubscribed_at: Date | null;
}

/** Tokens are 43 characters of base64url; anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{40,64}$/;

/**
 * What the links of an invitation record: opens (the pixel), clicks (the personal link and signed
 * redirects of links in the text), and the unsubscribe. Each first time is appended to the activity log.
 */
@Injectable()
export class TrackingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly renderer: CampaignRenderer,
    private readonly runtime: RuntimeContext,
  ) {}

  async invitation(token: string): Promise<PublicInvitation> {
    const row = await this.byToken(token);
    const [details]: Array<{ company: string | null; title: string | null; locale: string | null; registration_token: string | null }> = await this.db.query(
      `SELECT c.name AS company, k.title, k.locale,
              (SELECT r.token FROM registrations r WHERE r.event_id = $2 AND r.email = $3 AND r.status NOT IN ('cancelled', 'rejected')) AS registration_token
       FROM invitations i LEFT JOIN contacts k ON k.id = i.contact_id LEFT JOIN companies c ON c.id = k.company_id WHERE i.id = $1`,
      [row.id, row.event_id, row.email],
    );
    return {
      eventSlug: row.slug,
      name: row.name,
      email: row.email,
      company: details.company,
      title: details.title,
      locale: recipientLocale(details.locale),
      registrationToken: details.registration_token,
    };
  }

  /** Unknown tokens are ignored: the pixel answers the same either way. */
  async opened(token: string): Promise<void> {
    if (!TOKEN_SHAPE.test(token)) return;
    await this.db.query(
      `WITH first AS (
         UPDATE invitations SET opened_at = now(), status = CASE WHEN status = 'sent' THEN 'opened' ELSE status END
         WHERE token = $1 AND opened_at IS NULL AND sent_at IS NOT NULL RETURNING id, contact_id, campaign_id
       )
       INSERT INTO activities (kind, contact_id, event_id, data)
       SELECT 'invitation.opened', first.contact_id, m.event_id, jsonb_build_object('campaignId', m.id, 'invitationId', first.id)
       FROM first JOIN campaigns m ON m.id = first.campaign_id`,
      [token],
    );
  }

  /** Where a click goes: the signed address from the text, else the personal registration link. */
  async clicked(token: string, url: string | null, signature: string | null): Promise<string> {
    const row = await this.byToken(token);
    let target = `${this.runtime.config.publicUrl}/e/${row.slug}?i=${token}`;
    if (url !== null) {
      if (!signature || !/^https?:\/\//.test(url) || !this.renderer.verify(token, url, signature)) {
        throw new AppException(HttpStatus.BAD_REQUEST, 'validation.failed', 'This link is not valid');
      }
      target = url;
    }
    // A click proves an open, even when the mail client blocked the pixel.
    await this.db.query(
      `WITH first AS (
         UPDATE invitations SET clicked_at = now(), opened_at = coalesce(opened_at, now()),
           status = CASE WHEN status IN ('sent', 'opened') THEN 'clicked' ELSE status END
         WHERE id = $1 AND clicked_at IS NULL RETURNING id, contact_id
       )
       INSERT INTO activities (kind, contact_id, event_id, data)
       SELECT 'invitation.clicked', first.contact_id, $2, jsonb_build_object('campaignId', $3::text, 'invitationId', first.id, 'url', $4::text) FROM first`,
      [row.id, row.event_id, row.campaign_id, target],
    );
    return target;
  }

  async unsubscribeState(token: string): Promise<UnsubscribeResult> {
    const row = await this.byToken(token);
    const [suppressed] = await this.db.query(`SELECT 1 FROM suppressions WHERE kind = 'email' AND value = $1 AND reason IN ('unsubscribed', 'do_not_contact', 'complaint')`, [row.email]);
    return { email: row.email, unsubscribed: Boolean(row.unsubscribed_at || suppressed) };
  }

  /**
   * For good, and at once: the address goes on the suppression list (which every send checks) and
   * the contact's consent is withdrawn, in one transaction. Repeating it changes nothing.
   */
  async unsubscribe(token: string): Promise<UnsubscribeResult> {
    const row = await this.byToken(token);
    await this.db.transaction(async (manager) => {
      await upsertSuppressions(manager, [{ kind: 'email', value: row.email }], 'unsubscribed', `invitation:${row.campaign_id}`);
      const first = returnedRows(
        await manager.query(
          `UPDATE invitations SET unsubscribed_at = now(), status = CASE WHEN status = 'queued' THEN 'skipped' ELSE 'unsubscribed' END
           WHERE id = $1 AND unsubscribed_at IS NULL RETURNING id`,
          [row.id],
        ),
      );
      if (first.length > 0) {
        await manager.query(`INSERT INTO activities (kind, contact_id, event_id, data) VALUES ('invitation.unsubscribed', $1, $2, $3::jsonb)`, [
          row.contact_id,
          row.event_id,
          JSON.stringify({ campaignId: row.campaign_id, invitationId: row.id }),
        ]);
      }
    });
    return { email: row.email, unsubscribed: true };
  }

  private async byToken(token: string): Promise<TokenRow> {
    const [row]: TokenRow[] = TOKEN_SHAPE.test(token)
      ? await this.db.query(
          `SELECT i.id, i.campaign_id, i.contact_id, i.email, i.name, i.unsubscribed_at, e.id AS event_id, e.slug
           FROM invitations i JOIN campaigns m ON m.id = i.campaign_id JOIN events e ON e.id = m.event_id WHERE i.token = $1`,
          [token],
        )
      : [];
    if (!row) throw new AppException(HttpStatus.NOT_FOUND, 'invitations.not_found', 'This invitation link is not valid');
    return row;
  }
}
