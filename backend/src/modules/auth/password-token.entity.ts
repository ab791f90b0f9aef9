import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type PasswordTokenPurpose = 'reset' | 'invite';

/** One-time token of a password reset or invitation link. Only its SHA-256 is stored. */
@Entity({ name: 'password_tokens' })
export class PasswordTokenEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  purpose: PasswordTokenPurpose;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
