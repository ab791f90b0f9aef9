import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  campaignPreviewRequestSchema,
  invitationListQuerySchema,
  saveCampaignRequestSchema,
  scheduleCampaignRequestSchema,
  testSendRequestSchema,
  type Campaign,
  type CampaignPreview,
  type Invitation,
  type Page,
  type SessionUser,
} from '@fulcrum/shared';
import { ALL_ROLES, CurrentUser, Roles } from 'common/auth.decorators';
import { ApiZodBody, ApiZodQuery } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { CampaignsService } from './campaigns.service';

const listQuerySchema = z.object({ eventId: z.string().uuid().optional() });

@ApiTags('campaigns')
@Controller('v1/campaigns')
@Roles('admin', 'organizer')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiZodQuery(listQuerySchema)
  list(@Query(new ZodValidationPipe(listQuerySchema)) query: z.output<typeof listQuerySchema>): Promise<Campaign[]> {
    return this.campaigns.list(query.eventId);
  }

  @Post()
  @ApiZodBody(saveCampaignRequestSchema)
  create(@Body(new ZodValidationPipe(saveCampaignRequestSchema)) body: z.output<typeof saveCampaignRequestSchema>, @CurrentUser() actor: SessionUser): Promise<Campaign> {
    return this.campaigns.create(body, actor);
  }

  /** Renders unsaved editor content for one recipient. */
  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(campaignPreviewRequestSchema)
  preview(@Body(new ZodValidationPipe(campaignPreviewRequestSchema)) body: z.output<typeof campaignPreviewRequestSchema>): Promise<CampaignPreview> {
    return this.campaigns.preview(body);
  }

  /** Sends the rendered message for one recipient to `to` (the organizer's own inbox), marked as a test. */
  @Post('test-send')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(testSendRequestSchema)
  testSend(@Body(new ZodValidationPipe(testSendRequestSchema)) body: z.output<typeof testSendRequestSchema>): Promise<{ to: string; mailId: string }> {
    return this.campaigns.testSend(body);
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<Campaign> {
    return this.campaigns.get(id);
  }

  @Put(':id')
  @ApiZodBody(saveCampaignRequestSchema)
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(saveCampaignRequestSchema)) body: z.output<typeof saveCampaignRequestSchema>): Promise<Campaign> {
    return this.campaigns.update(id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.campaigns.remove(id);
  }

  /** Starts now, or at `at`. */
  @Post(':id/schedule')
  @HttpCode(HttpStatus.OK)
  @ApiZodBody(scheduleCampaignRequestSchema)
  schedule(@Param('id', new ParseUUIDPipe()) id: string, @Body(new ZodValidationPipe(scheduleCampaignRequestSchema)) body: z.output<typeof scheduleCampaignRequestSchema>): Promise<Campaign> {
    return this.campaigns.schedule(id, body.at ?? null);
  }

  @Post(':id/pause')
  @HttpCode(HttpStatus.OK)
  pause(@Param('id', new ParseUUIDPipe()) id: string): Promise<Campaign> {
    return this.campaigns.pause(id);
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  resume(@Param('id', new ParseUUIDPipe()) id: string): Promise<Campaign> {
    return this.campaigns.resume(id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  cancel(@Param('id', new ParseUUIDPipe()) id: string): Promise<Campaign> {
    return this.campaigns.cancel(id);
  }

  @Get(':id/invitations')
  @Roles(...ALL_ROLES)
  @ApiZodQuery(invitationListQuerySchema)
  invitations(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query(new ZodValidationPipe(invitationListQuerySchema)) query: z.output<typeof invitationListQuerySchema>,
  ): Promise<Page<Invitation>> {
    return this.campaigns.invitations(id, query);
  }
}
