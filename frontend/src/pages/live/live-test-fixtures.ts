import type { QaQuestionFull } from '@fulcrum/shared';

/** A question as organizers receive it, for the unit tests of this folder. */
export const fullQuestion = (id: string, over: Partial<QaQuestionFull> = {}): QaQuestionFull => ({
  id,
  eventId: 'e1',
  text: `question ${id}`,
  anonymous: false,
  askerName: 'Ada Chen',
  status: 'pending',
  upvotes: 0,
  pinned: false,
  answeredAt: null,
  answerText: null,
  createdAt: '2026-05-20T06:00:00.000Z',
  asker: { registrationId: `r-${id}`, name: 'Ada Chen', email: 'ada@example.com', title: 'CTO', company: 'Acme', tier: 'ka' },
  ...over,
});
