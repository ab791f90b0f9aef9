import { Module } from '@nestjs/common';
import { CampaignRenderer } from './campaign-renderer';
import { CampaignSender } from './campaign-sender';
import { CampaignsController } from './campaigns.controller';
import { CampaignsService } from './campaigns.service';
import { CampaignsSweeper } from './campaigns.sweeper';
import { TrackingController } from './tracking.controller';
import { TrackingService } from './tracking.service';

/** Loaded by api and worker processes: workers send (the `campaign.send` lanes) and sweep. */
@Module({
  controllers: [CampaignsController, TrackingController],
  providers: [CampaignsService, CampaignRenderer, CampaignSender, CampaignsSweeper, TrackingService],
})
export class CampaignsModule {}
