import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { updateMaterialRequestSchema, uploadMaterialQuerySchema, type EventMaterial, type SessionUser, type UpdateMaterialRequest } from '@fulcrum/shared';
import { ALL_ROLES, CurrentUser, Roles } from 'common/auth.decorators';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { MaterialsService } from './materials.service';
import { sendMaterial } from './send-material';

@ApiTags('events')
@Controller('v1/events/:eventId/materials')
@Roles('admin', 'organizer')
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  list(@Param('eventId', new ParseUUIDPipe()) eventId: string): Promise<EventMaterial[]> {
    return this.materials.list(eventId);
  }

  /** The file is the raw request body (`Content-Type: application/octet-stream`), streamed to disk. */
  @Post()
  @ApiConsumes('application/octet-stream')
  @ApiZodQuery(uploadMaterialQuerySchema)
  upload(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Query(new ZodValidationPipe(uploadMaterialQuerySchema)) query: z.output<typeof uploadMaterialQuerySchema>,
    @Req() request: FastifyRequest,
    @CurrentUser() actor: SessionUser,
  ): Promise<EventMaterial> {
    const length = Number(request.headers['content-length']);
    return this.materials.upload(eventId, request.raw, query, Number.isFinite(length) ? length : null, actor);
  }

  @Patch(':id')
  @ApiZodBody(updateMaterialRequestSchema)
  rename(
    @Param('eventId', new ParseUUIDPipe()) eventId: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateMaterialRequestSchema)) body: UpdateMaterialRequest,
    @CurrentUser() actor: SessionUser,
  ): Promise<EventMaterial> {
    return this.materials.rename(eventId, id, body.title, actor);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('eventId', new ParseUUIDPipe()) eventId: string, @Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: SessionUser): Promise<void> {
    return this.materials.remove(eventId, id, actor);
  }

  @Get(':id/file')
  @Roles(...ALL_ROLES)
  async download(@Param('eventId', new ParseUUIDPipe()) eventId: string, @Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { material, stream } = await this.materials.file(eventId, id);
    await sendMaterial(reply, { ...material, stream });
  }
}
