import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  checkInBatchRequestSchema,
  checkInSearchQuerySchema,
  type CheckInBatchRequest,
  type CheckInBatchResponse,
  type CheckInOverview,
  type CheckInSearchQuery,
  type CheckInSearchResult,
  type SessionUser,
} from '@fulcrum/shared';
import { CurrentUser, Roles } from 'common/auth.decorators';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { OnsiteCheckInService } from './onsite-checkin.service';

/** The check-in desk and the kiosk: staff devices signed in as admins or organizers. */
@ApiTags('events')
@Controller('v1/events/:eventId/check-ins')
@Roles('admin', 'organizer')
export class OnsiteCheckInController {
  constructor(private readonly checkIns: OnsiteCheckInService) {}

  /** The event and how many checked in so far. */
  @Get()
  overview(@Param('eventId', new ParseUUIDPipe()) eventId: string): Promise<CheckInOverview> {
    return this.checkIns.overview(eventId);
  }

  /** Scans, as they come or queued while offline: sending a batch again never counts anyone twice. */
  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(checkInBatchRequestSchema)
  checkIn(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Body(new ZodValidationPipe(checkInBatchRequestSchema)) body: CheckInBatchRequest,
    @CurrentUser() actor: SessionUser,
  ): Promise<CheckInBatchResponse> {
    return this.checkIns.checkIn(eventId, body.scans, actor);
  }

  @Get('search')
  @ApiZodQuery(checkInSearchQuerySchema)
  search(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Query(new ZodValidationPipe(checkInSearchQuerySchema)) query: CheckInSearchQuery,
  ): Promise<CheckInSearchResult> {
    return this.checkIns.search(eventId, query.q);
  }
}
