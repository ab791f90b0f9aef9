import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { companyListQuerySchema, type Company, type Page } from '@fulcrum/shared';
import type { z } from 'zod';
import { ALL_ROLES, Roles } from 'common/auth.decorators';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ApiZodQuery } from 'common/zod-openapi';
import { CompaniesService } from './companies.service';

@ApiTags('accounts')
@Controller('v1/companies')
@Roles(...ALL_ROLES)
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  @ApiZodQuery(companyListQuerySchema)
  list(@Query(new ZodValidationPipe(companyListQuerySchema)) query: z.output<typeof companyListQuerySchema>): Promise<Page<Company>> {
    return this.companies.list(query);
  }
}
