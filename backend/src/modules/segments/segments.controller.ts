import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import {
  saveSegmentRequestSchema,
  segmentPreviewRequestSchema,
  type SaveSegmentRequest,
  type Segment,
  type SegmentPreview,
  type SessionUser,
} from '@fulcrum/shared';
import type { z } from 'zod';
import { CurrentUser, Roles } from 'common/auth.decorators';
import { CSV_BOM } from 'common/csv';
import { ApiZodBody } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { SegmentsService } from './segments.service';

@ApiTags('segments')
@Controller('v1/segments')
@Roles('admin', 'organizer')
export class SegmentsController {
  constructor(private readonly segments: SegmentsService) {}

  @Get()
  list(): Promise<Segment[]> {
    return this.segments.list();
  }

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(segmentPreviewRequestSchema)
  preview(@Body(new ZodValidationPipe(segmentPreviewRequestSchema)) body: z.output<typeof segmentPreviewRequestSchema>): Promise<SegmentPreview> {
    return this.segments.preview(body.target, body.filter, body.sampleSize);
  }

  @Post()
  @ApiZodBody(saveSegmentRequestSchema)
  create(@Body(new ZodValidationPipe(saveSegmentRequestSchema)) body: SaveSegmentRequest, @CurrentUser() actor: SessionUser): Promise<Segment> {
    return this.segments.create(body, actor);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<Segment> {
    return this.segments.get(id);
  }

  @Patch(':id')
  @ApiZodBody(saveSegmentRequestSchema)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(saveSegmentRequestSchema)) body: SaveSegmentRequest): Promise<Segment> {
    return this.segments.update(id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    return this.segments.remove(id);
  }

  /** UTF-8 CSV with a BOM, streamed: opens correctly in Excel, Chinese included. */
  @Get(':id/export.csv')
  async export(@Param('id', new ParseUUIDPipe()) id: string, @Res() reply: FastifyReply): Promise<void> {
    const fileName = await this.segments.fileName(id);
    const segments = this.segments;
    async function* body() {
      yield CSV_BOM;
      yield* segments.exportCsv(id);
    }
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="segment.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('cache-control', 'no-store')
      .send(Readable.from(body()));
  }
}
