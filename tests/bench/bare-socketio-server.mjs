// The baseline of the live benchmarks: a bare socket.io server (the copy the backend runs on, `ws`
// engine, compression off, WebSocket transport, backlog 4096), doing what the broadcasts need and
// nothing else. `/live` namespace: a client with `auth.token` is an attendee, put in the event's room
// and sent a `room:state` (join-to-state in the join storm); one with `auth.organizer` joins the staff
// room. The organizer's `qa:moderate { questionId }` is answered by broadcasting an approved question
// of the shape and size the backend sends (`qa:updated`) to the room but the staff, and
// `poll:launch { pollId }` by a launched poll (`poll:updated`); both ack { ok: true }.
//   PORT=<port> node tests/bench/bare-socketio-server.mjs   → prints "bare socket.io listening on <port>"
import http from 'node:http';
import { createRequire } from 'node:module';

// The socket.io copy Nest serves our gateways with (@nestjs/platform-socket.io pins its own version),
// and the `ws` that engine.io uses.
const nestRequire = createRequire(createRequire(import.meta.url).resolve('@nestjs/platform-socket.io'));
const { Server } = nestRequire('socket.io');
const { WebSocketServer } = createRequire(nestRequire.resolve('engine.io'))('ws');

const EVENT_ID = '00000000-0000-4000-8000-000000000001';
const at = () => new Date().toISOString();

const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false, perMessageDeflate: false, wsEngine: WebSocketServer, transports: ['websocket'], maxHttpBufferSize: 64 * 1024 });
const live = io.of('/live');

live.on('connection', (socket) => {
  const auth = socket.handshake.auth ?? {};
  if (auth.organizer) {
    socket.join('staff');
  } else if (typeof auth.token === 'string') {
    socket.join('event');
    socket.emit('room:state', { eventId: EVENT_ID, status: 'live', serverTime: at() });
  } else {
    socket.disconnect(true);
    return;
  }
  socket.on('qa:moderate', ({ questionId, text }, ack) => {
    live.to('event').except('staff').emit('qa:updated', {
      id: questionId,
      eventId: EVENT_ID,
      text,
      anonymous: false,
      askerName: 'Bench attendee',
      status: 'approved',
      upvotes: 0,
      pinned: false,
      answeredAt: null,
      answerText: null,
      createdAt: at(),
    });
    ack?.({ ok: true });
  });
  socket.on('poll:launch', ({ pollId, question, options }, ack) => {
    live.to('event').except('staff').emit('poll:updated', {
      id: pollId,
      eventId: EVENT_ID,
      question,
      kind: 'single',
      status: 'open',
      showResults: false,
      options,
      results: null,
      openedAt: at(),
      closedAt: null,
      createdAt: at(),
    });
    ack?.({ ok: true });
  });
});

httpServer.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1', backlog: 4096 }, () => {
  process.stdout.write(`bare socket.io listening on ${httpServer.address().port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
