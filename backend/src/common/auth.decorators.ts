import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { SessionUser, UserRole } from '@fulcrum/shared';

export const ROLES_KEY = 'fulcrum:roles';
export const PUBLIC_KEY = 'fulcrum:public';

/** Roles allowed on a route or controller. Routes without @Roles or @Public are refused. */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES_KEY, roles);
export const ALL_ROLES: UserRole[] = ['admin', 'organizer', 'sales'];
/** Open to anyone, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest {
  user?: SessionUser;
  sessionTokenHash?: string;
}

export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): SessionUser => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.user) throw new Error('CurrentUser used on a route without authentication');
  return request.user;
});
