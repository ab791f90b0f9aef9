import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from 'common/app-exception';

const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { email: 5, ip: 30 } as const;

/**
 * Failed sign-ins counted per email and per client address in the database (so several api
 * processes share the count). Past the limit, sign-in is refused until the window ends.
 */
@Injectable()
export class SignInThrottleService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const rows: Array<{ locked_until: Date | null }> = await this.db.query(
      `SELECT locked_until FROM sign_in_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [[`email:${email}`, `ip:${ip}`]],
    );
    const until = rows.map((row) => row.locked_until?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
    if (until > Date.now()) {
      const seconds = Math.ceil((until - Date.now()) / 1000);
      throw new AppException(
        HttpStatus.TOO_MANY_REQUESTS,
        'auth.throttled',
        `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} minute(s) or reset your password.`,
      );
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    for (const [key, limit] of [[`email:${email}`, LIMITS.email], [`ip:${ip}`, LIMITS.ip]] as const) {
      await this.db.query(
        `INSERT INTO sign_in_throttle (key, failures, window_started_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN sign_in_throttle.window_started_at < now() - $2::interval THEN 1 ELSE sign_in_throttle.failures + 1 END,
           window_started_at = CASE WHEN sign_in_throttle.window_started_at < now() - $2::interval THEN now() ELSE sign_in_throttle.window_started_at END,
           locked_until = CASE
             WHEN sign_in_throttle.window_started_at >= now() - $2::interval AND sign_in_throttle.failures + 1 >= $3
             THEN now() + $2::interval ELSE sign_in_throttle.locked_until END`,
        [key, `${WINDOW_MS / 1000} seconds`, limit],
      );
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_throttle WHERE key = $1`, [`email:${email}`]);
  }
}
