import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EngagementSummary } from '@fulcrum/shared';
import { ALL_ROLES, Roles } from 'common/auth.decorators';
import { EngagementService } from './engagement.service';

@ApiTags('events')
@Controller('v1/events/:id/engagement')
@Roles(...ALL_ROLES)
export class EngagementController {
  constructor(private readonly engagement: EngagementService) {}

  /** Downloads per material, clicks per button, survey responses by question. */
  @Get()
  summary(@Param('id', new ParseUUIDPipe()) id: string): Promise<EngagementSummary> {
    return this.engagement.summary(id);
  }
}
