import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser, SetupStatus, UpdateMeRequest } from '@fulcrum/shared';
import { AppException } from 'common/app-exception';
import { AuditService } from 'modules/audit/audit.service';
import { MailService } from 'modules/mail/mail.service';
import { UserEntity } from 'modules/users/user.entity';
import { toSessionUser } from 'modules/users/user.mapping';
import { RuntimeContext } from 'runtime-context';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { PasswordTokensService, TOKEN_TTL_MS } from './password-tokens.service';
import { SessionsService } from './sessions.service';
import { SignInThrottleService } from './sign-in-throttle.service';

const SETUP_LOCK = 7_316_002;

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly sessions: SessionsService,
    private readonly throttle: SignInThrottleService,
    private readonly tokens: PasswordTokensService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly runtime: RuntimeContext,
  ) {}

  async setupStatus(): Promise<SetupStatus> {
    // Setup is done once an administrator exists (demo data adds sales users without a password).
    const admins = await this.db.getRepository(UserEntity).countBy({ role: 'admin' });
    return { needsSetup: admins === 0, demoAvailable: true };
  }

  /** Creates the first administrator. Only ever succeeds once, even under concurrent requests. */
  async setup(request: { email: string; name: string; password: string; locale: 'zh-CN' | 'en' }, client: ClientInfo): Promise<{ user: SessionUser; token: string }> {
    const passwordHash = await hashPassword(request.password);
    const user = await this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      if ((await manager.getRepository(UserEntity).countBy({ role: 'admin' })) > 0) {
        throw new AppException(HttpStatus.CONFLICT, 'setup.already_done', 'Fulcrum is already set up. Sign in instead.');
      }
      const created = await manager.getRepository(UserEntity).save(
        manager.getRepository(UserEntity).create({ email: request.email, name: request.name, role: 'admin', locale: request.locale, passwordHash, lastSignInAt: new Date() }),
      );
      await this.audit.record({ actorUserId: created.id, action: 'setup.completed', subjectType: 'user', subjectId: created.id }, manager);
      return created;
    });
    const token = await this.sessions.create(user.id, client.ip, client.userAgent);
    return { user: toSessionUser(user), token };
  }

  async signIn(email: string, password: string, client: ClientInfo): Promise<{ user: SessionUser; token: string }> {
    await this.throttle.assertAllowed(email, client.ip);
    const user = await this.db.getRepository(UserEntity).findOneBy({ email });
    const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !user.passwordHash || !valid) {
      await this.throttle.recordFailure(email, client.ip);
      throw new AppException(HttpStatus.UNAUTHORIZED, 'auth.invalid_credentials', 'Wrong email or password');
    }
    if (user.disabled) {
      throw new AppException(HttpStatus.FORBIDDEN, 'auth.account_disabled', 'This account is disabled. Ask an administrator to enable it.');
    }
    await this.throttle.recordSuccess(email);
    await this.db.getRepository(UserEntity).update({ id: user.id }, { lastSignInAt: new Date() });
    const token = await this.sessions.create(user.id, client.ip, client.userAgent);
    return { user: toSessionUser(user), token };
  }

  async updateMe(userId: string, request: UpdateMeRequest): Promise<SessionUser> {
    const repository = this.db.getRepository(UserEntity);
    const changes = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
    if (Object.keys(changes).length) await repository.update({ id: userId }, changes);
    return toSessionUser(await repository.findOneByOrFail({ id: userId }));
  }

  /** Always succeeds from the caller's view, so it never reveals which emails have accounts. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ email });
    if (!user || user.disabled) return;
    let mailId: string | null = null;
    await this.db.transaction(async (manager) => {
      const { token, hash } = await this.tokens.issue(user.id, 'reset', manager);
      mailId = await this.mail.queue(
        {
          template: 'password-reset',
          to: user.email,
          locale: user.locale,
          dedupeKey: `password-reset:${hash}`,
          context: {
            name: user.name,
            resetUrl: `${this.runtime.config.publicUrl}/reset-password?token=${token}`,
            expiresInMinutes: TOKEN_TTL_MS.reset / 60_000,
          },
        },
        manager,
      );
    });
    if (mailId) await this.mail.enqueue(mailId);
  }

  /** Sets the new password, uses up the link, and signs the user out everywhere. */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const passwordHash = await hashPassword(password);
    const userId = await this.db.transaction(async (manager) => {
      const id = await this.tokens.consume(token, manager);
      await manager.getRepository(UserEntity).update({ id }, { passwordHash });
      await this.audit.record({ actorUserId: id, action: 'user.password_set', subjectType: 'user', subjectId: id }, manager);
      return id;
    });
    await this.sessions.revokeAllOf(userId);
  }
}
