import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { LOCALES } from '@fulcrum/shared';
import { CHECK_IN_QR_CID, htmlToText, MailTemplates, type RegistrationConfirmedContext } from './mail-templates';

function buildConfirmation(overrides: Partial<RegistrationConfirmedContext> = {}): RegistrationConfirmedContext {
  return {
    name: 'Ada <b>',
    eventTitle: '年度客户大会 & Summit',
    when: '2026年12月20日 周日 14:00–16:00 (Asia/Shanghai)',
    formatLabel: 'Hybrid',
    venue: 'Shanghai, Hall 3',
    joinUrl: 'https://fulcrum.example.com/r/tok-123',
    status: 'registered',
    links: {
      google: 'https://calendar.google.com/calendar/render?action=TEMPLATE&text=Summit',
      outlook: 'https://outlook.live.com/calendar/0/deeplink/compose?rru=addevent&subject=Summit',
      office365: 'https://outlook.office.com/calendar/0/deeplink/compose?rru=addevent&subject=Summit',
    },
    checkInCode: 'https://fulcrum.example.com/r/tok-123',
    calendar: { method: 'REQUEST', content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n' },
    ...overrides,
  };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a phone reads from the QR code image. */
function scan(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

describe('MailTemplates', () => {
  const templates = new MailTemplates();

  it('compiles every template in every locale at construction', () => {
    expect(templates.names().sort()).toEqual(['event-reminder', 'event-rescheduled', 'invitation', 'password-reset', 'registration-cancelled', 'registration-confirmed', 'test', 'user-invite']);
  });

  it.each([
    ['en', false, 'Reminder: 年度客户大会 & Summit', 'starts tomorrow'],
    ['en', true, 'Starting now: 年度客户大会 & Summit', 'has started'],
    ['zh-CN', false, '活动提醒：年度客户大会 & Summit', '将于明天开始'],
    ['zh-CN', true, '活动已开始：年度客户大会 & Summit', '已经开始'],
  ] as const)('renders the %s reminder (live: %s) with the join link', async (locale, live, subject, says) => {
    const mail = await templates.render('event-reminder', locale, {
      name: 'Ada',
      eventTitle: '年度客户大会 & Summit',
      when: 'Sun 20 Dec 14:00–16:00 (Asia/Shanghai)',
      lead: locale === 'en' ? 'tomorrow' : '明天',
      live,
      venue: null,
      joinUrl: 'https://fulcrum.example.com/r/tok-1',
    });
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(says);
    expect(mail.html).toContain('href="https://fulcrum.example.com/r/tok-1"');
    expect(mail.icalEvent).toBeUndefined();
  });

  it.each(LOCALES)('renders the %s rescheduling notice with the updated calendar entry', async (locale) => {
    const calendar = { method: 'REQUEST' as const, content: 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSEQUENCE:1\r\nEND:VCALENDAR\r\n' };
    const mail = await templates.render('event-rescheduled', locale, {
      name: 'Ada',
      eventTitle: 'Summit',
      when: 'Mon 21 Dec 10:00–12:00 (Asia/Shanghai)',
      venue: 'Hall 3',
      joinUrl: 'https://fulcrum.example.com/r/tok-1',
      links: buildConfirmation().links,
      calendar,
    });
    expect(mail.subject).toBe(locale === 'en' ? 'New time: Summit' : '时间变更：Summit');
    expect(mail.text).toContain('Mon 21 Dec 10:00–12:00');
    expect(mail.icalEvent).toMatchObject({ method: 'REQUEST', content: calendar.content });
  });

  it('renders the reset email in English and Chinese inside the layout, with a text part', async () => {
    const context = { name: 'Ada <script>', resetUrl: 'https://fulcrum.example.com/reset-password?token=abc', expiresInMinutes: 60 };
    const en = await templates.render('password-reset', 'en', context);
    expect(en.subject).toBe('Reset your Fulcrum password');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('href="https://fulcrum.example.com/reset-password?token&#x3D;abc"');
    expect(en.html).toContain('Ada &lt;script&gt;');
    expect(en.html).not.toContain('<script>');
    expect(en.text).toContain('Choose a new password: https://fulcrum.example.com/reset-password?token=abc');
    expect(en.text).toContain('expires in 60 minutes');

    const zh = await templates.render('password-reset', 'zh-CN', context);
    expect(zh.subject).toBe('重置您的 Fulcrum 密码');
    expect(zh.html).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('60 分钟后失效');
  });

  it('puts the inviter in the invitation subject', async () => {
    for (const locale of LOCALES) {
      const mail = await templates.render('user-invite', locale, { name: 'Li', invitedBy: 'Ada', roleLabel: 'sales', setPasswordUrl: 'https://x/y', expiresInDays: 7 });
      expect(mail.subject).toContain('Ada');
    }
  });

  it('fails loudly on a missing context field instead of sending a blank', async () => {
    await expect(templates.render('test', 'en', { name: 'x' } as never)).rejects.toThrow(/sentAt/);
    const { when: _when, ...withoutWhen } = buildConfirmation({ checkInCode: null });
    await expect(templates.render('registration-confirmed', 'en', withoutWhen as never)).rejects.toThrow(/when/);
  });

  describe('registration-confirmed', () => {
    const registered = buildConfirmation();
    const waitlisted = buildConfirmation({ status: 'waitlisted', checkInCode: null, calendar: null });
    const pending = buildConfirmation({ status: 'pending', checkInCode: null, calendar: null });
    it.each([
      { locale: 'en' as const, context: registered, subject: "You're registered: 年度客户大会 & Summit", says: "You're registered for", join: 'Join the event' },
      { locale: 'zh-CN' as const, context: registered, subject: '报名成功：年度客户大会 & Summit', says: '您已成功报名', join: '进入活动' },
      { locale: 'en' as const, context: waitlisted, subject: "You're on the waitlist: 年度客户大会 & Summit", says: "you're on the waitlist", join: null },
      { locale: 'zh-CN' as const, context: waitlisted, subject: '已进入候补名单：年度客户大会 & Summit', says: '候补名单', join: null },
      { locale: 'en' as const, context: pending, subject: 'Registration received, awaiting approval: 年度客户大会 & Summit', says: 'review every registration', join: null },
      { locale: 'zh-CN' as const, context: pending, subject: '报名已提交，等待审核：年度客户大会 & Summit', says: '审核通过后', join: null },
    ])('renders $context.status in $locale', async ({ locale, context, subject, says, join }) => {
      const mail = await templates.render('registration-confirmed', locale, context);
      expect(mail.subject).toBe(subject);
      expect(mail.html).toContain(`<html lang="${locale}">`);
      expect(mail.html).toContain('Ada &lt;b&gt;');
      expect(mail.html).toContain('年度客户大会 &amp; Summit');
      expect(mail.html).toContain(says);
      expect(mail.text).toContain(says);
      expect(mail.text).toContain('2026年12月20日 周日 14:00–16:00 (Asia/Shanghai)');
      expect(mail.text).toContain('Hybrid');
      expect(mail.text).toContain('Shanghai, Hall 3');

      const seated = context.status === 'registered';
      if (join) {
        expect(mail.html).toContain('href="https://fulcrum.example.com/r/tok-123"');
        expect(mail.text).toContain(`${join}: https://fulcrum.example.com/r/tok-123`);
      } else {
        expect(mail.html).not.toContain('tok-123');
      }
      for (const link of Object.values(context.links)) {
        if (seated) expect(mail.text).toContain(link);
        else expect(mail.text).not.toContain(link);
      }

      if (seated) {
        expect(mail.html).toContain(`<img src="cid:${CHECK_IN_QR_CID}"`);
        expect(mail.attachments).toHaveLength(1);
        const [qr] = mail.attachments ?? [];
        expect(qr).toMatchObject({ cid: CHECK_IN_QR_CID, contentType: 'image/png', filename: 'check-in-qr.png' });
        expect(qr.content.subarray(0, 8)).toEqual(PNG_SIGNATURE);
        expect(mail.icalEvent).toEqual({ method: 'REQUEST', filename: 'event.ics', content: context.calendar?.content });
        expect(mail.text).toContain('event.ics');
      } else {
        expect(mail.html).not.toContain('<img');
        expect(mail.attachments).toBeUndefined();
        expect(mail.icalEvent).toBeUndefined();
        expect(mail.text).not.toContain('event.ics');
      }
    });

    it('leaves out the venue, the QR code and the calendar file when there are none', async () => {
      for (const locale of LOCALES) {
        const mail = await templates.render('registration-confirmed', locale, buildConfirmation({ venue: null, checkInCode: null, calendar: null }));
        expect(mail.text).not.toContain('Shanghai, Hall 3');
        expect(mail.html).not.toContain('<img');
        expect(mail.html).not.toContain('event.ics');
        expect(mail.attachments).toBeUndefined();
        expect(mail.icalEvent).toBeUndefined();
        expect(mail.text).toContain(buildConfirmation().links.google);
      }
    });

    it('draws a QR code that scans as the check-in code', async () => {
      const mail = await templates.render('registration-confirmed', 'zh-CN', buildConfirmation({ checkInCode: 'https://fulcrum.example.com/r/Zq3-scan_me' }));
      expect(scan(mail.attachments?.[0].content ?? Buffer.alloc(0))).toBe('https://fulcrum.example.com/r/Zq3-scan_me');
    });
  });

  it.each([
    { locale: 'en' as const, subject: 'Registration cancelled: Summit', says: 'has been cancelled' },
    { locale: 'zh-CN' as const, subject: '报名已取消：Summit', says: '报名已取消' },
  ])('renders registration-cancelled in $locale with the CANCEL entry', async ({ locale, subject, says }) => {
    const calendar = { method: 'CANCEL' as const, content: 'BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nEND:VCALENDAR\r\n' };
    const context = { name: 'Ada', eventTitle: 'Summit', when: '20 Dec 2026 14:00–16:00 (Asia/Shanghai)', eventUrl: 'https://fulcrum.example.com/e/summit', calendar };
    const mail = await templates.render('registration-cancelled', locale, context);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(says);
    expect(mail.text).toContain('20 Dec 2026 14:00–16:00 (Asia/Shanghai)');
    expect(mail.text).toContain(': https://fulcrum.example.com/e/summit');
    expect(mail.icalEvent).toEqual({ method: 'CANCEL', filename: 'event.ics', content: calendar.content });
    expect(mail.attachments).toBeUndefined();
  });

  it('converts html to readable text', () => {
    expect(htmlToText('<p>Hi &amp; welcome</p><p><a href="https://a.b/c">Open</a></p>')).toBe('Hi & welcome\n\nOpen: https://a.b/c');
  });
});
