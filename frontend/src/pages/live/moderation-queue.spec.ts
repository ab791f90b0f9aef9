import { describe, expect, it } from '@jest/globals';
import { moderationActions, queueCounts, queueOf, trackArrivals, wallQuestions } from './moderation-queue';
import { fullQuestion } from './live-test-fixtures';

const at = (minute: number) => `2026-05-20T06:${String(minute).padStart(2, '0')}:00.000Z`;

describe('queueOf', () => {
  const questions = [
    fullQuestion('p1', { createdAt: at(1) }),
    fullQuestion('a1', { status: 'approved', upvotes: 1, createdAt: at(2) }),
    fullQuestion('a2', { status: 'approved', upvotes: 5, createdAt: at(3) }),
    fullQuestion('a3', { status: 'approved', upvotes: 0, pinned: true, createdAt: at(4) }),
    fullQuestion('h1', { status: 'hidden', createdAt: at(5) }),
    fullQuestion('p2', { createdAt: at(6) }),
  ];

  it.each([
    ['pending', 'time', ['p2', 'p1']],
    ['approved', 'votes', ['a3', 'a2', 'a1']],
    ['approved', 'time', ['a3', 'a2', 'a1']],
    ['hidden', 'votes', ['h1']],
  ] as const)('%s by %s', (tab, sort, ids) => {
    expect(queueOf(questions, tab, sort).map((q) => q.id)).toEqual(ids);
  });

  it('counts each tab and the answered ones', () => {
    expect(queueCounts([...questions, fullQuestion('x', { status: 'approved', answeredAt: at(7) })])).toEqual({ pending: 2, approved: 4, hidden: 1, answered: 1 });
  });
});

describe('moderationActions', () => {
  it.each([
    [{ status: 'pending', pinned: false, answeredAt: null }, ['approve', 'hide']],
    [{ status: 'approved', pinned: false, answeredAt: null }, ['pin', 'answer', 'hide']],
    [{ status: 'approved', pinned: true, answeredAt: at(1) }, ['unpin', 'hide']],
    [{ status: 'hidden', pinned: false, answeredAt: null }, ['approve']],
  ] as const)('%j → %j', (question, actions) => {
    expect(moderationActions(question)).toEqual(actions);
  });
});

describe('the wall', () => {
  it('numbers approved questions as they arrive, the ones already there in the order asked', () => {
    const first = trackArrivals(new Map(), [fullQuestion('b', { status: 'approved', createdAt: at(2) }), fullQuestion('a', { status: 'approved', createdAt: at(1) }), fullQuestion('p')]);
    expect([...first]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const same = trackArrivals(first, [fullQuestion('a', { status: 'approved' })]);
    expect(same).toBe(first);
    const next = trackArrivals(first, [fullQuestion('old', { status: 'approved', createdAt: at(0) })]);
    expect(next.get('old')).toBe(3);
  });

  it('shows approved questions only, pinned first, then the latest arrival (one not numbered yet counts as just arrived)', () => {
    const questions = [
      fullQuestion('a', { status: 'approved', createdAt: at(1) }),
      fullQuestion('b', { status: 'approved', createdAt: at(2) }),
      fullQuestion('pin', { status: 'approved', pinned: true, createdAt: at(0) }),
      fullQuestion('late', { status: 'approved', createdAt: at(0) }),
      fullQuestion('hidden', { status: 'hidden' }),
      fullQuestion('pending'),
    ];
    const arrivals = new Map([
      ['b', 1],
      ['a', 2],
      ['pin', 3],
    ]);
    expect(wallQuestions(questions, arrivals).map((q) => q.id)).toEqual(['pin', 'late', 'a', 'b']);
  });
});
