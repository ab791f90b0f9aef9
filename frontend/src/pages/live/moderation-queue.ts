import { sortQuestions } from '@fulcrum/shared';
import type { QaModerateAction, QaQuestionFull, QaSort, QuestionStatus } from '@fulcrum/shared';

/** The moderation queue's tabs: one per question status. */
export const QUEUE_TABS: readonly QuestionStatus[] = ['pending', 'approved', 'hidden'];

export type QueueCounts = Record<QuestionStatus, number> & { answered: number };

/** The questions under one tab: pinned first, then by votes or newest first. */
export function queueOf(questions: readonly QaQuestionFull[], tab: QuestionStatus, sort: QaSort): QaQuestionFull[] {
  return sortQuestions(
    questions.filter((q) => q.status === tab),
    sort,
  );
}

export function queueCounts(questions: readonly QaQuestionFull[]): QueueCounts {
  const counts: QueueCounts = { pending: 0, approved: 0, hidden: 0, answered: 0 };
  for (const q of questions) {
    counts[q.status] += 1;
    if (q.status === 'approved' && q.answeredAt) counts.answered += 1;
  }
  return counts;
}

/**
 * The moves a moderator has on a question where it stands (`answer` in writing is offered apart, with
 * its text): waiting → approve or hide; shown → pin or unpin, mark answered live, hide; hidden → approve
 * again. What the server would refuse (pinning a hidden question) is never offered.
 */
export function moderationActions(question: Pick<QaQuestionFull, 'status' | 'pinned' | 'answeredAt'>): QaModerateAction[] {
  switch (question.status) {
    case 'pending':
      return ['approve', 'hide'];
    case 'approved':
      return [question.pinned ? 'unpin' : 'pin', ...(question.answeredAt ? [] : (['answer'] as const)), 'hide'];
    case 'hidden':
      return ['approve'];
  }
}

/**
 * Numbers each approved question the first time it is seen approved: the order questions came to the
 * room (the contract carries no approval time). Those approved before the wall opened come in the
 * order they were asked. Returns the same map when nothing new arrived.
 */
export function trackArrivals(seen: ReadonlyMap<string, number>, questions: readonly Pick<QaQuestionFull, 'id' | 'status' | 'createdAt'>[]): ReadonlyMap<string, number> {
  const fresh = questions.filter((q) => q.status === 'approved' && !seen.has(q.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  if (fresh.length === 0) return seen;
  const next = new Map(seen);
  let last = Math.max(0, ...seen.values());
  for (const q of fresh) next.set(q.id, ++last);
  return next;
}

/**
 * What the venue wall shows: approved questions, pinned first, then the latest to arrive on top (one not
 * numbered yet has just arrived).
 */
export function wallQuestions<Q extends Pick<QaQuestionFull, 'id' | 'status' | 'pinned' | 'createdAt'>>(questions: readonly Q[], arrivals: ReadonlyMap<string, number>): Q[] {
  return questions
    .filter((q) => q.status === 'approved')
    .sort((a, b) => {
      if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
      const byArrival = (arrivals.get(b.id) ?? Number.MAX_SAFE_INTEGER) - (arrivals.get(a.id) ?? Number.MAX_SAFE_INTEGER);
      return byArrival !== 0 ? byArrival : b.createdAt.localeCompare(a.createdAt);
    });
}
