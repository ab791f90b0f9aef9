import { DataSource } from 'typeorm';
import {
  type CreateEventRequest,
  type EventDetail,
  QA_LIMITS,
  type QaQuestion,
  type QaQuestionFull,
  type QaReply,
} from '@fulcrum/shared';
import { next } from 'testing/live-client';
import { inDays, LiveTestRoom, record } from 'testing/live-test-room';
import { QaService } from './qa.service';


const EVENT: CreateEventRequest = {
  title: 'Q&A Summit',
  format: 'online',
  startsAt: inDays(14),
  endsAt: inDays(14, 3),
  timeZone: 'Asia/Shanghai',
};

const question = (reply: QaReply): QaQuestion | QaQuestionFull => {
  if (!reply.ok) throw new Error(`refused: ${reply.error.code} ${reply.error.message}`);
  return reply.question;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('/live Q&A: ask, moderate, upvote, reconnect state, bad input and privacy', () => {
  let room: LiveTestRoom;
  let db: DataSource;
  let admin: string;
  let event: EventDetail;

  beforeAll(async () => {
    room = await LiveTestRoom.start({ email: 'qa@example.com', name: 'QA Admin', password: 'live qa password' });
    ({ db, admin } = room);
    event = await room.event(EVENT);
  });

  afterAll(() => room?.close());

  const call = (method: 'GET' | 'POST', path: string, payload?: object, cookie: string | null = admin) => room.call(method, path, payload, cookie);
  const register = (email: string, name: string) => room.register(event, email, name);
  /** An attendee in the room, with the qa:state it received right after room:state. */
  const attend = async (token: string) => {
    const { client, state, before } = await room.attend(event, token, 'qa:state');
    expect(before).toEqual(['room:state']);
    return { client, qa: state };
  };
  const watch = async () => {
    const { client, state } = await room.watch(event, 'qa:state');
    return { client, qa: state };
  };

  const questionRow = async (id: string) => (await db.query(`SELECT text, anonymous, status, upvotes, pinned, answered_at, answer_text FROM questions WHERE id = $1`, [id]))[0];
  const activitiesOf = async (registrationId: string) =>
    db.query(`SELECT kind, data FROM activities WHERE registration_id = $1 AND kind LIKE 'question.%' ORDER BY id`, [registrationId]);

  let ada: { token: string; id: string; contactId: string };
  let bo: { token: string; id: string; contactId: string };
  let anonymousId: string;
  let scriptId: string;
  let namedId: string;

  it('sends a new question to the organizers with who asked, and to attendees only once approved, anonymous without a name', async () => {
    ada = await register('ada@acme.example', 'Ada Lovelace');
    bo = await register('bo@example.com', 'Bo Peep');
    const [company] = await db.query(`INSERT INTO companies (name, normalized_name, tier) VALUES ('Acme Industrial', 'acme industrial', 'ka') RETURNING id`);
    await db.query(`UPDATE contacts SET company_id = $1 WHERE id = $2`, [company.id, ada.contactId]);

    const organizer = await watch();
    expect(organizer.qa).toEqual({ eventId: event.id, questions: [], myQuestions: [], myVotes: [] });
    const adaRoom = await attend(ada.token);
    const boRoom = await attend(bo.token);
    const boUpdates = record(boRoom.client, 'qa:updated');

    const asked = next(organizer.client, 'qa:asked');
    const reply = await adaRoom.client.emitWithAck('qa:ask', { text: '  How does the line scale to ten plants?  ', anonymous: true });
    const own = question(reply);
    expect(own).toMatchObject({ text: 'How does the line scale to ten plants?', anonymous: true, askerName: null, status: 'pending', upvotes: 0 });
    anonymousId = own.id;
    expect(await asked).toMatchObject({
      id: own.id,
      status: 'pending',
      anonymous: true,
      askerName: 'Ada Lovelace',
      asker: { registrationId: ada.id, name: 'Ada Lovelace', email: 'ada@acme.example', company: 'Acme Industrial', tier: 'ka' },
    });
    expect(await questionRow(own.id)).toMatchObject({ text: 'How does the line scale to ten plants?', anonymous: true, status: 'pending', upvotes: 0 });
    expect(await activitiesOf(ada.id)).toEqual([{ kind: 'question.asked', data: { questionId: own.id, anonymous: true } }]);

    // Pending: no attendee heard of it.
    await sleep(200);
    expect(boUpdates).toEqual([]);

    const toAttendee = next(boRoom.client, 'qa:updated', (q) => q.id === own.id);
    const toOrganizer = next(organizer.client, 'qa:updated', (q) => q.id === own.id);
    const approved = await organizer.client.emitWithAck('qa:moderate', { questionId: own.id, action: 'approve' });
    expect(approved).toMatchObject({ ok: true, changed: true, question: { status: 'approved' } });
    const seen = await toAttendee;
    expect(seen).toMatchObject({ id: own.id, status: 'approved', anonymous: true, askerName: null, text: 'How does the line scale to ten plants?' });
    expect(seen).not.toHaveProperty('asker');
    expect(JSON.stringify(seen)).not.toContain('Ada');
    expect(await toOrganizer).toMatchObject({ askerName: 'Ada Lovelace', asker: { email: 'ada@acme.example', tier: 'ka' } });
    // The organizer is in the event room too, but gets only the full view.
    await sleep(200);
    expect(boUpdates.filter((q) => q.id === own.id)).toHaveLength(1);

    // A named question shows its asker to everyone.
    const named = question(await boRoom.client.emitWithAck('qa:ask', { text: 'Is there a replay?' }));
    namedId = named.id;
    const namedSeen = next(adaRoom.client, 'qa:updated', (q) => q.id === named.id);
    await organizer.client.emitWithAck('qa:moderate', { questionId: named.id, action: 'approve' });
    expect(await namedSeen).toMatchObject({ askerName: 'Bo Peep', anonymous: false });
  });

  it('stores and sends script-laden text verbatim, as plain text', async () => {
    const cy = await register('cy@example.com', 'Cy');
    const organizer = await watch();
    const { client } = await attend(cy.token);
    const text = `<script>alert("x")</script> & <img src=x onerror=alert(1)> 'quotes'`;
    const asked = next(organizer.client, 'qa:asked');
    const own = question(await client.emitWithAck('qa:ask', { text }));
    expect(own.text).toBe(text);
    expect((await asked).text).toBe(text);
    expect((await questionRow(own.id)).text).toBe(text);
    const updated = next(client, 'qa:updated', (q) => q.id === own.id);
    await organizer.client.emitWithAck('qa:moderate', { questionId: own.id, action: 'approve' });
    expect((await updated).text).toBe(text);
    scriptId = own.id;
  });

  it('counts one upvote per registration, whatever the number of tabs, and refuses votes on pending questions', async () => {
    const organizer = await watch();
    const first = await attend(bo.token);
    const second = await attend(bo.token);
    const voted = next(organizer.client, 'qa:updated', (q) => q.id === anonymousId && q.upvotes === 1);
    expect(await first.client.emitWithAck('qa:upvote', { questionId: anonymousId })).toMatchObject({ ok: true, changed: true, question: { upvotes: 1 } });
    expect(await second.client.emitWithAck('qa:upvote', { questionId: anonymousId })).toMatchObject({ ok: true, changed: false, question: { upvotes: 1 } });
    expect(await first.client.emitWithAck('qa:upvote', { questionId: anonymousId })).toMatchObject({ ok: true, changed: false });
    await voted;
    // Both at once, from a third tab and the first: still one.
    const third = await attend(bo.token);
    await Promise.all([third.client.emitWithAck('qa:upvote', { questionId: scriptId }), first.client.emitWithAck('qa:upvote', { questionId: scriptId })]);
    expect((await questionRow(anonymousId)).upvotes).toBe(1);
    expect((await questionRow(scriptId)).upvotes).toBe(1);
    expect(await db.query(`SELECT count(*)::int AS n FROM question_votes WHERE registration_id = $1`, [bo.id])).toEqual([{ n: 2 }]);
    expect((await activitiesOf(bo.id)).filter((a: { kind: string }) => a.kind === 'question.upvoted')).toEqual([
      { kind: 'question.upvoted', data: { questionId: anonymousId } },
      { kind: 'question.upvoted', data: { questionId: scriptId } },
    ]);

    const dee = await register('dee@example.com', 'Dee');
    const { client } = await attend(dee.token);
    const pending = question(await client.emitWithAck('qa:ask', { text: 'Still pending?' }));
    expect(await first.client.emitWithAck('qa:upvote', { questionId: pending.id })).toMatchObject({ ok: false, error: { code: 'qa.bad_state' } });
    expect(await first.client.emitWithAck('qa:upvote', { questionId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'qa.not_found' } });
    expect((await questionRow(pending.id)).upvotes).toBe(0);
  });

  it('refuses a vote storm from one socket with an error event', async () => {
    const eve = await register('eve@example.com', 'Eve');
    const { client } = await attend(eve.token);
    const errors = record(client, 'session:errored');
    const replies = await Promise.all(Array.from({ length: 20 }, () => client.emitWithAck('qa:upvote', { questionId: anonymousId })));
    const refused = replies.filter((reply) => !reply.ok);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(QA_LIMITS.votesPerSecond);
    expect(refused).toHaveLength(20 - QA_LIMITS.votesPerSecond);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'qa.rate_limited' } });
    expect(errors.filter((e) => e.code === 'qa.rate_limited')).toHaveLength(20 - QA_LIMITS.votesPerSecond);
    expect((await questionRow(anonymousId)).upvotes).toBe(2);
    expect(client.connected).toBe(true);
  });

  it('folds a burst of votes into a few updates, the last one with the final count', async () => {
    const organizer = await watch();
    const voters = await Promise.all(['gus', 'hal', 'ivy', 'jo', 'kit', 'lu'].map(async (name) => attend((await register(`${name}@example.com`, name)).token)));
    const received: Array<{ at: number; upvotes: number }> = [];
    organizer.client.on('qa:updated', (q) => q.id === namedId && received.push({ at: Date.now(), upvotes: q.upvotes }));
    const replies = await Promise.all(voters.map(({ client }) => client.emitWithAck('qa:upvote', { questionId: namedId })));
    expect(replies.every((reply) => reply.ok && reply.changed)).toBe(true);
    await sleep(QA_LIMITS.voteBroadcastEveryMs * 3);
    expect((await questionRow(namedId)).upvotes).toBe(6);
    expect(received.at(-1)?.upvotes).toBe(6);
    expect(received.length).toBeLessThan(6);
    for (let i = 1; i < received.length; i++) expect(received[i].at - received[i - 1].at).toBeGreaterThanOrEqual(QA_LIMITS.voteBroadcastEveryMs - 50);
  });

  it('refuses moderation by an attendee, oversized and empty text, and a second question within the limit', async () => {
    const fay = await register('fay@example.com', 'Fay');
    const { client } = await attend(fay.token);
    const errored = next(client, 'session:errored');
    expect(await client.emitWithAck('qa:moderate', { questionId: anonymousId, action: 'hide' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await errored).toMatchObject({ code: 'auth.forbidden' });
    expect((await questionRow(anonymousId)).status).toBe('approved');

    const before = await db.query(`SELECT count(*)::int AS n FROM questions`);
    for (const text of ['x'.repeat(QA_LIMITS.textMax + 1), '   ', 'bell\u0007']) {
      const invalid = next(client, 'session:errored');
      expect(await client.emitWithAck('qa:ask', { text })).toMatchObject({ ok: false, error: { code: 'validation.failed' } });
      expect(await invalid).toMatchObject({ code: 'validation.failed' });
    }
    expect(await db.query(`SELECT count(*)::int AS n FROM questions`)).toEqual(before);
    expect(question(await client.emitWithAck('qa:ask', { text: 'x'.repeat(QA_LIMITS.textMax) })).text).toHaveLength(QA_LIMITS.textMax);
    expect(await client.emitWithAck('qa:ask', { text: 'And another one' })).toMatchObject({ ok: false, error: { code: 'qa.rate_limited' } });

    // Organizers do not ask or vote as attendees.
    const organizer = await watch();
    expect(await organizer.client.emitWithAck('qa:ask', { text: 'From the console' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('answers in writing or live, pins and hides, each reflected in qa:updated', async () => {
    const organizer = await watch();
    const { client } = await attend(bo.token);
    const answered = next(client, 'qa:updated', (q) => q.id === anonymousId && q.answerText !== null);
    const written = await organizer.client.emitWithAck('qa:moderate', { questionId: anonymousId, action: 'answer', answer: 'With the <b>modular</b> kit.' });
    expect(written).toMatchObject({ ok: true, changed: true, question: { answerText: 'With the <b>modular</b> kit.', answeredAt: expect.any(String) } });
    expect(await answered).toMatchObject({ answerText: 'With the <b>modular</b> kit.', answeredAt: expect.any(String), askerName: null });

    const pinned = next(client, 'qa:updated', (q) => q.id === scriptId && q.pinned);
    expect(await organizer.client.emitWithAck('qa:moderate', { questionId: scriptId, action: 'pin' })).toMatchObject({ ok: true, changed: true });
    expect(await pinned).toMatchObject({ pinned: true, status: 'approved' });
    expect(await organizer.client.emitWithAck('qa:moderate', { questionId: scriptId, action: 'pin' })).toMatchObject({ ok: true, changed: false });

    const live = await organizer.client.emitWithAck('qa:moderate', { questionId: scriptId, action: 'answer' });
    expect(live).toMatchObject({ ok: true, question: { answeredAt: expect.any(String), answerText: null } });
    expect(await questionRow(scriptId)).toMatchObject({ pinned: true, answer_text: null, answered_at: expect.any(Date) });

    const hidden = next(client, 'qa:updated', (q) => q.id === scriptId && q.status === 'hidden');
    await organizer.client.emitWithAck('qa:moderate', { questionId: scriptId, action: 'hide' });
    expect(await hidden).toMatchObject({ text: '', askerName: null, pinned: false });
    expect(await organizer.client.emitWithAck('qa:moderate', { questionId: scriptId, action: 'bogus' } as never)).toMatchObject({ ok: false, error: { code: 'validation.failed' } });
  });

  it('gives a reconnecting attendee the approved questions, its own and its votes; organizers every question', async () => {
    const back = await attend(bo.token);
    // Approved only (the hidden and pending ones left out), most votes first.
    expect(back.qa.questions.map((q) => q.id)).toEqual([namedId, anonymousId]);
    expect(back.qa.questions.every((q) => q.status === 'approved' && !('asker' in q))).toBe(true);
    expect(back.qa.questions.find((q) => q.id === anonymousId)).toMatchObject({ askerName: null, upvotes: 2, answerText: 'With the <b>modular</b> kit.' });
    expect(back.qa.myVotes).toEqual([anonymousId]);
    expect(back.qa.myQuestions.map((q) => q.text)).toEqual(['Is there a replay?']);

    const asker = await attend(ada.token);
    expect(asker.qa.myQuestions).toEqual([expect.objectContaining({ id: anonymousId, anonymous: true })]);
    expect(asker.qa.myVotes).toEqual([]);
    // Read for several attendees at once (a join storm's batch), each gets exactly what they get alone.
    expect(await room.t.app.get(QaService).attendeeStates(event.id, [bo.id, ada.id])).toEqual([back.qa, asker.qa]);

    const organizer = await watch();
    const all = organizer.qa.questions as QaQuestionFull[];
    expect(all.map((q) => q.status).sort()).toEqual(['approved', 'approved', 'hidden', 'pending', 'pending']);
    expect(all.find((q) => q.id === anonymousId)).toMatchObject({ asker: { name: 'Ada Lovelace', company: 'Acme Industrial', tier: 'ka' } });
    expect(all.slice(0, 2).map((q) => q.id)).toEqual([namedId, anonymousId]);
  });

  it('exports the person’s questions and votes, and erasure removes them', async () => {
    const exported = await call('GET', `/api/v1/privacy/contacts/${ada.contactId}/export`);
    expect(exported.statusCode).toBe(200);
    const document = JSON.parse(exported.body);
    expect(document.questions).toEqual([expect.objectContaining({ event: 'Q&A Summit', text: 'How does the line scale to ten plants?', anonymous: true, status: 'approved' })]);
    expect(document.activities.map((a: { kind: string }) => a.kind)).toContain('question.asked');
    const boDocument = JSON.parse((await call('GET', `/api/v1/privacy/contacts/${bo.contactId}/export`)).body);
    expect(boDocument.questionVotes.map((v: { questionId: string }) => v.questionId).sort()).toEqual([anonymousId, scriptId].sort());

    // Bo's erasure: Bo's question goes, and the questions Bo voted for lose the vote.
    const erased = await call('POST', `/api/v1/privacy/contacts/${bo.contactId}/erase`, { confirm: 'bo@example.com' });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().removed).toMatchObject({ questions: 1, questionVotes: 2 });
    expect(await db.query(`SELECT 1 FROM questions WHERE registration_id = $1`, [bo.id])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM question_votes WHERE registration_id = $1`, [bo.id])).toHaveLength(0);
    expect((await questionRow(anonymousId)).upvotes).toBe(1);
    expect((await questionRow(scriptId)).upvotes).toBe(0);

    const adaErased = await call('POST', `/api/v1/privacy/contacts/${ada.contactId}/erase`, { confirm: 'ada@acme.example' });
    expect(adaErased.json().removed).toMatchObject({ questions: 1 });
    expect(await db.query(`SELECT 1 FROM questions WHERE id = $1`, [anonymousId])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM question_votes WHERE question_id = $1`, [anonymousId])).toHaveLength(0);
  });

  it('closes questions and votes once the event has ended (the replay)', async () => {
    const late = await register('late@example.com', 'Late');
    expect((await call('POST', `/api/v1/events/${event.id}/status`, { status: 'ended' })).statusCode).toBe(200);
    const { client, qa } = await attend(late.token);
    expect(qa.eventId).toBe(event.id);
    expect(await client.emitWithAck('qa:ask', { text: 'Too late?' })).toMatchObject({ ok: false, error: { code: 'qa.closed' } });
    expect(await client.emitWithAck('qa:upvote', { questionId: namedId })).toMatchObject({ ok: false, error: { code: 'qa.closed' } });
  });
});
