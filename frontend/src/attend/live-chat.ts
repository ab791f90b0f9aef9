import { CHAT_LIMITS, sortChatMessages } from '@fulcrum/shared';
import type { ChatMessage, ChatMessageFull, ChatModerationMode, ChatState, LiveError } from '@fulcrum/shared';
import type { MessageKey } from '@/attend/messages';

/** Messages a phone keeps on screen: the older ones fall off the top, as in any chat. */
export const CHAT_KEEP_MAX = CHAT_LIMITS.historyMax * 2;

/** The attendee's chat: what is shown (their own waiting messages included), the mode, whether it takes messages. */
export interface AttendeeChat {
  messages: ChatMessage[];
  moderation: ChatModerationMode;
  open: boolean;
  /** False until the first `chat:state`. */
  loaded: boolean;
}

export const EMPTY_CHAT: AttendeeChat = { messages: [], moderation: 'post', open: true, loaded: false };

export function chatFromState(state: ChatState): AttendeeChat {
  return { messages: sortChatMessages(state.messages).slice(-CHAT_KEEP_MAX), moderation: state.settings.moderation, open: state.open, loaded: true };
}

/**
 * A message as it now stands: dropped once hidden (it comes without its text), otherwise added or
 * replaced by id — keeping "mine" (an approval reaches everyone without it) — in time order.
 */
export function applyChatMessage<M extends ChatMessage>(list: readonly M[], message: M, keep = CHAT_KEEP_MAX): M[] {
  const existing = list.find((m) => m.id === message.id);
  const rest = list.filter((m) => m.id !== message.id);
  if (message.status === 'hidden') return rest;
  const next = existing?.mine && !message.mine ? { ...message, mine: true } : message;
  return sortChatMessages([...rest, next]).slice(-keep);
}

/** Organizers keep hidden messages too (to approve them again), in time order. */
export function applyModeratedMessage(list: readonly ChatMessageFull[], message: ChatMessageFull, keep = CHAT_KEEP_MAX * 2): ChatMessageFull[] {
  return sortChatMessages([...list.filter((m) => m.id !== message.id), message]).slice(-keep);
}

/** The refusals of `chat:send` the panel explains; anything else gets the generic message. */
export function chatErrorKey(error: LiveError): MessageKey {
  if (error.code === 'chat.rate_limited') return 'chat.error.rate_limited';
  if (error.code === 'chat.closed') return 'chat.error.closed';
  if (error.code === 'validation.failed') return 'chat.error.validation';
  if (error.code === 'network') return 'chat.error.network';
  return 'chat.error.other';
}

/** Whether a list scrolled this close to its end follows new messages (else the reader is looking back). */
export function followsEnd(box: { scrollTop: number; scrollHeight: number; clientHeight: number }, slack = 48): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= slack;
}
