import { describe, expect, it } from '@jest/globals';
import type { Poll, PollResults } from '@fulcrum/shared';
import { applyAnswer, applyPoll, applyResults, EMPTY_POLLS, pollsFromState, resultBars, toggleChoice, visiblePolls, voteErrorKey } from './live-polls';

const OPTIONS = [
  { id: 'o1', text: 'Red' },
  { id: 'o2', text: 'Green' },
  { id: 'o3', text: 'Blue' },
];

const results = (pollId: string, votes: number[], respondents: number, at = '2026-05-20T06:10:00.000Z'): PollResults => ({
  pollId,
  eventId: 'e',
  counts: votes.map((n, i) => ({ optionId: `o${i + 1}`, votes: n })),
  respondents,
  audience: 40,
  at,
});

const poll = (id: string, over: Partial<Poll> = {}): Poll => ({
  id,
  eventId: 'e',
  question: `poll ${id}`,
  kind: 'single',
  status: 'open',
  showResults: false,
  options: OPTIONS,
  results: null,
  openedAt: '2026-05-20T06:00:00.000Z',
  closedAt: null,
  createdAt: '2026-05-19T06:00:00.000Z',
  ...over,
});

describe('pollsFromState', () => {
  it('takes the server’s polls and answers, never a draft', () => {
    const state = pollsFromState({ eventId: 'e', polls: [poll('a'), poll('d', { status: 'draft' })], myAnswers: { a: ['o2'] } });
    expect(state.polls.map((p) => p.id)).toEqual(['a']);
    expect(state.answers).toEqual({ a: ['o2'] });
  });
});

describe('applyPoll', () => {
  it('adds a launched poll and replaces one by id, keeping a closed one on screen', () => {
    const launched = applyPoll(EMPTY_POLLS, poll('a'));
    expect(launched.polls.map((p) => p.id)).toEqual(['a']);
    const closed = applyPoll(launched, poll('a', { status: 'closed', closedAt: '2026-05-20T06:05:00.000Z' }));
    expect(closed.polls).toHaveLength(1);
    expect(closed.polls[0].status).toBe('closed');
  });

  it('takes the results when shown and drops them when hidden', () => {
    const shown = applyPoll({ polls: [poll('a')], answers: {} }, poll('a', { showResults: true, results: results('a', [1, 2, 0], 3) }));
    expect(shown.polls[0].results?.respondents).toBe(3);
    const hidden = applyPoll(shown, poll('a', { showResults: false, results: null }));
    expect(hidden.polls[0].results).toBeNull();
  });

  it('keeps the answers', () => {
    expect(applyPoll({ polls: [poll('a')], answers: { a: ['o1'] } }, poll('a', { status: 'closed' })).answers).toEqual({ a: ['o1'] });
  });
});

describe('applyResults', () => {
  it('updates the counts of a poll whose results are shown', () => {
    const current = { polls: [poll('a', { showResults: true, results: results('a', [0, 0, 0], 0) })], answers: {} };
    const next = applyResults(current, results('a', [3, 1, 0], 4, '2026-05-20T06:11:00.000Z'));
    expect(next.polls[0].results?.counts.map((c) => c.votes)).toEqual([3, 1, 0]);
  });

  it('ignores counts for a poll not shown, an unknown poll, or older than those held', () => {
    const hiddenPoll = { polls: [poll('a')], answers: {} };
    expect(applyResults(hiddenPoll, results('a', [1, 0, 0], 1))).toBe(hiddenPoll);
    expect(applyResults(hiddenPoll, results('zz', [1, 0, 0], 1))).toBe(hiddenPoll);
    const fresh = { polls: [poll('a', { showResults: true, results: results('a', [5, 0, 0], 5, '2026-05-20T06:12:00.000Z') })], answers: {} };
    expect(applyResults(fresh, results('a', [4, 0, 0], 4, '2026-05-20T06:11:00.000Z'))).toBe(fresh);
  });
});

describe('applyAnswer', () => {
  it('records the answer of a poll (from the ack or another tab)', () => {
    expect(applyAnswer({ polls: [poll('a')], answers: { b: ['o1'] } }, { pollId: 'a', optionIds: ['o2', 'o3'] }).answers).toEqual({ b: ['o1'], a: ['o2', 'o3'] });
  });
});

describe('visiblePolls', () => {
  it('puts open polls first, then the most recently launched', () => {
    const list = visiblePolls({
      polls: [
        poll('old', { status: 'closed', openedAt: '2026-05-20T05:00:00.000Z' }),
        poll('open', { openedAt: '2026-05-20T05:30:00.000Z' }),
        poll('recent', { status: 'closed', openedAt: '2026-05-20T06:00:00.000Z' }),
      ],
      answers: {},
    });
    expect(list.map((p) => p.id)).toEqual(['open', 'recent', 'old']);
  });
});

describe('toggleChoice', () => {
  it.each([
    ['single', [], 'o2', ['o2']],
    ['single', ['o1'], 'o3', ['o3']],
    ['multiple', [], 'o2', ['o2']],
    ['multiple', ['o3'], 'o1', ['o1', 'o3']],
    ['multiple', ['o1', 'o3'], 'o1', ['o3']],
  ] as const)('%s: %j + %s → %j', (kind, selected, optionId, expected) => {
    expect(toggleChoice(kind, OPTIONS, selected, optionId)).toEqual(expected);
  });
});

describe('resultBars', () => {
  it('gives each option its share of the respondents, in option order', () => {
    expect(resultBars(poll('a', { results: results('a', [1, 2, 0], 3) })).map((bar) => [bar.text, bar.votes, bar.percent])).toEqual([
      ['Red', 1, 33],
      ['Green', 2, 67],
      ['Blue', 0, 0],
    ]);
  });

  it('lets multiple-choice shares add up to more than 100, and shows zero without answers', () => {
    expect(resultBars(poll('m', { kind: 'multiple', results: results('m', [2, 2, 1], 2) })).map((bar) => bar.percent)).toEqual([100, 100, 50]);
    expect(resultBars(poll('n', { results: results('n', [0, 0, 0], 0) })).map((bar) => bar.percent)).toEqual([0, 0, 0]);
  });
});

describe('voteErrorKey', () => {
  it.each([
    ['poll.closed', 'poll.error.closed'],
    ['poll.not_found', 'poll.error.closed'],
    ['poll.already_answered', 'poll.error.answered'],
    ['poll.rate_limited', 'poll.error.rate_limited'],
    ['poll.invalid_answer', 'poll.error.invalid'],
    ['validation.failed', 'poll.error.invalid'],
    ['network', 'poll.error.network'],
    ['internal', 'poll.error.other'],
  ])('%s → %s', (code, key) => {
    expect(voteErrorKey({ code, message: '' })).toBe(key);
  });
});
