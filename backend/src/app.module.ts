import { type DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AllExceptionsFilter } from 'common/all-exceptions.filter';
import { dataSourceOptions } from 'database/data-source';
import { AccountsModule } from 'modules/accounts/accounts.module';
import { AuditModule } from 'modules/audit/audit.module';
import { CampaignsModule } from 'modules/campaigns/campaigns.module';
import { AuthModule } from 'modules/auth/auth.module';
import { DemoModule } from 'modules/demo/demo.module';
import { EngagementModule } from 'modules/engagement/engagement.module';
import { EventsModule } from 'modules/events/events.module';
import { HealthModule } from 'modules/health/health.module';
import { ImportsModule } from 'modules/imports/imports.module';
import { LiveModule } from 'modules/live/live.module';
import { LiveSweepModule } from 'modules/live/live-sweeper';
import { MailModule } from 'modules/mail/mail.module';
import { PrivacyModule } from 'modules/privacy/privacy.module';
import { RegistrationsModule } from 'modules/registrations/registrations.module';
import { RemindersModule } from 'modules/reminders/reminders.module';
import { SegmentsModule } from 'modules/segments/segments.module';
import { TagsModule } from 'modules/tags/tags.module';
import { UsersModule } from 'modules/users/users.module';
import { QueueModule } from 'queue/queue.module';
import { RuntimeContext } from 'runtime-context';
import { RuntimeModule } from 'runtime.module';

/** pino-pretty is a development dependency: pretty logs only where it is installed. */
function canPrettyPrint(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** The api process serves HTTP and sockets; the worker runs queue processors; `all` does both. */
@Module({})
export class AppModule {
  static forRoot(runtime: RuntimeContext): DynamicModule {
    const { config } = runtime;
    const serveHttp = config.ROLE !== 'worker';
    const runWorkers = config.ROLE !== 'api';
    return {
      module: AppModule,
      imports: [
        RuntimeModule.forRoot(runtime),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.LOG_LEVEL,
            transport: process.stdout.isTTY && config.NODE_ENV !== 'production' && canPrettyPrint() ? { target: 'pino-pretty', options: { singleLine: true } } : undefined,
            // One short line per request: method, path, status, time (no headers, so no cookies).
            serializers: {
              req: (request: { id: unknown; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
              res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
            },
            autoLogging: { ignore: (request) => request.url === '/api/health' },
            customProps: () => ({ role: config.ROLE }),
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(runtime.databaseUrl)),
        QueueModule.forRoot(runtime.queue, runWorkers),
        AuditModule,
        MailModule,
        AuthModule,
        DemoModule,
        ImportsModule,
        RemindersModule,
        CampaignsModule,
        // Every role: the stale-attendance sweep runs where sweeps run, and broadcasts through LiveEmitter.
        LiveSweepModule,
        ...(serveHttp ? [HealthModule, UsersModule, AccountsModule, SegmentsModule, TagsModule, PrivacyModule, EventsModule, RegistrationsModule, LiveModule, EngagementModule] : []),
      ],
      providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
    };
  }
}
