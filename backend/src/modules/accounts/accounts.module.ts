import { Module } from '@nestjs/common';
import { CompaniesController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';
import { MergesController } from './merges.controller';
import { MergesService } from './merges.service';

@Module({
  controllers: [CompaniesController, ContactsController, MergesController],
  providers: [CompaniesService, ContactsService, MergesService],
})
export class AccountsModule {}
