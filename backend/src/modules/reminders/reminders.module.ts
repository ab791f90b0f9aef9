import { Module } from '@nestjs/common';
import { RegistrationMail } from 'modules/registrations/registration-mail';
import { RemindersService } from './reminders.service';
import { RemindersSweeper } from './reminders.sweeper';

/** Loaded by api and worker processes; only workers sweep. */
@Module({ providers: [RemindersService, RemindersSweeper, RegistrationMail], exports: [RemindersService] })
export class RemindersModule {}
