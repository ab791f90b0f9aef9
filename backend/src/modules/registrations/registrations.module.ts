import { Module } from '@nestjs/common';
import { PublicRegistrationsController } from './public-registrations.controller';
import { RegistrationMail } from './registration-mail';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';

@Module({ controllers: [PublicRegistrationsController, RegistrationsController], providers: [RegistrationsService, RegistrationMail] })
export class RegistrationsModule {}
