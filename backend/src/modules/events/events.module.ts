import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';

@Module({ controllers: [EventsController, MaterialsController], providers: [EventsService, MaterialsService] })
export class EventsModule {}
