import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import {
  changeEventStatusRequestSchema,
  createEventRequestSchema,
  eventListQuerySchema,
  updateEventRequestSchema,
  type ChangeEventStatusRequest,
  type EventDetail,
  type EventListItem,
  type Page,
  type SessionUser,
} from '@fulcrum/shared';
import { ALL_ROLES, CurrentUser, Roles } from 'common/auth.decorators';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('v1/events')
@Roles('admin', 'organizer')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiZodQuery(eventListQuerySchema)
  list(@Query(new ZodValidationPipe(eventListQuerySchema)) query: z.output<typeof eventListQuerySchema>): Promise<Page<EventListItem>> {
    return this.events.list(query);
  }

  @Post()
  @ApiZodBody(createEventRequestSchema)
  create(@Body(new ZodValidationPipe(createEventRequestSchema)) body: z.output<typeof createEventRequestSchema>, @CurrentUser() actor: SessionUser): Promise<EventDetail> {
    return this.events.create(body, actor);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<EventDetail> {
    return this.events.get(id);
  }

  @Patch(':id')
  @ApiZodBody(updateEventRequestSchema)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateEventRequestSchema)) body: z.output<typeof updateEventRequestSchema>,
    @CurrentUser() actor: SessionUser,
  ): Promise<EventDetail> {
    return this.events.update(id, body, actor);
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(changeEventStatusRequestSchema)
  changeStatus(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(changeEventStatusRequestSchema)) body: ChangeEventStatusRequest,
    @CurrentUser() actor: SessionUser,
  ): Promise<EventDetail> {
    return this.events.changeStatus(id, body.status, actor);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: SessionUser): Promise<void> {
    return this.events.remove(id, actor);
  }
}
