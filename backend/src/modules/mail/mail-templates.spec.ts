import { LOCALES } from '@fulcrum/shared';
import { htmlToText, MailTemplates } from './mail-templates';

describe('MailTemplates', () => {
  const templates = new MailTemplates();

  it('compiles every template in every locale at construction', () => {
    expect(templates.names().sort()).toEqual(['password-reset', 'test', 'user-invite']);
  });

  it('renders the reset email in English and Chinese inside the layout, with a text part', () => {
    const context = { name: 'Ada <script>', resetUrl: 'https://fulcrum.example.com/reset-password?token=abc', expiresInMinutes: 60 };
    const en = templates.render('password-reset', 'en', context);
    expect(en.subject).toBe('Reset your Fulcrum password');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('href="https://fulcrum.example.com/reset-password?token&#x3D;abc"');
    expect(en.html).toContain('Ada &lt;script&gt;');
    expect(en.html).not.toContain('<script>');
    expect(en.text).toContain('Choose a new password: https://fulcrum.example.com/reset-password?token=abc');
    expect(en.text).toContain('expires in 60 minutes');

    const zh = templates.render('password-reset', 'zh-CN', context);
    expect(zh.subject).toBe('重置您的 Fulcrum 密码');
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('60 分钟后失效');
  });

  it('puts the inviter in the invitation subject', () => {
    for (const locale of LOCALES) {
      const mail = templates.render('user-invite', locale, { name: 'Li', invitedBy: 'Ada', roleLabel: 'sales', setPasswordUrl: 'https://x/y', expiresInDays: 7 });
      expect(mail.subject).toContain('Ada');
    }
  });

  it('fails loudly on a missing context field instead of sending a blank', () => {
    expect(() => templates.render('test', 'en', { name: 'x' } as never)).toThrow(/sentAt/);
  });

  it('converts html to readable text', () => {
    expect(htmlToText('<p>Hi &amp; welcome</p><p><a href="https://a.b/c">Open</a></p>')).toBe('Hi & welcome\n\nOpen: https://a.b/c');
  });
});
