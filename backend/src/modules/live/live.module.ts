import { Module } from '@nestjs/common';
import { LiveRoomService } from './live-room.service';
import { LiveGateway } from './live.gateway';

@Module({ providers: [LiveGateway, LiveRoomService] })
export class LiveModule {}
