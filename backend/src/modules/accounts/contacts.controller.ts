import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  contactListQuerySchema,
  contactMergeRequestSchema,
  updateContactRequestSchema,
  type ContactDetailResponse,
  type ContactDuplicate,
  type ContactPage,
  type MergeResult,
  type SessionUser,
} from '@fulcrum/shared';
import type { z } from 'zod';
import { ALL_ROLES, CurrentUser, Roles } from 'common/auth.decorators';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ContactsService } from './contacts.service';
import { MergesService } from './merges.service';

@ApiTags('accounts')
@Controller('v1/contacts')
@Roles(...ALL_ROLES)
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly merges: MergesService,
  ) {}

  @Get()
  @ApiZodQuery(contactListQuerySchema)
  list(@Query(new ZodValidationPipe(contactListQuerySchema)) query: z.output<typeof contactListQuerySchema>): Promise<ContactPage> {
    return this.contacts.list(query);
  }

  /** Folds duplicates into the survivor with their identities and tags. Undo with POST /merges/:id/undo. */
  @Post('merge')
  @HttpCode(HttpStatus.OK)
  @Roles('admin', 'organizer')
  @ApiZodBody(contactMergeRequestSchema)
  merge(@Body(new ZodValidationPipe(contactMergeRequestSchema)) body: z.output<typeof contactMergeRequestSchema>, @CurrentUser() actor: SessionUser): Promise<MergeResult> {
    return this.merges.merge('contact', body.survivorId, body.mergedIds, body.fieldChoices ?? {}, actor);
  }

  @Get(':id')
  detail(@Param('id', new ParseUUIDPipe()) id: string): Promise<ContactDetailResponse> {
    return this.contacts.detail(id);
  }

  @Get(':id/duplicates')
  duplicates(@Param('id', new ParseUUIDPipe()) id: string): Promise<ContactDuplicate[]> {
    return this.contacts.duplicates(id);
  }

  @Patch(':id')
  @Roles('admin', 'organizer')
  @ApiZodBody(updateContactRequestSchema)
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateContactRequestSchema)) body: z.output<typeof updateContactRequestSchema>,
    @CurrentUser() actor: SessionUser,
  ): Promise<ContactDetailResponse> {
    return this.contacts.update(id, body, actor);
  }
}
