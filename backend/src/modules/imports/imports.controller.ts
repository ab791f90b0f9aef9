import { Readable } from 'node:stream';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  importErrorsQuerySchema,
  importPreviewQuerySchema,
  pageQuerySchema,
  startImportRequestSchema,
  type Import,
  type ImportPreview,
  type ImportRowError,
  type Page,
  type SessionUser,
} from '@fulcrum/shared';
import { z } from 'zod';
import { ALL_ROLES, CurrentUser, Roles } from 'common/auth.decorators';
import { CSV_BOM } from 'common/csv';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ImportsService } from './imports.service';

const uploadQuerySchema = z.object({ fileName: z.string().trim().min(1).max(255) });

@ApiTags('imports')
@Controller('v1/imports')
@Roles('admin', 'organizer')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * The file is the raw request body (`Content-Type: application/octet-stream`), streamed to disk;
   * the answer is the wizard's preview: how the file reads, its first rows and the guessed mapping.
   */
  @Post()
  @ApiConsumes('application/octet-stream')
  @ApiZodQuery(uploadQuerySchema)
  upload(
    @Query(new ZodValidationPipe(uploadQuerySchema)) query: z.output<typeof uploadQuerySchema>,
    @Req() request: FastifyRequest,
    @CurrentUser() user: SessionUser,
  ): Promise<ImportPreview> {
    const length = Number(request.headers['content-length']);
    return this.imports.upload(request.raw, query.fileName, Number.isFinite(length) ? length : null, user);
  }

  @Get()
  @Roles(...ALL_ROLES)
  @ApiZodQuery(pageQuerySchema)
  list(@Query(new ZodValidationPipe(pageQuerySchema)) query: z.output<typeof pageQuerySchema>): Promise<Page<Import>> {
    return this.imports.list(query.page, query.pageSize);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<Import> {
    return this.imports.get(id);
  }

  @Get(':id/preview')
  @ApiZodQuery(importPreviewQuerySchema)
  preview(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodValidationPipe(importPreviewQuerySchema)) query: z.output<typeof importPreviewQuerySchema>,
  ): Promise<ImportPreview> {
    return this.imports.preview(id, query.sheet);
  }

  @Post(':id/start')
  @ApiZodBody(startImportRequestSchema)
  start(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(startImportRequestSchema)) body: z.output<typeof startImportRequestSchema>,
    @CurrentUser() user: SessionUser,
  ): Promise<Import> {
    return this.imports.start(id, body, user);
  }

  @Post(':id/cancel')
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: SessionUser): Promise<Import> {
    return this.imports.cancel(id, user);
  }

  @Get(':id/errors')
  @Roles(...ALL_ROLES)
  @ApiZodQuery(importErrorsQuerySchema)
  errors(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodValidationPipe(importErrorsQuerySchema)) query: z.output<typeof importErrorsQuerySchema>,
  ): Promise<Page<ImportRowError>> {
    return this.imports.errors(id, query);
  }

  /** Every rejected or trimmed row with its line, reason and original cells: UTF-8 with a BOM for Excel. */
  @Get(':id/report.csv')
  @Roles(...ALL_ROLES)
  async report(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: SessionUser, @Res() reply: FastifyReply): Promise<void> {
    const fileName = await this.imports.reportFileName(id);
    const imports = this.imports;
    async function* body() {
      yield CSV_BOM;
      yield* imports.reportCsv(id, user.locale);
    }
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="import-report.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
      .header('cache-control', 'no-store')
      .send(Readable.from(body()));
  }
}
