import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { Client } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { nextMonth, phoneContext, scheduleEvent } from '../support/attendee';
import { ARTIFACTS, choose } from '../support/browser';
import { startConsole, type ConsoleSession } from '../support/console-session';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const PEOPLE = [
  { name: 'Grace Chen', email: 'grace.chen@acme-robotics.example', title: 'Chief Information Officer', seniority: 'c_level', locale: 'en' },
  { name: '王建国', email: 'wang.jianguo@acme-robotics.example', title: '自动化工程师', seniority: 'senior', locale: 'zh-CN' },
  { name: '李娜', email: 'li.na@acme-robotics.example', title: '采购经理', seniority: 'manager', locale: 'zh-CN' },
];

const recipientOf = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
/** The href of the invitation's "register in one click" button: the personal click link. */
const registerLinkOf = (mail: ParsedMail) => /href="([^"]+\/api\/v1\/public\/t\/c\/[A-Za-z0-9_-]{43})"/.exec(String(mail.html))?.[1] as string;
const unsubscribeLinkOf = (mail: ParsedMail) => /href="([^"]+\/u\/[A-Za-z0-9_-]{43})"/.exec(String(mail.html))?.[1] as string;

/**
 * An organizer invites a segment to an invite-only event from the console, with a variant for
 * executives; the invitations arrive at a real SMTP server; an engineer registers in one click from
 * his personal link on a phone and gets the confirmation with a calendar entry; a colleague
 * unsubscribes from her invitation and the next campaign to the same segment skips her.
 */
describe('invitation campaigns in Chromium, through a real SMTP server', () => {
  let sink: SmtpSink;
  let session: ConsoleSession;
  let db: Client;
  const contexts: BrowserContext[] = [];
  let page: Page;

  /** Picks the option of an Ant Design select whose text contains `text` (typed first when the select searches). */
  async function pick(select: ReturnType<Page['getByTestId']>, text: string): Promise<void> {
    await select.click();
    if (((await select.getAttribute('class')) ?? '').includes('ant-select-show-search')) await page.keyboard.type(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
    if (await page.locator('.ant-select-dropdown:visible').count()) await page.keyboard.press('Escape');
  }

  const shot = (name: string, target: Page = page) => target.screenshot({ path: path.join(ARTIFACTS, `campaigns-${name}.png`) });

  beforeAll(async () => {
    sink = await startSmtpSink();
    session = await startConsole({ label: 'campaigns', externalDatabase: true, env: { SMTP_URL: sink.url } });
    page = session.page;
    db = new Client({ connectionString: session.databaseUrl as string });
    await db.connect();
    const [{ id: owner }] = (await db.query(`SELECT id FROM users LIMIT 1`)).rows;
    const company = await db.query(
      `INSERT INTO companies (name, normalized_name, industry, tier, sales_owner_id) VALUES ('Acme Robotics', 'acmerobotics', 'manufacturing', 'ka', $1) RETURNING id`,
      [owner],
    );
    for (const person of PEOPLE) {
      await db.query(`INSERT INTO contacts (company_id, name, email, title, seniority, locale, consent) VALUES ($1, $2, $3, $4, $5, $6, 'legitimate_interest')`, [
        company.rows[0].id,
        person.name,
        person.email,
        person.title,
        person.seniority,
        person.locale,
      ]);
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await session?.close();
    await sink?.close();
  });

  it('invites a segment with a variant per role, registers in one click and unsubscribes for good', async () => {
    const { api, app } = session;
    const event = await scheduleEvent(api, { title: 'Smart Factory Summit', format: 'online', ...nextMonth(2), timeZone: 'Asia/Shanghai', registrationMode: 'invite' });
    const segment = await api.post('/api/v1/segments', {
      name: 'Acme people',
      target: 'contacts',
      filter: { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'company.tier', op: 'in', value: ['ka'] }] },
    });
    expect(segment.status).toBe(201);

    // The organizer writes the campaign in the console.
    await page.goto(`${app.url}/campaigns`);
    await page.getByTestId('campaigns-empty-create').click();
    await page.waitForURL(/\/campaigns\/new$/);
    await page.getByTestId('campaign-name').locator('input').or(page.getByTestId('campaign-name')).first().fill('Summit — Acme wave 1');
    await pick(page.getByTestId('campaign-event'), 'Smart Factory Summit');
    await pick(page.getByTestId('campaign-segment'), 'Acme people');
    const subject = page.getByTestId('campaign-subject').locator('input').or(page.getByTestId('campaign-subject')).first();
    await subject.fill('{{firstName}}, join us at {{eventTitle}}');
    await page.getByTestId('variant-add').click();
    await page.getByTestId('variant-name').locator('input').or(page.getByTestId('variant-name')).first().fill('Executives');
    await choose(page, page.getByTestId('variant-values'), 'C-level');
    await page.getByTestId('variant-subject').locator('input').or(page.getByTestId('variant-subject')).first().fill('A seat for {{company}} at {{eventTitle}}');

    // A variable that does not exist is caught while writing, not when sending.
    await subject.fill('{{fullName}}, join us');
    await page.getByTestId('campaign-preview-error').waitFor();
    await subject.fill('{{firstName}}, join us at {{eventTitle}}');
    await page.getByTestId('campaign-preview-error').waitFor({ state: 'detached' });

    // The preview counts the audience and shows each person the text meant for them.
    await page.getByTestId('campaign-preview-audience').filter({ hasText: '3 people' }).waitFor();
    await pick(page.getByTestId('campaign-preview-as'), 'Grace Chen');
    await page.getByTestId('campaign-preview-subject').filter({ hasText: 'A seat for Acme Robotics at Smart Factory Summit' }).waitFor();
    expect(await page.getByTestId('campaign-preview-variant').textContent()).toBe('Executives');
    await pick(page.getByTestId('campaign-preview-as'), '王建国');
    await page.getByTestId('campaign-preview-subject').filter({ hasText: '王建国, join us at Smart Factory Summit' }).waitFor();
    await shot('editor');

    await page.getByTestId('campaign-send-now').click();
    await page.locator('.ant-modal:visible button').filter({ hasText: 'Send now' }).click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const campaignId = page.url().split('/').pop() as string;
    await page.getByTestId('campaign-progress-text').filter({ hasText: '3 of 3' }).waitFor({ timeout: 30_000 });
    await page.getByTestId('funnel-sent-count').filter({ hasText: '3' }).waitFor();
    await shot('sent');

    // Each person's mail, in their language, with the variant meant for their role.
    const mails = await Promise.all(PEOPLE.map((person) => sink.waitFor((m) => recipientOf(m) === person.email && m.headers.get('x-fulcrum-campaign') === campaignId)));
    expect(mails[0].subject).toBe('A seat for Acme Robotics at Smart Factory Summit');
    expect(mails[1].subject).toBe('王建国, join us at Smart Factory Summit');
    expect(String(mails[1].html)).toContain('一键报名');
    expect(String(mails[0].html)).toContain('Register in one click');

    // The engineer opens his personal link on his phone: the form is filled in, one click registers him.
    const { context, page: phone } = await phoneContext(session.browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    await phone.goto(registerLinkOf(mails[1]).replace(/^https?:\/\/[^/]+/, app.url));
    await phone.getByTestId('invitation-greeting').waitFor();
    expect(await phone.getByTestId('invitation-details').textContent()).toContain('wang.jianguo@acme-robotics.example');
    await shot('invitation-phone', phone);
    await phone.getByTestId('registration-submit').click();
    await phone.waitForURL(/\/r\/[A-Za-z0-9_-]{40,}$/);
    await phone.getByTestId('registration-status').waitFor();
    expect(await phone.getByTestId('registration-status').getAttribute('data-status')).toBe('registered');
    await shot('registered-phone', phone);
    const confirmation = await sink.waitFor((m) => recipientOf(m) === PEOPLE[1].email && !m.headers.get('x-fulcrum-campaign'));
    const calendar = confirmation.attachments.find((a) => a.contentType.startsWith('text/calendar') || a.filename?.endsWith('.ics'));
    expect(calendar?.content.toString()).toContain('BEGIN:VEVENT');
    const registrations = (await api.get(`/api/v1/events/${event.id}/registrations`)).body.items;
    expect(registrations).toEqual([expect.objectContaining({ email: PEOPLE[1].email, source: 'invitation', status: 'registered' })]);

    // His colleague unsubscribes from her invitation.
    const { context: other, page: unsubscribe } = await phoneContext(session.browser, { locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(other);
    await unsubscribe.goto(unsubscribeLinkOf(mails[2]).replace(/^https?:\/\/[^/]+/, app.url));
    expect(await unsubscribe.getByTestId('unsubscribe-email').textContent()).toContain(PEOPLE[2].email);
    await unsubscribe.getByTestId('unsubscribe-submit').click();
    await unsubscribe.getByTestId('unsubscribe-done').waitFor();
    await shot('unsubscribed-phone', unsubscribe);

    // The organizer sees the funnel move.
    await page.reload();
    await page.getByTestId('funnel-registered-count').filter({ hasText: '1' }).waitFor();
    expect(await page.getByTestId('funnel-clicked-count').textContent()).toBe('1');
    expect(await page.getByTestId('outcome-unsubscribed-count').textContent()).toBe('1');
    await shot('funnel');

    // The next wave to the same segment never writes to her again.
    const second = await api.post('/api/v1/campaigns', {
      name: 'Summit — Acme wave 2',
      eventId: event.id,
      audience: { kind: 'segment', segmentId: segment.body.id },
      subject: 'Last seats: {{eventTitle}}',
      body: 'Dear {{name}}, a few seats are left.',
    });
    expect(second.status).toBe(201);
    expect((await api.post(`/api/v1/campaigns/${second.body.id}/schedule`, {})).status).toBe(200);
    let counts = { sent: 0, skipped: 0, queued: 1 };
    for (let i = 0; i < 100 && counts.queued + (3 - counts.sent - counts.skipped) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      counts = (await api.get(`/api/v1/campaigns/${second.body.id}`)).body.counts;
    }
    expect(counts).toMatchObject({ sent: 2, skipped: 1, queued: 0 });
    await sink.waitFor((m) => m.headers.get('x-fulcrum-campaign') === second.body.id && recipientOf(m) === PEOPLE[0].email);
    const toHer = sink.messages.filter((m) => recipientOf(m) === PEOPLE[2].email);
    expect(toHer).toHaveLength(1);
  }, 180_000);
});
