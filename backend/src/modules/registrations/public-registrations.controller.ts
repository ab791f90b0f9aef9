import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { registerRequestSchema, type MyRegistration, type PublicEvent, type RegisterResult } from '@fulcrum/shared';
import { Public } from 'common/auth.decorators';
import { ApiZodBody } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { RegistrationsService } from './registrations.service';

/** What visitors and registrants use: no console session; a registrant is known by their personal token. */
@ApiTags('public')
@Controller('v1/public')
@Public()
export class PublicRegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get('events/:slug')
  event(@Param('slug') slug: string): Promise<PublicEvent> {
    return this.registrations.publicEvent(slug);
  }

  @Post('events/:slug/registrations')
  @ApiZodBody(registerRequestSchema)
  register(@Param('slug') slug: string, @Body(new ZodValidationPipe(registerRequestSchema)) body: z.output<typeof registerRequestSchema>): Promise<RegisterResult> {
    return this.registrations.register(slug, body);
  }

  @Get('registrations/:token')
  mine(@Param('token') token: string): Promise<MyRegistration> {
    return this.registrations.mine(token);
  }

  @Post('registrations/:token/cancel')
  @HttpCode(HttpStatus.OK)
  cancel(@Param('token') token: string): Promise<MyRegistration> {
    return this.registrations.cancel(token);
  }
}
