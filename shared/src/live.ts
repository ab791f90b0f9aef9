import { z } from 'zod';
import { type UserRole, USER_ROLES } from './enums';
import { userRoleSchema } from './auth';
import { EVENT_STATUSES } from './events';
import type {
  PollAnswered,
  PollCreateRequest,
  PollDeleted,
  PollDeleteReply,
  PollRefRequest,
  Poll,
  PollReply,
  PollResults,
  PollResultsRequest,
  PollState,
  PollUpdateRequest,
  PollVoteReply,
  PollVoteRequest,
} from './live-polls';
import type { ChatMessage, ChatMessageFull, ChatModerateRequest, ChatReply, ChatSendRequest, ChatSettings, ChatSettingsReply, ChatSettingsRequest, ChatState, ChatSyncReply, ChatSyncRequest } from './live-chat';

/** Socket.io `/live` namespace. Client→server events are imperative, server→client past tense. */
export const LIVE_NAMESPACE = '/live';

export const liveErrorSchema = z.object({ code: z.string(), message: z.string() });
export type LiveError = z.infer<typeof liveErrorSchema>;

export const liveWelcomeSchema = z.object({
  kind: z.enum(['organizer', 'attendee']),
  userId: z.string().nullable(),
  role: userRoleSchema.nullable(),
  serverTime: z.string(),
});
export type LiveWelcome = z.infer<typeof liveWelcomeSchema>;

/**
 * What an attendee puts in `io(url, { auth })`: the token of their personal page (/r/{token}) and the
 * event's slug or id. Organizers send no `auth`: their console session cookie authenticates them.
 */
export const liveAttendeeAuthSchema = z.object({
  token: z.string().min(1).max(200),
  event: z.string().min(1).max(200),
});
export type LiveAttendeeAuth = z.infer<typeof liveAttendeeAuthSchema>;

/** Console roles that may watch a live room, and the ones that may moderate it (Q&A, polls, chat). */
export const LIVE_WATCH_ROLES: readonly UserRole[] = USER_ROLES;
export const LIVE_MODERATOR_ROLES: readonly UserRole[] = ['admin', 'organizer'];
export const canWatchLive = (role: UserRole): boolean => LIVE_WATCH_ROLES.includes(role);
export const canModerateLive = (role: UserRole): boolean => LIVE_MODERATOR_ROLES.includes(role);

/** Live: the event is on air (or about to be); replay: watched after it ended. */
export const ATTENDANCE_MODES = ['live', 'replay'] as const;
export type AttendanceMode = (typeof ATTENDANCE_MODES)[number];

/**
 * Timing of presence. Clients send `presence:heartbeat` every `heartbeatMs`; the gateway takes at most
 * one per `heartbeatMinMs` per socket; a session not seen for `staleAfterMs` is closed by the sweep
 * (its process died), at the time it was last seen.
 */
export const LIVE_PRESENCE = {
  heartbeatMs: 30_000,
  heartbeatMinMs: 10_000,
  staleAfterMs: 120_000,
  sweepEveryMs: 30_000,
  /** Organizers get at most one `room:stats-updated` per event in this time. */
  statsEveryMs: 1_000,
  /** Online check-in opens this long before the start of a scheduled event. */
  checkInOpensBeforeMs: 30 * 60_000,
} as const;

/**
 * Whether joining now checks a registered attendee in online: while the event is live, or while it is
 * scheduled from 30 minutes before its start until its end (organizers often go live a few minutes
 * late). Never for an ended event: watching the replay is not attending.
 */
export function onlineCheckInOpen(event: { status: (typeof EVENT_STATUSES)[number]; startsAt: Date; endsAt: Date }, now: Date): boolean {
  if (event.status === 'live') return true;
  if (event.status !== 'scheduled') return false;
  const t = now.getTime();
  return t >= event.startsAt.getTime() - LIVE_PRESENCE.checkInOpensBeforeMs && t < event.endsAt.getTime();
}

/** The attendance mode of a session opened now: replay once the event has ended. */
export function attendanceModeFor(status: (typeof EVENT_STATUSES)[number]): AttendanceMode {
  return status === 'ended' ? 'replay' : 'live';
}

export const roomJoinRequestSchema = z.object({ eventId: z.string().uuid() });
export type RoomJoinRequest = z.infer<typeof roomJoinRequestSchema>;

export const liveStatsSchema = z.object({
  eventId: z.string(),
  /** Distinct registrations with an open attendance session (live or replay). */
  inRoom: z.number().int(),
  /** Registrations checked in, online or on site. */
  checkedIn: z.number().int(),
  /** Registrations holding a seat (status registered). */
  registered: z.number().int(),
  at: z.string(),
});
export type LiveStats = z.infer<typeof liveStatsSchema>;

export const liveRoomStateSchema = z.object({
  event: z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    status: z.enum(EVENT_STATUSES),
    startsAt: z.string(),
    endsAt: z.string(),
  }),
  /** The attendee's own registration; null for organizers. */
  attendee: z
    .object({
      registrationId: z.string(),
      name: z.string(),
      mode: z.enum(ATTENDANCE_MODES),
      checkedInAt: z.string().nullable(),
      checkInMethod: z.string().nullable(),
    })
    .nullable(),
  /** Live numbers and rights; null for attendees. */
  organizer: z.object({ canModerate: z.boolean(), stats: liveStatsSchema }).nullable(),
  serverTime: z.string(),
});
export type LiveRoomState = z.infer<typeof liveRoomStateSchema>;

export const liveCheckInSchema = z.object({
  eventId: z.string(),
  registrationId: z.string(),
  name: z.string(),
  method: z.string(),
  checkedInAt: z.string(),
  /** Registrations checked in so far, this one included. */
  checkedIn: z.number().int(),
});
export type LiveCheckIn = z.infer<typeof liveCheckInSchema>;

export type RoomJoinReply = { ok: true; state: LiveRoomState } | { ok: false; error: LiveError };
export interface HeartbeatReply {
  /** False when the beat came sooner than `heartbeatMinMs` after the last one taken, or from an organizer. */
  accepted: boolean;
  serverTime: string;
}

export interface LiveServerToClientEvents {
  'session:welcomed': (welcome: LiveWelcome) => void;
  'session:errored': (error: LiveError) => void;
  /** On join and reconnect: where the room stands for this socket. */
  'room:state': (state: LiveRoomState) => void;
  /** To organizers: someone checked in. */
  'checkin:updated': (checkIn: LiveCheckIn) => void;
  /** To organizers, at most once a second per event: the live numbers changed. */
  'room:stats-updated': (stats: LiveStats) => void;
  /** Right after `room:state` (attendees) or on `room:join` (organizers): where Q&A stands for this socket. */
  'qa:state': (state: QaState) => void;
  /** To organizers: a new question waits for moderation. */
  'qa:asked': (question: QaQuestionFull) => void;
  /**
   * A question changed (approved, hidden, answered, pinned, upvoted). Attendees get the public view,
   * organizers the full view; a hidden question reaches attendees without its text, so they drop it.
   */
  'qa:updated': (question: QaQuestion | QaQuestionFull) => void;
  /** Right after `qa:state`: the polls this socket may see and (attendees) its own answers. See live-polls.ts. */
  'poll:state': (state: PollState) => void;
  /** A poll was created, edited, launched, closed, or its results shown or hidden (attendees: launched polls only). */
  'poll:updated': (poll: Poll) => void;
  /** To organizers: a draft was deleted. */
  'poll:deleted': (deleted: PollDeleted) => void;
  /** New counts, coalesced per poll: to organizers always, to attendees while results are shown. */
  'poll:results-updated': (results: PollResults) => void;
  /** To an attendee's own sockets: their answer was recorded (another tab sees it). */
  'poll:answered': (answer: PollAnswered) => void;
  /** Right after `qa:state` (and in the `chat:sync` ack): the chat's last messages and settings. See live-chat.ts. */
  'chat:state': (state: ChatState) => void;
  /** A new message: to everyone when shown at once; while it waits for approval, to organizers (full view) and the sender's tabs. */
  'chat:posted': (message: ChatMessage | ChatMessageFull) => void;
  /** A message was approved (appears) or hidden (attendees get it without text or name, and drop it). */
  'chat:updated': (message: ChatMessage | ChatMessageFull) => void;
  /** The moderation mode changed (everyone in the room). */
  'chat:settings-updated': (settings: ChatSettings) => void;
}

export interface LiveClientToServerEvents {
  'session:ping': (ack: (reply: { serverTime: string }) => void) => void;
  /** Organizers: watch an event's room. */
  'room:join': (request: RoomJoinRequest, ack: (reply: RoomJoinReply) => void) => void;
  /** Attendees: still here (every 30 s). */
  'presence:heartbeat': (ack: (reply: HeartbeatReply) => void) => void;
  /** Attendees: ask a question (moderated before others see it). */
  'qa:ask': (request: QaAskRequest, ack: (reply: QaReply) => void) => void;
  /** Attendees: upvote an approved question; a repeat vote changes nothing. */
  'qa:upvote': (request: QaUpvoteRequest, ack: (reply: QaReply) => void) => void;
  /** Moderators (`canModerateLive`): approve, hide, pin, unpin, answer. */
  'qa:moderate': (request: QaModerateRequest, ack: (reply: QaReply) => void) => void;
  /** Moderators: prepare a poll (a draft), at any time before or during the event. */
  'poll:create': (request: PollCreateRequest, ack: (reply: PollReply) => void) => void;
  /** Moderators: edit a draft. */
  'poll:update': (request: PollUpdateRequest, ack: (reply: PollReply) => void) => void;
  /** Moderators: open a draft (or reopen a closed poll) to the room. */
  'poll:launch': (request: PollRefRequest, ack: (reply: PollReply) => void) => void;
  /** Moderators: stop taking answers. */
  'poll:close': (request: PollRefRequest, ack: (reply: PollReply) => void) => void;
  /** Moderators: show or hide the results to attendees. */
  'poll:results': (request: PollResultsRequest, ack: (reply: PollReply) => void) => void;
  /** Moderators: delete a draft. */
  'poll:delete': (request: PollRefRequest, ack: (reply: PollDeleteReply) => void) => void;
  /** Attendees: answer an open poll, once. */
  'poll:vote': (request: PollVoteRequest, ack: (reply: PollVoteReply) => void) => void;
  /** Attendees, and moderators as the organizer (with `eventId`): post a chat message. */
  'chat:send': (request: ChatSendRequest, ack: (reply: ChatReply) => void) => void;
  /** Moderators: approve or hide a message. */
  'chat:moderate': (request: ChatModerateRequest, ack: (reply: ChatReply) => void) => void;
  /** Moderators: post- or pre-moderation, switched live. */
  'chat:settings': (request: ChatSettingsRequest, ack: (reply: ChatSettingsReply) => void) => void;
  /** The chat state in the ack, for a view mounted after the join. */
  'chat:sync': (request: ChatSyncRequest, ack: (reply: ChatSyncReply) => void) => void;
}

/* ---------------------------------------------------------------- Q&A */

export const QA_LIMITS = {
  textMax: 500,
  answerMax: 2_000,
  /** One question per registration in this time (all its tabs together). */
  askEveryMs: 10_000,
  /** Upvotes per socket in one second; more is a vote storm and refused. */
  votesPerSecond: 5,
  /** A question's new vote count reaches the room at most this often (votes in between fold into one update). */
  voteBroadcastEveryMs: 250,
} as const;

export const QUESTION_STATUSES = ['pending', 'approved', 'hidden'] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];
export const QA_MODERATE_ACTIONS = ['approve', 'hide', 'pin', 'unpin', 'answer'] as const;
export type QaModerateAction = (typeof QA_MODERATE_ACTIONS)[number];

// C0 control characters other than tab and line breaks: never typed by a person.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const plainText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !CONTROL_CHARACTERS.test(text), 'control characters are not allowed');

/**
 * A question is plain text: stored and sent as typed (never HTML), so clients must render it as text
 * (React text nodes, never `dangerouslySetInnerHTML`).
 */
export const qaAskRequestSchema = z.object({ text: plainText(QA_LIMITS.textMax), anonymous: z.boolean().optional() });
export type QaAskRequest = z.input<typeof qaAskRequestSchema>;
export const qaUpvoteRequestSchema = z.object({ questionId: z.string().uuid() });
export type QaUpvoteRequest = z.infer<typeof qaUpvoteRequestSchema>;
export const qaModerateRequestSchema = z.object({
  questionId: z.string().uuid(),
  action: z.enum(QA_MODERATE_ACTIONS),
  /** With `answer`: a written answer; without it the question is marked answered live. */
  answer: plainText(QA_LIMITS.answerMax).optional(),
});
export type QaModerateRequest = z.input<typeof qaModerateRequestSchema>;

/** What attendees see: no asker when the question is anonymous. */
export const qaQuestionSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  text: z.string(),
  anonymous: z.boolean(),
  /** Null when anonymous. */
  askerName: z.string().nullable(),
  status: z.enum(QUESTION_STATUSES),
  upvotes: z.number().int(),
  pinned: z.boolean(),
  answeredAt: z.string().nullable(),
  answerText: z.string().nullable(),
  createdAt: z.string(),
});
export type QaQuestion = z.infer<typeof qaQuestionSchema>;

/** What organizers see: always who asked, their company and its tier. */
export const qaQuestionFullSchema = qaQuestionSchema.extend({
  asker: z.object({
    registrationId: z.string(),
    name: z.string(),
    email: z.string(),
    title: z.string().nullable(),
    company: z.string().nullable(),
    tier: z.string().nullable(),
  }),
});
export type QaQuestionFull = z.infer<typeof qaQuestionFullSchema>;

export interface QaState {
  eventId: string;
  /** Attendees: approved questions; organizers: every question (full view). Pinned first, then by votes. */
  questions: Array<QaQuestion | QaQuestionFull>;
  /** Attendees: their own questions, whatever their status; empty for organizers. */
  myQuestions: QaQuestion[];
  /** Attendees: the questions they upvoted; empty for organizers. */
  myVotes: string[];
}

export type QaReply = { ok: true; question: QaQuestion | QaQuestionFull; changed: boolean } | { ok: false; error: LiveError };

export type QaSort = 'votes' | 'time';

/** Pinned first; then most votes (ties: older first), or newest first. */
export function sortQuestions<Q extends Pick<QaQuestion, 'pinned' | 'upvotes' | 'createdAt'>>(questions: readonly Q[], by: QaSort = 'votes'): Q[] {
  return [...questions].sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (by === 'votes' && a.upvotes !== b.upvotes) return b.upvotes - a.upvotes;
    return by === 'votes' ? a.createdAt.localeCompare(b.createdAt) : b.createdAt.localeCompare(a.createdAt);
  });
}
