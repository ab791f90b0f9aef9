import { Module } from '@nestjs/common';
import { EngagementController } from './engagement.controller';
import { EngagementService } from './engagement.service';
import { PublicEngagementController } from './public-engagement.controller';

/** Material downloads, calls to action and the end-of-event survey (console summary and registrant endpoints). */
@Module({ controllers: [EngagementController, PublicEngagementController], providers: [EngagementService] })
export class EngagementModule {}
