import { Module } from '@nestjs/common';
import { EventChangesListener } from './event-changes.listener';
import { LiveRoomService } from './live-room.service';
import { LiveGateway } from './live.gateway';
import { QaService } from './qa.service';

@Module({ providers: [LiveGateway, LiveRoomService, QaService, EventChangesListener] })
export class LiveModule {}
