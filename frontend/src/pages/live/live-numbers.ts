import type { EventListItem, Poll } from '@fulcrum/shared';
import type { ConsoleRoom } from '@/pages/live/live-room-state';
import { queueCounts } from '@/pages/live/moderation-queue';

export interface PollTurnout {
  pollId: string;
  question: string;
  open: boolean;
  respondents: number;
  /** Checked-in registrations: who could have answered. */
  audience: number;
  /** 0–100, rounded; null while nobody is checked in. */
  percent: number | null;
}

export interface LiveNumbers {
  inRoom: number;
  checkedIn: number;
  registered: number;
  pending: number;
  approved: number;
  answered: number;
  /** The open poll's turnout, else the last launched one's; null before any poll was launched. */
  poll: PollTurnout | null;
}

const percentOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 100) : null);

/** The poll the console's turnout figure follows: the open one, else the one launched last. */
export function currentPoll(polls: readonly Poll[]): Poll | null {
  const launched = polls.filter((p) => p.status !== 'draft');
  return launched.find((p) => p.status === 'open') ?? [...launched].sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? ''))[0] ?? null;
}

/** The figures at the top of the console, from what the gateway sent. */
export function liveNumbers(room: ConsoleRoom): LiveNumbers {
  const counts = queueCounts(room.questions);
  const poll = currentPoll(room.polls);
  const audience = poll?.results?.audience ?? room.stats?.checkedIn ?? 0;
  const respondents = poll?.results?.respondents ?? 0;
  return {
    inRoom: room.stats?.inRoom ?? 0,
    checkedIn: room.stats?.checkedIn ?? 0,
    registered: room.stats?.registered ?? 0,
    pending: counts.pending,
    approved: counts.approved,
    answered: counts.answered,
    poll: poll ? { pollId: poll.id, question: poll.question, open: poll.status === 'open', respondents, audience, percent: percentOf(respondents, audience) } : null,
  };
}

export interface PollBar {
  optionId: string;
  text: string;
  votes: number;
  /** Share of the respondents who chose it (a multiple-choice poll's shares add up to more than 100). */
  percent: number;
  /** Among the options with the most votes (none while nobody answered). */
  leading: boolean;
}

/** One bar per option, in the poll's order. */
export function pollBars(poll: Pick<Poll, 'options' | 'results'>): PollBar[] {
  const votes = new Map(poll.results?.counts.map((c) => [c.optionId, c.votes]) ?? []);
  const respondents = poll.results?.respondents ?? 0;
  const top = Math.max(0, ...votes.values());
  return poll.options.map((option) => {
    const count = votes.get(option.id) ?? 0;
    return { optionId: option.id, text: option.text, votes: count, percent: percentOf(count, respondents) ?? 0, leading: top > 0 && count === top };
  });
}

/**
 * The events the Live area lists: live ones, and scheduled ones that end today or later (in the
 * browser's day), live first, then the soonest to start.
 */
export function liveEventsOf(events: readonly EventListItem[], now: Date): EventListItem[] {
  const startOfToday = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
  const seen = new Set<string>();
  return events
    .filter((e) => {
      if (seen.has(e.id)) return false;
      seen.add(e.id);
      return e.status === 'live' || (e.status === 'scheduled' && Date.parse(e.endsAt) >= startOfToday);
    })
    .sort((a, b) => (a.status === b.status ? a.startsAt.localeCompare(b.startsAt) : a.status === 'live' ? -1 : 1));
}
