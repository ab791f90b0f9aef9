import { describe, expect, it } from '@jest/globals';
import type { QaQuestion } from '@fulcrum/shared';
import { applyMine, applyQuestion, askErrorKey, myStatusOf } from './live-qa';

const question = (id: string, over: Partial<QaQuestion> = {}): QaQuestion => ({
  id,
  eventId: 'e',
  text: `question ${id}`,
  anonymous: false,
  askerName: 'Ada',
  status: 'approved',
  upvotes: 0,
  pinned: false,
  answeredAt: null,
  answerText: null,
  createdAt: '2026-05-20T06:00:00.000Z',
  ...over,
});

describe('applyQuestion', () => {
  it('adds a newly approved question and replaces one by id', () => {
    const list = applyQuestion([question('a')], question('b'));
    expect(list.map((q) => q.id)).toEqual(['a', 'b']);
    const updated = applyQuestion(list, question('a', { upvotes: 3 }));
    expect(updated).toHaveLength(2);
    expect(updated.find((q) => q.id === 'a')?.upvotes).toBe(3);
  });

  it('drops a hidden question (it arrives without its text)', () => {
    expect(applyQuestion([question('a'), question('b')], question('a', { status: 'hidden', text: '' })).map((q) => q.id)).toEqual(['b']);
  });
});

describe('applyMine', () => {
  it('updates status, votes and answer but keeps the text of a hidden question', () => {
    const [mine] = applyMine([question('a', { status: 'pending' })], question('a', { status: 'hidden', text: '', answerText: null }));
    expect(mine).toMatchObject({ status: 'hidden', text: 'question a' });
    const [answered] = applyMine([question('a')], question('a', { answeredAt: '2026-05-20T06:10:00.000Z', answerText: 'Yes', upvotes: 2 }));
    expect(answered).toMatchObject({ answerText: 'Yes', upvotes: 2 });
    expect(myStatusOf(answered)).toBe('answered');
  });

  it('leaves questions that are not one’s own alone', () => {
    expect(applyMine([question('a')], question('b'))).toEqual([question('a')]);
  });
});

describe('askErrorKey', () => {
  it.each([
    ['qa.rate_limited', 'qa.error.rate_limited'],
    ['qa.closed', 'qa.error.closed'],
    ['validation.failed', 'qa.error.validation'],
    ['network', 'qa.error.network'],
    ['internal', 'qa.error.other'],
  ])('%s → %s', (code, key) => {
    expect(askErrorKey({ code, message: '' })).toBe(key);
  });
});

describe('myStatusOf', () => {
  it.each([
    ['pending', null, 'pending'],
    ['approved', null, 'approved'],
    ['hidden', null, 'hidden'],
    ['approved', '2026-05-20T06:10:00.000Z', 'answered'],
  ] as const)('%s, answered at %s → %s', (status, answeredAt, shown) => {
    expect(myStatusOf(question('a', { status, answeredAt }))).toBe(shown);
  });
});
