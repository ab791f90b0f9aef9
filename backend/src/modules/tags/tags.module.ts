import { Module } from '@nestjs/common';
import { RecordTagsController } from './record-tags.controller';
import { TagsController } from './tags.controller';
import { TagsService } from './tags.service';

@Module({ controllers: [TagsController, RecordTagsController], providers: [TagsService], exports: [TagsService] })
export class TagsModule {}
