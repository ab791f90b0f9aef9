import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppException } from 'common/app-exception';
import { PasswordTokenEntity, type PasswordTokenPurpose } from './password-token.entity';
import { hashToken, newToken } from './password';

export const TOKEN_TTL_MS: Record<PasswordTokenPurpose, number> = {
  reset: 60 * 60 * 1000,
  invite: 7 * 24 * 3600 * 1000,
};

/** One-time links that let a user choose a password (reset, or first password after an invitation). */
@Injectable()
export class PasswordTokensService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async issue(userId: string, purpose: PasswordTokenPurpose, manager: EntityManager = this.db.manager): Promise<{ token: string; hash: string }> {
    const issued = newToken();
    await manager.getRepository(PasswordTokenEntity).insert({
      tokenHash: issued.hash,
      userId,
      purpose,
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
    });
    return issued;
  }

  /** Marks the token used (inside the caller's transaction) and returns its user. */
  async consume(token: string, manager: EntityManager): Promise<string> {
    const row = await manager
      .getRepository(PasswordTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :hash', { hash: hashToken(token) })
      .getOne();
    if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) {
      throw new AppException(HttpStatus.BAD_REQUEST, 'auth.reset_token_invalid', 'This link is invalid, already used or expired. Ask for a new one.');
    }
    await manager.getRepository(PasswordTokenEntity).update({ tokenHash: row.tokenHash }, { usedAt: new Date() });
    return row.userId;
  }
}
