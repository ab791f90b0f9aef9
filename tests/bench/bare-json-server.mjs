// Baseline for the api benchmark: a bare node:http handler returning a fixed JSON body.
import http from 'node:http';

const body = Buffer.from(process.env.BODY ?? '{}');
http
  .createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare server ready'));
