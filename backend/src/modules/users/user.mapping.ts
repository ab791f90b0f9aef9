import type { SessionUser, User } from '@fulcrum/shared';
import type { UserEntity } from './user.entity';

export function toSessionUser(user: UserEntity): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale };
}

export function toUser(user: UserEntity): User {
  return {
    ...toSessionUser(user),
    disabled: user.disabled,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
