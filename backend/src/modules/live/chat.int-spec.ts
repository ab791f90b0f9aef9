import { DataSource } from 'typeorm';
import {
  CHAT_LIMITS,
  type ChatMessage,
  type ChatMessageFull,
  type ChatReply,
  type CreateEventRequest,
  type EventDetail,
} from '@fulcrum/shared';
import { next } from 'testing/live-client';
import { inDays, LiveTestRoom, record } from 'testing/live-test-room';
import { ChatService } from './chat.service';

const EVENT: CreateEventRequest = {
  title: 'Chat Summit',
  format: 'online',
  startsAt: inDays(14),
  endsAt: inDays(14, 3),
  timeZone: 'Asia/Shanghai',
};

const message = (reply: ChatReply): ChatMessage | ChatMessageFull => {
  if (!reply.ok) throw new Error(`refused: ${reply.error.code} ${reply.error.message}`);
  return reply.message;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits out the per-registration limit between two messages of one person. */
const waitRate = () => sleep(CHAT_LIMITS.sendEveryMs + 100);

interface Person {
  token: string;
  id: string;
  contactId: string;
}

describe('/live chat: send, moderate, pre-moderation, rate limits, reconnect state, bad input and privacy', () => {
  let room: LiveTestRoom;
  let db: DataSource;
  let admin: string;
  let event: EventDetail;

  beforeAll(async () => {
    room = await LiveTestRoom.start({ email: 'chat@example.com', name: 'Chat Admin', password: 'live chat password' });
    ({ db, admin } = room);
    event = await room.event(EVENT);
  });

  afterAll(() => room?.close());

  const call = (method: 'GET' | 'POST', path: string, payload?: object, cookie: string | null = admin) => room.call(method, path, payload, cookie);
  const register = (email: string, name: string) => room.register(event, email, name);
  /** An attendee in the room, with the chat:state it received right after poll:state. */
  const attend = async (token: string) => {
    const { client, state, before } = await room.attend(event, token, 'chat:state');
    expect(before).toEqual(['room:state', 'qa:state', 'poll:state']);
    return { client, chat: state };
  };
  const watch = async () => {
    const { client, state } = await room.watch(event, 'chat:state');
    return { client, chat: state };
  };

  const messageRow = async (id: string) => (await db.query(`SELECT text, status, registration_id, from_organizer FROM chat_messages WHERE id = $1`, [id]))[0];
  const chatActivities = async (registrationId: string) =>
    db.query(`SELECT kind, data FROM activities WHERE registration_id = $1 AND kind LIKE 'chat.%' ORDER BY id`, [registrationId]);

  let ada: Person;
  let bo: Person;
  let hiddenId: string;
  let organizerPostId: string;

  it('shows a message at once to everyone (post-moderation), organizers with the sender’s identity, attendees with the name only', async () => {
    ada = await register('ada@acme.example', 'Ada Lovelace');
    bo = await register('bo@example.com', 'Bo Peep');
    const [company] = await db.query(`INSERT INTO companies (name, normalized_name, tier) VALUES ('Acme Chat', 'acme chat', 'ka') RETURNING id`);
    await db.query(`UPDATE contacts SET company_id = $1 WHERE id = $2`, [company.id, ada.contactId]);

    const organizer = await watch();
    expect(organizer.chat).toEqual({ eventId: event.id, settings: { eventId: event.id, moderation: 'post' }, open: true, messages: [] });
    const adaRoom = await attend(ada.token);
    const adaTab2 = await attend(ada.token);
    const boRoom = await attend(bo.token);
    expect(boRoom.chat).toMatchObject({ open: true, settings: { moderation: 'post' }, messages: [] });

    const toBo = next(boRoom.client, 'chat:posted');
    const toTab2 = next(adaTab2.client, 'chat:posted');
    const toOrganizer = next(organizer.client, 'chat:posted');
    const sentAt = Date.now();
    const own = message(await adaRoom.client.emitWithAck('chat:send', { text: '  Hello from Shanghai!  ' }));
    expect(own).toMatchObject({ text: 'Hello from Shanghai!', authorName: 'Ada Lovelace', status: 'approved', fromOrganizer: false, mine: true });
    const seen = await toBo;
    expect(Date.now() - sentAt).toBeLessThan(1_000);
    expect(seen).toEqual({ id: own.id, eventId: event.id, text: 'Hello from Shanghai!', authorName: 'Ada Lovelace', fromOrganizer: false, status: 'approved', createdAt: own.createdAt });
    expect(JSON.stringify(seen)).not.toContain('ada@acme.example');
    expect(await toTab2).toMatchObject({ id: own.id, mine: true });
    expect(await toOrganizer).toMatchObject({
      id: own.id,
      status: 'approved',
      sender: { registrationId: ada.id, name: 'Ada Lovelace', email: 'ada@acme.example', company: 'Acme Chat', tier: 'ka' },
      postedBy: null,
    });
    expect(await messageRow(own.id)).toEqual({ text: 'Hello from Shanghai!', status: 'approved', registration_id: ada.id, from_organizer: false });
    expect(await chatActivities(ada.id)).toEqual([{ kind: 'chat.sent', data: { messageId: own.id } }]);

    // Both ways: Bo answers and Ada sees it.
    const back = next(adaRoom.client, 'chat:posted', (m) => m.text === 'Hi Ada');
    message(await boRoom.client.emitWithAck('chat:send', { text: 'Hi Ada' }));
    expect(await back).toMatchObject({ authorName: 'Bo Peep', status: 'approved' });
  });

  it('stores and sends script-laden text verbatim, as plain text', async () => {
    const cy = await register('cy@example.com', 'Cy <b>Bold</b>');
    const { client } = await attend(cy.token);
    const watcher = await attend(bo.token);
    const text = `<script>alert("x")</script> & <img src=x onerror=alert(1)> 'quotes'`;
    const posted = next(watcher.client, 'chat:posted', (m) => m.text === text);
    const own = message(await client.emitWithAck('chat:send', { text }));
    expect(own.text).toBe(text);
    expect(await posted).toMatchObject({ text, authorName: 'Cy <b>Bold</b>' });
    expect((await messageRow(own.id)).text).toBe(text);
  });

  it('hides a message for everyone, without its text or sender, and a reconnect no longer gets it', async () => {
    const organizer = await watch();
    const dee = await register('dee@example.com', 'Dee');
    const deeRoom = await attend(dee.token);
    const boRoom = await attend(bo.token);
    const own = message(await deeRoom.client.emitWithAck('chat:send', { text: 'Buy cheap watches' }));
    hiddenId = own.id;
    const toBo = next(boRoom.client, 'chat:updated', (m) => m.id === own.id);
    const toDee = next(deeRoom.client, 'chat:updated', (m) => m.id === own.id);
    const toOrganizer = next(organizer.client, 'chat:updated', (m) => m.id === own.id);
    const hidden = await organizer.client.emitWithAck('chat:moderate', { messageId: own.id, action: 'hide' });
    expect(hidden).toMatchObject({ ok: true, changed: true, message: { status: 'hidden', text: 'Buy cheap watches' } });
    expect(await toBo).toMatchObject({ status: 'hidden', text: '', authorName: null });
    expect(await toDee).toMatchObject({ status: 'hidden', text: '' });
    expect(await toOrganizer).toMatchObject({ status: 'hidden', text: 'Buy cheap watches', sender: { name: 'Dee' } });
    expect((await messageRow(own.id)).status).toBe('hidden');
    expect(await organizer.client.emitWithAck('chat:moderate', { messageId: own.id, action: 'hide' })).toMatchObject({ ok: true, changed: false });

    const again = await attend(bo.token);
    expect(again.chat.messages.map((m) => m.id)).not.toContain(own.id);
    expect((await watch()).chat.messages.find((m) => m.id === own.id)).toMatchObject({ status: 'hidden' });
  });

  it('with pre-moderation on, a message waits (organizers and the sender’s tabs see it) until approved', async () => {
    const organizer = await watch();
    const adaRoom = await attend(ada.token);
    const adaTab2 = await attend(ada.token);
    const boRoom = await attend(bo.token);
    const boPosted = record(boRoom.client, 'chat:posted');

    const toBo = next(boRoom.client, 'chat:settings-updated');
    const switched = await organizer.client.emitWithAck('chat:settings', { eventId: event.id, moderation: 'pre' });
    expect(switched).toEqual({ ok: true, changed: true, settings: { eventId: event.id, moderation: 'pre' } });
    expect(await toBo).toEqual({ eventId: event.id, moderation: 'pre' });
    expect(await db.query(`SELECT moderation FROM chat_settings WHERE event_id = $1`, [event.id])).toEqual([{ moderation: 'pre' }]);
    expect(await organizer.client.emitWithAck('chat:settings', { eventId: event.id, moderation: 'pre' })).toMatchObject({ ok: true, changed: false });

    await waitRate();
    const toOrganizer = next(organizer.client, 'chat:posted');
    const toTab2 = next(adaTab2.client, 'chat:posted');
    const own = message(await adaRoom.client.emitWithAck('chat:send', { text: 'Waiting for approval' }));
    expect(own).toMatchObject({ status: 'pending', mine: true });
    expect(await toOrganizer).toMatchObject({ id: own.id, status: 'pending', sender: { email: 'ada@acme.example', tier: 'ka' } });
    expect(await toTab2).toMatchObject({ id: own.id, status: 'pending', mine: true });
    await sleep(200);
    expect(boPosted).toEqual([]);
    // A reconnecting sender still has it; nobody else does.
    expect((await attend(ada.token)).chat.messages.find((m) => m.id === own.id)).toMatchObject({ status: 'pending', mine: true });
    expect((await attend(bo.token)).chat.messages.map((m) => m.id)).not.toContain(own.id);
    // Read for several attendees at once (a join storm's batch): each gets exactly what they get alone.
    const [boBatch, adaBatch] = await room.t.app.get(ChatService).attendeeStates(event.id, [bo.id, ada.id]);
    expect(adaBatch).toEqual((await attend(ada.token)).chat);
    expect(boBatch).toEqual((await attend(bo.token)).chat);

    const approvedToBo = next(boRoom.client, 'chat:updated', (m) => m.id === own.id);
    expect(await organizer.client.emitWithAck('chat:moderate', { messageId: own.id, action: 'approve' })).toMatchObject({ ok: true, changed: true, message: { status: 'approved' } });
    expect(await approvedToBo).toMatchObject({ status: 'approved', text: 'Waiting for approval', authorName: 'Ada Lovelace' });

    // A waiting message hidden was never seen by others: only the sender's tabs hear of it.
    await waitRate();
    const rejected = message(await adaRoom.client.emitWithAck('chat:send', { text: 'Off topic' }));
    const boUpdated = record(boRoom.client, 'chat:updated');
    const toAda = next(adaRoom.client, 'chat:updated', (m) => m.id === rejected.id);
    await organizer.client.emitWithAck('chat:moderate', { messageId: rejected.id, action: 'hide' });
    expect(await toAda).toMatchObject({ status: 'hidden' });
    await sleep(200);
    expect(boUpdated).toEqual([]);

    expect(await organizer.client.emitWithAck('chat:settings', { eventId: event.id, moderation: 'post' })).toMatchObject({ ok: true, changed: true });
  });

  it('lets a moderator post as the organizer, shown at once with no attendee identity and no activity', async () => {
    const organizer = await watch();
    const boRoom = await attend(bo.token);
    const toBo = next(boRoom.client, 'chat:posted', (m) => m.fromOrganizer);
    const posted = message(await organizer.client.emitWithAck('chat:send', { text: 'Welcome, everyone!', eventId: event.id }));
    organizerPostId = posted.id;
    expect(posted).toMatchObject({ fromOrganizer: true, status: 'approved', authorName: null, sender: null, postedBy: { name: 'Chat Admin' } });
    expect(await toBo).toEqual({ id: posted.id, eventId: event.id, text: 'Welcome, everyone!', authorName: null, fromOrganizer: true, status: 'approved', createdAt: posted.createdAt });
    expect(await messageRow(posted.id)).toMatchObject({ registration_id: null, from_organizer: true });
    expect(await db.query(`SELECT count(*)::int AS n FROM activities WHERE kind = 'chat.sent' AND data->>'messageId' = $1`, [posted.id])).toEqual([{ n: 0 }]);
    // Without the event it cannot be placed.
    expect(await organizer.client.emitWithAck('chat:send', { text: 'Where?' })).toMatchObject({ ok: false, error: { code: 'validation.failed' } });
  });

  it('refuses moderation and settings from an attendee, and oversized, empty or control-character text', async () => {
    const fay = await register('fay@example.com', 'Fay');
    const { client } = await attend(fay.token);
    const errored = next(client, 'session:errored');
    expect(await client.emitWithAck('chat:moderate', { messageId: organizerPostId, action: 'hide' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await errored).toMatchObject({ code: 'auth.forbidden' });
    expect((await messageRow(organizerPostId)).status).toBe('approved');
    expect(await client.emitWithAck('chat:settings', { eventId: event.id, moderation: 'pre' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });

    const before = await db.query(`SELECT count(*)::int AS n FROM chat_messages`);
    for (const text of ['x'.repeat(CHAT_LIMITS.textMax + 1), '   ', 'bell\u0007', 'null\u0000byte']) {
      const invalid = next(client, 'session:errored');
      expect(await client.emitWithAck('chat:send', { text })).toMatchObject({ ok: false, error: { code: 'validation.failed' } });
      expect(await invalid).toMatchObject({ code: 'validation.failed' });
      // The per-socket limit counts tries: wait it out so each refusal is the validation's.
      await sleep(CHAT_LIMITS.sendEveryMs / CHAT_LIMITS.sendsPerSocket + 50);
    }
    expect(await client.emitWithAck('chat:send', { text: 42 } as never)).toMatchObject({ ok: false, error: { code: 'validation.failed' } });
    expect(await db.query(`SELECT count(*)::int AS n FROM chat_messages`)).toEqual(before);
    await waitRate();
    expect(message(await client.emitWithAck('chat:send', { text: 'x'.repeat(CHAT_LIMITS.textMax) })).text).toHaveLength(CHAT_LIMITS.textMax);
    expect(client.connected).toBe(true);

    const organizer = await watch();
    expect(await organizer.client.emitWithAck('chat:moderate', { messageId: '00000000-0000-4000-8000-000000000000', action: 'hide' })).toMatchObject({
      ok: false,
      error: { code: 'chat.not_found' },
    });
    expect(await organizer.client.emitWithAck('chat:moderate', { messageId: organizerPostId, action: 'delete' } as never)).toMatchObject({
      ok: false,
      error: { code: 'validation.failed' },
    });
  });

  it('holds one message per registration every few seconds across two tabs, and refuses a flood from one socket', async () => {
    const gus = await register('gus@example.com', 'Gus');
    const first = await attend(gus.token);
    const second = await attend(gus.token);
    // Both tabs at once: exactly one gets through, whatever the order.
    const replies = await Promise.all([first.client.emitWithAck('chat:send', { text: 'From tab one' }), second.client.emitWithAck('chat:send', { text: 'From tab two' })]);
    expect(replies.filter((reply) => reply.ok)).toHaveLength(1);
    expect(replies.find((reply) => !reply.ok)).toMatchObject({ ok: false, error: { code: 'chat.rate_limited' } });
    expect(await db.query(`SELECT count(*)::int AS n FROM chat_messages WHERE registration_id = $1`, [gus.id])).toEqual([{ n: 1 }]);
    await waitRate();
    expect(await second.client.emitWithAck('chat:send', { text: 'Later, from tab two' })).toMatchObject({ ok: true });

    // A flood from one socket: refused before the database, with an error event each, the socket stays.
    await waitRate();
    const errors = record(first.client, 'session:errored');
    const flood = await Promise.all(Array.from({ length: 10 }, (_, i) => first.client.emitWithAck('chat:send', { text: `spam ${i}` })));
    expect(flood.filter((reply) => reply.ok)).toHaveLength(1);
    expect(flood.filter((reply) => !reply.ok).every((reply) => !reply.ok && reply.error.code === 'chat.rate_limited')).toBe(true);
    expect(errors.filter((e) => e.code === 'chat.rate_limited')).toHaveLength(9);
    expect(await db.query(`SELECT count(*)::int AS n FROM chat_messages WHERE registration_id = $1`, [gus.id])).toEqual([{ n: 3 }]);
    expect((await chatActivities(gus.id)).map((a: { kind: string }) => a.kind)).toEqual(['chat.sent', 'chat.sent', 'chat.sent']);
    expect(first.client.connected).toBe(true);

    // chat:sync in a loop: a few answered, the rest refused without reading the database.
    const syncs = await Promise.all(Array.from({ length: 12 }, () => second.client.emitWithAck('chat:sync', {})));
    expect(syncs.filter((reply) => reply.ok)).toHaveLength(10);
    expect(syncs.filter((reply) => !reply.ok && reply.error.code === 'chat.rate_limited')).toHaveLength(2);
  });

  it('gives a reconnecting attendee the last shown messages, oldest first, and chat:sync the same', async () => {
    const { client, chat } = await attend(bo.token);
    expect(chat.messages.length).toBeGreaterThan(3);
    expect(chat.messages.every((m) => m.status === 'approved' && !('sender' in m))).toBe(true);
    expect(chat.messages.map((m) => m.createdAt)).toEqual([...chat.messages.map((m) => m.createdAt)].sort());
    expect(chat.messages.filter((m) => m.mine).map((m) => m.text)).toEqual(['Hi Ada']);
    expect(chat.messages.map((m) => m.text)).toEqual(expect.arrayContaining(['Hello from Shanghai!', 'Welcome, everyone!', 'Waiting for approval']));
    expect(chat.messages.map((m) => m.id)).not.toContain(hiddenId);
    expect(await client.emitWithAck('chat:sync', {})).toEqual({ ok: true, state: chat });

    // Only the last `historyMax`: a busy chat sends the newest ones.
    const rows = Array.from({ length: CHAT_LIMITS.historyMax + 5 }, (_, i) => i);
    await db.query(
      `INSERT INTO chat_messages (event_id, registration_id, text, status, created_at)
       SELECT $1, $2, 'bulk ' || i, 'approved', now() + make_interval(secs => i) FROM unnest($3::int[]) AS i`,
      [event.id, bo.id, rows],
    );
    const busy = await attend(ada.token);
    expect(busy.chat.messages).toHaveLength(CHAT_LIMITS.historyMax);
    expect(busy.chat.messages.at(-1)?.text).toBe(`bulk ${CHAT_LIMITS.historyMax + 4}`);
    expect(busy.chat.messages[0]?.text).toBe('bulk 5');
    await db.query(`DELETE FROM chat_messages WHERE text LIKE 'bulk %'`);

    const organizer = await watch();
    expect(await organizer.client.emitWithAck('chat:sync', { eventId: event.id })).toEqual({ ok: true, state: organizer.chat });
    expect(organizer.chat.messages.every((m) => 'sender' in m)).toBe(true);
  });

  it('exports the person’s messages, and erasure removes them', async () => {
    const exported = await call('GET', `/api/v1/privacy/contacts/${ada.contactId}/export`);
    expect(exported.statusCode).toBe(200);
    const document = JSON.parse(exported.body);
    expect(document.chatMessages.map((m: { text: string; status: string }) => [m.text, m.status])).toEqual([
      ['Hello from Shanghai!', 'approved'],
      ['Waiting for approval', 'approved'],
      ['Off topic', 'hidden'],
    ]);
    expect(document.chatMessages[0]).toMatchObject({ event: 'Chat Summit' });
    expect(document.activities.map((a: { kind: string }) => a.kind)).toContain('chat.sent');

    const erased = await call('POST', `/api/v1/privacy/contacts/${ada.contactId}/erase`, { confirm: 'ada@acme.example' });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().removed).toMatchObject({ chatMessages: 3 });
    expect(await db.query(`SELECT 1 FROM chat_messages WHERE registration_id = $1`, [ada.id])).toHaveLength(0);
    expect(await messageRow(organizerPostId)).toMatchObject({ from_organizer: true });
  });

  it('keeps the conversation read-only once the event has ended (the replay)', async () => {
    expect((await call('POST', `/api/v1/events/${event.id}/status`, { status: 'ended' })).statusCode).toBe(200);
    const { client, chat } = await attend(bo.token);
    expect(chat.open).toBe(false);
    expect(chat.messages.map((m) => m.text)).toContain('Welcome, everyone!');
    await waitRate();
    expect(await client.emitWithAck('chat:send', { text: 'Too late?' })).toMatchObject({ ok: false, error: { code: 'chat.closed' } });
  });
});
