import { DataSource } from 'typeorm';
import { type CreateEventRequest, type EventDetail, type Poll, POLL_LIMITS, type PollReply, type PollState } from '@fulcrum/shared';
import { next, type LiveClient } from 'testing/live-client';
import { createUserAndSignIn } from 'testing/test-app';
import { inDays, LiveTestRoom, record } from 'testing/live-test-room';
import { waitFor } from 'testing/wait-for';
import { PollsService } from './polls.service';

const EVENT: CreateEventRequest = {
  title: 'Poll Summit',
  format: 'online',
  startsAt: inDays(14),
  endsAt: inDays(14, 3),
  timeZone: 'Asia/Shanghai',
};
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

const pollOf = (reply: PollReply): Poll => {
  if (!reply.ok) throw new Error(`refused: ${reply.error.code} ${reply.error.message}`);
  return reply.poll;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const votesOf = (poll: Poll | null | undefined) => poll?.results?.counts.map((count) => count.votes);

describe('/live polls: prepare, launch, answer, coalesced results, close, reconnect state, bad input and privacy', () => {
  let room: LiveTestRoom;
  let db: DataSource;
  let admin: string;
  let event: EventDetail;

  beforeAll(async () => {
    room = await LiveTestRoom.start({ email: 'polls@example.com', name: 'Poll Admin', password: 'live poll password' });
    ({ db, admin } = room);
    event = await room.event(EVENT);
  });

  afterAll(() => room?.close());

  const call = (method: 'GET' | 'POST', path: string, payload?: object, cookie: string | null = admin) => room.call(method, path, payload, cookie);
  const register = (email: string, name: string) => room.register(event, email, name);
  /** An attendee in the room, with the poll:state it received right after qa:state. */
  const attend = async (token: string) => {
    const { client, state, before } = await room.attend(event, token, 'poll:state');
    expect(before).toEqual(['room:state', 'qa:state']);
    return { client, polls: state };
  };
  const watch = async (cookie = admin) => {
    const { client, state } = await room.watch(event, 'poll:state', cookie);
    return { client, polls: state };
  };

  const pollActivities = async (registrationId: string) =>
    db.query(`SELECT kind, data FROM activities WHERE registration_id = $1 AND kind LIKE 'poll.%' ORDER BY id`, [registrationId]);

  let organizer: { client: LiveClient; polls: PollState };
  let ada: { token: string; id: string; contactId: string };
  let bo: { token: string; id: string; contactId: string };
  /** Single choice, launched, answered by Ada; closed in a later test. */
  let colour: Poll;
  /** Multiple choice, launched, results shown. */
  let features: Poll;
  /** A draft, never launched. */
  let draft: Poll;

  it('prepares a draft seen only by organizers, launches it to everyone, and records one answer per registration', async () => {
    organizer = await watch();
    expect(organizer.polls).toEqual({ eventId: event.id, polls: [], myAnswers: {} });
    ada = await register('ada@acme.example', 'Ada Lovelace');
    bo = await register('bo@example.com', 'Bo Peep');
    const adaRoom = await attend(ada.token);
    expect(adaRoom.polls).toEqual({ eventId: event.id, polls: [], myAnswers: {} });
    const adaUpdates = record(adaRoom.client, 'poll:updated');
    const staffUpdates = record(organizer.client, 'poll:updated');

    const created = pollOf(
      await organizer.client.emitWithAck('poll:create', { eventId: event.id, question: '  Which colour?  ', kind: 'single', options: ['Red', 'Green', 'Blue'] }),
    );
    expect(created).toMatchObject({ eventId: event.id, question: 'Which colour?', kind: 'single', status: 'draft', showResults: false, openedAt: null });
    expect(created.options.map((o) => o.text)).toEqual(['Red', 'Green', 'Blue']);
    expect(created.results).toMatchObject({ respondents: 0, counts: created.options.map((o) => ({ optionId: o.id, votes: 0 })) });
    // Edited while a draft: options replaced, in order.
    const edited = pollOf(await organizer.client.emitWithAck('poll:update', { pollId: created.id, question: 'Which colour do you like?', options: ['Red', 'Green', 'Blue', 'Black'] }));
    expect(edited.question).toBe('Which colour do you like?');
    expect(edited.options.map((o) => o.text)).toEqual(['Red', 'Green', 'Blue', 'Black']);

    const launchedToAda = next(adaRoom.client, 'poll:updated', (p) => p.id === created.id);
    colour = pollOf(await organizer.client.emitWithAck('poll:launch', { pollId: created.id }));
    expect(colour).toMatchObject({ status: 'open', closedAt: null });
    expect(colour.openedAt).not.toBeNull();
    // Attendees see the launched poll without results (not shown); the draft and its edit never reached them.
    expect(await launchedToAda).toMatchObject({ id: created.id, status: 'open', results: null, question: 'Which colour do you like?' });
    expect(adaUpdates.map((p) => p.status)).toEqual(['open']);
    await sleep(50);
    expect(staffUpdates.map((p) => p.status)).toEqual(['draft', 'draft', 'open']);
    // Launching again changes nothing.
    expect(await organizer.client.emitWithAck('poll:launch', { pollId: created.id })).toMatchObject({ ok: true, changed: false });

    const green = colour.options[1].id;
    const results = next(organizer.client, 'poll:results-updated', (r) => r.pollId === colour.id);
    const answered = await adaRoom.client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [green] });
    expect(answered).toMatchObject({ ok: true, changed: true, optionIds: [green], poll: { id: colour.id, status: 'open', results: null } });
    // The same answer again (a retried submit) is idempotent; a different one is refused: answers are final.
    expect(await adaRoom.client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [green] })).toMatchObject({ ok: true, changed: false, optionIds: [green] });
    expect(await adaRoom.client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [colour.options[0].id] })).toMatchObject({
      ok: false,
      error: { code: 'poll.already_answered' },
    });
    expect(await db.query(`SELECT option_ids FROM poll_votes WHERE poll_id = $1`, [colour.id])).toEqual([{ option_ids: [green] }]);
    expect(await pollActivities(ada.id)).toEqual([{ kind: 'poll.answered', data: { pollId: colour.id, optionIds: [green], kind: 'single' } }]);

    expect(await results).toMatchObject({ eventId: event.id, respondents: 1, counts: [{ votes: 0 }, { votes: 1 }, { votes: 0 }, { votes: 0 }] });
    // The attendee saw no counts: results are not shown.
    await sleep(100);
    expect(adaUpdates.every((p) => p.results === null)).toBe(true);

    // A launched poll is neither edited nor deleted.
    expect(await organizer.client.emitWithAck('poll:update', { pollId: colour.id, question: 'Changed?' })).toMatchObject({ ok: false, error: { code: 'poll.bad_state' } });
    expect(await organizer.client.emitWithAck('poll:delete', { pollId: colour.id })).toMatchObject({ ok: false, error: { code: 'poll.bad_state' } });
  });

  it('shows another tab of the same person their answer', async () => {
    const first = await attend(bo.token);
    const second = await attend(bo.token);
    const seen = next(second.client, 'poll:answered');
    const blue = colour.options[2].id;
    expect(await first.client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [blue] })).toMatchObject({ ok: true, changed: true });
    expect(await seen).toEqual({ pollId: colour.id, eventId: event.id, optionIds: [blue] });
    // Both tabs at once, on the same poll: still one answer.
    await Promise.all([first.client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [blue] }), second.client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [blue] })]);
    expect(await db.query(`SELECT count(*)::int AS n FROM poll_votes WHERE registration_id = $1`, [bo.id])).toEqual([{ n: 1 }]);
  });

  it('validates answers: options of the poll only, one for single choice, one or more distinct for multiple', async () => {
    features = pollOf(
      await organizer.client.emitWithAck('poll:create', { eventId: event.id, question: 'Which features?', kind: 'multiple', options: ['Speed', 'Price', 'Support'], showResults: true }),
    );
    pollOf(await organizer.client.emitWithAck('poll:launch', { pollId: features.id }));
    const cy = await register('cy@example.com', 'Cy');
    const { client } = await attend(cy.token);
    const [speed, price, support] = features.options.map((o) => o.id);
    const refusals: Array<[object, string]> = [
      [{ pollId: colour.id, optionIds: [colour.options[0].id, colour.options[1].id] }, 'poll.invalid_answer'],
      [{ pollId: colour.id, optionIds: [speed] }, 'poll.invalid_answer'],
      [{ pollId: features.id, optionIds: [] }, 'validation.failed'],
      [{ pollId: features.id, optionIds: [speed, speed] }, 'validation.failed'],
      [{ pollId: features.id, optionIds: ['not-a-uuid'] }, 'validation.failed'],
      [{ pollId: NO_SUCH_ID, optionIds: [speed] }, 'poll.not_found'],
      [{ pollId: features.id }, 'validation.failed'],
    ];
    for (const [request, code] of refusals) {
      expect(await client.emitWithAck('poll:vote', request as never)).toMatchObject({ ok: false, error: { code } });
      await sleep(210); // under the storm limit
    }
    await sleep(1_000);
    expect(await db.query(`SELECT 1 FROM poll_votes v JOIN registrations r ON r.id = v.registration_id WHERE r.email = 'cy@example.com'`)).toHaveLength(0);
    // Sent in any order, stored in the poll's order.
    expect(await client.emitWithAck('poll:vote', { pollId: features.id, optionIds: [support, speed] })).toMatchObject({ ok: true, changed: true, optionIds: [speed, support] });
    expect(await client.emitWithAck('poll:vote', { pollId: features.id, optionIds: [speed, support] })).toMatchObject({ ok: true, changed: false });
    expect(await client.emitWithAck('poll:vote', { pollId: features.id, optionIds: [price] })).toMatchObject({ ok: false, error: { code: 'poll.already_answered' } });

    // Bad polls are refused too.
    const bad: object[] = [
      { eventId: event.id, question: 'One option?', kind: 'single', options: ['Only'] },
      { eventId: event.id, question: 'Twins?', kind: 'single', options: ['Same', ' same '] },
      { eventId: event.id, question: '', kind: 'single', options: ['A', 'B'] },
      { eventId: event.id, question: 'x'.repeat(POLL_LIMITS.questionMax + 1), kind: 'single', options: ['A', 'B'] },
      { eventId: event.id, question: 'Kind?', kind: 'ranked', options: ['A', 'B'] },
      { eventId: event.id, question: 'Many?', kind: 'multiple', options: Array.from({ length: POLL_LIMITS.optionsMax + 1 }, (_, i) => `Option ${i}`) },
    ];
    for (const request of bad) expect(await organizer.client.emitWithAck('poll:create', request as never)).toMatchObject({ ok: false, error: { code: 'validation.failed' } });
    expect(await organizer.client.emitWithAck('poll:create', { eventId: NO_SUCH_ID, question: 'Where?', kind: 'single', options: ['A', 'B'] })).toMatchObject({
      ok: false,
      error: { code: 'events.not_found' },
    });
  });

  it('folds a burst of 50 answers into a few broadcasts, with exact final counts, to attendees only while shown', async () => {
    const voters = await Promise.all(Array.from({ length: 50 }, async (_, i) => attend((await register(`voter${i}@example.com`, `Voter ${i}`)).token)));
    const watcher = voters[0].client;
    const staffResults: Array<{ at: number; respondents: number; votes: number[] }> = [];
    organizer.client.on('poll:results-updated', (r) => r.pollId === features.id && staffResults.push({ at: Date.now(), respondents: r.respondents, votes: r.counts.map((c) => c.votes) }));
    const attendeeResults = record(watcher, 'poll:results-updated');
    const colourResults = record(watcher, 'poll:results-updated');
    const [speed, price, support] = features.options.map((o) => o.id);
    // Voter i picks speed; every other also price; every third also support.
    const answers = voters.map((_, i) => [speed, ...(i % 2 ? [price] : []), ...(i % 3 ? [] : [support])]);
    const replies = await Promise.all(voters.map(({ client }, i) => client.emitWithAck('poll:vote', { pollId: features.id, optionIds: answers[i] })));
    expect(replies.every((reply) => reply.ok && reply.changed)).toBe(true);
    await sleep(POLL_LIMITS.resultsBroadcastEveryMs * 3);

    const expected = [51, 25, 17 + 1]; // Cy answered speed + support before
    expect(staffResults.at(-1)).toMatchObject({ respondents: 51, votes: expected });
    // One flush per 500 ms at most (each reads the counts afresh, so arrivals jitter with the load): a
    // handful of broadcasts for fifty answers, however long the burst took.
    const span = staffResults.at(-1)!.at - staffResults[0].at;
    expect(staffResults.length).toBeLessThanOrEqual(Math.ceil(span / POLL_LIMITS.resultsBroadcastEveryMs) + 2);
    expect(staffResults.length).toBeLessThanOrEqual(10);
    // Shown to attendees: the same counts reach them.
    expect(attendeeResults.filter((r) => r.pollId === features.id).at(-1)?.counts.map((c) => c.votes)).toEqual(expected);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM poll_votes WHERE poll_id = $1`, [features.id]);
    expect(n).toBe(51);
    expect(await db.query(`SELECT count(*)::int AS n FROM activities WHERE kind = 'poll.answered' AND data->>'pollId' = $1`, [features.id])).toEqual([{ n: 51 }]);

    // The colour poll's results are not shown: a vote on it reaches organizers, not attendees.
    const staffColour = next(organizer.client, 'poll:results-updated', (r) => r.pollId === colour.id && r.respondents === 3);
    expect(await voters[1].client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [colour.options[3].id] })).toMatchObject({ ok: true, changed: true });
    await staffColour;
    await sleep(100);
    expect(colourResults.filter((r) => r.pollId === colour.id)).toHaveLength(0);

    // Showing them: attendees get the poll with its results at once; hiding them: without.
    const shownToAttendee = next(watcher, 'poll:updated', (p) => p.id === colour.id);
    expect(pollOf(await organizer.client.emitWithAck('poll:results', { pollId: colour.id, show: true })).showResults).toBe(true);
    expect(votesOf(await shownToAttendee)).toEqual([0, 1, 1, 1]);
    const hidden = next(watcher, 'poll:updated', (p) => p.id === colour.id);
    pollOf(await organizer.client.emitWithAck('poll:results', { pollId: colour.id, show: false }));
    expect(await hidden).toMatchObject({ showResults: false, results: null });
  });

  it('refuses a vote storm from one socket with an error event', async () => {
    const eve = await register('eve@example.com', 'Eve');
    const { client } = await attend(eve.token);
    const errors = record(client, 'session:errored');
    const option = colour.options[0].id;
    const replies = await Promise.all(Array.from({ length: 20 }, () => client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [option] })));
    const refused = replies.filter((reply) => !reply.ok);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(POLL_LIMITS.votesPerSecond);
    expect(refused).toHaveLength(20 - POLL_LIMITS.votesPerSecond);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'poll.rate_limited' } });
    expect(errors.filter((e) => e.code === 'poll.rate_limited')).toHaveLength(20 - POLL_LIMITS.votesPerSecond);
    expect(await db.query(`SELECT count(*)::int AS n FROM poll_votes WHERE registration_id = $1`, [eve.id])).toEqual([{ n: 1 }]);
    expect(client.connected).toBe(true);
  });

  it('refuses moderation by attendees and by console users who may only watch', async () => {
    const { client } = await attend(ada.token);
    const requests = [
      ['poll:create', { eventId: event.id, question: 'Mine?', kind: 'single', options: ['A', 'B'] }],
      ['poll:update', { pollId: colour.id, question: 'Mine?' }],
      ['poll:launch', { pollId: colour.id }],
      ['poll:close', { pollId: colour.id }],
      ['poll:results', { pollId: colour.id, show: true }],
      ['poll:delete', { pollId: colour.id }],
    ] as const;
    for (const [name, request] of requests) expect(await client.emitWithAck(name, request as never)).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const sales = await createUserAndSignIn(room.t, admin, { email: 'sales@example.com', name: 'Sal', role: 'sales', password: 'sales live password' });
    const salesRoom = await watch(sales);
    // Sales may watch (every poll with results) but not moderate.
    expect(salesRoom.polls.polls.map((p) => p.id).sort()).toEqual([colour.id, features.id].sort());
    expect(await salesRoom.client.emitWithAck('poll:close', { pollId: colour.id })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    // Organizers cannot answer.
    expect(await organizer.client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [colour.options[0].id] })).toMatchObject({
      ok: false,
      error: { code: 'auth.forbidden' },
    });
    expect(await db.query(`SELECT status, show_results FROM polls WHERE id = $1`, [colour.id])).toEqual([{ status: 'open', show_results: false }]);
  });

  it('closes a poll for everyone at once and refuses answers after it with poll.closed', async () => {
    const late = await register('late@example.com', 'Late');
    const { client } = await attend(late.token);
    const closedToAttendee = next(client, 'poll:updated', (p) => p.id === colour.id);
    const closed = pollOf(await organizer.client.emitWithAck('poll:close', { pollId: colour.id }));
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).not.toBeNull();
    expect(await closedToAttendee).toMatchObject({ status: 'closed', results: null });
    const errors = next(client, 'session:errored');
    expect(await client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [colour.options[0].id] })).toMatchObject({ ok: false, error: { code: 'poll.closed' } });
    expect(await errors).toMatchObject({ code: 'poll.closed' });
    expect(await organizer.client.emitWithAck('poll:close', { pollId: colour.id })).toMatchObject({ ok: true, changed: false });
    expect(await db.query(`SELECT 1 FROM poll_votes WHERE registration_id = $1`, [late.id])).toHaveLength(0);
  });

  it('deletes drafts only, telling the organizers', async () => {
    draft = pollOf(await organizer.client.emitWithAck('poll:create', { eventId: event.id, question: 'Kept for later?', kind: 'single', options: ['Yes', 'No'] }));
    const doomed = pollOf(await organizer.client.emitWithAck('poll:create', { eventId: event.id, question: 'Deleted?', kind: 'single', options: ['Yes', 'No'] }));
    expect(await organizer.client.emitWithAck('poll:close', { pollId: doomed.id })).toMatchObject({ ok: false, error: { code: 'poll.bad_state' } });
    const deleted = next(organizer.client, 'poll:deleted');
    expect(await organizer.client.emitWithAck('poll:delete', { pollId: doomed.id })).toEqual({ ok: true, pollId: doomed.id });
    expect(await deleted).toEqual({ pollId: doomed.id, eventId: event.id });
    expect(await db.query(`SELECT 1 FROM polls WHERE id = $1`, [doomed.id])).toHaveLength(0);
    expect(await organizer.client.emitWithAck('poll:delete', { pollId: doomed.id })).toMatchObject({ ok: false, error: { code: 'poll.not_found' } });
    // A voter cannot reach a draft.
    const { client } = await attend(ada.token);
    expect(await client.emitWithAck('poll:vote', { pollId: draft.id, optionIds: [draft.options[0].id] })).toMatchObject({ ok: false, error: { code: 'poll.not_found' } });
  });

  it('gives a reconnecting attendee the open polls, closed ones answered or shown, and their answers; organizers every poll', async () => {
    const back = await attend(ada.token);
    // Open first; the closed colour poll because Ada answered it (results still hidden); never the draft.
    expect(back.polls.polls.map((p) => [p.id, p.status])).toEqual([
      [features.id, 'open'],
      [colour.id, 'closed'],
    ]);
    expect(back.polls.polls[0].results?.respondents).toBe(51);
    expect(back.polls.polls[1].results).toBeNull();
    expect(back.polls.myAnswers).toEqual({ [colour.id]: [colour.options[1].id] });

    // Someone who did not answer the closed, hidden poll does not get it.
    const { token: freshToken, id: freshId } = await register('fresh@example.com', 'Fresh');
    const fresh = await attend(freshToken);
    expect(fresh.polls.polls.map((p) => p.id)).toEqual([features.id]);
    expect(fresh.polls.myAnswers).toEqual({});
    // Read for several attendees at once (a join storm's batch), each gets exactly what they get alone.
    const batch = await room.t.app.get(PollsService).attendeeStates(event.id, [freshId, ada.id]);
    const withoutTimes = (state: PollState) => ({ ...state, polls: state.polls.map((poll) => ({ ...poll, results: poll.results && { ...poll.results, at: '' } })) });
    expect(batch.map(withoutTimes)).toEqual([fresh.polls, back.polls].map(withoutTimes));

    const staff = await watch();
    expect(staff.polls.polls.map((p) => [p.id, p.status])).toEqual([
      [features.id, 'open'],
      [colour.id, 'closed'],
      [draft.id, 'draft'],
    ]);
    expect(votesOf(staff.polls.polls[1])).toEqual([1, 1, 1, 1]);
    expect(staff.polls.myAnswers).toEqual({});
  });

  it('sends a joining attendee its state again when a poll launched while it was being read', async () => {
    const joiner = await register('joiner@example.com', 'Joiner');
    const polls = room.t.app.get(PollsService);
    const read = polls.attendeeStates.bind(polls);
    let launched!: Poll;
    // The first read is taken before the launch and held until the launch has gone out to the room.
    jest.spyOn(polls, 'attendeeStates').mockImplementationOnce(async (eventId, ids) => {
      const stale = await read(eventId, ids);
      const created = pollOf(await organizer.client.emitWithAck('poll:create', { eventId: event.id, question: 'Launched mid-join?', kind: 'single', options: ['Yes', 'No'] }));
      launched = pollOf(await organizer.client.emitWithAck('poll:launch', { pollId: created.id }));
      return stale;
    });
    const client = room.connect({ auth: { token: joiner.token, event: event.slug } });
    const states = record(client, 'poll:state');
    const updates = record(client, 'poll:updated');
    await waitFor(async () => states.length === 2, 10_000, 'the state sent again');
    expect(states[0].polls.map((p) => p.id)).not.toContain(launched.id);
    expect(updates.map((p) => p.id)).toContain(launched.id);
    // The last word on the page is the newest: the launched poll, open.
    expect(states[1].polls.find((p) => p.id === launched.id)).toMatchObject({ status: 'open' });
    await organizer.client.emitWithAck('poll:close', { pollId: launched.id });
  });

  it('reopens a closed poll on launch', async () => {
    const reopened = pollOf(await organizer.client.emitWithAck('poll:launch', { pollId: colour.id }));
    expect(reopened).toMatchObject({ status: 'open', closedAt: null });
    const { client } = await attend((await register('reopen@example.com', 'Reopen')).token);
    expect(await client.emitWithAck('poll:vote', { pollId: colour.id, optionIds: [colour.options[0].id] })).toMatchObject({ ok: true, changed: true });
    const [row] = await db.query(`SELECT launched_at < opened_at AS relaunched FROM polls WHERE id = $1`, [colour.id]);
    expect(row.relaunched).toBe(true);
  });

  it('exports the person’s answers, and erasure removes them with the counts following', async () => {
    const exported = JSON.parse((await call('GET', `/api/v1/privacy/contacts/${ada.contactId}/export`)).body);
    expect(exported.pollAnswers).toEqual([expect.objectContaining({ event: 'Poll Summit', question: 'Which colour do you like?', answer: ['Green'] })]);
    expect(exported.activities.map((a: { kind: string }) => a.kind)).toContain('poll.answered');

    const erased = await call('POST', `/api/v1/privacy/contacts/${ada.contactId}/erase`, { confirm: 'ada@acme.example' });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().removed).toMatchObject({ pollAnswers: 1 });
    expect(await db.query(`SELECT 1 FROM poll_votes WHERE registration_id = $1`, [ada.id])).toHaveLength(0);
    const staff = await watch();
    const after = staff.polls.polls.find((p) => p.id === colour.id);
    expect(after?.results).toMatchObject({ respondents: 5 - 1 });
    expect(votesOf(after)).toEqual([2, 0, 1, 1]);
  });

  it('closes the open polls when the event ends, and stops answers and launches (the replay)', async () => {
    const created = pollOf(await organizer.client.emitWithAck('poll:create', { eventId: event.id, question: 'Open at the end?', kind: 'single', options: ['Yes', 'No'] }));
    const open = pollOf(await organizer.client.emitWithAck('poll:launch', { pollId: created.id }));
    expect(open.status).toBe('open');
    const present = await attend((await register('present@example.com', 'Present')).token);
    const closedForAttendee = next(present.client, 'poll:updated', (p) => p.id === open.id && p.status === 'closed');
    const closedForOrganizer = next(organizer.client, 'poll:updated', (p) => p.id === open.id && p.status === 'closed');
    expect((await call('POST', `/api/v1/events/${event.id}/status`, { status: 'ended' })).statusCode).toBe(200);
    expect(await closedForAttendee).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    expect(await closedForOrganizer).toMatchObject({ status: 'closed', results: expect.objectContaining({ pollId: open.id }) });
    expect(await db.query(`SELECT id FROM polls WHERE event_id = $1 AND status = 'open'`, [event.id])).toEqual([]);
    const { client, polls } = await attend(bo.token);
    expect(polls.polls.filter((p) => p.status === 'open')).toEqual([]);
    expect(polls.eventId).toBe(event.id);
    expect(await client.emitWithAck('poll:vote', { pollId: features.id, optionIds: [features.options[0].id] })).toMatchObject({ ok: false, error: { code: 'poll.closed' } });
    expect(await organizer.client.emitWithAck('poll:launch', { pollId: draft.id })).toMatchObject({ ok: false, error: { code: 'poll.bad_state' } });
  });
});
