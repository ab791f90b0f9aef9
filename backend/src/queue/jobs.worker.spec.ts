import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { RuntimeContext } from 'runtime-context';
import { JobHandler } from './job-handler.decorator';
import { JobHandlerRegistrationError, JobsWorker } from './jobs.worker';

@Injectable()
class MailHandlers {
  @JobHandler('mail.send')
  async send(): Promise<void> {}
}

@Injectable()
class SecondMailHandlers {
  @JobHandler('mail.send')
  async sendAgain(): Promise<void> {}
}

async function bootWith(...handlers: Array<new () => object>): Promise<unknown> {
  @Module({
    imports: [DiscoveryModule],
    providers: [JobsWorker, ...handlers, { provide: RuntimeContext, useValue: {} }],
  })
  class TestModule {}
  // createApplicationContext runs the bootstrap hooks, where the worker checks its handlers.
  try {
    const app = await NestFactory.createApplicationContext(TestModule, { logger: false, abortOnError: false });
    await app.close();
    return null;
  } catch (error) {
    return error;
  }
}

describe('JobsWorker at boot', () => {
  it('refuses to start when a job has no handler, naming it', async () => {
    const error = await bootWith(MailHandlers);
    expect(error).toBeInstanceOf(JobHandlerRegistrationError);
    expect((error as Error).message).toContain('job "demo.load" (queue demo) has no @JobHandler');
    expect((error as Error).message).not.toContain('"mail.send"');
  });

  it('refuses to start when a job has two handlers, naming both', async () => {
    const error = (await bootWith(MailHandlers, SecondMailHandlers)) as Error;
    expect(error.message).toContain('job "mail.send" has 2 handlers: MailHandlers.send, SecondMailHandlers.sendAgain');
  });
});
