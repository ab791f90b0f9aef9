// fanout-redis: the fanout benchmark with the Redis adapter — the cost of scaling out against one
// process. Ours: two api processes (`backend/dist/main.js`, ROLE=api, NODE_ENV=production,
// LOG_LEVEL=warn) on one database and a private redis-server (REDIS_URL: socket.io's Redis adapter),
// N attendees split half and half between them, the organizer on the first: every broadcast goes out
// locally and through Redis to the second process. Baseline, same run: one api process without Redis
// (socket.io's in-memory adapter) with its own N attendees of another event database, the same
// broadcasts. Both hold their clients for the whole run; rounds alternate. Reported as in fanout: time
// from the organizer's request to the last recipient (p50 / p99), coverage, memory per connection (the
// api processes' RSS and heap growth over N, after full GCs) and CPU per recipient (api processes, plus
// Redis for ours).
//   npm run bench -- fanout-redis [--clients 5000] [--rounds 3] [--burst 10]
import { cpuSeconds, createDatabase, machine, parseArgs, summary } from './lib.mjs';
import {
  broadcastRound,
  fmt,
  loadAverage,
  openClients,
  organizerSocket,
  memoryOf,
  seedEvent,
  sleep,
  startOurs,
  startPrivateRedis,
  printFanoutReport,
  summarize,
} from './live-lib.mjs';

const options = parseArgs(process.argv.slice(2), { clients: 5_000, rounds: 3, burst: 10 });
const n = options.clients;
console.log(`fanout-redis: ${fmt(n)} attendees, ${options.rounds} rounds of 1 poll launch + ${options.burst} approved questions; ${machine()}`);

const cleanup = [];
try {
  const single = await createDatabase();
  const shared = await createDatabase();
  cleanup.unshift(() => single.drop(), () => shared.drop());
  const redis = await startPrivateRedis();
  cleanup.unshift(redis.stop);

  const one = await startOurs({ databaseUrl: single.url });
  cleanup.unshift(one.stop);
  const apiA = await startOurs({ databaseUrl: shared.url, redisUrl: redis.url, prefix: 'fanout' });
  cleanup.unshift(apiA.stop);
  const apiB = await startOurs({ databaseUrl: shared.url, redisUrl: redis.url, prefix: 'fanout' });
  cleanup.unshift(apiB.stop);

  const rounds = options.rounds * options.burst;
  const seededOne = await seedEvent(one, single.url, { size: n, questions: rounds });
  const seededTwo = await seedEvent(apiA, shared.url, { size: n, questions: rounds });
  const auths = (seeded) => seeded.tokens.map((token) => ({ token, event: seeded.eventId }));

  const sides = {
    baseline: { label: 'one process', servers: [one], pids: [one.pid], seeded: seededOne, parts: [[one, auths(seededOne)]], broadcasts: [], cpu: 0 },
    ours: {
      label: 'two processes + Redis',
      servers: [apiA, apiB],
      pids: [apiA.pid, apiB.pid, redis.pid],
      seeded: seededTwo,
      parts: [
        [apiA, auths(seededTwo).slice(0, Math.ceil(n / 2))],
        [apiB, auths(seededTwo).slice(Math.ceil(n / 2))],
      ],
      broadcasts: [],
      cpu: 0,
    },
  };

  let addressBase = 2;
  for (const [name, side] of Object.entries(sides)) {
    await sleep(1000);
    // Memory of the api processes after two full GCs (memory-probe.cjs), summed.
    const memory = async () => {
      const readings = await Promise.all(side.servers.map((server) => memoryOf(server)));
      return { rss: readings.reduce((sum, m) => sum + m.rss, 0), heapUsed: readings.reduce((sum, m) => sum + m.heapUsed, 0) };
    };
    side.before = await memory();
    side.pools = [];
    for (const [server, part] of side.parts) {
      const pool = await openClients({ url: server.url, auths: part, addressBase });
      cleanup.unshift(pool.close);
      addressBase += Math.ceil(part.length / 5_000);
      if (pool.failed) throw new Error(`${name}: ${pool.failed} clients could not join: ${pool.errors.join('; ')}`);
      side.pools.push(pool);
    }
    await sleep(2000);
    side.after = await memory();
    console.log(
      `${name} (${side.label}): ${fmt(n)} connected; after a full GC: api RSS ${fmt(side.before.rss / 2 ** 20)} → ${fmt(side.after.rss / 2 ** 20)} MB, ` +
        `heap ${fmt(side.before.heapUsed / 2 ** 20)} → ${fmt(side.after.heapUsed / 2 ** 20)} MB`,
    );
    side.organizer = await organizerSocket(side.servers[0], { cookie: side.seeded.cookie, eventId: side.seeded.eventId });
    side.questionIds = [...side.seeded.questionIds];
  }

  for (let round = 1; round <= options.rounds; round++) {
    for (const [name, side] of Object.entries(sides)) {
      const cpuOf = () => side.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
      const cpu = cpuOf();
      const results = await broadcastRound({
        ours: true,
        organizer: side.organizer,
        pools: side.pools,
        expected: n,
        eventId: side.seeded.eventId,
        questionIds: side.questionIds,
        burst: options.burst,
      });
      side.cpu += cpuOf() - cpu;
      side.broadcasts.push(...results);
      const s = summarize(results);
      console.log(`round ${round} ${name.padEnd(8)} poll ${fmt(s.pollMedian)} ms · to last p50 ${fmt(s.p50)} / max ${fmt(Math.max(...results.map((r) => r.toLast)))} ms · coverage ${fmt(s.coverage * 100, 2)}% · load ${loadAverage()}`);
    }
  }

  for (const side of Object.values(sides)) side.organizer.disconnect();
  const report = printFanoutReport(sides, n, 'baseline (one process)', 'ours (two + Redis)');
  summary('fanout-redis', report.ours.p99, report.baseline.p99, 'ms');
} finally {
  for (const step of cleanup) await step().catch((error) => console.error(`cleanup: ${error.message}`));
}
process.exit(0);
