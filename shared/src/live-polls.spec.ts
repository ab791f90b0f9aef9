import { describe, expect, it } from '@jest/globals';
import { pollAnswerError, pollCreateRequestSchema, pollVoteRequestSchema, sortPolls } from './live-polls';

const OPTIONS = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

describe('pollAnswerError', () => {
  it.each([
    ['single', ['a'], null],
    ['single', ['a', 'b'], 'a single-choice poll takes exactly one option'],
    ['single', [], 'choose an option'],
    ['single', ['z'], 'an option does not belong to this poll'],
    ['multiple', ['a', 'c'], null],
    ['multiple', ['a', 'b', 'c'], null],
    ['multiple', ['a', 'a'], 'options must be distinct'],
    ['multiple', ['a', 'z'], 'an option does not belong to this poll'],
  ] as const)('%s %j → %s', (kind, ids, error) => {
    expect(pollAnswerError({ kind, options: OPTIONS.map((o) => ({ ...o, text: o.id })) }, ids)).toBe(error);
  });
});

describe('pollCreateRequestSchema', () => {
  const base = { eventId: '6f1c1f8e-52f4-4b8e-9a55-0f3d2f1b2c3d', question: ' Which? ', kind: 'single', options: [' Red ', 'Green'] };

  it('trims texts', () => {
    expect(pollCreateRequestSchema.parse(base)).toMatchObject({ question: 'Which?', options: ['Red', 'Green'] });
  });

  it.each([
    ['one option', { options: ['Only'] }],
    ['the same option twice, ignoring case', { options: ['Red', 'red '] }],
    ['an empty option', { options: ['Red', '  '] }],
    ['a control character', { question: 'Bell\u0007?' }],
    ['an unknown kind', { kind: 'ranked' }],
    ['eleven options', { options: Array.from({ length: 11 }, (_, i) => `Option ${i}`) }],
  ])('refuses %s', (_, change) => {
    expect(pollCreateRequestSchema.safeParse({ ...base, ...change }).success).toBe(false);
  });
});

describe('pollVoteRequestSchema', () => {
  const id = '6f1c1f8e-52f4-4b8e-9a55-0f3d2f1b2c3d';
  it('takes one or more distinct option ids', () => {
    expect(pollVoteRequestSchema.safeParse({ pollId: id, optionIds: [id] }).success).toBe(true);
    expect(pollVoteRequestSchema.safeParse({ pollId: id, optionIds: [] }).success).toBe(false);
    expect(pollVoteRequestSchema.safeParse({ pollId: id, optionIds: [id, id] }).success).toBe(false);
  });
});

describe('sortPolls', () => {
  it('puts open polls first, then the most recently launched, drafts last (newest first)', () => {
    const polls = [
      { id: 'draft-old', status: 'draft', openedAt: null, createdAt: '2026-05-01T00:00:00Z' },
      { id: 'closed-early', status: 'closed', openedAt: '2026-05-20T05:00:00Z', createdAt: '2026-05-02T00:00:00Z' },
      { id: 'open', status: 'open', openedAt: '2026-05-20T04:00:00Z', createdAt: '2026-05-03T00:00:00Z' },
      { id: 'draft-new', status: 'draft', openedAt: null, createdAt: '2026-05-04T00:00:00Z' },
      { id: 'closed-late', status: 'closed', openedAt: '2026-05-20T06:00:00Z', createdAt: '2026-05-05T00:00:00Z' },
    ] as const;
    expect(sortPolls(polls).map((p) => p.id)).toEqual(['open', 'closed-late', 'closed-early', 'draft-new', 'draft-old']);
  });
});
