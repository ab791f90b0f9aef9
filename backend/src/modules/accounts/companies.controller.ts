import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  companyDetailQuerySchema,
  companyListQuerySchema,
  companyMergeRequestSchema,
  updateCompanyRequestSchema,
  type Company,
  type CompanyDetailResponse,
  type CompanyDuplicate,
  type MergeResult,
  type Page,
  type SessionUser,
} from '@fulcrum/shared';
import type { z } from 'zod';
import { ALL_ROLES, CurrentUser, Roles } from 'common/auth.decorators';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { CompaniesService } from './companies.service';
import { MergesService } from './merges.service';

@ApiTags('accounts')
@Controller('v1/companies')
@Roles(...ALL_ROLES)
export class CompaniesController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly merges: MergesService,
  ) {}

  @Get()
  @ApiZodQuery(companyListQuerySchema)
  list(@Query(new ZodValidationPipe(companyListQuerySchema)) query: z.output<typeof companyListQuerySchema>): Promise<Page<Company>> {
    return this.companies.list(query);
  }

  /** Folds duplicates into the survivor; their contacts move to it. Undo with POST /merges/:id/undo. */
  @Post('merge')
  @HttpCode(HttpStatus.OK)
  @Roles('admin', 'organizer')
  @ApiZodBody(companyMergeRequestSchema)
  merge(@Body(new ZodValidationPipe(companyMergeRequestSchema)) body: z.output<typeof companyMergeRequestSchema>, @CurrentUser() actor: SessionUser): Promise<MergeResult> {
    return this.merges.merge('company', body.survivorId, body.mergedIds, body.fieldChoices ?? {}, actor);
  }

  @Get(':id')
  @ApiZodQuery(companyDetailQuerySchema)
  detail(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodValidationPipe(companyDetailQuerySchema)) query: z.output<typeof companyDetailQuerySchema>,
  ): Promise<CompanyDetailResponse> {
    return this.companies.detail(id, query);
  }

  @Get(':id/duplicates')
  duplicates(@Param('id', new ParseUUIDPipe()) id: string): Promise<CompanyDuplicate[]> {
    return this.companies.duplicates(id);
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @ApiZodBody(updateCompanyRequestSchema)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateCompanyRequestSchema)) body: z.output<typeof updateCompanyRequestSchema>,
    @CurrentUser() actor: SessionUser,
  ): Promise<CompanyDetailResponse> {
    return this.companies.update(id, body, actor);
  }
}
