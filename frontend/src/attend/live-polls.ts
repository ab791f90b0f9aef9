import { sortPolls } from '@fulcrum/shared';
import type { LiveError, Poll, PollAnswered, PollKind, PollResults, PollState } from '@fulcrum/shared';
import type { MessageKey } from '@/attend/messages';

/** The attendee's polls: those the room showed them (attendee view), and their answers (poll id → option ids). */
export interface AttendeePolls {
  polls: Poll[];
  answers: Record<string, string[]>;
}

export const EMPTY_POLLS: AttendeePolls = { polls: [], answers: {} };

/** `poll:state` on (re)join: the server's view replaces ours. */
export function pollsFromState(state: PollState): AttendeePolls {
  return { polls: state.polls.filter((poll) => poll.status !== 'draft'), answers: { ...state.myAnswers } };
}

/**
 * A poll as it now stands (`poll:updated`): replaced by id or added. A poll that closes stays on screen
 * as closed; its results come with it only when shown.
 */
export function applyPoll(current: AttendeePolls, poll: Poll): AttendeePolls {
  if (poll.status === 'draft') return { ...current, polls: current.polls.filter((p) => p.id !== poll.id) };
  return { ...current, polls: [...current.polls.filter((p) => p.id !== poll.id), poll] };
}

/** New counts (`poll:results-updated`): kept only for a poll whose results are shown, and never older than what we hold. */
export function applyResults(current: AttendeePolls, results: PollResults): AttendeePolls {
  const poll = current.polls.find((p) => p.id === results.pollId);
  if (!poll || !poll.showResults) return current;
  if (poll.results && poll.results.at > results.at) return current;
  return { ...current, polls: current.polls.map((p) => (p.id === poll.id ? { ...p, results } : p)) };
}

/** One's answer, recorded (the vote's ack, or `poll:answered` from another tab). */
export function applyAnswer(current: AttendeePolls, answer: Pick<PollAnswered, 'pollId' | 'optionIds'>): AttendeePolls {
  return { ...current, answers: { ...current.answers, [answer.pollId]: [...answer.optionIds] } };
}

/** What the panel shows: open polls first, then the most recently launched. */
export function visiblePolls(current: AttendeePolls): Poll[] {
  return sortPolls(current.polls);
}

/** The choice after a tap: single choice replaces, multiple toggles (kept in option order). */
export function toggleChoice(kind: PollKind, options: readonly { id: string }[], selected: readonly string[], optionId: string): string[] {
  if (kind === 'single') return [optionId];
  const next = selected.includes(optionId) ? selected.filter((id) => id !== optionId) : [...selected, optionId];
  return options.map((option) => option.id).filter((id) => next.includes(id));
}

export interface ResultBar {
  optionId: string;
  text: string;
  votes: number;
  /** Whole percent of the respondents (a multiple-choice poll's bars may add up to more than 100). */
  percent: number;
}

/** One bar per option, in option order, as shares of the people who answered. */
export function resultBars(poll: Poll): ResultBar[] {
  const respondents = poll.results?.respondents ?? 0;
  return poll.options.map((option) => {
    const votes = poll.results?.counts.find((count) => count.optionId === option.id)?.votes ?? 0;
    return { optionId: option.id, text: option.text, votes, percent: respondents ? Math.round((votes / respondents) * 100) : 0 };
  });
}

/** The refusals of `poll:vote` the panel explains; anything else gets the generic message. */
export function voteErrorKey(error: LiveError): MessageKey {
  if (error.code === 'poll.closed' || error.code === 'poll.not_found') return 'poll.error.closed';
  if (error.code === 'poll.already_answered') return 'poll.error.answered';
  if (error.code === 'poll.rate_limited') return 'poll.error.rate_limited';
  if (error.code === 'poll.invalid_answer' || error.code === 'validation.failed') return 'poll.error.invalid';
  if (error.code === 'network') return 'poll.error.network';
  return 'poll.error.other';
}
