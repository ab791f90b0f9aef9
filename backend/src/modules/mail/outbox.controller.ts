import { Controller, Get, HttpStatus, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import fs from 'node:fs';
import { pageQuerySchema, type OutboxList, type OutboxMessage } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { Roles } from 'common/auth.decorators';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ApiZodQuery } from 'common/zod-openapi';
import { MAIL_TRANSPORT } from './mail.tokens';
import { OutboxTransport, type MailTransport } from './mail-transport';

/** The console's view of the `.eml` outbox (embedded default, no SMTP_URL). */
@ApiTags('outbox')
@Controller('v1/outbox')
@Roles('admin', 'organizer')
export class OutboxController {
  constructor(@Inject(MAIL_TRANSPORT) private readonly transport: MailTransport) {}

  @Get()
  @ApiZodQuery(pageQuerySchema)
  async list(@Query(new ZodValidationPipe(pageQuerySchema)) query: { page: number; pageSize: number }): Promise<OutboxList> {
    if (!(this.transport instanceof OutboxTransport)) return { transport: 'smtp', total: 0, items: [] };
    return { transport: 'outbox', ...(await this.transport.list(query.page, query.pageSize)) };
  }

  @Get(':id')
  async read(@Param('id') id: string): Promise<OutboxMessage> {
    const message = this.transport instanceof OutboxTransport ? await this.transport.read(id) : null;
    if (!message) throw new AppException(HttpStatus.NOT_FOUND, 'outbox.not_found', `No message ${id} in the outbox`);
    return message;
  }

  @Get(':id/eml')
  async download(@Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = this.transport instanceof OutboxTransport ? this.transport.emlPath(id) : null;
    if (!file) throw new AppException(HttpStatus.NOT_FOUND, 'outbox.not_found', `No message ${id} in the outbox`);
    await reply
      .header('content-type', 'message/rfc822')
      .header('content-disposition', `attachment; filename="${id}.eml"`)
      .send(fs.createReadStream(file));
  }
}
