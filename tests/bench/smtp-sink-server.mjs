// The mail benchmark's SMTP sink, in its own process: accepts every message and only counts it (no
// parsing: smtp-server's own DATA handling, the stream drained). A small HTTP side door gives the count,
// the bytes and the time of the last message, and keeps the first messages after a reset (`POST
// /reset?keep=N`, default 1) as received, so the benchmark can see what was sent.
//   SMTP_PORT=… HTTP_PORT=… node tests/bench/smtp-sink-server.mjs
import http from 'node:http';
import { SMTPServer } from 'smtp-server';

let count = 0;
let bytes = 0;
let firstAt = null;
let lastAt = null;
let keep = 1;
const samples = [];
let connections = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // Accept any number of parallel connections and messages per connection.
  maxClients: 1000,
  size: 0,
  onConnect(_session, callback) {
    connections += 1;
    callback();
  },
  onClose() {
    connections -= 1;
  },
  onData(stream, _session, callback) {
    let size = 0;
    const chunks = samples.length < keep ? [] : null;
    stream.on('data', (chunk) => {
      size += chunk.length;
      chunks?.push(chunk);
    });
    stream.on('end', () => {
      // A message the client did not complete (no final dot) is not counted: smtp-server ends the
      // stream only on the dot line, and a broken connection never gets here.
      count += 1;
      bytes += size;
      lastAt = performance.timeOrigin + performance.now();
      firstAt ??= lastAt;
      if (chunks && samples.length < keep) samples.push(Buffer.concat(chunks));
      callback();
    });
  },
});

const smtpPort = Number(process.env.SMTP_PORT);
const httpPort = Number(process.env.HTTP_PORT);

http
  .createServer((request, response) => {
    const url = new URL(request.url, 'http://sink');
    if (url.pathname === '/reset' && request.method === 'POST') {
      count = 0;
      bytes = 0;
      firstAt = null;
      lastAt = null;
      keep = Number(url.searchParams.get('keep') ?? 1);
      samples.length = 0;
    }
    if (url.pathname === '/sample') {
      // The i-th message kept since the last reset.
      const sample = samples[Number(url.searchParams.get('i') ?? 0)];
      response.writeHead(sample ? 200 : 404, { 'content-type': 'message/rfc822' });
      response.end(sample ?? '');
      return;
    }
    const body = JSON.stringify({ count, bytes, firstAt, lastAt, connections, samples: samples.length, rss: process.memoryUsage.rss() });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  })
  .listen(httpPort, '127.0.0.1', () => {
    server.listen(smtpPort, '127.0.0.1', () => console.log(`smtp sink ready on ${smtpPort}`));
  });
