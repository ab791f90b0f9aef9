import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, Switch, Tag, Typography } from 'antd';
import { CheckOutlined, EyeInvisibleOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CHAT_LIMITS, CHAT_OPEN_STATUSES, COMPANY_TIERS } from '@fulcrum/shared';
import type { ChatMessageFull, ChatModerateAction, ChatState, ChatModerationMode, ChatReply, ChatSettingsReply, CompanyTier, LiveError, LiveServerToClientEvents } from '@fulcrum/shared';
import { applyModeratedMessage } from '@/attend/live-chat';
import type { LiveSocket } from '@/live/use-live';
import { useLiveErrorMessage } from '@/pages/live/live-error';
import { useTimeOfDay } from '@/pages/live/use-time-of-day';

const ACK_TIMEOUT_MS = 10_000;
const NETWORK_ERROR: LiveError = { code: 'network', message: 'No answer from the live gateway' };
const isTier = (tier: string | null): tier is CompanyTier => tier !== null && (COMPANY_TIERS as readonly string[]).includes(tier);
const TIER_COLORS: Record<CompanyTier, string> = { ka: 'gold', growth: 'cyan', standard: 'default' };

export interface ConsoleChat {
  messages: ChatMessageFull[];
  moderation: ChatModerationMode;
  open: boolean;
  loaded: boolean;
}

const EMPTY: ConsoleChat = { messages: [], moderation: 'post', open: true, loaded: false };
const asFull = (message: unknown) => message as ChatMessageFull;

/**
 * An event's chat as organizers see it (every status, with senders), kept from the console's live
 * socket: `chat:state` on each (re)join, then new messages, moderation and settings. A view mounted
 * after the join asks for the state with `chat:sync`.
 */
export function useConsoleChat(socket: LiveSocket | null, eventId: string) {
  const [chat, setChat] = useState<ConsoleChat>(EMPTY);

  useEffect(() => {
    if (!socket) return;
    setChat(EMPTY);
    const fromState = (state: ChatState): ConsoleChat => ({ messages: state.messages.map(asFull), moderation: state.settings.moderation, open: state.open, loaded: true });
    const onState: LiveServerToClientEvents['chat:state'] = (state) => {
      if (state.eventId === eventId) setChat(fromState(state));
    };
    const onMessage: LiveServerToClientEvents['chat:posted'] = (message) => {
      if (message.eventId === eventId) setChat((current) => ({ ...current, messages: applyModeratedMessage(current.messages, asFull(message)) }));
    };
    const onSettings: LiveServerToClientEvents['chat:settings-updated'] = (settings) => {
      if (settings.eventId === eventId) setChat((current) => ({ ...current, moderation: settings.moderation }));
    };
    // The event ending (or going live) reaches the console as `room:state`: the chat closes with it.
    const onRoom: LiveServerToClientEvents['room:state'] = (room) => {
      if (room.event.id === eventId) setChat((current) => ({ ...current, open: CHAT_OPEN_STATUSES.includes(room.event.status) }));
    };
    const sync = () => {
      socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('chat:sync', { eventId })
        // Only while nothing came yet: a `chat:state` or message that came meanwhile is newer than this read.
        .then((reply) => reply.ok && setChat((current) => (current.loaded ? current : fromState(reply.state))))
        .catch(() => undefined);
    };
    socket.on('chat:state', onState);
    socket.on('chat:posted', onMessage);
    socket.on('chat:updated', onMessage);
    socket.on('chat:settings-updated', onSettings);
    socket.on('room:state', onRoom);
    if (socket.connected) sync();
    return () => {
      socket.off('chat:state', onState);
      socket.off('chat:posted', onMessage);
      socket.off('chat:updated', onMessage);
      socket.off('chat:settings-updated', onSettings);
      socket.off('room:state', onRoom);
    };
  }, [socket, eventId]);

  const request = useCallback(
    async <R extends ChatReply | ChatSettingsReply>(send: (s: LiveSocket) => Promise<R>): Promise<R | { ok: false; error: LiveError }> => {
      if (!socket?.connected) return { ok: false, error: NETWORK_ERROR };
      try {
        return await send(socket);
      } catch {
        return { ok: false, error: NETWORK_ERROR };
      }
    },
    [socket],
  );

  const moderate = useCallback(
    async (messageId: string, action: ChatModerateAction) => {
      const reply = await request((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:moderate', { messageId, action }));
      if (reply.ok) setChat((current) => ({ ...current, messages: applyModeratedMessage(current.messages, asFull(reply.message)) }));
      return reply;
    },
    [request],
  );
  const post = useCallback(
    async (text: string) => {
      const reply = await request((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:send', { text, eventId }));
      if (reply.ok) setChat((current) => ({ ...current, messages: applyModeratedMessage(current.messages, asFull(reply.message)) }));
      return reply;
    },
    [request, eventId],
  );
  const setModeration = useCallback(
    async (moderation: ChatModerationMode) => {
      const reply = await request((s) => s.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:settings', { eventId, moderation }));
      if (reply.ok) setChat((current) => ({ ...current, moderation: reply.settings.moderation }));
      return reply;
    },
    [request, eventId],
  );

  return { chat, moderate, post, setModeration };
}

function MessageItem({
  message,
  canModerate,
  busy,
  onAction,
}: {
  message: ChatMessageFull;
  canModerate: boolean;
  busy: ChatModerateAction | null;
  onAction: (action: ChatModerateAction) => void;
}) {
  const { t } = useTranslation();
  const timeOfDay = useTimeOfDay();
  const { sender } = message;
  const about = sender ? [sender.company, sender.email].filter((part): part is string => Boolean(part)).join(' · ') : '';
  const actions: ChatModerateAction[] = message.status === 'pending' ? ['approve', 'hide'] : message.status === 'approved' ? ['hide'] : ['approve'];

  return (
    <li className="live-question" data-testid="chat-item" data-id={message.id} data-status={message.status} style={message.status === 'hidden' ? { opacity: 0.6 } : undefined}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <div>
          {message.fromOrganizer ? (
            <Tag color="blue" data-testid="chat-item-organizer">
              {t('liveChat.organizer')}
            </Tag>
          ) : null}
          <Typography.Text strong data-testid="chat-item-name">
            {sender?.name ?? (message.postedBy?.name ? t('liveChat.postedBy', { name: message.postedBy.name }) : null)}
          </Typography.Text>
          {about ? (
            <Typography.Text type="secondary" data-testid="chat-item-about">
              {' '}
              {about}
            </Typography.Text>
          ) : null}
        </div>
        <Flex gap={4} wrap>
          {sender && isTier(sender.tier) ? (
            <Tag color={TIER_COLORS[sender.tier]} data-testid="chat-item-tier">
              {t(`tiers.${sender.tier}`)}
            </Tag>
          ) : null}
          {message.status !== 'approved' ? (
            <Tag color={message.status === 'pending' ? 'orange' : 'default'} data-testid="chat-item-status">
              {t(`liveChat.statuses.${message.status}`)}
            </Tag>
          ) : null}
        </Flex>
      </Flex>
      {/* Typed by an attendee: a text node, never HTML. */}
      <p className="live-question-text" data-testid="chat-item-text">
        {message.text}
      </p>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text type="secondary" className="live-question-meta">
          {timeOfDay(message.createdAt)}
        </Typography.Text>
        {canModerate ? (
          <Flex gap={4} wrap>
            {actions.map((action) => (
              <Button
                key={action}
                size="small"
                type={action === 'approve' && message.status === 'pending' ? 'primary' : 'default'}
                danger={action === 'hide'}
                icon={action === 'hide' ? <EyeInvisibleOutlined /> : message.status === 'hidden' ? <UndoOutlined /> : <CheckOutlined />}
                loading={busy === action}
                disabled={busy !== null && busy !== action}
                onClick={() => onAction(action)}
                data-testid={`chat-action-${action}`}
              >
                {t(message.status === 'hidden' ? 'liveChat.actions.restore' : `liveChat.actions.${action}`)}
              </Button>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </li>
  );
}

/**
 * The chat moderation console for one event, on the organizer's live socket: the moderation mode
 * (post- or pre-moderation, switched live), the messages waiting for approval, the conversation
 * (hidden ones kept, to show again) with each sender's identity, and a line to post as the organizer.
 */
export function ChatModeration({ socket, eventId, canModerate = true }: { socket: LiveSocket | null; eventId: string; canModerate?: boolean }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const liveErrorMessage = useLiveErrorMessage();
  const { chat, moderate, post, setModeration } = useConsoleChat(socket, eventId);
  const [busy, setBusy] = useState<{ id: string; action: ChatModerateAction } | null>(null);
  const [switching, setSwitching] = useState(false);
  const [text, setText] = useState('');
  const [posting, setPosting] = useState(false);
  const waiting = useMemo(() => chat.messages.filter((m) => m.status === 'pending'), [chat.messages]);
  const feed = useMemo(() => chat.messages.filter((m) => m.status !== 'pending').reverse(), [chat.messages]);

  const fail = (error: LiveError) => void toast.error(liveErrorMessage(error));
  const act = async (messageId: string, action: ChatModerateAction) => {
    setBusy({ id: messageId, action });
    try {
      const reply = await moderate(messageId, action);
      if (!reply.ok) fail(reply.error);
    } finally {
      setBusy(null);
    }
  };
  const toggle = async (pre: boolean) => {
    setSwitching(true);
    try {
      const reply = await setModeration(pre ? 'pre' : 'post');
      if (!reply.ok) fail(reply.error);
    } finally {
      setSwitching(false);
    }
  };
  const submit = async () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    setPosting(true);
    try {
      const reply = await post(trimmed);
      if (reply.ok) setText('');
      else fail(reply.error);
    } finally {
      setPosting(false);
    }
  };
  const item = (message: ChatMessageFull) => (
    <MessageItem
      key={message.id}
      message={message}
      canModerate={canModerate}
      busy={busy?.id === message.id ? busy.action : null}
      onAction={(action) => void act(message.id, action)}
    />
  );

  return (
    <Card
      size="small"
      title={t('liveChat.title')}
      className="live-card"
      data-testid="chat-moderation"
      data-moderation={chat.moderation}
      loading={!chat.loaded}
      extra={
        <Flex gap={8} align="center">
          <Switch
            size="small"
            checked={chat.moderation === 'pre'}
            loading={switching}
            disabled={!canModerate}
            onChange={(checked) => void toggle(checked)}
            aria-label={t('liveChat.preModeration')}
            data-testid="chat-premoderation"
          />
          <Typography.Text title={t('liveChat.preModerationHelp')}>{t('liveChat.preModeration')}</Typography.Text>
        </Flex>
      }
    >
      {!canModerate ? <Alert type="info" showIcon title={t('liveChat.watchOnly')} style={{ marginBottom: 12 }} /> : null}
      {!chat.open ? <Alert type="warning" showIcon title={t('liveChat.closed')} style={{ marginBottom: 12 }} data-testid="chat-closed" /> : null}

      {chat.moderation === 'pre' || waiting.length > 0 ? (
        <section data-testid="chat-waiting" data-count={waiting.length}>
          <Typography.Title level={5}>{t('liveChat.waiting', { count: waiting.length })}</Typography.Title>
          {waiting.length === 0 ? (
            <Typography.Paragraph type="secondary">{t('liveChat.noneWaiting')}</Typography.Paragraph>
          ) : (
            <ol className="live-questions" data-testid="chat-queue-pending">
              {waiting.map(item)}
            </ol>
          )}
        </section>
      ) : null}

      {canModerate && chat.open ? (
        <Flex gap={8} align="flex-end" style={{ marginBottom: 12 }}>
          <Input.TextArea
            value={text}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={(e) => {
              if (!e.shiftKey) {
                e.preventDefault();
                void submit();
              }
            }}
            maxLength={CHAT_LIMITS.textMax}
            autoSize={{ minRows: 1, maxRows: 4 }}
            placeholder={t('liveChat.postPlaceholder')}
            aria-label={t('liveChat.postLabel')}
            data-testid="chat-post-text"
          />
          <Button type="primary" icon={<SendOutlined />} loading={posting} disabled={!text.trim()} onClick={() => void submit()} data-testid="chat-post">
            {t('liveChat.post')}
          </Button>
        </Flex>
      ) : null}

      <Typography.Title level={5}>{t('liveChat.feed')}</Typography.Title>
      {feed.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('liveChat.empty')} data-testid="chat-feed-empty" />
      ) : (
        <ol className="live-questions" data-testid="chat-feed" style={{ maxHeight: 480, overflowY: 'auto' }}>
          {feed.map(item)}
        </ol>
      )}
    </Card>
  );
}
