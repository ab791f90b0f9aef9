import { Module } from '@nestjs/common';
import { EventChangesListener } from './event-changes.listener';
import { LiveRoomService } from './live-room.service';
import { LiveGateway } from './live.gateway';
import { LiveSweepModule } from './live-sweeper';
import { QaGateway } from './qa.gateway';
import { QaService } from './qa.service';
import { PollsGateway } from './polls.gateway';
import { PollsService } from './polls.service';
import { ChatGateway } from './chat.gateway';
import { ChatService } from './chat.service';
import { OnsiteCheckInController } from './onsite-checkin.controller';
import { OnsiteCheckInService } from './onsite-checkin.service';

@Module({
  imports: [LiveSweepModule],
  controllers: [OnsiteCheckInController],
  providers: [LiveGateway, QaGateway, PollsGateway, LiveRoomService, QaService, PollsService, ChatGateway, ChatService, EventChangesListener, OnsiteCheckInService],
  exports: [LiveGateway],
})
export class LiveModule {}
