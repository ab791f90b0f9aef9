import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DemoModule } from 'modules/demo/demo.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { PasswordTokensService } from './password-tokens.service';
import { SessionsService } from './sessions.service';
import { SignInThrottleService } from './sign-in-throttle.service';

@Global()
@Module({
  imports: [DemoModule],
  controllers: [AuthController],
  providers: [AuthService, SessionsService, SignInThrottleService, PasswordTokensService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [SessionsService, PasswordTokensService],
})
export class AuthModule {}
