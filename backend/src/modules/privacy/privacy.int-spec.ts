import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestApp, setupAdmin, type TestApp } from 'testing/test-app';
import { isSuppressed, suppressedAmong } from './suppression-check';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');

describe('privacy: suppression list, consent, export and erasure of one person', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: string;
  let organizer: string;
  let sales: string;
  let hasTags: boolean;
  const ids: Record<'zhang' | 'li' | 'wang' | 'chen' | 'zhao', string> = { zhang: '', li: '', wang: '', chen: '', zhao: '' };
  let importId: string;
  const mail: Record<'zhangSent' | 'zhangQueued' | 'liSent', string> = { zhangSent: '', zhangQueued: '', liSent: '' };

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, as = admin) =>
    t.app.inject({ method, url, payload, headers: { cookie: as } });

  async function signIn(email: string, role: 'organizer' | 'sales'): Promise<string> {
    await call('POST', '/api/v1/users', { email, name: `${role} user`, role, password: `${role} password 1`, locale: 'en' });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password: `${role} password 1` } });
    return String(response.headers['set-cookie']).split(';')[0];
  }

  async function contact(name: string, email: string | null, phone: string | null, companyId: string): Promise<string> {
    const [row] = await db.query(`INSERT INTO contacts (company_id, name, email, phone, consent) VALUES ($1, $2, $3, $4, 'opt_in') RETURNING id`, [
      companyId,
      name,
      email,
      phone,
    ]);
    if (email) await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('email', $1, $2, 'test')`, [email, row.id]);
    if (phone) await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('phone', $1, $2, 'test')`, [phone, row.id]);
    return row.id;
  }

  const consentOf = async (id: string) => (await db.query(`SELECT consent, consent_source FROM contacts WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await setupAdmin(t, { email: 'privacy-admin@example.com', name: 'Priya Admin', password: 'privacy password', locale: 'en' });
    organizer = await signIn('olga@example.com', 'organizer');
    sales = await signIn('sam@example.com', 'sales');

    const [acme] = await db.query(`INSERT INTO companies (name, normalized_name, domain) VALUES ('Acme 有限公司', 'acme', 'acme.cn') RETURNING id`);
    ids.zhang = await contact('Zhang Wei', 'zhang.wei@acme.cn', '+8613800138000', acme.id);
    ids.li = await contact('Li Na', 'li.na@acme.cn', '+8613700137000', acme.id);
    ids.wang = await contact('Wang Fang', 'wang.fang@sales.other.com', null, acme.id);
    ids.chen = await contact('Chen Jie', 'chen.jie@beta.cn', '+8613900139000', acme.id);
    ids.zhao = await contact('Zhao Lei', 'zhao.lei@gamma.cn', null, acme.id);
    // Zhang Wei also came in with a private address and a WeChat id.
    await db.query(`INSERT INTO identities (kind, value, contact_id, source) VALUES ('email', 'zw1988@gmail.com', $1, 'crm.csv'), ('wechat', 'zhangwei_acme', $1, 'crm.csv')`, [
      ids.zhang,
    ]);

    [{ id: importId }] = await db.query(`INSERT INTO imports (file_name) VALUES ('crm.csv') RETURNING id`);
    await db.query(
      `INSERT INTO merge_log (entity, survivor_id, import_id, before, after) VALUES
         ('contact', $1, $3, '{"title": null, "email": "zw1988@gmail.com"}', '{"title": "CIO", "email": "zhang.wei@acme.cn"}'),
         ('contact', $2, $3, '{"title": null}', '{"title": "CFO"}')`,
      [ids.zhang, ids.li, importId],
    );
    await db.query(
      `INSERT INTO import_errors (import_id, line, reason, severity, detail) VALUES
         ($1, 2, 'email.invalid_format', 'error', 'Zhang.Wei@ACME.cn;;'),
         ($1, 3, 'phone.invalid_number', 'warning', '138 0013 8000 转 12345678901'),
         ($1, 4, 'company.invalid_employees', 'warning', 'about 50 people'),
         ($1, 5, 'email.invalid_format', 'error', 'li.na@@acme.cn')`,
      [importId],
    );
    const mailRow = async (to: string, status: string) =>
      (await db.query(`INSERT INTO mail_messages (template, locale, to_address, context, status) VALUES ('invite', 'en', $1, $2, $3) RETURNING id`, [
        to,
        { name: to.split('@')[0] },
        status,
      ]))[0].id as string;
    mail.zhangSent = await mailRow('Zhang.Wei@acme.cn', 'sent');
    mail.zhangQueued = await mailRow('zw1988@gmail.com', 'queued');
    mail.liSent = await mailRow('li.na@acme.cn', 'sent');
    // The embedded outbox keeps a copy of each sent message as files named after its id.
    const outbox = path.join(t.dataDir, 'outbox');
    fs.mkdirSync(outbox, { recursive: true });
    for (const id of [mail.zhangSent, mail.liSent]) {
      for (const ext of ['eml', 'json']) fs.writeFileSync(path.join(outbox, `2025-01-01T00-00-00-000Z-${id}.${ext}`), 'To: someone');
    }
    await db.query(`INSERT INTO audit_log (action, subject_type, subject_id, data) VALUES ('contacts.edit', 'contact', $1, $2)`, [
      ids.zhang,
      { email: 'zhang.wei@acme.cn', name: 'Zhang Wei', field: 'title' },
    ]);

    // An invitation to each address of theirs (one from a pasted list, no contact), a registration and a watched session.
    const [event] = await db.query(
      `INSERT INTO events (title, slug, format, starts_at, ends_at, time_zone, status) VALUES ('Forum', 'forum', 'online', now(), now() + interval '1 hour', 'UTC', 'live') RETURNING id`,
    );
    const [campaign] = await db.query(`INSERT INTO campaigns (name, event_id, audience, subject, body) VALUES ('Wave 1', $1, '{"kind":"list","text":""}', 'Hi', 'Hi') RETURNING id`, [event.id]);
    await db.query(
      `INSERT INTO invitations (campaign_id, contact_id, email, name, token, status, sent_at) VALUES
         ($1, $2, 'zhang.wei@acme.cn', 'Zhang Wei', 'zhang-token-0000000000000000000000000000000', 'sent', now()),
         ($1, NULL, 'zw1988@gmail.com', 'Zhang', 'zhang-token-1111111111111111111111111111111', 'sent', now()),
         ($1, $3, 'li.na@acme.cn', 'Li Na', 'li-token-22222222222222222222222222222222222', 'sent', now())`,
      [campaign.id, ids.zhang, ids.li],
    );
    const [registration] = await db.query(
      `INSERT INTO registrations (event_id, contact_id, email, name, source, status, token, share_code) VALUES ($1, $2, 'zhang.wei@acme.cn', 'Zhang Wei', 'invitation', 'registered', 'reg-token-zhang', 'share-zhang') RETURNING id`,
      [event.id, ids.zhang],
    );
    await db.query(`INSERT INTO attendance_sessions (registration_id, event_id, mode, joined_at, last_seen_at, left_at) VALUES ($1, $2, 'live', now() - interval '20 minutes', now(), now())`, [
      registration.id,
      event.id,
    ]);

    hasTags = (await db.query(`SELECT to_regclass('public.contact_tags') IS NOT NULL AS found`))[0].found;
    if (hasTags) {
      const [category] = await db.query(`INSERT INTO tag_categories (name) VALUES ('Interest') RETURNING id`);
      const [tag] = await db.query(`INSERT INTO tags (category_id, name) VALUES ($1, 'Automation') RETURNING id`, [category.id]);
      await db.query(`INSERT INTO contact_tags (contact_id, tag_id, source) VALUES ($1, $3, 'manual'), ($2, $3, 'manual')`, [ids.zhang, ids.li, tag.id]);
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('suppression list', () => {
    it('normalizes pasted values, reports the invalid ones and withdraws the consent of matching contacts', async () => {
      const response = await call('POST', '/api/v1/privacy/suppressions', {
        reason: 'unsubscribed',
        values: [' CHEN.JIE＠Beta.cn ', '139 0013 9000', '@other.com', 'https://www.spam.example.org/path', 'chen.jie@beta.cn', 'not an email@', 'hello'],
      });
      expect(response.statusCode).toBe(200);
      const result = response.json();
      expect(result).toMatchObject({ added: 4, strengthened: 0, unchanged: 1, invalidCount: 2, contactsUpdated: 2 });
      expect(result.invalid.map((i: { value: string }) => i.value)).toEqual(['not an email@', 'hello']);

      const rows = await db.query(`SELECT kind, value, reason, source FROM suppressions ORDER BY kind, value`);
      expect(rows).toEqual([
        { kind: 'domain', value: 'other.com', reason: 'unsubscribed', source: 'console' },
        { kind: 'domain', value: 'spam.example.org', reason: 'unsubscribed', source: 'console' },
        { kind: 'email', value: 'chen.jie@beta.cn', reason: 'unsubscribed', source: 'console' },
        { kind: 'phone', value: '+8613900139000', reason: 'unsubscribed', source: 'console' },
      ]);
      // Chen by address and number, Wang by a subdomain of other.com; the others keep their opt-in.
      expect(await consentOf(ids.chen)).toEqual({ consent: 'unsubscribed', consent_source: 'suppression' });
      expect(await consentOf(ids.wang)).toEqual({ consent: 'unsubscribed', consent_source: 'suppression' });
      expect((await consentOf(ids.li)).consent).toBe('opt_in');
      expect((await consentOf(ids.zhang)).consent).toBe('opt_in');
      const audit = await db.query(`SELECT data FROM audit_log WHERE action = 'privacy.suppressions.add'`);
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit[0].data)).not.toContain('chen');
    });

    it('keeps the stronger reason when a value is added again', async () => {
      const stronger = (await call('POST', '/api/v1/privacy/suppressions', { kind: 'email', reason: 'do_not_contact', values: ['chen.jie@beta.cn'] })).json();
      expect(stronger).toMatchObject({ added: 0, strengthened: 1, unchanged: 0 });
      expect((await consentOf(ids.chen)).consent).toBe('do_not_contact');
      const weaker = (await call('POST', '/api/v1/privacy/suppressions', { kind: 'email', reason: 'bounced', values: ['chen.jie@beta.cn'] })).json();
      expect(weaker).toMatchObject({ added: 0, strengthened: 0, unchanged: 1, contactsUpdated: 0 });
      expect((await db.query(`SELECT reason FROM suppressions WHERE value = 'chen.jie@beta.cn'`))[0].reason).toBe('do_not_contact');
      expect((await consentOf(ids.chen)).consent).toBe('do_not_contact');
    });

    it('lists with search, filters and pages', async () => {
      await call('POST', '/api/v1/privacy/suppressions', { reason: 'bounced', values: ['sub.bounce.com'] });
      const all = (await call('GET', '/api/v1/privacy/suppressions?pageSize=2')).json();
      expect(all.total).toBe(5);
      expect(all.items).toHaveLength(2);
      expect(all.items[0]).toMatchObject({ kind: 'domain', value: 'sub.bounce.com', reason: 'bounced', createdAt: expect.any(String) });
      const searched = (await call('GET', '/api/v1/privacy/suppressions?q=CHEN')).json();
      expect(searched.items.map((s: { value: string }) => s.value)).toEqual(['chen.jie@beta.cn']);
      const domains = (await call('GET', '/api/v1/privacy/suppressions?kind=domain&reason=unsubscribed')).json();
      expect(domains.items.map((s: { value: string }) => s.value).sort()).toEqual(['other.com', 'spam.example.org']);
      const page2 = (await call('GET', '/api/v1/privacy/suppressions?pageSize=2&page=3')).json();
      expect(page2.items).toHaveLength(1);
      expect((await call('GET', '/api/v1/privacy/suppressions?kind=fax')).statusCode).toBe(400);
    });

    it('answers the send-time check for addresses, their domains and parent domains', async () => {
      const found = await suppressedAmong(db, ['CHEN.JIE@beta.cn', 'x@mail.sub.bounce.com', 'li.na@acme.cn', 'someone@other.com']);
      expect(Object.fromEntries(found)).toEqual({ 'chen.jie@beta.cn': 'do_not_contact', 'x@mail.sub.bounce.com': 'bounced', 'someone@other.com': 'unsubscribed' });
      expect(await isSuppressed(db, 'li.na@acme.cn')).toBeNull();
      expect(await isSuppressed(db, 'y@bounce.com')).toBeNull();
      expect(await isSuppressed(db, 'y@sub.bounce.com')).toBe('bounced');
    });

    it('exports the list as CSV for Excel', async () => {
      const response = await call('GET', '/api/v1/privacy/suppressions/export.csv?kind=email');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="suppressions-\d{4}-\d{2}-\d{2}\.csv"$/);
      const raw = response.rawPayload;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = raw.toString('utf8').slice(1).split('\r\n').filter(Boolean);
      expect(lines[0]).toBe('kind,value,reason,source,created_at');
      expect(lines.slice(1).map((line) => line.split(',').slice(0, 4).join(','))).toEqual(['email,chen.jie@beta.cn,do_not_contact,console']);
    });

    it('removes an entry with an audit record that holds only a hash of the value', async () => {
      const removed = await call('DELETE', `/api/v1/privacy/suppressions/domain/${encodeURIComponent('other.com')}`);
      expect(removed.statusCode).toBe(204);
      expect(await db.query(`SELECT 1 FROM suppressions WHERE kind = 'domain' AND value = 'other.com'`)).toHaveLength(0);
      const [audit] = await db.query(`SELECT data FROM audit_log WHERE action = 'privacy.suppressions.remove'`);
      expect(audit.data).toEqual({ kind: 'domain', reason: 'unsubscribed', source: 'console', valueSha256: sha('other.com') });
      // The contacts it suppressed keep their withdrawn consent: only their own opt-in lifts it.
      expect((await consentOf(ids.wang)).consent).toBe('unsubscribed');
      const again = await call('DELETE', `/api/v1/privacy/suppressions/domain/other.com`);
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe('privacy.suppression_not_found');
    });
  });

  describe('consent', () => {
    it('withdrawing puts the addresses on the list; only an opt-in lifts it', async () => {
      const withdrawn = await call('PATCH', `/api/v1/privacy/contacts/${ids.li}/consent`, { consent: 'do_not_contact', source: 'phone call 2025-03-02' }, organizer);
      expect(withdrawn.statusCode).toBe(200);
      expect(withdrawn.json()).toMatchObject({
        consent: 'do_not_contact',
        consentSource: 'phone call 2025-03-02',
        suppressions: [{ kind: 'email', value: 'li.na@acme.cn', reason: 'do_not_contact', source: 'consent' }],
      });
      expect(await isSuppressed(db, 'li.na@acme.cn')).toBe('do_not_contact');

      const lifted = await call('PATCH', `/api/v1/privacy/contacts/${ids.li}/consent`, { consent: 'legitimate_interest', source: 'we think so' });
      expect(lifted.statusCode).toBe(400);
      expect(lifted.json().code).toBe('privacy.consent_needs_opt_in');
      expect((await consentOf(ids.li)).consent).toBe('do_not_contact');

      const optIn = await call('PATCH', `/api/v1/privacy/contacts/${ids.li}/consent`, { consent: 'opt_in', source: 'webinar sign-up form' });
      expect(optIn.json()).toMatchObject({ consent: 'opt_in', suppressions: [] });
      expect(await isSuppressed(db, 'li.na@acme.cn')).toBeNull();
      const audit = await db.query(`SELECT actor_user_id, data FROM audit_log WHERE action = 'privacy.consent.change' AND subject_id = $1 ORDER BY id`, [ids.li]);
      expect(audit.map((row: { data: { from: string; to: string } }) => [row.data.from, row.data.to])).toEqual([
        ['opt_in', 'do_not_contact'],
        ['do_not_contact', 'opt_in'],
      ]);
      expect(audit[0].actor_user_id).not.toBeNull();
    });

    it('refuses an unknown contact and a missing source', async () => {
      const unknown = await call('PATCH', `/api/v1/privacy/contacts/00000000-0000-4000-8000-000000000000/consent`, { consent: 'unsubscribed', source: 'x' });
      expect(unknown.json().code).toBe('privacy.contact_not_found');
      expect((await call('PATCH', `/api/v1/privacy/contacts/${ids.li}/consent`, { consent: 'unsubscribed', source: '  ' })).statusCode).toBe(400);
    });
  });

  describe('one person', () => {
    it('finds a person by address, phone or name', async () => {
      const byEmail = (await call('GET', `/api/v1/privacy/people?q=${encodeURIComponent('ZW1988@Gmail.com')}`)).json();
      expect(byEmail.matches.map((m: { id: string }) => m.id)).toEqual([ids.zhang]);
      const byPhone = (await call('GET', `/api/v1/privacy/people?q=${encodeURIComponent('139-0013-9000')}`)).json();
      expect(byPhone.matches).toEqual([expect.objectContaining({ id: ids.chen, consent: 'do_not_contact', suppressed: true, companyName: 'Acme 有限公司' })]);
      const byName = (await call('GET', `/api/v1/privacy/people?q=zhao`)).json();
      expect(byName.matches).toEqual([expect.objectContaining({ id: ids.zhao, suppressed: false })]);
    });

    it('exports everything held about the person as a JSON download', async () => {
      // A complaint about the private address withdraws the consent; the person's later opt-in gives it back.
      await call('POST', '/api/v1/privacy/suppressions', { reason: 'complaint', values: ['zw1988@gmail.com'] });
      expect((await consentOf(ids.zhang)).consent).toBe('do_not_contact');
      await call('PATCH', `/api/v1/privacy/contacts/${ids.zhang}/consent`, { consent: 'opt_in', source: 'webinar sign-up form' });
      const response = await call('GET', `/api/v1/privacy/contacts/${ids.zhang}/export`, undefined, organizer);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe(`attachment; filename="person-${ids.zhang}-${new Date().toISOString().slice(0, 10)}.json"`);
      const document = JSON.parse(response.body);
      expect(document).toMatchObject({
        format: 'fulcrum.person-export',
        version: 1,
        contact: { id: ids.zhang, name: 'Zhang Wei', email: 'zhang.wei@acme.cn', phone: '+8613800138000', consent: 'opt_in', consent_source: 'webinar sign-up form' },
        company: { name: 'Acme 有限公司', domain: 'acme.cn' },
        fieldProvenance: { consent: expect.objectContaining({ source: 'privacy' }) },
      });
      expect(document.identities.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`).sort()).toEqual([
        'email:zhang.wei@acme.cn',
        'email:zw1988@gmail.com',
        'phone:+8613800138000',
        'wechat:zhangwei_acme',
      ]);
      expect(document.suppressions).toEqual([expect.objectContaining({ kind: 'email', value: 'zw1988@gmail.com', reason: 'complaint' })]);
      expect(document.mergeHistory).toHaveLength(1);
      expect(document.mergeHistory[0]).toMatchObject({ import_file: 'crm.csv', after: { title: 'CIO' } });
      // The report rows whose cell named them: the address in another case, the number with spaces.
      expect(document.importMentions.map((m: { line: number }) => m.line)).toEqual([2, 3]);
      expect(document.mail.map((m: { id: string }) => m.id).sort()).toEqual([mail.zhangSent, mail.zhangQueued].sort());
      expect(document.audit.map((a: { action: string }) => a.action)).toEqual(['contacts.edit', 'privacy.consent.change']);
      expect(document.invitations.map((i: { email: string; campaign: string }) => `${i.campaign}:${i.email}`).sort()).toEqual(['Wave 1:zhang.wei@acme.cn', 'Wave 1:zw1988@gmail.com']);
      expect(JSON.stringify(document.invitations)).not.toContain('zhang-token');
      expect(document.registrations).toEqual([expect.objectContaining({ email: 'zhang.wei@acme.cn', event: 'Forum', status: 'registered' })]);
      expect(document.attendance).toEqual([expect.objectContaining({ event: 'Forum', mode: 'live' })]);
      if (hasTags) expect(document.tags).toEqual([expect.objectContaining({ tag: 'Automation', category: 'Interest', source: 'manual' })]);
      else expect(document.tags).toBeUndefined();
      expect(JSON.stringify(document)).not.toContain('li.na@acme.cn');
      const [exported] = await db.query(`SELECT actor_user_id FROM audit_log WHERE action = 'privacy.export' AND subject_id = $1`, [ids.zhang]);
      expect(exported).toBeDefined();
    });

    it('lets only admins erase', async () => {
      for (const cookie of [organizer, sales]) {
        const response = await call('POST', `/api/v1/privacy/contacts/${ids.zhang}/erase`, { confirm: 'zhang.wei@acme.cn' }, cookie);
        expect(response.statusCode).toBe(403);
      }
      expect((await call('GET', '/api/v1/privacy/suppressions', undefined, sales)).statusCode).toBe(403);
      expect((await call('GET', `/api/v1/privacy/contacts/${ids.zhang}/export`, undefined, sales)).statusCode).toBe(403);
      expect((await call('GET', '/api/v1/privacy/suppressions', undefined, organizer)).statusCode).toBe(200);
      expect(await db.query(`SELECT 1 FROM contacts WHERE id = $1`, [ids.zhang])).toHaveLength(1);
    });

    it('requires the address (or id) typed again', async () => {
      const wrong = await call('POST', `/api/v1/privacy/contacts/${ids.zhang}/erase`, { confirm: 'li.na@acme.cn' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('privacy.confirmation_mismatch');
      expect((await call('POST', `/api/v1/privacy/contacts/${ids.zhang}/erase`, {})).statusCode).toBe(400);
      expect(await db.query(`SELECT 1 FROM contacts WHERE id = $1`, [ids.zhang])).toHaveLength(1);
    });

    it('erases the contact, identities, tags, history, report cells and mail, keeping the addresses suppressed', async () => {
      const response = await call('POST', `/api/v1/privacy/contacts/${ids.zhang}/erase`, { confirm: ' Zhang.Wei@ACME.cn ' });
      expect(response.statusCode).toBe(200);
      const result = response.json();
      expect(result).toMatchObject({
        contactId: ids.zhang,
        keptOnSuppressionList: true,
        removed: {
          contact: 1,
          identities: 4,
          mergeLog: 1,
          importErrorDetails: 2,
          mailMessages: 2,
          auditDetails: 1,
          outboxFiles: 2,
          invitations: 2,
          attendance: 1,
          registrations: 1,
          ...(hasTags ? { tags: 1 } : {}),
        },
      });
      expect(result.emailSha256).toEqual([sha('zhang.wei@acme.cn'), sha('zw1988@gmail.com')].sort());

      expect(await db.query(`SELECT 1 FROM contacts WHERE id = $1`, [ids.zhang])).toHaveLength(0);
      expect(await db.query(`SELECT 1 FROM identities WHERE contact_id = $1 OR value IN ('zhangwei_acme', '+8613800138000')`, [ids.zhang])).toHaveLength(0);
      if (hasTags) expect(await db.query(`SELECT contact_id FROM contact_tags`)).toEqual([{ contact_id: ids.li }]);
      expect(await db.query(`SELECT survivor_id FROM merge_log WHERE entity = 'contact'`)).toEqual([{ survivor_id: ids.li }]);
      expect(await db.query(`SELECT 1 FROM merge_log WHERE before::text ILIKE '%zw1988%' OR after::text ILIKE '%zhang%'`)).toHaveLength(0);
      expect(await db.query(`SELECT line, detail FROM import_errors ORDER BY line`)).toEqual([
        { line: 2, detail: null },
        { line: 3, detail: null },
        { line: 4, detail: 'about 50 people' },
        { line: 5, detail: 'li.na@@acme.cn' },
      ]);
      const mails = await db.query(`SELECT id, to_address, context, status FROM mail_messages ORDER BY created_at`);
      expect(mails).toEqual([
        { id: mail.zhangSent, to_address: '[erased]', context: {}, status: 'sent' },
        { id: mail.liSent, to_address: 'li.na@acme.cn', context: { name: 'li.na' }, status: 'sent' },
      ]);
      expect(fs.readdirSync(path.join(t.dataDir, 'outbox')).sort()).toEqual([`2025-01-01T00-00-00-000Z-${mail.liSent}.eml`, `2025-01-01T00-00-00-000Z-${mail.liSent}.json`]);
      expect(await db.query(`SELECT email FROM invitations`)).toEqual([{ email: 'li.na@acme.cn' }]);
      expect(await db.query(`SELECT 1 FROM registrations UNION ALL SELECT 1 FROM attendance_sessions`)).toHaveLength(0);
      const [edit] = await db.query(`SELECT data FROM audit_log WHERE action = 'contacts.edit'`);
      expect(edit.data).toEqual({ field: 'title' });

      // Kept on the list only to honour the objection: both addresses, as do-not-contact.
      expect(await db.query(`SELECT value, reason, source FROM suppressions WHERE kind = 'email' AND value IN ('zhang.wei@acme.cn', 'zw1988@gmail.com') ORDER BY value`)).toEqual([
        { value: 'zhang.wei@acme.cn', reason: 'do_not_contact', source: 'erasure' },
        { value: 'zw1988@gmail.com', reason: 'do_not_contact', source: 'erasure' },
      ]);

      // The audit record: who and when, hashes and counts, nothing that names the person.
      const [audit] = await db.query(`SELECT actor_user_id, subject_id, data FROM audit_log WHERE action = 'privacy.erase'`);
      expect(audit).toMatchObject({ subject_id: ids.zhang, data: { emailSha256: result.emailSha256, keptOnSuppressionList: true, removed: result.removed } });
      const text = JSON.stringify(audit.data).toLowerCase();
      for (const personal of ['zhang', 'acme', 'zw1988', '13800138000', 'wei']) expect(text).not.toContain(personal);

      // "Was this address erased?" is answered from the hash.
      const lookup = (await call('GET', `/api/v1/privacy/people?q=${encodeURIComponent('ZHANG.WEI@acme.cn')}`)).json();
      expect(lookup).toEqual({ matches: [], erasures: [{ at: expect.any(String), contactId: ids.zhang }] });
      expect((await call('GET', `/api/v1/privacy/contacts/${ids.zhang}/export`)).json().code).toBe('privacy.contact_not_found');
      // Nobody else was touched.
      expect(await db.query(`SELECT count(*)::int AS n FROM contacts`)).toEqual([{ n: 4 }]);
    });

    it('can also take the person off the suppression list', async () => {
      await call('PATCH', `/api/v1/privacy/contacts/${ids.zhao}/consent`, { consent: 'unsubscribed', source: 'unsubscribe link' });
      expect(await isSuppressed(db, 'zhao.lei@gamma.cn')).toBe('unsubscribed');
      const response = await call('POST', `/api/v1/privacy/contacts/${ids.zhao}/erase`, { confirm: ids.zhao.toUpperCase(), keepSuppressed: false });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ keptOnSuppressionList: false, removed: { contact: 1, suppressions: 1 } });
      expect(await db.query(`SELECT 1 FROM suppressions WHERE value = 'zhao.lei@gamma.cn'`)).toHaveLength(0);
      expect(await isSuppressed(db, 'zhao.lei@gamma.cn')).toBeNull();
    });
  });
});
