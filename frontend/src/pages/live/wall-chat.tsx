import { useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { LiveSocket } from '@/live/use-live';
import { useConsoleChat } from '@/pages/live/chat-moderation';

/** More would not be readable from the back of a room; the oldest scroll off the top. */
const WALL_CHAT_MAX = 30;

// Big type, light on dark, in the wall's colours (live-wall.css), also when a page hosts the column alone.
const COLUMN: CSSProperties = { display: 'flex', flexDirection: 'column', minHeight: 0, background: '#0b1020', color: '#f5f7fb' };
const LIST: CSSProperties = { flex: 1, minHeight: 0, margin: 0, padding: 0, listStyle: 'none', overflowY: 'hidden', display: 'flex', flexDirection: 'column', gap: '1.5vh' };
const ITEM: CSSProperties = { padding: '1.4vh 1.6vw', borderRadius: 16, background: 'rgba(255, 255, 255, 0.07)', fontSize: 'clamp(20px, 2.2vw, 40px)', lineHeight: 1.3 };
const AUTHOR: CSSProperties = { display: 'block', fontSize: '0.6em', fontWeight: 600, color: '#8db6ff' };
const ORGANIZER: CSSProperties = { ...AUTHOR, color: '#f5a524' };
const TEXT: CSSProperties = { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' };

/**
 * The wall's chat column: the approved messages as they come, newest at the bottom. The venue screen
 * is public: a message shows its sender's name only (the organizer's as "Organizer"), never more.
 */
export function WallChat({ socket, eventId }: { socket: LiveSocket | null; eventId: string }) {
  const { t } = useTranslation();
  const { chat } = useConsoleChat(socket, eventId);
  const shown = useMemo(() => chat.messages.filter((m) => m.status === 'approved').slice(-WALL_CHAT_MAX), [chat.messages]);
  const listRef = useRef<HTMLOListElement>(null);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [shown]);

  return (
    <section className="live-wall-column live-wall-chat" style={COLUMN} data-testid="wall-chat">
      <h2 className="live-wall-column-title">{t('liveChat.wall.title')}</h2>
      {shown.length === 0 ? (
        <p className="live-wall-empty" data-testid="wall-chat-empty">
          {t('liveChat.wall.empty')}
        </p>
      ) : (
        <ol ref={listRef} style={LIST} aria-live="polite">
          {shown.map((message) => (
            <li key={message.id} style={ITEM} data-testid="wall-chat-message" data-id={message.id}>
              <span style={message.fromOrganizer ? ORGANIZER : AUTHOR} data-testid="wall-chat-author">
                {message.fromOrganizer ? t('liveChat.organizer') : (message.sender?.name ?? message.authorName)}
              </span>
              {/* Typed by an attendee: a text node, never HTML. */}
              <p style={TEXT} data-testid="wall-chat-text">
                {message.text}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
