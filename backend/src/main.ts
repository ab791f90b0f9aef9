import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from 'app.module';
import { boot, exitOnBootFailure } from 'boot';
import { configureHttp } from 'http-server';
import { LiveAdapter } from 'modules/live/live-adapter';
import { installShutdown } from 'shutdown';

/** The api process (HTTP + socket.io); with ROLE=all (the default) it runs the job workers too. */
async function main(): Promise<void> {
  const { runtime, embedded } = await boot();
  if (runtime.config.ROLE === 'worker') {
    throw new Error('ROLE=worker starts with `node dist/worker.js` (npm run worker -w @fulcrum/backend)');
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(runtime),
    new FastifyAdapter({ trustProxy: true, bodyLimit: 1024 * 1024, routerOptions: { maxParamLength: 200 } }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  // socket.io's Redis adapter when REDIS_URL is set (several api processes), else its in-memory one.
  app.useWebSocketAdapter(new LiveAdapter(app, runtime));
  await configureHttp(app, runtime);
  installShutdown(app, embedded);
  const { PORT, HOST } = runtime.config;
  // A large backlog keeps a join storm from overflowing the listen queue.
  await app.listen({ port: PORT, host: HOST, backlog: 4096 });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : PORT;
  const url = runtime.config.PUBLIC_URL ?? `http://localhost:${port}`;
  process.stdout.write(`\n  Fulcrum is running at ${url}\n  (API docs: ${url}/api/docs · database: ${runtime.databaseMode} · jobs: BullMQ on ${runtime.queue.backend} · mail: ${runtime.config.SMTP_URL ? 'SMTP' : `outbox in ${runtime.config.dataDir}/outbox`})\n\n`);
}

main().catch(exitOnBootFailure);
