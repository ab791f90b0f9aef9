import { describe, expect, it } from '@jest/globals';
import type { LiveCheckIn, LiveRoomState, LiveStats, Poll, PollResults, QaQuestion } from '@fulcrum/shared';
import { applyPoll, CHECK_IN_FEED_SIZE, EMPTY_ROOM, roomReducer } from './live-room-state';
import type { ConsoleRoom } from './live-room-state';
import { fullQuestion } from './live-test-fixtures';

const EVENT = 'e1';

const stats = (over: Partial<LiveStats> = {}): LiveStats => ({ eventId: EVENT, inRoom: 0, checkedIn: 0, registered: 10, at: '2026-05-20T06:00:00.000Z', ...over });

const roomState = (over: Partial<LiveRoomState['event']> = {}, roomStats = stats()): LiveRoomState => ({
  event: { id: EVENT, slug: 'summit', title: 'Summit', status: 'scheduled', startsAt: '2026-05-20T06:00:00.000Z', endsAt: '2026-05-20T08:00:00.000Z', ...over },
  attendee: null,
  organizer: { canModerate: true, stats: roomStats },
  serverTime: roomStats.at,
});


const checkIn = (registrationId: string, checkedIn: number): LiveCheckIn => ({
  eventId: EVENT,
  registrationId,
  name: `Person ${registrationId}`,
  method: 'online',
  checkedInAt: '2026-05-20T06:01:00.000Z',
  checkedIn,
});

const results = (pollId: string, votes: number[], at: string): PollResults => ({
  pollId,
  eventId: EVENT,
  counts: votes.map((v, i) => ({ optionId: `o${i}`, votes: v })),
  respondents: votes.reduce((a, b) => a + b, 0),
  audience: 10,
  at,
});

const poll = (id: string, over: Partial<Poll> = {}): Poll => ({
  id,
  eventId: EVENT,
  question: `poll ${id}`,
  kind: 'single',
  status: 'draft',
  showResults: false,
  options: [
    { id: 'o0', text: 'Yes' },
    { id: 'o1', text: 'No' },
  ],
  results: results(id, [0, 0], '2026-05-20T06:00:00.000Z'),
  openedAt: null,
  closedAt: null,
  createdAt: '2026-05-20T05:00:00.000Z',
  ...over,
});

const run = (...actions: Parameters<typeof roomReducer>[1][]): ConsoleRoom => actions.reduce(roomReducer, EMPTY_ROOM);

describe('roomReducer: room and numbers', () => {
  it('takes the room and its numbers from room:state, then newer numbers from room:stats-updated', () => {
    const room = run({ type: 'room', state: roomState() }, { type: 'stats', stats: stats({ inRoom: 3, at: '2026-05-20T06:00:05.000Z' }) });
    expect(room.room?.event.status).toBe('scheduled');
    expect(room.stats?.inRoom).toBe(3);
  });

  it('never goes back to older numbers (a rejoin state read before the last update)', () => {
    const room = run(
      { type: 'stats', stats: stats({ inRoom: 5, at: '2026-05-20T06:00:10.000Z' }) },
      { type: 'room', state: roomState({ status: 'live' }, stats({ inRoom: 2, at: '2026-05-20T06:00:09.000Z' })) },
      { type: 'stats', stats: stats({ inRoom: 1, at: '2026-05-20T06:00:08.000Z' }) },
    );
    expect(room.stats?.inRoom).toBe(5);
    // The event's status still comes from the newer room state.
    expect(room.room?.event.status).toBe('live');
  });

  it('shows a status changed over REST before the room confirms it', () => {
    expect(run({ type: 'status', status: 'live' }).room).toBeNull();
    expect(run({ type: 'room', state: roomState() }, { type: 'status', status: 'live' }).room?.event.status).toBe('live');
  });
});

describe('roomReducer: check-ins', () => {
  it('lists check-ins newest first, once per registration, and moves the checked-in count up', () => {
    const room = run({ type: 'room', state: roomState() }, { type: 'checkin', checkIn: checkIn('a', 1) }, { type: 'checkin', checkIn: checkIn('b', 2) }, { type: 'checkin', checkIn: checkIn('a', 2) });
    expect(room.checkIns.map((c) => c.registrationId)).toEqual(['a', 'b']);
    expect(room.stats?.checkedIn).toBe(2);
  });

  it('keeps only the latest ones', () => {
    const actions = Array.from({ length: CHECK_IN_FEED_SIZE + 5 }, (_, i) => ({ type: 'checkin' as const, checkIn: checkIn(`r${i}`, i + 1) }));
    const room = run(...actions);
    expect(room.checkIns).toHaveLength(CHECK_IN_FEED_SIZE);
    expect(room.checkIns[0]?.registrationId).toBe(`r${CHECK_IN_FEED_SIZE + 4}`);
  });
});

describe('roomReducer: questions', () => {
  it('replaces the list on qa:state, adds asked questions and replaces updated ones by id', () => {
    const room = run(
      { type: 'question', question: fullQuestion('old') },
      { type: 'qa-state', state: { eventId: EVENT, questions: [fullQuestion('a')], myQuestions: [], myVotes: [] } },
      { type: 'question', question: fullQuestion('b') },
      { type: 'question', question: fullQuestion('a', { status: 'approved', upvotes: 2 }) },
    );
    expect(room.questions.map((q) => [q.id, q.status, q.upvotes])).toEqual([
      ['a', 'approved', 2],
      ['b', 'pending', 0],
    ]);
  });

  it('ignores a public view (no asker): the console only shows who asked', () => {
    const { asker: _asker, ...rest } = fullQuestion('a', { status: 'approved' });
    const publicView: QaQuestion = rest;
    expect(run({ type: 'question', question: publicView }).questions).toEqual([]);
  });
});

describe('roomReducer: polls', () => {
  it('takes poll:state sorted (open first), applies updates, deletions and newer results only', () => {
    const room = run(
      { type: 'poll-state', state: { eventId: EVENT, polls: [poll('draft'), poll('open', { status: 'open', openedAt: '2026-05-20T06:10:00.000Z' })], myAnswers: {} } },
      { type: 'poll-results', results: results('open', [2, 1], '2026-05-20T06:11:00.000Z') },
      { type: 'poll-results', results: results('open', [1, 0], '2026-05-20T06:10:30.000Z') },
      { type: 'poll', poll: poll('new') },
      { type: 'poll-deleted', pollId: 'draft' },
    );
    expect(room.polls.map((p) => p.id)).toEqual(['open', 'new']);
    expect(room.polls[0]?.results?.respondents).toBe(3);
  });

  it('keeps the fresher results when a poll update carries older counts', () => {
    const list = [poll('p', { status: 'open', results: results('p', [4, 1], '2026-05-20T06:12:00.000Z') })];
    const closed = applyPoll(list, poll('p', { status: 'closed', results: results('p', [3, 1], '2026-05-20T06:11:00.000Z') }));
    expect(closed[0]?.status).toBe('closed');
    expect(closed[0]?.results?.respondents).toBe(5);
  });
});
