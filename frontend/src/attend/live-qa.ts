import type { LiveError, QaQuestion } from '@fulcrum/shared';
import type { MessageKey } from '@/attend/messages';

/** A question as it now stands, in the public list: replaced by id, dropped once hidden (it comes without its text). */
export function applyQuestion(list: readonly QaQuestion[], question: QaQuestion): QaQuestion[] {
  const rest = list.filter((q) => q.id !== question.id);
  return question.status === 'approved' ? [...rest, question] : rest;
}

/** One's own question as it now stands: its status, votes and answer (its text stays: a hidden one arrives without it). */
export function applyMine(mine: readonly QaQuestion[], question: QaQuestion): QaQuestion[] {
  return mine.map((q) => (q.id === question.id ? { ...q, status: question.status, upvotes: question.upvotes, pinned: question.pinned, answeredAt: question.answeredAt, answerText: question.answerText ?? q.answerText } : q));
}

/** The refusals of `qa:ask` the panel explains; anything else gets the generic message. */
export function askErrorKey(error: LiveError): MessageKey {
  if (error.code === 'qa.rate_limited') return 'qa.error.rate_limited';
  if (error.code === 'qa.closed') return 'qa.error.closed';
  if (error.code === 'validation.failed') return 'qa.error.validation';
  if (error.code === 'network') return 'qa.error.network';
  return 'qa.error.other';
}

/** Where one's own question stands: answered beats approved. */
export function myStatusOf(question: QaQuestion): 'pending' | 'approved' | 'hidden' | 'answered' {
  if (question.status === 'approved' && question.answeredAt) return 'answered';
  return question.status;
}
