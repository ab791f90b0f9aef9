import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { LOCALES, type Locale } from '@fulcrum/shared';
import { packageRoot } from 'common/package-root';

/** Each template's context. Rendering any other shape does not compile. */
export interface MailTemplateContexts {
  'password-reset': { name: string; resetUrl: string; expiresInMinutes: number };
  'user-invite': { name: string; invitedBy: string; roleLabel: string; setPasswordUrl: string; expiresInDays: number };
  test: { name: string; sentAt: string };
}
export type MailTemplateName = keyof MailTemplateContexts;

const SUBJECTS: { [K in MailTemplateName]: Record<Locale, string> } = {
  'password-reset': { en: 'Reset your Fulcrum password', 'zh-CN': '重置您的 Fulcrum 密码' },
  'user-invite': { en: '{{invitedBy}} invited you to Fulcrum', 'zh-CN': '{{invitedBy}} 邀请您加入 Fulcrum' },
  test: { en: 'Fulcrum test email', 'zh-CN': 'Fulcrum 测试邮件' },
};

const LAYOUT_STRINGS: Record<Locale, { footer: string; linkHint: string }> = {
  en: { footer: 'Sent by Fulcrum. You receive this email because of your account or a request made with your address.', linkHint: 'If the button does not work, open this link:' },
  'zh-CN': { footer: '此邮件由 Fulcrum 发送，因为您的账号或使用您的邮箱地址发起了相关操作。', linkHint: '如果按钮无法点击，请打开此链接：' },
};

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
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

  render<K extends MailTemplateName>(name: K, locale: Locale, context: MailTemplateContexts[K]): RenderedMail {
    const compiled = this.templates.get(`${name}.${locale}`);
    if (!compiled) throw new Error(`Unknown mail template ${name} (${locale})`);
    const layout = LAYOUT_STRINGS[locale];
    const subject = compiled.subject(context);
    const body = compiled.body({ ...context, layout });
    const html = this.layout({ body, subject, locale, layout });
    return { subject, html, text: htmlToText(body) };
  }

  names(): MailTemplateName[] {
    return Object.keys(SUBJECTS) as MailTemplateName[];
  }
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
