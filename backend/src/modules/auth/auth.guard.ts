import { type CanActivate, type ExecutionContext, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { UserRole } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from 'common/auth.decorators';
import { SESSION_COOKIE, SessionsService } from './sessions.service';

/**
 * Global guard: a route is reachable only if it is @Public or names its @Roles and the
 * session's user has one of them. A route that declares neither is refused (fail closed).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('AuthGuard');

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.error(`${context.getClass().name}.${context.getHandler().name} declares neither @Roles nor @Public; refused`);
      throw new AppException(HttpStatus.FORBIDDEN, 'auth.forbidden', 'This route is not open to any role');
    }
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const session = await this.sessions.resolve(request.cookies?.[SESSION_COOKIE]);
    if (!session) throw new AppException(HttpStatus.UNAUTHORIZED, 'auth.unauthenticated', 'Sign in to continue (no session, or it expired)');
    if (!roles.includes(session.user.role)) {
      throw new AppException(HttpStatus.FORBIDDEN, 'auth.forbidden', `This needs the role ${roles.join(' or ')}; you are ${session.user.role}`);
    }
    request.user = session.user;
    request.sessionTokenHash = session.tokenHash;
    return true;
  }
}
