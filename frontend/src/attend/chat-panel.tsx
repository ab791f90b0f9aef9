import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Socket } from 'socket.io-client';
import { CHAT_LIMITS } from '@fulcrum/shared';
import type { ChatReply, LiveClientToServerEvents, LiveError, LiveServerToClientEvents } from '@fulcrum/shared';
import { applyChatMessage, type AttendeeChat, chatErrorKey, chatFromState, EMPTY_CHAT, followsEnd } from '@/attend/live-chat';
import { useLocale } from '@/attend/locale';
import type { MessageKey } from '@/attend/messages';

type AttendeeSocket = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;
const NETWORK_ERROR: LiveError = { code: 'network', message: 'no answer from the live room' };

/**
 * The attendee's chat, kept from the room's socket: the state on (re)join, new messages, approvals,
 * hidden messages and the moderation mode. A panel mounted after the join asks for the state itself.
 */
export function useAttendeeChat(socket: AttendeeSocket | null): { chat: AttendeeChat; send(text: string): Promise<ChatReply> } {
  const [chat, setChat] = useState<AttendeeChat>(EMPTY_CHAT);

  useEffect(() => {
    if (!socket) return;
    setChat(EMPTY_CHAT);
    const onState: LiveServerToClientEvents['chat:state'] = (state) => setChat(chatFromState(state));
    const onMessage: LiveServerToClientEvents['chat:posted'] = (message) => setChat((current) => ({ ...current, messages: applyChatMessage(current.messages, message) }));
    const onSettings: LiveServerToClientEvents['chat:settings-updated'] = (settings) => setChat((current) => ({ ...current, moderation: settings.moderation }));
    socket.on('chat:state', onState);
    socket.on('chat:posted', onMessage);
    socket.on('chat:updated', onMessage);
    socket.on('chat:settings-updated', onSettings);
    // Already in the room (the panel came later than the join): the state was sent before we listened.
    if (socket.connected) {
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('chat:sync', {})
        .then((reply) => reply.ok && setChat((current) => (current.loaded ? current : chatFromState(reply.state))))
        .catch(() => undefined);
    }
    return () => {
      socket.off('chat:state', onState);
      socket.off('chat:posted', onMessage);
      socket.off('chat:updated', onMessage);
      socket.off('chat:settings-updated', onSettings);
    };
  }, [socket]);

  const send = useCallback(
    async (text: string): Promise<ChatReply> => {
      if (!socket?.connected) return { ok: false, error: NETWORK_ERROR };
      try {
        const reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:send', { text });
        if (reply.ok) setChat((current) => ({ ...current, messages: applyChatMessage(current.messages, reply.message) }));
        return reply;
      } catch {
        return { ok: false, error: NETWORK_ERROR };
      }
    },
    [socket],
  );

  return { chat, send };
}

interface ChatPanelProps {
  socket: AttendeeSocket | null;
  /** False while (re)connecting: nothing can be sent. */
  connected: boolean;
  /** The event ended while the page was open: read-only from now on, as the next join will say. */
  ended: boolean;
}

/**
 * Chat on the join page: the conversation (newest at the bottom, following new messages unless the
 * reader scrolled back), one's own waiting messages marked, and a line to write. Read-only once the
 * event has ended. Message text and names are plain text: rendered as React text nodes only.
 */
export function ChatPanel({ socket, connected, ended }: ChatPanelProps) {
  const { t } = useLocale();
  const id = useId();
  const { chat, send } = useAttendeeChat(socket);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const followRef = useRef(true);
  const trimmed = text.trim();
  const open = chat.open && !ended;

  // New messages keep the list at its end, unless the reader scrolled up to read older ones.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list && followRef.current) list.scrollTop = list.scrollHeight;
  }, [chat.messages]);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!trimmed || sending) return;
    setSending(true);
    setError(null);
    const reply = await send(trimmed);
    setSending(false);
    if (reply.ok) {
      setText('');
      followRef.current = true;
    } else {
      // The typed text stays, to be sent again.
      setError(chatErrorKey(reply.error));
    }
  };

  // Enter sends (as in any messenger); Shift+Enter starts a new line.
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <section className="attend-card attend-chat" data-testid="chat" data-open={open ? 'true' : 'false'} data-moderation={chat.moderation}>
      <h2>{t('chat.title')}</h2>
      {!chat.loaded ? (
        <p className="attend-muted">{t('chat.loading')}</p>
      ) : chat.messages.length === 0 ? (
        <p className="attend-muted" data-testid="chat-empty">
          {t('chat.empty')}
        </p>
      ) : (
        <ol className="attend-chat-list" ref={listRef} onScroll={(e) => (followRef.current = followsEnd(e.currentTarget))} aria-live="polite" data-testid="chat-list">
          {chat.messages.map((message) => (
            <li
              key={message.id}
              className={`attend-chat-item${message.mine ? ' attend-chat-item--mine' : ''}${message.fromOrganizer ? ' attend-chat-item--organizer' : ''}`}
              data-testid="chat-message"
              data-id={message.id}
              data-status={message.status}
            >
              <p className="attend-chat-meta">
                {message.fromOrganizer ? (
                  <span className="attend-chat-badge" data-testid="chat-organizer">
                    {t('chat.organizer')}
                  </span>
                ) : (
                  <span className="attend-chat-author" data-testid="chat-author">
                    {message.mine ? t('chat.you') : message.authorName}
                  </span>
                )}
                {message.status === 'pending' && (
                  <span className="attend-qa-status attend-qa-status--pending" data-testid="chat-pending">
                    {t('chat.pending')}
                  </span>
                )}
              </p>
              <p className="attend-chat-text" data-testid="chat-text">
                {message.text}
              </p>
            </li>
          ))}
        </ol>
      )}

      {!open ? (
        <p className="attend-notice" data-testid="chat-closed">
          {t('chat.closed')}
        </p>
      ) : (
        <form className="attend-chat-form" onSubmit={(e) => void submit(e)} data-testid="chat-form">
          {chat.moderation === 'pre' && (
            <p className="attend-muted attend-chat-note" data-testid="chat-premoderation">
              {t('chat.preModeration')}
            </p>
          )}
          <label className="attend-chat-label" htmlFor={`${id}-text`}>
            {t('chat.label')}
          </label>
          <div className="attend-chat-row">
            <textarea
              id={`${id}-text`}
              className="attend-input attend-textarea attend-chat-text-input"
              value={text}
              maxLength={CHAT_LIMITS.textMax}
              rows={1}
              placeholder={t('chat.placeholder')}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={onKeyDown}
              aria-describedby={`${id}-counter`}
              data-testid="chat-input"
            />
            <button type="submit" className="attend-button attend-chat-send" disabled={!trimmed || sending || !connected || !chat.loaded} data-testid="chat-send">
              {t(sending ? 'chat.sending' : 'chat.submit')}
            </button>
          </div>
          <span className="attend-qa-counter attend-chat-counter" id={`${id}-counter`} data-testid="chat-counter">
            {t('chat.counter', { count: text.length, max: CHAT_LIMITS.textMax })}
          </span>
          {error && (
            <p className="attend-banner" role="alert" data-testid="chat-error" data-key={error}>
              {t(error, { seconds: CHAT_LIMITS.sendEveryMs / 1000, max: CHAT_LIMITS.textMax })}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
