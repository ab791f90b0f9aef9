// A child process of the live benchmarks (fanout, join-storm, fanout-redis): holds up to 10,000
// socket.io clients of `/live` (one process may hold at most 20,000 open files), from its own loopback
// source address, and reports to its parent over IPC. Every timestamp is performance.timeOrigin +
// performance.now(): the wall clock at sub-millisecond resolution, the same clock in every process
// of the machine, so the parent compares them with its own.
//
// Messages from the parent:
//   { cmd: 'connect', url, auths: [{ token, event }], localAddress, concurrency, spreadMs }
//       connects one client per auth (at most `concurrency` handshakes in flight, or one every
//       `spreadMs / auths.length` ms when spreadMs is set), each done when its `room:state` arrives;
//       replies { type: 'connected', ok, failed, errors, latencies } (connect start → room:state, ms).
//   { cmd: 'collect' }  replies { type: 'collected', stats: { [key]: { count, max, sum } } }: per
//       broadcast key (`q:<question id>` for an approved question, `p:<poll id>` for a launched poll),
//       how many clients got it and the latest and summed receipt times.
//   { cmd: 'close' }    disconnects every client and exits.
import { io } from 'socket.io-client';

const now = () => performance.timeOrigin + performance.now();
const sockets = [];
const stats = new Map();

function record(key, at) {
  const entry = stats.get(key);
  if (entry) {
    entry.count++;
    entry.sum += at;
    if (at > entry.max) entry.max = at;
  } else {
    stats.set(key, { count: 1, max: at, sum: at });
  }
}

function connectOne(url, auth, localAddress) {
  return new Promise((resolve) => {
    const started = now();
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth, localAddress, timeout: 120_000 });
    sockets.push(socket);
    socket.on('qa:updated', (question) => {
      if (question.status === 'approved') record(`q:${question.id}`, now());
    });
    socket.on('poll:updated', (poll) => {
      if (poll.status === 'open') record(`p:${poll.id}`, now());
    });
    const timer = setTimeout(() => done({ ok: false, error: 'no room:state within 120 s' }), 120_000);
    let settled = false;
    function done(result) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    }
    socket.once('room:state', () => done({ ok: true, latency: now() - started }));
    socket.once('session:errored', (error) => done({ ok: false, error: `${error.code}: ${error.message}` }));
    socket.once('connect_error', (error) => done({ ok: false, error: `connect_error: ${error.message}` }));
    socket.once('disconnect', (reason) => done({ ok: false, error: `disconnected: ${reason}` }));
  });
}

async function connectAll({ url, auths, localAddress, concurrency = 100, spreadMs = 0 }) {
  const results = new Array(auths.length);
  if (spreadMs > 0) {
    // A storm: client i starts at i × spreadMs / n from now, whatever the others are doing.
    const start = now();
    const step = spreadMs / auths.length;
    await Promise.all(
      auths.map(async (auth, i) => {
        const wait = start + i * step - now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        results[i] = await connectOne(url, auth, localAddress);
      }),
    );
  } else {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(concurrency, auths.length) }, async () => {
        while (next < auths.length) {
          const i = next++;
          results[i] = await connectOne(url, auths[i], localAddress);
        }
      }),
    );
  }
  const failed = results.filter((r) => !r.ok);
  return {
    type: 'connected',
    ok: results.length - failed.length,
    failed: failed.length,
    errors: [...new Set(failed.map((r) => r.error))].slice(0, 5),
    latencies: results.filter((r) => r.ok).map((r) => r.latency),
  };
}

process.on('message', async (message) => {
  if (message.cmd === 'connect') {
    process.send(await connectAll(message));
  } else if (message.cmd === 'collect') {
    process.send({ type: 'collected', stats: Object.fromEntries(stats) });
  } else if (message.cmd === 'close') {
    for (const socket of sockets) socket.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
process.on('disconnect', () => process.exit(0));
