import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  registrationListQuerySchema,
  reviewRegistrationRequestSchema,
  type Page,
  type Registration,
  type RegistrationCounts,
  type ReviewRegistrationRequest,
} from '@fulcrum/shared';
import { ALL_ROLES, Roles } from 'common/auth.decorators';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { RegistrationsService } from './registrations.service';

@ApiTags('events')
@Controller('v1/events/:eventId/registrations')
@Roles('admin', 'organizer')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiZodQuery(registrationListQuerySchema)
  list(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Query(new ZodValidationPipe(registrationListQuerySchema)) query: z.output<typeof registrationListQuerySchema>,
  ): Promise<Page<Registration> & { counts: RegistrationCounts }> {
    return this.registrations.list(eventId, query);
  }

  /** The approval queue: approve (a seat, or the waitlist when full) or reject a pending registration. */
  @Post(':id/review')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(reviewRegistrationRequestSchema)
  review(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(reviewRegistrationRequestSchema)) body: ReviewRegistrationRequest,
  ): Promise<Registration> {
    return this.registrations.review(eventId, id, body.decision);
  }
}
