// join-storm: N attendees (default 10,000) joining one live event within --duration seconds (default
// 60), evenly spread: p50 / p95 / p99 join-to-state latency (the client starts connecting → its
// `room:state` arrives). Ours: one api process (`backend/dist/main.js`, ROLE=api, NODE_ENV=production,
// LOG_LEVEL=warn, no Redis) on a fresh database of the local PostgreSQL, each join the real handshake:
// the registration token looked up, the online check-in and the attendance session written, the room,
// Q&A, poll and chat state read and sent, the organizers' numbers updated. Baseline, same run, same
// schedule: the bare socket.io server (bare-socketio-server.mjs), which puts the client in the room and
// sends a `room:state` at once. Clients: child processes (live-clients.mjs, ≤5,000 sockets each, each
// from its own 127.0.0.x). Baseline first, then ours (one storm at a time); --rounds repeats both
// (ours on a fresh event each round, so every join checks in).
//   npm run bench -- join-storm [--clients 10000] [--duration 60] [--rounds 1]
import { createDatabase, machine, median, parseArgs, summary } from './lib.mjs';
import { fmt, loadAverage, openClients, quantile, seedEvent, sleep, startBare, startOurs } from './live-lib.mjs';

const options = parseArgs(process.argv.slice(2), { clients: 10_000, duration: 60, rounds: 1 });
const n = options.clients;
console.log(`join-storm: ${fmt(n)} attendees joining within ${options.duration} s, ${options.rounds} round(s); ${machine()}`);

const results = { baseline: [], ours: [] };
let addressBase = 2;
for (let round = 1; round <= options.rounds; round++) {
  const database = await createDatabase();
  const cleanup = [() => database.drop()];
  try {
    const bare = await startBare();
    cleanup.unshift(bare.stop);
    const ours = await startOurs({ databaseUrl: database.url });
    cleanup.unshift(ours.stop);
    const seeded = await seedEvent(ours, database.url, { size: n, questions: 5 });
    const auths = seeded.tokens.map((token) => ({ token, event: seeded.eventId }));
    for (const [name, server] of [
      ['baseline', bare],
      ['ours', ours],
    ]) {
      await sleep(1000);
      const pool = await openClients({ url: server.url, auths, addressBase, spreadMs: options.duration * 1000 });
      addressBase = addressBase >= 200 ? 2 : addressBase + Math.ceil(n / 5_000);
      const l = pool.latencies;
      const figures = { p50: quantile(l, 0.5), p95: quantile(l, 0.95), p99: quantile(l, 0.99), max: Math.max(...l), failed: pool.failed };
      results[name].push(figures);
      console.log(
        `round ${round} ${name.padEnd(8)} ${fmt(pool.ok)} joined in ${fmt(pool.seconds, 1)} s, ${pool.failed} failed${pool.failed ? ` (${pool.errors.join('; ')})` : ''} · ` +
          `join-to-state p50 ${fmt(figures.p50, 1)} / p95 ${fmt(figures.p95, 1)} / p99 ${fmt(figures.p99, 1)} / max ${fmt(figures.max, 1)} ms · load ${loadAverage()}`,
      );
      await pool.close();
    }
  } finally {
    for (const step of cleanup) await step().catch((error) => console.error(`cleanup: ${error.message}`));
  }
}

const p99 = (name) => median(results[name].map((r) => r.p99));
const failed = (name) => results[name].reduce((sum, r) => sum + r.failed, 0);
console.log(`\nmedian over rounds: baseline p99 ${fmt(p99('baseline'), 1)} ms (${failed('baseline')} failed) · ours p99 ${fmt(p99('ours'), 1)} ms (${failed('ours')} failed)`);
summary('join-storm', p99('ours'), p99('baseline'), 'ms');
process.exit(0);
