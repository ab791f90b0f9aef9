import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  addSuppressionsRequestSchema,
  changeConsentRequestSchema,
  eraseRequestSchema,
  personSearchQuerySchema,
  SUPPRESSION_KINDS,
  suppressionExportQuerySchema,
  suppressionListQuerySchema,
  type AddSuppressionsResult,
  type ChangeConsentRequest,
  type ConsentChangeResult,
  type EraseResult,
  type Page,
  type PersonSearchResult,
  type SessionUser,
  type Suppression,
} from '@fulcrum/shared';
import { CurrentUser, Roles } from 'common/auth.decorators';
import { CSV_BOM } from 'common/csv';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ErasureService } from './erasure.service';
import { PeopleService } from './people.service';
import { SuppressionsService } from './suppressions.service';

const suppressionKeySchema = z.object({ kind: z.enum(SUPPRESSION_KINDS), value: z.string().min(1).max(1024) });

/**
 * Privacy requests (PIPL / GDPR): the suppression list, consent decisions, a person's data export
 * and erasure. Organizers and admins; erasure is for admins only.
 */
@ApiTags('privacy')
@Controller('v1/privacy')
@Roles('admin', 'organizer')
export class PrivacyController {
  constructor(
    private readonly suppressions: SuppressionsService,
    private readonly people: PeopleService,
    private readonly erasure: ErasureService,
  ) {}

  @Get('suppressions')
  @ApiZodQuery(suppressionListQuerySchema)
  list(@Query(new ZodValidationPipe(suppressionListQuerySchema)) query: z.output<typeof suppressionListQuerySchema>): Promise<Page<Suppression>> {
    return this.suppressions.list(query);
  }

  /** Adds one value or a pasted / uploaded list (in batches of at most MAX_SUPPRESSIONS_PER_REQUEST). */
  @Post('suppressions')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(addSuppressionsRequestSchema)
  add(
    @Body(new ZodValidationPipe(addSuppressionsRequestSchema)) body: z.output<typeof addSuppressionsRequestSchema>,
    @CurrentUser() actor: SessionUser,
  ): Promise<AddSuppressionsResult> {
    return this.suppressions.add(body, actor);
  }

  /** UTF-8 CSV with a BOM (opens in Excel), streamed; the same filters as the list. */
  @Get('suppressions/export.csv')
  @ApiZodQuery(suppressionExportQuerySchema)
  async export(@Query(new ZodValidationPipe(suppressionExportQuerySchema)) query: z.output<typeof suppressionExportQuerySchema>, @Res() reply: FastifyReply): Promise<void> {
    const suppressions = this.suppressions;
    async function* body() {
      yield CSV_BOM;
      yield* suppressions.exportCsv(query);
    }
    await reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="suppressions-${new Date().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(body()));
  }

  @Delete('suppressions/:kind/:value')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param(new ZodValidationPipe(suppressionKeySchema)) key: z.output<typeof suppressionKeySchema>, @CurrentUser() actor: SessionUser): Promise<void> {
    return this.suppressions.remove(key.kind, key.value, actor);
  }

  /** Finds the person a request is about, by address, phone, id or name. */
  @Get('people')
  @ApiZodQuery(personSearchQuerySchema)
  search(@Query(new ZodValidationPipe(personSearchQuerySchema)) query: z.output<typeof personSearchQuerySchema>): Promise<PersonSearchResult> {
    return this.people.search(query.q);
  }

  @Patch('contacts/:id/consent')
  @ApiZodBody(changeConsentRequestSchema)
  changeConsent(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(changeConsentRequestSchema)) body: ChangeConsentRequest,
    @CurrentUser() actor: SessionUser,
  ): Promise<ConsentChangeResult> {
    return this.people.changeConsent(id, body, actor);
  }

  /** Everything held about the person, as a JSON download. */
  @Get('contacts/:id/export')
  async exportPerson(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: SessionUser, @Res() reply: FastifyReply): Promise<void> {
    const { fileName, document } = await this.people.export(id, actor);
    await reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(document, null, 2));
  }

  /** Erases the person; the body repeats their e-mail address (or id) as confirmation. */
  @Post('contacts/:id/erase')
  @HttpCode(HttpStatus.OK)
  @Roles('admin')
  @ApiZodBody(eraseRequestSchema)
  erase(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(eraseRequestSchema)) body: z.output<typeof eraseRequestSchema>,
    @CurrentUser() actor: SessionUser,
  ): Promise<EraseResult> {
    return this.erasure.erase(id, body, actor);
  }
}
