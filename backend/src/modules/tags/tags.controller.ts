import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  bulkTagRequestSchema,
  createTagCategoryRequestSchema,
  createTagRequestSchema,
  tagCatalogQuerySchema,
  updateTagCategoryRequestSchema,
  updateTagRequestSchema,
  type BulkTagRequest,
  type BulkTagResult,
  type SessionUser,
  type Tag,
  type TagCategory,
} from '@fulcrum/shared';
import type { z } from 'zod';
import { ALL_ROLES, CurrentUser, Roles } from 'common/auth.decorators';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { TagsService } from './tags.service';

/** Tag categories and tags. Everyone reads them; organizers and admins change them and tag in bulk. */
@ApiTags('tags')
@Controller('v1/tags')
@Roles('admin', 'organizer')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiZodQuery(tagCatalogQuerySchema)
  catalog(@Query(new ZodValidationPipe(tagCatalogQuerySchema)) query: z.output<typeof tagCatalogQuerySchema>): Promise<TagCategory[]> {
    return this.tags.catalog(query.usage);
  }

  @Post('categories')
  @ApiZodBody(createTagCategoryRequestSchema)
  createCategory(
    @Body(new ZodValidationPipe(createTagCategoryRequestSchema)) body: z.output<typeof createTagCategoryRequestSchema>,
    @CurrentUser() actor: SessionUser,
  ): Promise<TagCategory> {
    return this.tags.createCategory(body, actor);
  }

  @Patch('categories/:id')
  @ApiZodBody(updateTagCategoryRequestSchema)
  updateCategory(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateTagCategoryRequestSchema)) body: z.output<typeof updateTagCategoryRequestSchema>,
    @CurrentUser() actor: SessionUser,
  ): Promise<TagCategory> {
    return this.tags.updateCategory(id, body, actor);
  }

  @Delete('categories/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteCategory(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: SessionUser): Promise<void> {
    return this.tags.deleteCategory(id, actor);
  }

  /** Tags or untags many companies or contacts at once: by ids, a saved segment, or a filter. */
  @Post('bulk')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(bulkTagRequestSchema)
  bulk(@Body(new ZodValidationPipe(bulkTagRequestSchema)) body: BulkTagRequest, @CurrentUser() actor: SessionUser): Promise<BulkTagResult> {
    return this.tags.bulk(body, actor);
  }

  @Post()
  @ApiZodBody(createTagRequestSchema)
  createTag(@Body(new ZodValidationPipe(createTagRequestSchema)) body: z.output<typeof createTagRequestSchema>, @CurrentUser() actor: SessionUser): Promise<Tag> {
    return this.tags.createTag(body, actor);
  }

  @Patch(':id')
  @ApiZodBody(updateTagRequestSchema)
  updateTag(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body(new ZodValidationPipe(updateTagRequestSchema)) body: z.output<typeof updateTagRequestSchema>,
    @CurrentUser() actor: SessionUser,
  ): Promise<Tag> {
    return this.tags.updateTag(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  deleteTag(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() actor: SessionUser): Promise<void> {
    return this.tags.deleteTag(id, actor);
  }
}
