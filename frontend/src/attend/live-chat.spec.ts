import { describe, expect, it } from '@jest/globals';
import type { ChatMessage, ChatMessageFull, ChatState } from '@fulcrum/shared';
import { applyChatMessage, applyModeratedMessage, CHAT_KEEP_MAX, chatErrorKey, chatFromState, followsEnd } from './live-chat';

const at = (second: number) => new Date(Date.UTC(2026, 4, 20, 6, 0, second)).toISOString();
const message = (id: string, second: number, over: Partial<ChatMessage> = {}): ChatMessage => ({
  id,
  eventId: 'e',
  text: `message ${id}`,
  authorName: 'Ada',
  fromOrganizer: false,
  status: 'approved',
  createdAt: at(second),
  ...over,
});
const full = (id: string, second: number, over: Partial<ChatMessageFull> = {}): ChatMessageFull => ({
  ...message(id, second),
  sender: { registrationId: 'r', name: 'Ada', email: 'ada@example.com', title: null, company: null, tier: null },
  postedBy: null,
  ...over,
});
const ids = (list: readonly { id: string }[]) => list.map((m) => m.id);

describe('applyChatMessage', () => {
  const list = [message('a', 1), message('b', 2, { mine: true }), message('c', 3)];

  it.each([
    ['a new message goes in time order', message('d', 4), ['a', 'b', 'c', 'd']],
    ['a late arrival of an older one goes in its place', message('z', 2), ['a', 'b', 'z', 'c']],
    ['a hidden one is dropped', message('c', 3, { status: 'hidden', text: '' }), ['a', 'b']],
    ['a hidden one never seen changes nothing', message('x', 9, { status: 'hidden', text: '' }), ['a', 'b', 'c']],
    ['an approved one replaces its waiting copy', message('b', 2), ['a', 'b', 'c']],
  ])('%s', (_name, incoming, expected) => {
    expect(ids(applyChatMessage(list, incoming))).toEqual(expected);
  });

  it('keeps "mine" when an approval reaches everyone without it, and takes the new status', () => {
    const waiting = [message('b', 2, { mine: true, status: 'pending' })];
    expect(applyChatMessage(waiting, message('b', 2))).toEqual([message('b', 2, { mine: true })]);
  });

  it('drops one’s own message once hidden', () => {
    expect(applyChatMessage([message('b', 2, { mine: true })], message('b', 2, { status: 'hidden', text: '', authorName: null }))).toEqual([]);
  });

  it('keeps the newest messages only', () => {
    const many = Array.from({ length: 5 }, (_, i) => message(`m${i}`, i));
    expect(ids(applyChatMessage(many, message('new', 10), 3))).toEqual(['m3', 'm4', 'new']);
  });

  it('does not change the list it was given', () => {
    const before = JSON.stringify(list);
    applyChatMessage(list, message('d', 4));
    expect(JSON.stringify(list)).toBe(before);
  });
});

describe('applyModeratedMessage', () => {
  it('keeps hidden messages for organizers, replaced in place', () => {
    const list = [full('a', 1), full('b', 2, { status: 'pending' })];
    const next = applyModeratedMessage(list, full('a', 1, { status: 'hidden' }));
    expect(next.map((m) => [m.id, m.status])).toEqual([
      ['a', 'hidden'],
      ['b', 'pending'],
    ]);
  });
});

describe('chatFromState', () => {
  it('sorts, caps and takes the settings', () => {
    const state: ChatState = {
      eventId: 'e',
      settings: { eventId: 'e', moderation: 'pre' },
      open: false,
      messages: Array.from({ length: CHAT_KEEP_MAX + 2 }, (_, i) => message(`m${i}`, i)).reverse(),
    };
    const chat = chatFromState(state);
    expect(chat).toMatchObject({ moderation: 'pre', open: false, loaded: true });
    expect(chat.messages).toHaveLength(CHAT_KEEP_MAX);
    expect(chat.messages[0].id).toBe('m2');
  });
});

describe('chatErrorKey', () => {
  it.each([
    ['chat.rate_limited', 'chat.error.rate_limited'],
    ['chat.closed', 'chat.error.closed'],
    ['validation.failed', 'chat.error.validation'],
    ['network', 'chat.error.network'],
    ['internal', 'chat.error.other'],
  ])('%s → %s', (code, key) => {
    expect(chatErrorKey({ code, message: '' })).toBe(key);
  });
});

describe('followsEnd', () => {
  it.each([
    [{ scrollTop: 600, scrollHeight: 1000, clientHeight: 400 }, true],
    [{ scrollTop: 560, scrollHeight: 1000, clientHeight: 400 }, true],
    [{ scrollTop: 100, scrollHeight: 1000, clientHeight: 400 }, false],
  ])('%o → %s', (box, follows) => {
    expect(followsEnd(box)).toBe(follows);
  });
});
