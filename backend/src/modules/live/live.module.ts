import { Module } from '@nestjs/common';
import { EventChangesListener } from './event-changes.listener';
import { LiveRoomService } from './live-room.service';
import { LiveGateway } from './live.gateway';
import { QaGateway } from './qa.gateway';
import { QaService } from './qa.service';

@Module({
  providers: [LiveGateway, QaGateway, LiveRoomService, QaService, EventChangesListener],
  exports: [LiveGateway],
})
export class LiveModule {}
