// Baseline for the register benchmark: a bare node:http handler that reads and parses the JSON body and
// answers 201 with a registration result of the same shape (no validation, no database, no mail).
import { randomBytes } from 'node:crypto';
import http from 'node:http';

http
  .createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const result = Buffer.from(
        JSON.stringify({ status: body.email ? 'registered' : 'rejected', created: true, token: randomBytes(32).toString('base64url'), shareCode: randomBytes(9).toString('base64url') }),
      );
      response.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'content-length': result.length });
      response.end(result);
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server ready'));
