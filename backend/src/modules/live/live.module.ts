import { Module } from '@nestjs/common';
import { LiveRoomService } from './live-room.service';
import { LiveGateway } from './live.gateway';
import { QaService } from './qa.service';

@Module({ providers: [LiveGateway, LiveRoomService, QaService] })
export class LiveModule {}
