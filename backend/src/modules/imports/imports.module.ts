import { Module } from '@nestjs/common';
import { ImportJob } from './import-job';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({ controllers: [ImportsController], providers: [ImportsService, ImportJob] })
export class ImportsModule {}
