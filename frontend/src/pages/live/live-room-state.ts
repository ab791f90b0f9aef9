import { sortPolls } from '@fulcrum/shared';
import type { EventStatus, LiveCheckIn, LiveRoomState, LiveStats, Poll, PollResults, PollState, QaQuestion, QaQuestionFull, QaState } from '@fulcrum/shared';

/** The check-ins the console keeps in its feed: the latest ones, newest first. */
export const CHECK_IN_FEED_SIZE = 50;

/** What one organizer's screen knows of an event's room, built from the gateway's events alone. */
export interface ConsoleRoom {
  /** The last `room:state` (event and rights); null until the first join answers. */
  room: LiveRoomState | null;
  /** The freshest live numbers, from `room:state`, `room:stats-updated` or a check-in. */
  stats: LiveStats | null;
  /** Check-ins seen since the console opened, newest first (the gateway sends no history). */
  checkIns: LiveCheckIn[];
  /** Every question of the event, full view (who asked). */
  questions: QaQuestionFull[];
  /** Every poll of the event, drafts too, with results: open first, then the latest launched. */
  polls: Poll[];
}

export const EMPTY_ROOM: ConsoleRoom = { room: null, stats: null, checkIns: [], questions: [], polls: [] };

export type RoomAction =
  | { type: 'room'; state: LiveRoomState }
  | { type: 'stats'; stats: LiveStats }
  | { type: 'checkin'; checkIn: LiveCheckIn }
  | { type: 'qa-state'; state: QaState }
  | { type: 'question'; question: QaQuestion | QaQuestionFull }
  | { type: 'poll-state'; state: PollState }
  | { type: 'poll'; poll: Poll }
  | { type: 'poll-deleted'; pollId: string }
  | { type: 'poll-results'; results: PollResults }
  /** The console changed the event's status over REST: shown at once, `room:state` confirms it. */
  | { type: 'status'; status: EventStatus };

/** Organizers get the full view; a public one (no asker) would only reach us by mistake and is ignored. */
export const isFullQuestion = (question: QaQuestion | QaQuestionFull): question is QaQuestionFull => 'asker' in question;

/** Numbers that arrive out of order (a rejoin's state after a newer update) never move the console back in time. */
function newerStats(current: LiveStats | null, next: LiveStats): LiveStats {
  if (!current || current.eventId !== next.eventId) return next;
  return Date.parse(next.at) >= Date.parse(current.at) ? next : current;
}

/** A question as it now stands: replaced by id, or added. */
export function applyQuestion(list: readonly QaQuestionFull[], question: QaQuestionFull): QaQuestionFull[] {
  const index = list.findIndex((q) => q.id === question.id);
  if (index < 0) return [...list, question];
  const next = [...list];
  next[index] = question;
  return next;
}

/** Counts that arrive out of order (a coalesced update after a newer ack) never move a poll back. */
function newerResults(current: PollResults | null, next: PollResults | null): PollResults | null {
  if (!current || !next) return next ?? current;
  return Date.parse(next.at) >= Date.parse(current.at) ? next : current;
}

/** A poll as it now stands (replaced by id, or added), keeping the freshest results either side has. */
export function applyPoll(list: readonly Poll[], poll: Poll): Poll[] {
  const known = list.find((p) => p.id === poll.id);
  const next = known ? { ...poll, results: newerResults(known.results, poll.results) } : poll;
  return sortPolls([...list.filter((p) => p.id !== poll.id), next]);
}

export function roomReducer(current: ConsoleRoom, action: RoomAction): ConsoleRoom {
  switch (action.type) {
    case 'room': {
      const stats = action.state.organizer ? newerStats(current.stats, action.state.organizer.stats) : current.stats;
      return { ...current, room: action.state, stats };
    }
    case 'stats':
      return { ...current, stats: newerStats(current.stats, action.stats) };
    case 'checkin': {
      const { checkIn } = action;
      // A registration checks in once; a repeat (two api processes, a rejoin) only moves it to the top.
      const checkIns = [checkIn, ...current.checkIns.filter((c) => c.registrationId !== checkIn.registrationId)].slice(0, CHECK_IN_FEED_SIZE);
      const stats = current.stats && current.stats.eventId === checkIn.eventId ? { ...current.stats, checkedIn: Math.max(current.stats.checkedIn, checkIn.checkedIn) } : current.stats;
      return { ...current, checkIns, stats };
    }
    case 'qa-state':
      // The whole list again (on every join and rejoin): what we had may have missed changes while away.
      return { ...current, questions: action.state.questions.filter(isFullQuestion) };
    case 'question':
      return isFullQuestion(action.question) ? { ...current, questions: applyQuestion(current.questions, action.question) } : current;
    case 'poll-state':
      return { ...current, polls: sortPolls(action.state.polls) };
    case 'poll':
      return { ...current, polls: applyPoll(current.polls, action.poll) };
    case 'poll-deleted':
      return { ...current, polls: current.polls.filter((p) => p.id !== action.pollId) };
    case 'poll-results': {
      const { results } = action;
      return { ...current, polls: current.polls.map((p) => (p.id === results.pollId ? { ...p, results: newerResults(p.results, results) } : p)) };
    }
    case 'status':
      return current.room ? { ...current, room: { ...current.room, event: { ...current.room.event, status: action.status } } } : current;
  }
}
