import { Module } from '@nestjs/common';
import { ErasureService } from './erasure.service';
import { PeopleService } from './people.service';
import { PrivacyController } from './privacy.controller';
import { SuppressionsService } from './suppressions.service';

@Module({ controllers: [PrivacyController], providers: [SuppressionsService, PeopleService, ErasureService] })
export class PrivacyModule {}
