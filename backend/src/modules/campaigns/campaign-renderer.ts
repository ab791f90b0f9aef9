import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { eventLocation, type CampaignVariant, type Locale, type Venue } from '@fulcrum/shared';
import { MailTemplates, type MailTemplateContexts } from 'modules/mail/mail-templates';
import type { OutgoingMail } from 'modules/mail/mail-transport';
import { formatEventWhen } from 'modules/registrations/registration-mail';
import { RuntimeContext } from 'runtime-context';
import { CompiledCampaign, textToHtml, type TemplateData, type VariantAttributes } from './campaign-template';

/** The campaign texts and the event they invite to: what rendering needs. */
export interface CampaignContent {
  id: string;
  subject: string;
  body: string;
  variants: CampaignVariant[];
  /** Changes when the texts do: the compiled templates are cached by it. */
  version: string;
  event: { slug: string; title: string; starts_at: Date; ends_at: Date; time_zone: string; venue: Venue | null };
}

/** One recipient as the database has them (joined from invitations, contacts, companies, users). */
export interface RecipientRow {
  email: string;
  name: string;
  contact_locale: string | null;
  title: string | null;
  department: string | null;
  seniority: string | null;
  buying_role: string | null;
  company: string | null;
  industry: string | null;
  tier: string | null;
  sales_owner: string | null;
}

/** SELECT list and joins that give a RecipientRow for contact alias `k` (LEFT JOIN: pasted addresses have none). */
export const RECIPIENT_COLUMNS = `k.locale AS contact_locale, k.title, k.department, k.seniority, k.buying_role,
  c.name AS company, c.industry, c.tier, u.name AS sales_owner`;
export const RECIPIENT_JOINS = `LEFT JOIN companies c ON c.id = k.company_id LEFT JOIN users u ON u.id = c.sales_owner_id`;

export function recipientLocale(contactLocale: string | null): Locale {
  return contactLocale?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** The personal links of one invitation; a test send or preview has none (null token). */
export interface InvitationLinks {
  token: string | null;
}

export interface InvitationContext {
  variant: string | null;
  locale: Locale;
  /** The `invitation` mail template's context. */
  context: MailTemplateContexts['invitation'];
  headers: Record<string, string>;
}

export interface RenderedInvitation extends InvitationContext {
  mail: Omit<OutgoingMail, 'id' | 'from' | 'to'>;
}

const CACHE_SIZE = 50;

/**
 * Renders a campaign's invitation for one recipient: their variant, the personalized subject and
 * text, the event box and button, tracked links, the open pixel and the unsubscribe headers.
 * Preview, test send and sending all go through here, so what an organizer previews is what is sent.
 */
@Injectable()
export class CampaignRenderer {
  private readonly compiled = new Map<string, CompiledCampaign>();

  constructor(
    private readonly templates: MailTemplates,
    private readonly runtime: RuntimeContext,
  ) {}

  async render(content: CampaignContent, recipient: RecipientRow, links: InvitationLinks, test = false): Promise<RenderedInvitation> {
    const prepared = this.prepare(content, recipient, links, test);
    const rendered = await this.templates.render('invitation', prepared.locale, prepared.context);
    return { ...prepared, mail: { subject: rendered.subject, html: rendered.html, text: rendered.text, headers: prepared.headers } };
  }

  /** Everything but the final layout: what a test send queues as an ordinary message. */
  prepare(content: CampaignContent, recipient: RecipientRow, links: InvitationLinks, test = false): InvitationContext {
    const base = this.runtime.config.publicUrl;
    const locale = recipientLocale(recipient.contact_locale);
    const { event } = content;
    const token = links.token;
    const clickBase = token ? `${base}/api/v1/public/t/c/${token}` : null;
    const inviteUrl = clickBase ?? `${base}/e/${event.slug}`;
    const when = formatEventWhen(event.starts_at, event.ends_at, event.time_zone, locale);
    const venue = eventLocation(event.venue);
    const data: TemplateData = {
      name: recipient.name,
      firstName: firstNameOf(recipient.name),
      email: recipient.email,
      title: recipient.title ?? '',
      company: recipient.company ?? '',
      salesOwner: recipient.sales_owner ?? '',
      eventTitle: event.title,
      eventWhen: when,
      eventVenue: venue ?? '',
      inviteUrl,
    };
    const attributes: VariantAttributes = {
      seniority: recipient.seniority,
      department: recipient.department,
      buyingRole: recipient.buying_role,
      industry: recipient.industry,
      tier: recipient.tier,
      locale,
    };
    const text = this.compile(content).render(data, attributes);
    const link = (url: string) => (!clickBase || url.startsWith(clickBase) ? url : `${clickBase}?u=${encodeURIComponent(url)}&s=${this.sign(token as string, url)}`);
    const unsubscribeUrl = token ? `${base}/u/${token}` : `${base}/e/${event.slug}`;
    const context: MailTemplateContexts['invitation'] = {
      subject: text.subject,
      bodyHtml: textToHtml(text.body, link),
      eventTitle: event.title,
      when,
      venue,
      inviteUrl,
      unsubscribeUrl,
      openPixelUrl: token && !test ? `${base}/api/v1/public/t/o/${token}.gif` : null,
      test,
    };
    const headers: Record<string, string> = token
      ? { 'List-Unsubscribe': `<${base}/api/v1/public/unsubscribe/${token}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'X-Fulcrum-Campaign': content.id }
      : { 'X-Fulcrum-Campaign': content.id };
    return { variant: text.variant, locale, context, headers };
  }

  /** The signature of a click redirect to `url` from the invitation `token` (128 bits, base64url). */
  sign(token: string, url: string): string {
    return createHmac('sha256', this.runtime.secret).update(`click\n${token}\n${url}`).digest().subarray(0, 16).toString('base64url');
  }

  verify(token: string, url: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(token, url));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private compile(content: CampaignContent): CompiledCampaign {
    const key = `${content.id}:${content.version}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = new CompiledCampaign(content);
      if (this.compiled.size >= CACHE_SIZE) this.compiled.delete(this.compiled.keys().next().value as string);
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}

/** "Ada" of "Ada Lovelace"; a Chinese name (no space) stays whole, as it is used in a greeting. */
export function firstNameOf(name: string): string {
  const trimmed = name.trim();
  return /\s/.test(trimmed) && !/[\u4e00-\u9fff]/.test(trimmed) ? trimmed.split(/\s+/)[0] : trimmed;
}
