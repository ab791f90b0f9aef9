import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { simpleParser, type Attachment, type ParsedMail } from 'mailparser';
import { PNG } from 'pngjs';
import { DataSource } from 'typeorm';
import { addToCalendarLinks } from '@fulcrum/shared';
import { buildEventCalendar } from 'modules/events/event-calendar';
import { createTestApp, type TestApp } from 'testing/test-app';
import { startSmtpSink } from 'testing/smtp-sink';
import { waitFor } from 'testing/wait-for';
import { MailMessageEntity } from './mail-message.entity';
import { CHECK_IN_QR_CID, htmlToText, MailTemplates, type RegistrationConfirmedContext } from './mail-templates';
import { OutboxTransport } from './mail-transport';
import { MailService } from './mail.service';

// ical.js 1.5 (the last CommonJS release) has no types: the part these tests use.
interface IcalComponent {
  getFirstPropertyValue(name: string): unknown;
  getFirstSubcomponent(name: string): IcalComponent | null;
}
const ICAL = require('ical.js') as { parse(input: string): unknown; Component: new (jcal: unknown) => IcalComponent };

const TITLE = '年度客户大会：增长, 实践; 与案例';

function buildContext(uid: string, sequence: number, overrides: Partial<RegistrationConfirmedContext> = {}): RegistrationConfirmedContext {
  const event = {
    title: TITLE,
    description: '议程与嘉宾详见活动页面。\nhttps://fulcrum.example.com/r/tok-1',
    startsAt: '2026-12-20T14:00:00+08:00',
    endsAt: '2026-12-20T16:00:00+08:00',
    location: '上海国际会议中心 3 号厅',
  };
  const content = buildEventCalendar({
    ...event,
    uid,
    sequence,
    method: 'REQUEST',
    stamp: new Date(),
    url: 'https://fulcrum.example.com/r/tok-1',
    organizer: { name: 'Fulcrum', email: 'no-reply@fulcrum.local' },
    attendee: { name: '王芳', email: 'wang.fang@example.com' },
  });
  return {
    name: '王芳',
    eventTitle: TITLE,
    when: '2026年12月20日 周日 14:00–16:00 (Asia/Shanghai)',
    formatLabel: '线上 + 线下',
    venue: event.location,
    joinUrl: 'https://fulcrum.example.com/r/tok-1',
    status: 'registered',
    links: addToCalendarLinks(event),
    checkInCode: 'https://fulcrum.example.com/r/tok-1',
    calendar: { method: 'REQUEST', content },
    ...overrides,
  };
}

function calendarPart(mail: ParsedMail): Attachment | undefined {
  return mail.attachments.find((part) => part.contentType === 'text/calendar');
}

function parseCalendar(content: Buffer): { calendar: IcalComponent; event: IcalComponent } {
  const calendar = new ICAL.Component(ICAL.parse(content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('no VEVENT in the calendar part');
  return { calendar, event };
}

/** The addresses the HTML links to, entities decoded. */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((match) => htmlToText(match[1]));
}

describe('registration mail through a real SMTP server', () => {
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let t: TestApp;
  let mail: MailService;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ env: { SMTP_URL: sink.url } });
    mail = t.app.get(MailService);
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  it('delivers the confirmation with its calendar entry, the inline check-in QR code and the links', async () => {
    const context = buildContext('registration-int-1@fulcrum', 2);
    const id = await mail.queue({ template: 'registration-confirmed', to: 'wang.fang@example.com', locale: 'zh-CN', context });
    const received = await waitFor(() => sink.messages.find((m) => m.subject?.includes(TITLE)), 30_000, 'the confirmation email');

    expect(received.subject).toBe(`报名成功：${TITLE}`);
    expect(received.to && !Array.isArray(received.to) ? received.to.text : '').toBe('wang.fang@example.com');

    const part = calendarPart(received);
    expect(part).toBeDefined();
    const contentType = part!.headers.get('content-type') as { params: Record<string, string> };
    expect(contentType.params.method).toBe('REQUEST');
    const { calendar, event } = parseCalendar(part!.content);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe('registration-int-1@fulcrum');
    expect(event.getFirstPropertyValue('sequence')).toBe(2);
    expect(event.getFirstPropertyValue('summary')).toBe(TITLE);
    const file = received.attachments.find((attachment) => attachment.filename === 'event.ics');
    expect(file?.content.toString('utf8')).toBe(context.calendar?.content);

    const qr = received.attachments.find((attachment) => attachment.cid === CHECK_IN_QR_CID);
    expect(qr).toMatchObject({ contentType: 'image/png', contentDisposition: 'inline', related: true });
    const image = PNG.sync.read(qr!.content);
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(context.checkInCode);
    expect(received.html).toContain(`src="cid:${CHECK_IN_QR_CID}"`);

    const linked = hrefs(String(received.html));
    expect(linked).toEqual(expect.arrayContaining([context.joinUrl, context.links.google, context.links.outlook, context.links.office365]));
    expect(received.text).toContain(`进入活动: ${context.joinUrl}`);
    expect(received.text).toContain(`Google 日历: ${context.links.google}`);

    // The sink has the message a moment before the sending job records it as sent.
    const repository = t.app.get(DataSource).getRepository(MailMessageEntity);
    const row = await waitFor(async () => {
      const current = await repository.findOneByOrFail({ id: id! });
      return current.status === 'sent' ? current : null;
    }, 30_000, 'the message recorded as sent');
    expect(row).toMatchObject({ status: 'sent', messageId: `<${id}@fulcrum>`, lastError: null });
  });

  it('sends a waitlist notice without calendar entry or QR code', async () => {
    const context = buildContext('registration-int-2@fulcrum', 0, { status: 'waitlisted', checkInCode: null, calendar: null });
    await mail.queue({ template: 'registration-confirmed', to: 'li.lei@example.com', locale: 'en', context });
    const received = await waitFor(() => sink.messages.find((m) => m.subject === `You're on the waitlist: ${TITLE}`), 30_000, 'the waitlist email');
    expect(received.text).toContain("you're on the waitlist");
    expect(calendarPart(received)).toBeUndefined();
    expect(received.attachments).toHaveLength(0);
    expect(received.html).not.toContain('cid:');
    expect(hrefs(String(received.html))).not.toContain(context.links.google);
  });
});

describe('the .eml outbox', () => {
  let directory: string;
  let outbox: OutboxTransport;

  beforeAll(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'fulcrum-outbox-'));
    outbox = new OutboxTransport(directory);
  });
  afterAll(() => {
    outbox.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('writes the calendar part and the inline QR code into the .eml and lists them in the sidecar', async () => {
    const context = buildContext('registration-int-3@fulcrum', 5);
    const rendered = await new MailTemplates().render('registration-confirmed', 'en', context);
    await outbox.send({ id: '3d4f1c2e-0000-4000-8000-000000000003', from: 'Fulcrum <no-reply@fulcrum.local>', to: 'ada@example.com', ...rendered });

    const { items } = await outbox.list(1, 10);
    expect(items).toHaveLength(1);
    const eml = outbox.emlPath(items[0].id);
    expect(eml).not.toBeNull();
    const raw = fs.readFileSync(eml!);
    expect(raw.toString('utf8')).toMatch(/text\/calendar; charset=utf-8; method=REQUEST/i);

    const parsed = await simpleParser(raw, { keepCidLinks: true });
    expect(parsed.subject).toBe(`You're registered: ${TITLE}`);
    const { calendar, event } = parseCalendar(calendarPart(parsed)!.content);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.getFirstPropertyValue('uid')).toBe('registration-int-3@fulcrum');
    expect(event.getFirstPropertyValue('sequence')).toBe(5);
    expect(parsed.attachments.find((attachment) => attachment.cid === CHECK_IN_QR_CID)?.contentType).toBe('image/png');
    expect(parsed.html).toContain(`src="cid:${CHECK_IN_QR_CID}"`);

    const sidecar = JSON.parse(fs.readFileSync(path.join(directory, `${items[0].id}.json`), 'utf8'));
    expect(sidecar.attachments).toEqual([
      { filename: 'event.ics', contentType: 'text/calendar; method=REQUEST', sizeBytes: Buffer.byteLength(context.calendar!.content) },
      { filename: 'check-in-qr.png', contentType: 'image/png', sizeBytes: expect.any(Number) },
    ]);
    expect((await outbox.read(items[0].id))?.subject).toBe(`You're registered: ${TITLE}`);
  });
});
