import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  setupRequestSchema,
  signInRequestSchema,
  updateMeRequestSchema,
  type PasswordResetConfirm,
  type PasswordResetRequest,
  type SessionUser,
  type SetupStatus,
  type SignInRequest,
  type UpdateMeRequest,
} from '@fulcrum/shared';
import type { z } from 'zod';
import { ALL_ROLES, CurrentUser, Public, Roles, type AuthenticatedRequest } from 'common/auth.decorators';
import { ZodValidationPipe } from 'common/zod-validation.pipe';
import { ApiZodBody } from 'common/zod-openapi';
import { DemoService } from 'modules/demo/demo.service';
import { RuntimeContext } from 'runtime-context';
import { AuthService, type ClientInfo } from './auth.service';
import { SESSION_COOKIE, SESSION_TTL_MS, SessionsService } from './sessions.service';

function clientOf(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

@ApiTags('auth')
@Controller('v1')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly demo: DemoService,
    private readonly runtime: RuntimeContext,
  ) {}

  @Public()
  @Get('setup')
  setupStatus(): Promise<SetupStatus> {
    return this.auth.setupStatus();
  }

  @Public()
  @Post('setup')
  @ApiZodBody(setupRequestSchema)
  async setup(
    @Body(new ZodValidationPipe(setupRequestSchema)) body: z.output<typeof setupRequestSchema>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionUser> {
    const { user, token } = await this.auth.setup(body, clientOf(request));
    this.setSessionCookie(reply, token);
    if (body.loadDemo) await this.demo.start({ companies: 3000, seed: 42 });
    return user;
  }

  @Public()
  @Post('auth/sign-in')
  @ApiZodBody(signInRequestSchema)
  @HttpCode(HttpStatus.OK)
  async signIn(
    @Body(new ZodValidationPipe(signInRequestSchema)) body: SignInRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionUser> {
    const { user, token } = await this.auth.signIn(body.email, body.password, clientOf(request));
    this.setSessionCookie(reply, token);
    return user;
  }

  @Roles(...ALL_ROLES)
  @Post('auth/sign-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  async signOut(@Req() request: FastifyRequest & AuthenticatedRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    if (request.sessionTokenHash) await this.sessions.revoke(request.sessionTokenHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Roles(...ALL_ROLES)
  @Get('auth/me')
  me(@CurrentUser() user: SessionUser): SessionUser {
    return user;
  }

  @Roles(...ALL_ROLES)
  @Patch('auth/me')
  @ApiZodBody(updateMeRequestSchema)
  updateMe(@CurrentUser() user: SessionUser, @Body(new ZodValidationPipe(updateMeRequestSchema)) body: UpdateMeRequest): Promise<SessionUser> {
    return this.auth.updateMe(user.id, body);
  }

  @Public()
  @Post('auth/password-reset/request')
  @ApiZodBody(passwordResetRequestSchema)
  @HttpCode(HttpStatus.ACCEPTED)
  async requestReset(@Body(new ZodValidationPipe(passwordResetRequestSchema)) body: PasswordResetRequest): Promise<{ accepted: true }> {
    await this.auth.requestPasswordReset(body.email);
    return { accepted: true };
  }

  @Public()
  @Post('auth/password-reset/confirm')
  @ApiZodBody(passwordResetConfirmSchema)
  @HttpCode(HttpStatus.NO_CONTENT)
  async confirmReset(@Body(new ZodValidationPipe(passwordResetConfirmSchema)) body: PasswordResetConfirm): Promise<void> {
    await this.auth.confirmPasswordReset(body.token, body.password);
  }

  private setSessionCookie(reply: FastifyReply, token: string): void {
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.runtime.config.publicUrl.startsWith('https://'),
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
  }
}
