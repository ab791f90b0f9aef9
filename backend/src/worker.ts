import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from 'app.module';
import { boot, exitOnBootFailure } from 'boot';
import { installShutdown } from 'shutdown';

/** A worker process: queue processors only, no HTTP. Scale by starting more of them. */
async function main(): Promise<void> {
  const { runtime, embedded } = await boot({ ...process.env, ROLE: 'worker' });
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(runtime), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  installShutdown(app, embedded);
  await app.init();
  process.stdout.write(`[fulcrum] worker running (jobs: BullMQ on ${runtime.queue.backend})\n`);
}

main().catch(exitOnBootFailure);
