import { DataSource } from 'typeorm';
import type { CreateEventRequest, EngagementSummary, EventDetail, MyRegistration, SurveyState } from '@fulcrum/shared';
import { createTestApp, createUserAndSignIn, setupAdmin, type TestApp } from 'testing/test-app';

const DAY = 24 * 3600 * 1000;
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3600 * 1000).toISOString();

const EVENT: CreateEventRequest = {
  title: 'Engagement Summit',
  format: 'online',
  startsAt: inDays(10),
  endsAt: inDays(10, 2),
  timeZone: 'Asia/Shanghai',
  capacity: 2,
  ctas: [
    { id: 'cta1', kind: 'book_meeting', label: null, url: 'https://meet.example.com/book?src=summit' },
    { id: 'cta2', kind: 'custom', label: '下载白皮书', url: 'http://example.com/paper' },
  ],
  survey: [
    { id: 's1', kind: 'rating', prompt: 'How useful was it?', required: true, options: [] },
    {
      id: 's2',
      kind: 'choice',
      prompt: 'What next?',
      required: true,
      options: [
        { id: 'o1', label: 'A demo' },
        { id: 'o2', label: 'A call' },
      ],
    },
    { id: 's3', kind: 'text', prompt: 'Anything else?', required: false, options: [] },
  ],
};

describe('engagement: downloads, calls to action, the end-of-event survey and the organizer summary', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: string;
  let sales: string;
  let event: EventDetail;
  let materialId: string;
  const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(120_000, 9)]);
  let ada: { token: string; id: string; contactId: string };
  let bo: { token: string; id: string; contactId: string };
  let waiting: { token: string; id: string; contactId: string };

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, payload?: object, cookie: string | null = admin) =>
    t.app.inject({ method, url: path, payload, headers: cookie ? { cookie } : {} });
  const register = async (email: string, name: string) => {
    const response = await call('POST', `/api/v1/public/events/${event.slug}/registrations`, { name, email, answers: {} }, null);
    expect(response.statusCode).toBe(201);
    const [row] = await db.query(`SELECT id, contact_id AS "contactId" FROM registrations WHERE token = $1`, [response.json().token]);
    return { token: response.json().token as string, ...(row as { id: string; contactId: string }) };
  };
  const activities = (registrationId: string, kind: string) =>
    db.query(`SELECT data FROM activities WHERE registration_id = $1 AND kind = $2 ORDER BY id`, [registrationId, kind]) as Promise<Array<{ data: Record<string, unknown> }>>;
  const base = (token: string) => `/api/v1/public/registrations/${token}`;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    admin = await setupAdmin(t, { email: 'eng@example.com', name: 'Eng Admin', password: 'engagement password', locale: 'en' });
    sales = await createUserAndSignIn(t, admin, { email: 'sam@example.com', name: 'Sam Sales', role: 'sales', password: 'sales password 1' });
    const created = await call('POST', '/api/v1/events', EVENT);
    expect(created.statusCode).toBe(201);
    event = created.json();
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/materials?fileName=${encodeURIComponent('方案 2026.pdf')}&title=${encodeURIComponent('Solution brief')}`,
      headers: { cookie: admin, 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    expect(uploaded.statusCode).toBe(201);
    materialId = uploaded.json().id;
    expect((await call('POST', `/api/v1/events/${event.id}/status`, { status: 'scheduled' })).statusCode).toBe(200);
    ada = await register('ada@acme.example', 'Ada');
    bo = await register('bo@example.com', 'Bo');
    waiting = await register('wait@example.com', 'Wendy');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the buttons and the survey with the event, and refuses bad ones field by field', async () => {
    expect(event.ctas).toEqual([
      { id: 'cta1', kind: 'book_meeting', label: null, url: 'https://meet.example.com/book?src=summit' },
      { id: 'cta2', kind: 'custom', label: '下载白皮书', url: 'http://example.com/paper' },
    ]);
    expect(event.survey.map((q) => q.id)).toEqual(['s1', 's2', 's3']);
    const bad = await call('PATCH', `/api/v1/events/${event.id}`, {
      ctas: [{ id: 'x', kind: 'custom', label: '', url: 'javascript:alert(1)' }],
      survey: [{ id: 'q', kind: 'choice', prompt: 'Pick', required: false, options: [{ id: 'a', label: 'Only one' }] }],
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json().details as Array<{ path: string }>).map((d) => d.path).sort();
    expect(paths).toEqual(['ctas.0.label', 'ctas.0.url', 'survey.0.options']);
    const tooMany = await call('PATCH', `/api/v1/events/${event.id}`, {
      ctas: Array.from({ length: 5 }, (_, i) => ({ id: `c${i}`, kind: 'request_demo', url: 'https://demo.example.com' })),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('gives a seat holder the materials, buttons (without addresses) and the survey flag; others get none', async () => {
    const mine: MyRegistration = (await call('GET', base(ada.token), undefined, null)).json();
    expect(mine.materials).toEqual([
      { id: materialId, title: 'Solution brief', fileName: '方案 2026.pdf', sizeBytes: bytes.length, downloadUrl: `${base(ada.token)}/materials/${materialId}/file` },
    ]);
    expect(mine.ctas).toEqual([
      { id: 'cta1', kind: 'book_meeting', label: null },
      { id: 'cta2', kind: 'custom', label: '下载白皮书' },
    ]);
    expect(mine.hasSurvey).toBe(true);
    const theirs: MyRegistration = (await call('GET', base(waiting.token), undefined, null)).json();
    expect(theirs.status).toBe('waitlisted');
    expect(theirs).toMatchObject({ materials: [], ctas: [], hasSurvey: false });
  });

  it('counts every download, with an activity, and streams the file with safe headers', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await call('GET', `${base(ada.token)}/materials/${materialId}/file`, undefined, null);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(String(response.headers['content-disposition'])).toBe(`attachment; filename="material"; filename*=UTF-8''${encodeURIComponent('方案 2026.pdf')}`);
      expect(response.rawPayload.equals(bytes)).toBe(true);
    }
    expect((await call('GET', `${base(bo.token)}/materials/${materialId}/file`, undefined, null)).statusCode).toBe(200);
    expect(await db.query(`SELECT registration_id, count(*)::int AS n FROM downloads WHERE material_id = $1 GROUP BY 1 ORDER BY 2`, [materialId])).toEqual([
      { registration_id: bo.id, n: 1 },
      { registration_id: ada.id, n: 2 },
    ]);
    const logged = await activities(ada.id, 'material.downloaded');
    expect(logged).toHaveLength(2);
    expect(logged[0].data).toEqual({ materialId, title: 'Solution brief', fileName: '方案 2026.pdf' });
  });

  it('refuses forged tokens, people without a seat and materials of other events, recording nothing', async () => {
    const forged = await call('GET', `${base('x'.repeat(43))}/materials/${materialId}/file`, undefined, null);
    expect(forged.statusCode).toBe(404);
    expect(forged.json().code).toBe('registrations.not_found');
    const noSeat = await call('GET', `${base(waiting.token)}/materials/${materialId}/file`, undefined, null);
    expect(noSeat.statusCode).toBe(403);
    expect(noSeat.json().code).toBe('engagement.not_registered');
    expect((await call('POST', `${base(waiting.token)}/cta/cta1`, {}, null)).json().code).toBe('engagement.not_registered');
    expect((await call('PUT', `${base(waiting.token)}/survey`, { answers: {} }, null)).json().code).toBe('engagement.not_registered');
    const other = await call('GET', `${base(ada.token)}/materials/00000000-0000-4000-8000-000000000000/file`, undefined, null);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('events.material_not_found');
    expect((await call('GET', `${base(ada.token)}/materials/not-a-uuid/file`, undefined, null)).json().code).toBe('events.material_not_found');
    expect(await db.query(`SELECT count(*)::int AS n FROM downloads WHERE registration_id = $1`, [waiting.id])).toEqual([{ n: 0 }]);
    expect(await db.query(`SELECT count(*)::int AS n FROM activities WHERE registration_id = $1 AND kind LIKE 'material.%'`, [waiting.id])).toEqual([{ n: 0 }]);
  });

  it('records a call to action and returns only its configured address; an unknown button is refused', async () => {
    const clicked = await call('POST', `${base(ada.token)}/cta/cta1`, {}, null);
    expect(clicked.statusCode).toBe(200);
    expect(clicked.json()).toEqual({ url: 'https://meet.example.com/book?src=summit' });
    const unknown = await call('POST', `${base(ada.token)}/cta/https%3A%2F%2Fevil.example`, {}, null);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('engagement.cta_not_found');
    expect(await db.query(`SELECT cta_id, kind, url FROM cta_clicks WHERE registration_id = $1`, [ada.id])).toEqual([
      { cta_id: 'cta1', kind: 'book_meeting', url: 'https://meet.example.com/book?src=summit' },
    ]);
    expect((await activities(ada.id, 'cta.clicked')).map((a) => a.data)).toEqual([
      { ctaId: 'cta1', kind: 'book_meeting', label: null, url: 'https://meet.example.com/book?src=summit' },
    ]);
  });

  it('keeps the survey closed before the end, then names each refused answer by its question', async () => {
    const before: SurveyState = (await call('GET', `${base(ada.token)}/survey`, undefined, null)).json();
    expect(before).toMatchObject({ window: 'not_open', answers: null, answeredAt: null, opensAt: new Date(event.endsAt).toISOString() });
    const early = await call('PUT', `${base(ada.token)}/survey`, { answers: { s1: 5, s2: 'o1' } }, null);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('engagement.survey_not_open');

    for (const status of ['live', 'ended']) expect((await call('POST', `/api/v1/events/${event.id}/status`, { status })).statusCode).toBe(200);
    const bad = await call('PUT', `${base(ada.token)}/survey`, { answers: { s1: 6, s2: 'o9', s3: 'x'.repeat(2001), zz: 'extra' } }, null);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([
      { path: 'answers.zz', message: 'No such question in this survey' },
      { path: 'answers.s1', message: 'Choose a rating from 1 to 5' },
      { path: 'answers.s2', message: 'Choose one of the options' },
      { path: 'answers.s3', message: 'At most 2000 characters' },
    ]);
    const missing = await call('PUT', `${base(ada.token)}/survey`, { answers: { s1: '5' } }, null);
    expect(missing.json().details).toEqual([
      { path: 'answers.s1', message: 'This answer has the wrong type' },
      { path: 'answers.s2', message: 'This answer is required' },
    ]);
    expect(await db.query(`SELECT count(*)::int AS n FROM survey_responses`)).toEqual([{ n: 0 }]);

    const saved = await call('PUT', `${base(ada.token)}/survey`, { answers: { s1: 4, s2: 'o2', s3: '  <b>Great</b>  ' } }, null);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ window: 'open', answers: { s1: 4, s2: 'o2', s3: '<b>Great</b>' } });
    const changed: SurveyState = (await call('PUT', `${base(ada.token)}/survey`, { answers: { s1: 5, s2: 'o1', s3: '' } }, null)).json();
    expect(changed.answers).toEqual({ s1: 5, s2: 'o1' });
    expect((await call('PUT', `${base(bo.token)}/survey`, { answers: { s1: 2, s2: 'o1', s3: 'More demos' } }, null)).statusCode).toBe(200);
    expect(await db.query(`SELECT count(*)::int AS n FROM survey_responses WHERE event_id = $1`, [event.id])).toEqual([{ n: 2 }]);
    expect((await activities(ada.id, 'survey.answered')).map((a) => a.data)).toEqual([
      { answered: 3, questions: 3, changed: false },
      { answered: 2, questions: 3, changed: true },
    ]);
    const again: SurveyState = (await call('GET', `${base(ada.token)}/survey`, undefined, null)).json();
    expect(again.answers).toEqual({ s1: 5, s2: 'o1' });
  });

  it('summarizes downloads, clicks and answers for every console role', async () => {
    await call('POST', `${base(bo.token)}/cta/cta1`, {}, null);
    await call('POST', `${base(bo.token)}/cta/cta1`, {}, null);
    const response = await call('GET', `/api/v1/events/${event.id}/engagement`, undefined, sales);
    expect(response.statusCode).toBe(200);
    const summary: EngagementSummary = response.json();
    expect(summary.materials).toEqual([{ id: materialId, title: 'Solution brief', fileName: '方案 2026.pdf', people: 2, downloads: 3 }]);
    expect(summary.ctas).toEqual([
      { id: 'cta1', kind: 'book_meeting', label: null, people: 2, clicks: 3 },
      { id: 'cta2', kind: 'custom', label: '下载白皮书', people: 0, clicks: 0 },
    ]);
    expect(summary.survey.responses).toBe(2);
    const [rating, choice, text] = summary.survey.questions;
    expect(rating).toMatchObject({ id: 's1', answered: 2, average: 3.5 });
    expect(rating.counts.map((c) => c.count)).toEqual([0, 1, 0, 0, 1]);
    expect(choice).toMatchObject({ answered: 2, counts: [{ id: 'o1', label: 'A demo', count: 2 }, { id: 'o2', label: 'A call', count: 0 }] });
    expect(text).toMatchObject({ kind: 'text', answered: 1, counts: [] });
    expect((await call('GET', `/api/v1/events/00000000-0000-4000-8000-000000000000/engagement`)).json().code).toBe('events.not_found');
    expect((await call('GET', `/api/v1/events/${event.id}/engagement`, undefined, null)).statusCode).toBe(401);
  });

  it('closes the survey 7 days after the scheduled end', async () => {
    await db.query(`UPDATE events SET starts_at = now() - interval '9 days', ends_at = now() - interval '8 days' WHERE id = $1`, [event.id]);
    const state: SurveyState = (await call('GET', `${base(bo.token)}/survey`, undefined, null)).json();
    expect(state.window).toBe('closed');
    const late = await call('PUT', `${base(bo.token)}/survey`, { answers: { s1: 1, s2: 'o2' } }, null);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('engagement.survey_closed');
    expect((await call('GET', `${base(bo.token)}/survey`, undefined, null)).json().answers).toEqual({ s1: 2, s2: 'o1', s3: 'More demos' });
  });

  it('puts a person’s downloads, clicks and answers in their export, and erasure removes them', async () => {
    const document = JSON.parse((await call('GET', `/api/v1/privacy/contacts/${ada.contactId}/export`)).body);
    expect(document.downloads).toHaveLength(2);
    expect(document.downloads[0]).toMatchObject({ event: 'Engagement Summit', material: 'Solution brief', fileName: '方案 2026.pdf' });
    expect(document.ctaClicks).toEqual([expect.objectContaining({ kind: 'book_meeting', url: 'https://meet.example.com/book?src=summit' })]);
    expect(document.surveyResponses).toEqual([expect.objectContaining({ answers: { s1: 5, s2: 'o1' } })]);

    const erased = await call('POST', `/api/v1/privacy/contacts/${ada.contactId}/erase`, { confirm: 'ada@acme.example' });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().removed).toMatchObject({ downloads: 2, ctaClicks: 1, surveyResponses: 1 });
    for (const table of ['downloads', 'cta_clicks', 'survey_responses']) {
      expect(await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE registration_id = $1`, [ada.id])).toEqual([{ n: 0 }]);
    }
    // Bo's are untouched.
    expect(await db.query(`SELECT count(*)::int AS n FROM survey_responses WHERE registration_id = $1`, [bo.id])).toEqual([{ n: 1 }]);
    const summary: EngagementSummary = (await call('GET', `/api/v1/events/${event.id}/engagement`)).json();
    expect(summary.materials[0]).toMatchObject({ people: 1, downloads: 1 });
    expect(summary.survey.responses).toBe(1);
  });
});
