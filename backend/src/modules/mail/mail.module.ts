import { Global, Module } from '@nestjs/common';
import path from 'node:path';
import { RuntimeContext } from 'runtime-context';
import { MailService } from './mail.service';
import { MailTemplates } from './mail-templates';
import { MAIL_TRANSPORT } from './mail.tokens';
import { OutboxTransport, SmtpTransport, type MailTransport } from './mail-transport';
import { OutboxController } from './outbox.controller';
import { MailSweeper } from './mail.sweeper';

@Global()
@Module({
  controllers: [OutboxController],
  providers: [
    MailService,
    MailSweeper,
    { provide: MailTemplates, useFactory: () => new MailTemplates() },
    {
      provide: MAIL_TRANSPORT,
      inject: [RuntimeContext],
      useFactory: ({ config }: RuntimeContext): MailTransport =>
        config.SMTP_URL ? new SmtpTransport(config.SMTP_URL) : new OutboxTransport(path.join(config.dataDir, 'outbox')),
    },
  ],
  exports: [MailService, MAIL_TRANSPORT, MailTemplates],
})
export class MailModule {}
