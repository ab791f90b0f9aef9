import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { CreateUserRequest, SessionUser, UpdateUserRequest, User, UserRole } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { hashPassword } from 'modules/auth/password';
import { PasswordTokensService, TOKEN_TTL_MS } from 'modules/auth/password-tokens.service';
import { SessionsService } from 'modules/auth/sessions.service';
import { MailService } from 'modules/mail/mail.service';
import { RuntimeContext } from 'runtime-context';
import { UserEntity } from './user.entity';
import { toUser } from './user.mapping';

const ROLE_LABELS: Record<'en' | 'zh-CN', Record<UserRole, string>> = {
  en: { admin: 'administrator', organizer: 'organizer', sales: 'sales' },
  'zh-CN': { admin: '管理员', organizer: '活动组织者', sales: '销售' },
};

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly tokens: PasswordTokensService,
    private readonly sessions: SessionsService,
    private readonly mail: MailService,
    private readonly runtime: RuntimeContext,
  ) {}

  async list(): Promise<User[]> {
    const users = await this.db.getRepository(UserEntity).find({ order: { createdAt: 'ASC' } });
    return users.map(toUser);
  }

  async create(request: CreateUserRequest & { locale: 'zh-CN' | 'en' }, actor: SessionUser): Promise<User> {
    let mailId: string | null = null;
    const user = await this.db.transaction(async (manager) => {
      await this.assertEmailFree(request.email, manager);
      const created = await manager.getRepository(UserEntity).save(
        manager.getRepository(UserEntity).create({
          email: request.email,
          name: request.name,
          role: request.role,
          locale: request.locale,
          passwordHash: request.password ? await hashPassword(request.password) : null,
        }),
      );
      await this.audit.record({ actorUserId: actor.id, action: 'user.created', subjectType: 'user', subjectId: created.id, data: { role: created.role } }, manager);
      if (!request.password) {
        const { token, hash } = await this.tokens.issue(created.id, 'invite', manager);
        mailId = await this.mail.queue(
          {
            template: 'user-invite',
            to: created.email,
            locale: created.locale,
            dedupeKey: `user-invite:${hash}`,
            context: {
              name: created.name,
              invitedBy: actor.name,
              roleLabel: ROLE_LABELS[created.locale][created.role],
              setPasswordUrl: `${this.runtime.config.publicUrl}/reset-password?token=${token}`,
              expiresInDays: TOKEN_TTL_MS.invite / (24 * 3600 * 1000),
            },
          },
          manager,
        );
      }
      return created;
    });
    if (mailId) await this.mail.enqueue(mailId);
    return toUser(user);
  }

  async update(id: string, request: UpdateUserRequest, actor: SessionUser): Promise<User> {
    const user = await this.db.transaction(async (manager) => {
      const repository = manager.getRepository(UserEntity);
      const existing = await repository.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!existing) throw new AppException(HttpStatus.NOT_FOUND, 'users.not_found', `No user ${id}`);
      const losesAdmin = existing.role === 'admin' && ((request.role && request.role !== 'admin') || request.disabled === true);
      if (losesAdmin) {
        // Lock every admin row so two concurrent demotions cannot both pass the check.
        const admins = await repository.find({ where: { role: 'admin', disabled: false }, lock: { mode: 'pessimistic_write' } });
        if (admins.length <= 1) {
          throw new AppException(HttpStatus.CONFLICT, 'users.last_admin', 'This is the only active administrator; make another user an administrator first.');
        }
      }
      Object.assign(existing, Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)));
      const saved = await repository.save(existing);
      await this.audit.record({ actorUserId: actor.id, action: 'user.updated', subjectType: 'user', subjectId: id, data: request }, manager);
      return saved;
    });
    if (user.disabled) await this.sessions.revokeAllOf(user.id);
    return toUser(user);
  }

  private async assertEmailFree(email: string, manager: EntityManager): Promise<void> {
    if (await manager.getRepository(UserEntity).existsBy({ email })) {
      throw new AppException(HttpStatus.CONFLICT, 'users.email_taken', `A user with email ${email} already exists`, [{ path: 'email', message: 'This email is already in use' }]);
    }
  }
}
