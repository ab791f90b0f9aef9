import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { surveyAnswersRequestSchema, type CtaClickResult, type SurveyAnswersRequest, type SurveyState } from '@fulcrum/shared';
import { Public } from 'common/auth.decorators';
import { ApiZodBody } from 'common/zod-openapi';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { sendMaterial } from 'modules/events/send-material';
import { EngagementService } from './engagement.service';

/** What a registrant does with the event, by their personal token (seat holders only). */
@ApiTags('public')
@Controller('v1/public/registrations/:token')
@Public()
export class PublicEngagementController {
  constructor(private readonly engagement: EngagementService) {}

  /** Records the download, then sends the file with the console download's headers (never shown inline as a page). */
  @Get('materials/:id/file')
  async download(@Param('token') token: string, @Param('id') id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.engagement.download(token, id);
    await sendMaterial(reply, file, 'private, no-store');
  }

  /** Records the click and returns the button's address for the page to open. */
  @Post('cta/:ctaId')
  @HttpCode(HttpStatus.OK)
  cta(@Param('token') token: string, @Param('ctaId') ctaId: string): Promise<CtaClickResult> {
    return this.engagement.clickCta(token, ctaId);
  }

  @Get('survey')
  survey(@Param('token') token: string): Promise<SurveyState> {
    return this.engagement.survey(token);
  }

  @Put('survey')
  @ApiZodBody(surveyAnswersRequestSchema)
  answer(@Param('token') token: string, @Body(new ZodValidationPipe(surveyAnswersRequestSchema)) body: SurveyAnswersRequest): Promise<SurveyState> {
    return this.engagement.answerSurvey(token, body.answers);
  }
}
