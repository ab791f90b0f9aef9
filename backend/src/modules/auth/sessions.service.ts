import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { SessionUser } from '@fulcrum/shared';
import { SessionEntity } from './session.entity';
import { hashToken, newToken } from './password';

export const SESSION_COOKIE = 'fulcrum_session';
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
/** Sliding expiry is refreshed at most this often, to keep reads cheap. */
const REFRESH_AFTER_MS = 3600 * 1000;

@Injectable()
export class SessionsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(userId: string, ip: string | null, userAgent: string | null): Promise<string> {
    const { token, hash } = newToken();
    const now = new Date();
    await this.db.getRepository(SessionEntity).insert({
      tokenHash: hash,
      userId,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
      lastSeenAt: now,
      ip,
      userAgent: userAgent?.slice(0, 500) ?? null,
    });
    return token;
  }

  /** The signed-in user behind a cookie token, or null if unknown, expired or disabled. One query. */
  async resolve(token: string | undefined): Promise<{ user: SessionUser; tokenHash: string } | null> {
    if (!token || token.length > 100) return null;
    const tokenHash = hashToken(token);
    const rows: Array<SessionUser & { last_seen_at: Date }> = await this.db.query(
      `SELECT u.id, u.email, u.name, u.role, u.locale, s.last_seen_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    const now = Date.now();
    if (now - row.last_seen_at.getTime() > REFRESH_AFTER_MS) {
      await this.db
        .getRepository(SessionEntity)
        .update({ tokenHash }, { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_TTL_MS) });
    }
    return { user: { id: row.id, email: row.email, name: row.name, role: row.role, locale: row.locale }, tokenHash };
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.db.getRepository(SessionEntity).delete({ tokenHash });
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.db.getRepository(SessionEntity).delete({ userId });
  }
}
