import type { ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import type { Campaign, CreateEventRequest, SaveCampaignRequest } from '@fulcrum/shared';
import { startSmtpSink, type SmtpSink } from 'testing/smtp-sink';
import { startTcpProxy, type TcpProxy } from 'testing/tcp-proxy';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';
import { waitFor } from 'testing/wait-for';

const DAY = 24 * 3600 * 1000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600 * 1000).toISOString();

const EVENT: CreateEventRequest = {
  title: 'Industrial AI Forum',
  format: 'online',
  startsAt: inDays(10),
  endsAt: inDays(10, 2),
  timeZone: 'Asia/Shanghai',
  registrationMode: 'invite',
};

/** 12 people at two companies: 4 executives, 8 engineers; one has withdrawn consent, one address bounces. */
async function seedPeople(db: DataSource): Promise<void> {
  const [{ id: owner }] = await db.query(`SELECT id FROM users LIMIT 1`);
  const [{ id: acme }] = await db.query(
    `INSERT INTO companies (name, normalized_name, industry, tier, sales_owner_id) VALUES ('Acme 制造', 'acme制造', 'manufacturing', 'ka', $1) RETURNING id`,
    [owner],
  );
  const [{ id: beta }] = await db.query(`INSERT INTO companies (name, normalized_name, industry, tier) VALUES ('Beta Robotics', 'betarobotics', 'manufacturing', 'growth') RETURNING id`);
  for (let i = 0; i < 12; i += 1) {
    const executive = i < 4;
    await db.query(
      `INSERT INTO contacts (company_id, name, email, title, seniority, locale, consent) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        i % 2 === 0 ? acme : beta,
        executive ? `Exec ${i}` : `王工 ${i}`,
        `person${i}@example.com`,
        executive ? 'CIO' : 'Engineer',
        executive ? 'c_level' : 'senior',
        i === 1 ? 'en' : 'zh-CN',
        i === 11 ? 'unsubscribed' : 'legitimate_interest',
      ],
    );
  }
}

const PEOPLE_SEGMENT = { target: 'contacts', filter: { kind: 'group', combinator: 'and', children: [{ kind: 'condition', field: 'company.industry', op: 'in', value: ['manufacturing'] }] } };

describe.each([['postgres'], ['redis']] as const)('invitation campaigns (BullMQ on %s)', (backend) => {
  let t: TestApp;
  let db: DataSource;
  let cookie: string;
  let sink: SmtpSink;
  /** Between Fulcrum and the sink: taken down to play a mail server outage. */
  let smtp: TcpProxy;
  let eventId: string;
  let slug: string;
  let segmentId: string;

  beforeAll(async () => {
    sink = await startSmtpSink({ refuse: (address) => address === 'person10@example.com' });
    smtp = await startTcpProxy(Number(new URL(sink.url).port));
    t = await createTestApp({ redis: backend === 'redis', env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, PUBLIC_URL: 'https://events.example.com' } });
    db = t.app.get(DataSource);
    cookie = await setupAdmin(t, { email: 'ops@example.com', name: 'Olivia Ops', password: 'campaigns password', locale: 'en' });
    await seedPeople(db);
    const event = await call('POST', '/api/v1/events', EVENT);
    expect(event.statusCode).toBe(201);
    ({ id: eventId, slug } = event.json());
    expect((await call('POST', `/api/v1/events/${eventId}/status`, { status: 'scheduled' })).statusCode).toBe(200);
    const segment = await call('POST', '/api/v1/segments', { name: 'Manufacturing people', ...PEOPLE_SEGMENT });
    expect(segment.statusCode).toBe(201);
    segmentId = segment.json().id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await sink?.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, as: string | null = cookie) =>
    t.app.inject({ method, url, payload, headers: as ? { cookie: as } : {} });
  const campaignBody = (change: Partial<SaveCampaignRequest> = {}): SaveCampaignRequest => ({
    name: 'Forum invitations',
    eventId,
    audience: { kind: 'segment', segmentId },
    subject: '{{firstName}}, join us at {{eventTitle}}',
    body: 'Dear {{name}},\n\nEngineers of {{company}}: see the agenda at https://example.com/agenda.\n\n{{#if salesOwner}}Your contact: {{salesOwner}}{{/if}}',
    variants: [{ name: 'Executives', field: 'seniority', values: ['c_level', 'vp'], subject: 'A seat for {{name}} of {{company}}', body: 'Dear {{name}}, as {{title}} you are invited.' }],
    ...change,
  });
  const waitForStatus = (id: string, status: Campaign['status'], timeoutMs = 60_000) =>
    waitFor(
      async () => {
        const campaign: Campaign = (await call('GET', `/api/v1/campaigns/${id}`)).json();
        return campaign.status === status && campaign;
      },
      timeoutMs,
      `campaign ${id} to be ${status}`,
    );
  const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to[0] : mail.to)?.value[0]?.address;
  /** A header as sent: mailparser folds List-* headers into a `list` object, so read the raw lines. */
  const rawHeader = (mail: ParsedMail, name: string) =>
    mail.headerLines.find((h) => h.key === name)?.line.slice(name.length + 1).trim();
  const tokenOf = (mail: ParsedMail) => /\/u\/([A-Za-z0-9_-]{43})/.exec(String(mail.html))?.[1] as string;

  it('refuses a template with an unknown variable or a helper at save time, naming the field', async () => {
    const unknown = await call('POST', '/api/v1/campaigns', campaignBody({ body: 'Hello {{fullName}}' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'campaigns.bad_template', details: [{ path: 'body', message: expect.stringContaining('{{fullName}}') }] });
    const variant = await call('POST', '/api/v1/campaigns', campaignBody({ variants: [{ ...campaignBody().variants![0], subject: '{{lookup name 1}}' }] }));
    expect(variant.json().details[0].path).toBe('variants.0.subject');
    const broken = await call('POST', '/api/v1/campaigns', campaignBody({ subject: 'Hi {{#if name}}' }));
    expect(broken.json().details[0].message).toMatch(/does not parse/);
  });

  it('previews as any recipient with the variant meant for their role', async () => {
    const [exec] = await db.query(`SELECT id FROM contacts WHERE email = 'person0@example.com'`);
    const [engineer] = await db.query(`SELECT id FROM contacts WHERE email = 'person4@example.com'`);
    const asExec = (await call('POST', '/api/v1/campaigns/preview', { ...campaignBody(), contactId: exec.id })).json();
    expect(asExec).toMatchObject({ variant: 'Executives', subject: 'A seat for Exec 0 of Acme 制造', audienceSize: 12 });
    const asEngineer = (await call('POST', '/api/v1/campaigns/preview', { ...campaignBody(), contactId: engineer.id })).json();
    expect(asEngineer.variant).toBeNull();
    expect(asEngineer.subject).toBe('王工 4, join us at Industrial AI Forum');
    expect(asEngineer.html).toContain('Your contact: Olivia Ops');
    expect(asEngineer.html).toContain('一键报名');
  });

  it('sends a test to the organizer, marked as a test, with links to the public page', async () => {
    const sent = await call('POST', '/api/v1/campaigns/test-send', { ...campaignBody(), to: 'ops@example.com' });
    expect(sent.statusCode).toBe(200);
    const mail = await waitFor(() => sink.messages.find((m) => to(m) === 'ops@example.com' && m.subject?.includes('[测试]')), 20_000, 'the test send');
    expect(mail.html).toContain(`https://events.example.com/e/${slug}`);
    expect(rawHeader(mail, 'list-unsubscribe')).toBeUndefined();
  });

  it('invites every person of the segment exactly once, skipping withdrawn consent and recording a bounce', async () => {
    const created = await call('POST', '/api/v1/campaigns', campaignBody());
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const started = await call('POST', `/api/v1/campaigns/${id}/schedule`, {});
    expect(started.statusCode).toBe(200);
    const done = await waitForStatus(id, 'sent');
    expect(done.counts).toMatchObject({ recipients: 12, sent: 10, skipped: 1, bounced: 1 });

    // The database records a delivery just before the server takes the message's last line.
    const invitations = await waitFor(
      () => {
        const arrived = sink.messages.filter((m) => m.headers.get('x-fulcrum-campaign') === id);
        return arrived.length >= 10 && arrived;
      },
      10_000,
      'ten invitations in the sink',
    );
    expect(invitations).toHaveLength(10);
    expect(new Set(invitations.map(to)).size).toBe(10);
    expect(invitations.map(to)).not.toContain('person11@example.com');
    const exec = invitations.find((m) => to(m) === 'person0@example.com') as ParsedMail;
    expect(exec.subject).toBe('A seat for Exec 0 of Acme 制造');
    const engineer = invitations.find((m) => to(m) === 'person4@example.com') as ParsedMail;
    expect(engineer.subject).toBe('王工 4, join us at Industrial AI Forum');
    const token = tokenOf(engineer);
    expect(token).toHaveLength(43);
    expect(rawHeader(engineer, 'list-unsubscribe')).toBe(`<https://events.example.com/api/v1/public/unsubscribe/${token}>`);
    expect(rawHeader(engineer, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // The agenda link goes through a signed redirect.
    const agenda = /href="(https:\/\/events\.example\.com\/api\/v1\/public\/t\/c\/[^"]+\?u=[^"]+)"/.exec(String(engineer.html))?.[1] as string;
    expect(agenda).toContain(encodeURIComponent('https://example.com/agenda'));
    const redirect = await call('GET', agenda.replace('https://events.example.com', '').replace(/&amp;/g, '&'), undefined, null);
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('https://example.com/agenda');
    const tampered = await call('GET', `/api/v1/public/t/c/${token}?u=${encodeURIComponent('https://evil.example.com')}&s=AAAAAAAAAAAAAAAAAAAAAA`, undefined, null);
    expect(tampered.statusCode).toBe(400);

    const rows: Array<{ email: string; status: string; error: string | null }> = await db.query(`SELECT email, status, error FROM invitations WHERE campaign_id = $1`, [id]);
    expect(rows.find((r) => r.email === 'person11@example.com')).toMatchObject({ status: 'skipped', error: expect.stringContaining('unsubscribed') });
    expect(rows.find((r) => r.email === 'person10@example.com')).toMatchObject({ status: 'bounced', error: expect.stringContaining('550') });
    const [bounce] = await db.query(`SELECT reason FROM suppressions WHERE kind = 'email' AND value = 'person10@example.com'`);
    expect(bounce.reason).toBe('bounced');
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM activities WHERE kind = 'invitation.sent' AND data->>'campaignId' = $1`, [id]);
    expect(n).toBe(10);
  }, 90_000);

  it('tracks an open, a click and a one-click registration into an invite-only event', async () => {
    const [campaign] = await db.query(`SELECT id FROM campaigns WHERE status = 'sent' ORDER BY created_at LIMIT 1`);
    const [invitation] = await db.query(`SELECT token FROM invitations WHERE campaign_id = $1 AND email = 'person2@example.com'`, [campaign.id]);
    const pixel = await call('GET', `/api/v1/public/t/o/${invitation.token}.gif`, undefined, null);
    expect(pixel.statusCode).toBe(200);
    expect(pixel.headers['content-type']).toBe('image/gif');
    expect((await call('GET', `/api/v1/public/t/o/not-a-token.gif`, undefined, null)).statusCode).toBe(200);
    const click = await call('GET', `/api/v1/public/t/c/${invitation.token}`, undefined, null);
    expect(click.headers.location).toBe(`https://events.example.com/e/${slug}?i=${invitation.token}`);

    const personal = (await call('GET', `/api/v1/public/invitations/${invitation.token}`, undefined, null)).json();
    expect(personal).toMatchObject({ eventSlug: slug, email: 'person2@example.com', name: 'Exec 2', company: 'Acme 制造', registrationToken: null });
    // The plain form is refused for an invite-only event; the personal link registers in one click.
    const plain = await call('POST', `/api/v1/public/events/${slug}/registrations`, { name: 'Exec 2', email: 'person2@example.com' }, null);
    expect(plain.json().code).toBe('registrations.invite_only');
    const forwarded = await call('POST', `/api/v1/public/events/${slug}/registrations`, { name: 'Someone', email: 'someone@else.com', invitation: invitation.token }, null);
    expect(forwarded.json().code).toBe('registrations.invite_only');
    const registered = await call('POST', `/api/v1/public/events/${slug}/registrations`, { name: personal.name, email: personal.email, invitation: invitation.token }, null);
    expect(registered.statusCode).toBe(201);
    const [registration] = await db.query(`SELECT source, invitation_id IS NOT NULL AS linked FROM registrations WHERE email = 'person2@example.com'`);
    expect(registration).toEqual({ source: 'invitation', linked: true });

    const counts = (await call('GET', `/api/v1/campaigns/${campaign.id}`)).json().counts;
    // person4 followed the agenda link in the test before (a click proves an open): two of each.
    expect(counts).toMatchObject({ opened: 2, clicked: 2, registered: 1 });
    const kinds: Array<{ kind: string }> = await db.query(
      `SELECT kind FROM activities WHERE contact_id = (SELECT id FROM contacts WHERE email = 'person2@example.com') ORDER BY id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['invitation.sent', 'invitation.opened', 'invitation.clicked', 'registered']);
  });

  it('unsubscribes in one click (RFC 8058) for good: the next campaign skips the address', async () => {
    const [campaign] = await db.query(`SELECT id FROM campaigns WHERE status = 'sent' ORDER BY created_at LIMIT 1`);
    const [invitation] = await db.query(`SELECT token FROM invitations WHERE campaign_id = $1 AND email = 'person3@example.com'`, [campaign.id]);
    const oneClick = await t.app.inject({
      method: 'POST',
      url: `/api/v1/public/unsubscribe/${invitation.token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.statusCode).toBe(200);
    expect(oneClick.json()).toEqual({ email: 'person3@example.com', unsubscribed: true });
    expect((await call('GET', `/api/v1/public/unsubscribe/${invitation.token}`, undefined, null)).json().unsubscribed).toBe(true);
    const [contact] = await db.query(`SELECT consent FROM contacts WHERE email = 'person3@example.com'`);
    expect(contact.consent).toBe('unsubscribed');

    const second = (await call('POST', '/api/v1/campaigns', campaignBody({ name: 'Second wave' }))).json();
    await call('POST', `/api/v1/campaigns/${second.id}/schedule`, {});
    const done = await waitForStatus(second.id, 'sent');
    const secondMails = sink.messages.filter((m) => m.headers.get('x-fulcrum-campaign') === second.id);
    expect(secondMails.map(to)).not.toContain('person3@example.com');
    // person10 bounced last time and person11 withdrew consent: neither is sent to either.
    expect(done.counts).toMatchObject({ recipients: 12, sent: 9, skipped: 3 });
  }, 90_000);

  it('schedules, pauses, resumes and cancels, sending at the set rate', async () => {
    const list = Array.from({ length: 30 }, (_, i) => `Guest ${i} <guest${i}@example.org>`).join('\n') + '\nnot an address\nguest0@example.org';
    const body = campaignBody({ name: 'Rate limited', audience: { kind: 'list', text: list }, variants: [], ratePerMinute: 300 });
    const preview = (await call('POST', '/api/v1/campaigns/preview', body)).json();
    expect(preview.audienceSize).toBe(30);
    expect(preview.rejectedLines).toEqual([
      { line: 31, text: 'not an address', reason: 'Not a valid email address' },
      { line: 32, text: 'guest0@example.org', reason: 'Same address as line 1' },
    ]);
    const id = (await call('POST', '/api/v1/campaigns', body)).json().id;
    const later = await call('POST', `/api/v1/campaigns/${id}/schedule`, { at: new Date(Date.now() + 3_600_000).toISOString() });
    expect(later.json()).toMatchObject({ status: 'scheduled' });
    expect((await call('POST', `/api/v1/campaigns/${id}/pause`)).json().code).toBe('campaigns.bad_state');
    // Started early; at 300 a minute, 30 messages take about 6 s.
    const started = Date.now();
    await call('POST', `/api/v1/campaigns/${id}/schedule`, { at: null });
    await waitFor(async () => (await call('GET', `/api/v1/campaigns/${id}`)).json().counts.sent >= 5, 20_000, 'five sent');
    expect((await call('POST', `/api/v1/campaigns/${id}/pause`)).json().status).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const whilePaused = (await call('GET', `/api/v1/campaigns/${id}`)).json().counts.sent;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await call('GET', `/api/v1/campaigns/${id}`)).json().counts.sent).toBe(whilePaused);
    expect(whilePaused).toBeLessThan(30);
    await call('POST', `/api/v1/campaigns/${id}/resume`);
    const done = await waitForStatus(id, 'sent');
    expect(done.counts.sent).toBe(30);
    expect(Date.now() - started).toBeGreaterThan(5_000);
    expect(sink.messages.filter((m) => m.headers.get('x-fulcrum-campaign') === id)).toHaveLength(30);

    const cancelled = (await call('POST', '/api/v1/campaigns', { ...body, name: 'Cancelled', ratePerMinute: 60 })).json();
    await call('POST', `/api/v1/campaigns/${cancelled.id}/schedule`, {});
    await waitFor(async () => (await call('GET', `/api/v1/campaigns/${cancelled.id}`)).json().counts.sent >= 1, 20_000, 'one sent');
    const after = (await call('POST', `/api/v1/campaigns/${cancelled.id}/cancel`)).json();
    expect(after.status).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const final = (await call('GET', `/api/v1/campaigns/${cancelled.id}`)).json().counts;
    expect(final.sent + final.skipped).toBe(30);
    expect(final.sent).toBeLessThan(5);
  }, 120_000);

  it('waits out a mail server outage without giving up on anyone, then sends each invitation once', async () => {
    const list = Array.from({ length: 4 }, (_, i) => `outage${i}@example.org`).join('\n');
    const id = (await call('POST', '/api/v1/campaigns', campaignBody({ name: 'Outage', audience: { kind: 'list', text: list }, variants: [] }))).json().id;
    await smtp.down();
    try {
      await call('POST', `/api/v1/campaigns/${id}/schedule`, {});
      // Several rounds of retries with backoff (2 s, 4 s, …) against a refused connection.
      const waiting = await waitFor(
        async () => {
          const rows: Array<{ status: string; error: string | null; attempts: number }> = await db.query(`SELECT status, error, attempts FROM invitations WHERE campaign_id = $1`, [id]);
          return rows.length === 4 && rows.every((row) => row.status === 'queued' && row.error?.startsWith('Mail server unreachable')) && rows;
        },
        20_000,
        'the invitations to wait for the mail server',
      );
      expect(waiting.every((row) => row.attempts === 0)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await call('GET', `/api/v1/campaigns/${id}`)).json()).toMatchObject({
        status: 'sending',
        counts: { queued: 4, retrying: 4, sent: 0, failed: 0 },
        retryReason: expect.stringMatching(/^Mail server unreachable: .*ECONNREFUSED/),
      });
    } finally {
      await smtp.up();
    }
    const done = await waitForStatus(id, 'sent', 90_000);
    expect(done).toMatchObject({ counts: { sent: 4, failed: 0, retrying: 0 }, retryReason: null });
    const arrived = sink.messages.filter((m) => m.headers.get('x-fulcrum-campaign') === id).map(to);
    expect(arrived.sort()).toEqual(['outage0@example.org', 'outage1@example.org', 'outage2@example.org', 'outage3@example.org']);
  }, 120_000);

  it('gives clear errors: unknown campaign, empty audience, a closed event, a bad invitation link', async () => {
    expect((await call('GET', '/api/v1/campaigns/00000000-0000-4000-8000-000000000000')).json().code).toBe('campaigns.not_found');
    const empty = (await call('POST', '/api/v1/campaigns', campaignBody({ name: 'Empty', audience: { kind: 'list', text: 'nobody' } }))).json();
    expect((await call('POST', `/api/v1/campaigns/${empty.id}/schedule`, {})).json().code).toBe('campaigns.empty_audience');
    expect((await call('GET', '/api/v1/public/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', undefined, null)).json().code).toBe('invitations.not_found');
    const draftEvent = (await call('POST', '/api/v1/events', { ...EVENT, title: 'Draft event' })).json();
    const forDraft = (await call('POST', '/api/v1/campaigns', campaignBody({ name: 'Too early', eventId: draftEvent.id }))).json();
    expect((await call('POST', `/api/v1/campaigns/${forDraft.id}/schedule`, {})).json().code).toBe('campaigns.event_closed');
  });
});
