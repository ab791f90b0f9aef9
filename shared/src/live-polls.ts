import { z } from 'zod';

/*
 * Live polls on the `/live` namespace. Organizers prepare polls at any time (drafts), launch them during
 * the event, close them, and choose whether attendees see the results; attendees answer once.
 * This file holds the schemas and types only (no import from ./live, which imports these types).
 *
 * Client → server (each answered by an ack; a refusal also arrives as `session:errored`):
 *   poll:create   moderators  { eventId, question, kind, options[], showResults? } → PollReply (a draft)
 *   poll:update   moderators  { pollId, question?, kind?, options?, showResults? } → PollReply (drafts only;
 *                             `options` replaces every option, so their ids change)
 *   poll:launch   moderators  { pollId } → PollReply (a draft or a closed poll opens; the room sees it)
 *   poll:close    moderators  { pollId } → PollReply (an open poll stops taking answers)
 *   poll:results  moderators  { pollId, show } → PollReply (show or hide the results to attendees)
 *   poll:delete   moderators  { pollId } → PollDeleteReply (drafts only)
 *   poll:vote     attendees   { pollId, optionIds[] } → PollVoteReply
 *
 * Server → client:
 *   poll:state            on join and reconnect, right after `qa:state`: the polls this socket may see and
 *                         (attendees) its own answers.
 *   poll:updated          a poll was created, edited, launched, closed, or its results shown or hidden.
 *                         Organizers get every poll with results; attendees only launched polls, with
 *                         `results` null unless shown.
 *   poll:deleted          to organizers: a draft was deleted.
 *   poll:results-updated  new counts, at most every `resultsBroadcastEveryMs` per poll (votes in between fold
 *                         into one update): always to organizers, to attendees while results are shown.
 *   poll:answered         to the attendee's own sockets (other tabs): their answer was recorded.
 *
 * Answers are final: one per registration and poll (held by the database). Sending the same answer
 * again is idempotent (`changed: false`); a different one is refused with `poll.already_answered`.
 */

export const POLL_KINDS = ['single', 'multiple'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** draft → open (launched) → closed; a closed poll may be launched again (reopened). */
export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const POLL_LIMITS = {
  questionMax: 300,
  optionMax: 200,
  optionsMin: 2,
  optionsMax: 10,
  /** Polls per event, drafts included. */
  pollsPerEvent: 100,
  /** Votes per socket in one second; more is a vote storm and refused (`poll.rate_limited`). */
  votesPerSecond: 5,
  /** A poll's counts reach the room at most this often. */
  resultsBroadcastEveryMs: 500,
} as const;

// C0 control characters other than tab and line breaks: never typed by a person.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !CONTROL_CHARACTERS.test(text), 'control characters are not allowed');

/** Option texts of one poll: trimmed, each distinct (ignoring case). */
const optionTexts = z
  .array(plainText(POLL_LIMITS.optionMax))
  .min(POLL_LIMITS.optionsMin)
  .max(POLL_LIMITS.optionsMax)
  .refine((texts) => new Set(texts.map((text) => text.toLowerCase())).size === texts.length, 'options must be distinct');

/**
 * Questions and options are plain text: stored and sent as typed (never HTML), so clients render them
 * as text.
 */
export const pollCreateRequestSchema = z.object({
  eventId: z.string().uuid(),
  question: plainText(POLL_LIMITS.questionMax),
  kind: z.enum(POLL_KINDS),
  options: optionTexts,
  /** Attendees see the results (live while open). Default false: organizers reveal them when they choose. */
  showResults: z.boolean().optional(),
});
export type PollCreateRequest = z.input<typeof pollCreateRequestSchema>;

export const pollUpdateRequestSchema = z.object({
  pollId: z.string().uuid(),
  question: plainText(POLL_LIMITS.questionMax).optional(),
  kind: z.enum(POLL_KINDS).optional(),
  options: optionTexts.optional(),
  showResults: z.boolean().optional(),
});
export type PollUpdateRequest = z.input<typeof pollUpdateRequestSchema>;

/** `poll:launch`, `poll:close`, `poll:delete`. */
export const pollRefRequestSchema = z.object({ pollId: z.string().uuid() });
export type PollRefRequest = z.infer<typeof pollRefRequestSchema>;

export const pollResultsRequestSchema = z.object({ pollId: z.string().uuid(), show: z.boolean() });
export type PollResultsRequest = z.infer<typeof pollResultsRequestSchema>;

/** Single choice: exactly one option; multiple: one or more distinct options of the poll. */
export const pollVoteRequestSchema = z.object({
  pollId: z.string().uuid(),
  optionIds: z
    .array(z.string().uuid())
    .min(1)
    .max(POLL_LIMITS.optionsMax)
    .refine((ids) => new Set(ids).size === ids.length, 'options must be distinct'),
});
export type PollVoteRequest = z.infer<typeof pollVoteRequestSchema>;

export const pollOptionSchema = z.object({ id: z.string(), text: z.string() });
export type PollOption = z.infer<typeof pollOptionSchema>;

export const pollResultsSchema = z.object({
  pollId: z.string(),
  eventId: z.string(),
  /** Answers per option, in the poll's option order. */
  counts: z.array(z.object({ optionId: z.string(), votes: z.number().int() })),
  /** Turnout: registrations that answered (a multiple-choice answer counts once). */
  respondents: z.number().int(),
  /** Registrations checked in to the event (online or on site): the audience the turnout compares to. */
  audience: z.number().int(),
  at: z.string(),
});
export type PollResults = z.infer<typeof pollResultsSchema>;

export const pollSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  question: z.string(),
  kind: z.enum(POLL_KINDS),
  status: z.enum(POLL_STATUSES),
  /** Whether attendees see the results. */
  showResults: z.boolean(),
  options: z.array(pollOptionSchema),
  /** Organizers: always; attendees: only while `showResults`, else null. */
  results: pollResultsSchema.nullable(),
  /** Last launched (null for a draft never launched), last closed. */
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Poll = z.infer<typeof pollSchema>;

export interface PollState {
  eventId: string;
  /**
   * Organizers: every poll (drafts too), with results. Attendees: open polls, closed polls whose results
   * are shown and closed polls they answered. Open first, then the most recently launched first.
   */
  polls: Poll[];
  /** Attendees: their answer to each poll they answered (poll id → option ids); empty for organizers. */
  myAnswers: Record<string, string[]>;
}

export interface PollDeleted {
  pollId: string;
  eventId: string;
}

export interface PollAnswered {
  pollId: string;
  eventId: string;
  optionIds: string[];
}

type PollError = { ok: false; error: { code: string; message: string } };
export type PollReply = { ok: true; poll: Poll; changed: boolean } | PollError;
export type PollDeleteReply = { ok: true; pollId: string } | PollError;
/** The poll as this attendee may see it, and their recorded answer. */
export type PollVoteReply = { ok: true; poll: Poll; optionIds: string[]; changed: boolean } | PollError;

/** Open polls first, then the most recently launched (drafts, never launched, last: newest first). */
export function sortPolls<P extends Pick<Poll, 'status' | 'openedAt' | 'createdAt'>>(polls: readonly P[]): P[] {
  const rank = (poll: P) => (poll.status === 'open' ? 0 : poll.status === 'closed' ? 1 : 2);
  return [...polls].sort((a, b) => rank(a) - rank(b) || (b.openedAt ?? '').localeCompare(a.openedAt ?? '') || b.createdAt.localeCompare(a.createdAt));
}

/** Whether an answer is well formed for a poll: known options, exactly one for single choice. */
export function pollAnswerError(poll: Pick<Poll, 'kind' | 'options'>, optionIds: readonly string[]): string | null {
  if (optionIds.length === 0) return 'choose an option';
  if (new Set(optionIds).size !== optionIds.length) return 'options must be distinct';
  if (poll.kind === 'single' && optionIds.length !== 1) return 'a single-choice poll takes exactly one option';
  const known = new Set(poll.options.map((option) => option.id));
  if (optionIds.some((id) => !known.has(id))) return 'an option does not belong to this poll';
  return null;
}
