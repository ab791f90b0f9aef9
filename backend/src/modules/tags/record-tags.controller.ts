import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { addRecordTagsRequestSchema, type AddRecordTagsRequest, type RecordTag, type SessionUser } from '@fulcrum/shared';
import { ALL_ROLES, CurrentUser, Roles } from 'common/auth.decorators';
import { ApiZodBody } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { TagsService } from './tags.service';

/** The tags of one company or contact: everyone reads them, organizers and admins add and remove them. */
@ApiTags('tags')
@Controller('v1')
@Roles('admin', 'organizer')
export class RecordTagsController {
  constructor(private readonly tags: TagsService) {}

  @Get('companies/:id/tags')
  @Roles(...ALL_ROLES)
  companyTags(@Param('id', new ParseUUIDPipe()) id: string): Promise<RecordTag[]> {
    return this.tags.recordTags('company', id);
  }

  @Post('companies/:id/tags')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(addRecordTagsRequestSchema)
  tagCompany(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(addRecordTagsRequestSchema)) body: AddRecordTagsRequest,
    @CurrentUser() actor: SessionUser,
  ): Promise<RecordTag[]> {
    return this.tags.addRecordTags('company', id, body.tagIds, actor);
  }

  @Delete('companies/:id/tags/:tagId')
  @HttpCode(HttpStatus.NO_CONTENT)
  untagCompany(@Param('id', new ParseUUIDPipe()) id: string, @Param('tagId', new ParseUUIDPipe()) tagId: string, @CurrentUser() actor: SessionUser): Promise<void> {
    return this.tags.removeRecordTag('company', id, tagId, actor);
  }

  @Get('contacts/:id/tags')
  @Roles(...ALL_ROLES)
  contactTags(@Param('id', new ParseUUIDPipe()) id: string): Promise<RecordTag[]> {
    return this.tags.recordTags('contact', id);
  }

  @Post('contacts/:id/tags')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(addRecordTagsRequestSchema)
  tagContact(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(addRecordTagsRequestSchema)) body: AddRecordTagsRequest,
    @CurrentUser() actor: SessionUser,
  ): Promise<RecordTag[]> {
    return this.tags.addRecordTags('contact', id, body.tagIds, actor);
  }

  @Delete('contacts/:id/tags/:tagId')
  @HttpCode(HttpStatus.NO_CONTENT)
  untagContact(@Param('id', new ParseUUIDPipe()) id: string, @Param('tagId', new ParseUUIDPipe()) tagId: string, @CurrentUser() actor: SessionUser): Promise<void> {
    return this.tags.removeRecordTag('contact', id, tagId, actor);
  }
}
