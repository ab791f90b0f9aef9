import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import QRCode from 'qrcode';
import { LOCALES, type Locale } from '@fulcrum/shared';
import { packageRoot } from 'common/package-root';
import type { MailAttachment, MailCalendarEvent } from './mail-transport';

/** An iCalendar entry (e.g. from `buildEventCalendar`) the message carries; stored with the context. */
export interface MailCalendarContext {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

export interface RegistrationConfirmedContext {
  name: string;
  eventTitle: string;
  /** Preformatted in the event's zone, e.g. "2026年12月20日 周日 14:00–16:00 (Asia/Shanghai)". */
  when: string;
  formatLabel: string;
  venue: string | null;
  joinUrl: string;
  /** The join button and calendar links are for `registered`; the others get an explanation instead. */
  status: 'registered' | 'waitlisted' | 'pending';
  links: { google: string; outlook: string; office365: string };
  /** What the check-in QR code encodes; the PNG is made at send time. Null: no QR code. */
  checkInCode: string | null;
  calendar: MailCalendarContext | null;
}

/** Each template's context. Rendering any other shape does not compile. */
export interface MailTemplateContexts {
  'password-reset': { name: string; resetUrl: string; expiresInMinutes: number };
  'user-invite': { name: string; invitedBy: string; roleLabel: string; setPasswordUrl: string; expiresInDays: number };
  'registration-confirmed': RegistrationConfirmedContext;
  /** The calendar entry is the CANCEL of the one the confirmation carried (same UID, higher SEQUENCE). */
  'registration-cancelled': { name: string; eventTitle: string; when: string; eventUrl: string; calendar: MailCalendarContext | null };
  'event-reminder': { name: string; eventTitle: string; when: string; lead: string; live: boolean; venue: string | null; joinUrl: string };
  'event-rescheduled': {
    name: string;
    eventTitle: string;
    when: string;
    venue: string | null;
    joinUrl: string;
    links: RegistrationConfirmedContext['links'];
    calendar: MailCalendarContext | null;
  };
  /**
   * A campaign's invitation: its subject and body are already rendered for the recipient (plain text
   * turned into escaped paragraphs); this adds the event box, the button and the unsubscribe footer.
   */
  invitation: {
    subject: string;
    bodyHtml: string;
    eventTitle: string;
    when: string;
    venue: string | null;
    inviteUrl: string;
    unsubscribeUrl: string;
    /** Null: no open pixel (test sends). */
    openPixelUrl: string | null;
    /** A test send: says so at the top and in the subject. */
    test: boolean;
  };
  test: { name: string; sentAt: string };
}
export type MailTemplateName = keyof MailTemplateContexts;

const SUBJECTS: { [K in MailTemplateName]: Record<Locale, string> } = {
  'password-reset': { en: 'Reset your Fulcrum password', 'zh-CN': '重置您的 Fulcrum 密码' },
  'user-invite': { en: '{{invitedBy}} invited you to Fulcrum', 'zh-CN': '{{invitedBy}} 邀请您加入 Fulcrum' },
  'registration-confirmed': {
    en: `{{#if (eq status "waitlisted")}}You're on the waitlist{{else if (eq status "pending")}}Registration received, awaiting approval{{else}}You're registered{{/if}}: {{eventTitle}}`,
    'zh-CN': '{{#if (eq status "waitlisted")}}已进入候补名单{{else if (eq status "pending")}}报名已提交，等待审核{{else}}报名成功{{/if}}：{{eventTitle}}',
  },
  'registration-cancelled': { en: 'Registration cancelled: {{eventTitle}}', 'zh-CN': '报名已取消：{{eventTitle}}' },
  'event-reminder': {
    en: '{{#if live}}Starting now{{else}}Reminder{{/if}}: {{eventTitle}}',
    'zh-CN': '{{#if live}}活动已开始{{else}}活动提醒{{/if}}：{{eventTitle}}',
  },
  'event-rescheduled': { en: 'New time: {{eventTitle}}', 'zh-CN': '时间变更：{{eventTitle}}' },
  invitation: { en: '{{#if test}}[Test] {{/if}}{{subject}}', 'zh-CN': '{{#if test}}[测试] {{/if}}{{subject}}' },
  test: { en: 'Fulcrum test email', 'zh-CN': 'Fulcrum 测试邮件' },
};

/** Context fields that put more than HTML into a message, whichever template has them. */
interface MessageParts {
  calendar?: MailCalendarContext | null;
  checkInCode?: string | null;
}

export const CALENDAR_FILENAME = 'event.ics';
export const CHECK_IN_QR_CID = 'check-in-qr@fulcrum';

const LAYOUT_STRINGS: Record<Locale, { footer: string; linkHint: string }> = {
  en: { footer: 'Sent by Fulcrum. You receive this email because of your account or a request made with your address.', linkHint: 'If the button does not work, open this link:' },
  'zh-CN': { footer: '此邮件由 Fulcrum 发送，因为您的账号或使用您的邮箱地址发起了相关操作。', linkHint: '如果按钮无法点击，请打开此链接：' },
};

/** Invitations are marketing mail: their footer says why the recipient gets it (the unsubscribe link is in the body). */
const INVITATION_LAYOUT_STRINGS: Record<Locale, { footer: string; linkHint: string }> = {
  en: { footer: 'You receive this invitation because your company is one we work with or would like to.', linkHint: LAYOUT_STRINGS.en.linkHint },
  'zh-CN': { footer: '您收到此邀请，是因为您所在的企业是我们的客户或重点关注的企业。', linkHint: LAYOUT_STRINGS['zh-CN'].linkHint },
};

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  icalEvent?: MailCalendarEvent;
  attachments?: MailAttachment[];
}

interface Compiled {
  subject: Handlebars.TemplateDelegate;
  body: Handlebars.TemplateDelegate;
}

/**
 * All mail templates, compiled once with the layout and partials. A missing template file for
 * any locale stops the process at boot, not at send time.
 */
export class MailTemplates {
  private readonly handlebars = Handlebars.create();
  private readonly layout: Handlebars.TemplateDelegate;
  private readonly templates = new Map<string, Compiled>();

  constructor(directory = path.join(packageRoot(), 'templates', 'mail')) {
    const read = (file: string) => fs.readFileSync(path.join(directory, file), 'utf8');
    this.handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    for (const file of fs.readdirSync(path.join(directory, 'partials'))) {
      this.handlebars.registerPartial(path.basename(file, '.hbs'), read(path.join('partials', file)));
    }
    this.layout = this.handlebars.compile(read('layout.hbs'), { strict: true });
    for (const name of Object.keys(SUBJECTS) as MailTemplateName[]) {
      for (const locale of LOCALES) {
        this.templates.set(`${name}.${locale}`, {
          subject: this.handlebars.compile(SUBJECTS[name][locale], { strict: true, noEscape: true }),
          body: this.handlebars.compile(read(`${name}.${locale}.hbs`), { strict: true }),
        });
      }
    }
  }

  /** Renders at send time: the check-in QR code is drawn here, never stored. */
  async render<K extends MailTemplateName>(name: K, locale: Locale, context: MailTemplateContexts[K]): Promise<RenderedMail> {
    const compiled = this.templates.get(`${name}.${locale}`);
    if (!compiled) throw new Error(`Unknown mail template ${name} (${locale})`);
    const { calendar, checkInCode } = context as MessageParts;
    const qrCode = checkInCode ? await checkInQrCode(checkInCode) : null;
    const layout = (name === 'invitation' ? INVITATION_LAYOUT_STRINGS : LAYOUT_STRINGS)[locale];
    const subject = compiled.subject(context);
    const body = compiled.body({ ...context, layout, ...(qrCode && { checkInQrSrc: `cid:${qrCode.cid}` }) });
    const html = this.layout({ body, subject, locale, layout });
    return {
      subject,
      html,
      text: htmlToText(body),
      ...(calendar && { icalEvent: { method: calendar.method, filename: CALENDAR_FILENAME, content: calendar.content } }),
      ...(qrCode && { attachments: [qrCode] }),
    };
  }

  names(): MailTemplateName[] {
    return Object.keys(SUBJECTS) as MailTemplateName[];
  }
}

async function checkInQrCode(code: string): Promise<MailAttachment> {
  // Medium error correction still scans from a phone screen that is scratched or dimmed.
  const content = await QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 360 });
  return { filename: 'check-in-qr.png', content, contentType: 'image/png', cid: CHECK_IN_QR_CID };
}

/** Plain-text alternative: links keep their address, tags go, entities are decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a [^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gis, (_m, href: string, label: string) => `${label.replace(/<[^>]+>/g, '')}: ${href}`)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h\d|li|tr)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
