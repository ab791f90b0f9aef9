import { z } from 'zod';
import type { EventStatus } from './events';
import { plainText, type LiveError } from './live';

/** Event statuses whose chat takes messages: before and during the event, not in the replay. */
export const CHAT_OPEN_STATUSES: readonly EventStatus[] = ['scheduled', 'live'];

/* ---------------------------------------------------------------- Chat
 *
 * Live chat on the `/live` namespace (its events are in `LiveServerToClientEvents` /
 * `LiveClientToServerEvents`):
 *
 *   client → server   chat:send      attendees, and moderators posting as the organizer (with eventId)
 *                     chat:moderate  moderators: approve | hide a message
 *                     chat:settings  moderators: post- or pre-moderation, switched live
 *                     chat:sync      anyone in the room: the chat state in the ack (a late-mounted view)
 *   server → client   chat:state             on join / reconnect, right after `qa:state`
 *                     chat:posted            a new message (to organizers also while it waits for approval)
 *                     chat:updated           a message was approved or hidden
 *                     chat:settings-updated  the moderation mode changed
 *
 * Moderation: post-moderation by default — a message appears at once to everyone and a moderator can
 * hide it, which removes it everywhere. With pre-moderation on, a new message waits (seen by the
 * organizers and the sender's own tabs) until a moderator approves it. Switching back to
 * post-moderation leaves waiting messages waiting: a moderator still decides each one.
 *
 * Chat is open while the event is scheduled or live; in the replay the conversation is read-only.
 */

export const CHAT_LIMITS = {
  textMax: 300,
  /** One message per registration in this time, across its tabs and the api processes (held in the database). */
  sendEveryMs: 3_000,
  /** Requests one socket may make in `sendEveryMs` before being refused without touching the database. */
  sendsPerSocket: 3,
  /** Messages in the state sent on (re)join: the last ones shown. */
  historyMax: 100,
} as const;

export const CHAT_MESSAGE_STATUSES = ['pending', 'approved', 'hidden'] as const;
export type ChatMessageStatus = (typeof CHAT_MESSAGE_STATUSES)[number];
export const CHAT_MODERATE_ACTIONS = ['approve', 'hide'] as const;
export type ChatModerateAction = (typeof CHAT_MODERATE_ACTIONS)[number];
/** post: shown at once, hidden afterwards if need be; pre: shown once approved. */
export const CHAT_MODERATION_MODES = ['post', 'pre'] as const;
export type ChatModerationMode = (typeof CHAT_MODERATION_MODES)[number];

/**
 * A message is plain text: stored and sent as typed (never HTML), so clients render it as text
 * (React text nodes, never `dangerouslySetInnerHTML`). `eventId` is for moderators posting as the
 * organizer; an attendee's socket already belongs to one event.
 */
export const chatSendRequestSchema = z.object({ text: plainText(CHAT_LIMITS.textMax), eventId: z.string().uuid().optional() });
export type ChatSendRequest = z.input<typeof chatSendRequestSchema>;
export const chatModerateRequestSchema = z.object({ messageId: z.string().uuid(), action: z.enum(CHAT_MODERATE_ACTIONS) });
export type ChatModerateRequest = z.infer<typeof chatModerateRequestSchema>;
export const chatSettingsRequestSchema = z.object({ eventId: z.string().uuid(), moderation: z.enum(CHAT_MODERATION_MODES) });
export type ChatSettingsRequest = z.infer<typeof chatSettingsRequestSchema>;
/** Organizers name the event; attendees send `{}`. */
export const chatSyncRequestSchema = z.object({ eventId: z.string().uuid().optional() });
export type ChatSyncRequest = z.infer<typeof chatSyncRequestSchema>;

export const chatSettingsSchema = z.object({ eventId: z.string(), moderation: z.enum(CHAT_MODERATION_MODES) });
export type ChatSettings = z.infer<typeof chatSettingsSchema>;

/** What attendees see: the sender's display name only (null for the organizer's own posts). */
export const chatMessageSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  text: z.string(),
  /** The sender's name; null when the organizer posted it (shown as "Organizer") or once hidden. */
  authorName: z.string().nullable(),
  fromOrganizer: z.boolean(),
  status: z.enum(CHAT_MESSAGE_STATUSES),
  createdAt: z.string(),
  /** Set on the copies sent to the sender's own sockets. */
  mine: z.boolean().optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** What organizers see: who sent it (registration, e-mail, company, tier) or which console user posted it. */
export const chatMessageFullSchema = chatMessageSchema.extend({
  sender: z
    .object({
      registrationId: z.string(),
      name: z.string(),
      email: z.string(),
      title: z.string().nullable(),
      company: z.string().nullable(),
      tier: z.string().nullable(),
    })
    .nullable(),
  postedBy: z.object({ userId: z.string().nullable(), name: z.string().nullable() }).nullable(),
});
export type ChatMessageFull = z.infer<typeof chatMessageFullSchema>;

export interface ChatState {
  eventId: string;
  settings: ChatSettings;
  /** False once the event has ended (the replay): the conversation is read-only. */
  open: boolean;
  /**
   * Oldest first. Attendees: the last `historyMax` approved messages and their own pending ones;
   * organizers: the last `historyMax` messages of any status and every pending one (full view).
   */
  messages: Array<ChatMessage | ChatMessageFull>;
}

export type ChatReply = { ok: true; message: ChatMessage | ChatMessageFull; changed: boolean } | { ok: false; error: LiveError };
export type ChatSettingsReply = { ok: true; settings: ChatSettings; changed: boolean } | { ok: false; error: LiveError };
export type ChatSyncReply = { ok: true; state: ChatState } | { ok: false; error: LiveError };

/** Oldest first (ties by id), as every list of messages is kept. */
export function sortChatMessages<M extends Pick<ChatMessage, 'id' | 'createdAt'>>(messages: readonly M[]): M[] {
  return [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}
