// fanout: N attendees (default 5,000) connected to one event, each with a real registration token; the
// organizer launches a poll and approves a burst of questions, each one broadcast to every attendee.
// Ours: one api process (`backend/dist/main.js`, ROLE=api, NODE_ENV=production, LOG_LEVEL=warn, no
// Redis: socket.io's in-memory adapter) on a fresh database of the local PostgreSQL; the event, made
// live through the API, gets its N registrations and the questions to approve in SQL. The broadcasts go
// through the real code path: `poll:create` + `poll:launch` and `qa:moderate approve` from the
// organizer's socket (console session), each committed before it is broadcast. Baseline, same run: a
// bare socket.io server (bare-socketio-server.mjs: same socket.io, `ws` engine, compression off)
// broadcasting payloads of the same shape on the same requests. Clients: socket.io-client over
// WebSocket in child processes (live-clients.mjs, ≤5,000 sockets each, each from its own 127.0.0.x).
// Both servers hold their N clients for the whole run; rounds alternate baseline and ours.
// Reported: time from the organizer's request to the last recipient (p50 / p99 over every broadcast of
// every round), mean delivery time, coverage (the least-delivered broadcast), server memory per
// connection (RSS and V8 heap after two full GCs — memory-probe.cjs, preloaded into both servers —
// after connecting N minus before, / N) and server CPU per recipient.
//   npm run bench -- fanout [--clients 5000] [--rounds 3] [--burst 10]
import { cpuSeconds, createDatabase, machine, parseArgs, summary } from './lib.mjs';
import {
  bareQuestionIds,
  broadcastRound,
  fmt,
  loadAverage,
  openClients,
  organizerSocket,
  memoryOf,
  seedEvent,
  sleep,
  startBare,
  startOurs,
  printFanoutReport,
  summarize,
} from './live-lib.mjs';

const options = parseArgs(process.argv.slice(2), { clients: 5_000, rounds: 3, burst: 10 });
const n = options.clients;
console.log(`fanout: ${fmt(n)} attendees, ${options.rounds} rounds of 1 poll launch + ${options.burst} approved questions; ${machine()}`);

const database = await createDatabase();
const cleanup = [() => database.drop()];
try {
  const bare = await startBare();
  cleanup.unshift(bare.stop);
  const ours = await startOurs({ databaseUrl: database.url });
  cleanup.unshift(ours.stop);
  const seeded = await seedEvent(ours, database.url, { size: n, questions: options.rounds * options.burst });
  const sides = {
    baseline: { server: bare, ours: false, questionIds: bareQuestionIds(options.rounds * options.burst), broadcasts: [], cpu: 0 },
    ours: { server: ours, ours: true, questionIds: [...seeded.questionIds], broadcasts: [], cpu: 0 },
  };

  let addressBase = 2;
  for (const [name, side] of Object.entries(sides)) {
    await sleep(1000);
    side.before = await memoryOf(side.server);
    const auths = seeded.tokens.map((token) => ({ token, event: seeded.eventId }));
    side.pool = await openClients({ url: side.server.url, auths, addressBase });
    cleanup.unshift(side.pool.close);
    addressBase += Math.ceil(n / 5_000);
    if (side.pool.failed) throw new Error(`${name}: ${side.pool.failed} of ${n} clients could not join: ${side.pool.errors.join('; ')}`);
    await sleep(2000);
    side.after = await memoryOf(side.server);
    console.log(
      `${name}: ${fmt(side.pool.ok)} connected in ${fmt(side.pool.seconds, 1)} s; after a full GC: RSS ${fmt(side.before.rss / 2 ** 20)} → ${fmt(side.after.rss / 2 ** 20)} MB, ` +
        `heap ${fmt(side.before.heapUsed / 2 ** 20)} → ${fmt(side.after.heapUsed / 2 ** 20)} MB`,
    );
    side.organizer = await organizerSocket(side.server, side.ours ? { cookie: seeded.cookie, eventId: seeded.eventId } : {});
  }

  for (let round = 1; round <= options.rounds; round++) {
    for (const [name, side] of Object.entries(sides)) {
      const cpu = cpuSeconds(side.server.pid);
      const results = await broadcastRound({
        ours: side.ours,
        organizer: side.organizer,
        pools: [side.pool],
        expected: n,
        eventId: seeded.eventId,
        questionIds: side.questionIds,
        burst: options.burst,
      });
      side.cpu += cpuSeconds(side.server.pid) - cpu;
      side.broadcasts.push(...results);
      const s = summarize(results);
      console.log(`round ${round} ${name.padEnd(8)} poll ${fmt(s.pollMedian)} ms · to last p50 ${fmt(s.p50)} / max ${fmt(Math.max(...results.map((r) => r.toLast)))} ms · coverage ${fmt(s.coverage * 100, 2)}% · load ${loadAverage()}`);
    }
  }

  for (const side of Object.values(sides)) side.organizer.disconnect();
  const report = printFanoutReport(sides, n, 'baseline (bare socket.io)');
  console.log(`ratios: p99 ${(report.ours.p99 / report.baseline.p99).toFixed(2)}× (target ≤ 1.3), memory ${(report.ours.kbPerConnection / report.baseline.kbPerConnection).toFixed(2)}× (target ≤ 1.25), coverage ${fmt(report.ours.coverage * 100, 2)}% (target 100%)`);
  summary('fanout', report.ours.p99, report.baseline.p99, 'ms');
} finally {
  for (const step of cleanup) await step().catch((error) => console.error(`cleanup: ${error.message}`));
}
process.exit(0);
