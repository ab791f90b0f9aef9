import { z } from 'zod';
import path from 'node:path';

const urlWithProtocols = (name: string, protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** The one environment schema. Every variable Fulcrum reads is here. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.preprocess(emptyToUndefined, urlWithProtocols('PUBLIC_URL', ['http:', 'https:']).optional()),
  DATA_DIR: z.string().default('.fulcrum'),
  DATABASE_URL: z.preprocess(emptyToUndefined, urlWithProtocols('DATABASE_URL', ['postgres:', 'postgresql:']).optional()),
  REDIS_URL: z.preprocess(emptyToUndefined, urlWithProtocols('REDIS_URL', ['redis:', 'rediss:']).optional()),
  SMTP_URL: z.preprocess(emptyToUndefined, urlWithProtocols('SMTP_URL', ['smtp:', 'smtps:']).optional()),
  MAIL_FROM: z.string().trim().min(3).default('Fulcrum <no-reply@fulcrum.local>'),
  JWT_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional()),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  FRONTEND_DIST: z.preprocess(emptyToUndefined, z.string().optional()),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/i, 'QUEUE_PREFIX may hold letters, digits, _ and - (at most 40)').default('fulcrum'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  DEMO: z.preprocess(emptyToUndefined, z.enum(['load', 'off']).optional()),
});

export type Env = z.infer<typeof envSchema>;
export type Role = Env['ROLE'];

export interface AppConfig extends Env {
  /** DATA_DIR resolved to an absolute path. */
  dataDir: string;
  /** PUBLIC_URL, or http://localhost:PORT. No trailing slash. */
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const value = source[name];
        return `${name}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(value)})`}`;
      }),
    );
  }
  const env = parsed.data;
  // Several processes sharing one external database must share the key; a single embedded
  // installation keeps a generated one in DATA_DIR.
  if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required when NODE_ENV=production with DATABASE_URL (at least 32 random characters, the same for every process)']);
  }
  return {
    ...env,
    dataDir: path.resolve(env.DATA_DIR),
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
  };
}
