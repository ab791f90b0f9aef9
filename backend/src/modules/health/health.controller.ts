import { Controller, Get, HttpStatus, type OnModuleDestroy, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import type { Health } from '@fulcrum/shared';
import { Public } from 'common/auth.decorators';
import { JobsService } from 'queue/jobs.service';
import { RuntimeContext } from 'runtime-context';

const VERSION = '0.1.0';

async function timed<T>(probe: () => Promise<T>): Promise<{ ok: boolean; latencyMs: number | null; error?: string; value?: T }> {
  const started = performance.now();
  try {
    const value = await probe();
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 10) / 10, value };
  } catch (error) {
    return { ok: false, latencyMs: null, error: (error as Error).message };
  }
}

/** Liveness and dependencies: 200 when all is well, 503 (same body) when something is down. */
@ApiTags('system')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private redis?: Redis;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobsService,
    private readonly runtime: RuntimeContext,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<Health> {
    const { config } = this.runtime;
    const database = await timed(() => this.db.query('SELECT 1'));
    const redis = config.REDIS_URL ? await timed(() => this.redisClient(config.REDIS_URL as string).ping()) : null;
    const queue = await timed(() => this.jobs.counts());
    const ok = database.ok && (redis?.ok ?? true) && queue.ok;
    reply.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ok ? 'ok' : 'degraded',
      version: VERSION,
      role: config.ROLE,
      uptimeSeconds: Math.round(process.uptime()),
      database: { ok: database.ok, mode: this.runtime.databaseMode, latencyMs: database.latencyMs, ...(database.error ? { error: database.error } : {}) },
      redis: redis ? { ok: redis.ok, latencyMs: redis.latencyMs, ...(redis.error ? { error: redis.error } : {}) } : null,
      queue: { ok: queue.ok, backend: this.runtime.queue.backend, counts: queue.value ?? {}, ...(queue.error ? { error: queue.error } : {}) },
      mail: { transport: config.SMTP_URL ? 'smtp' : 'outbox' },
    };
  }

  onModuleDestroy(): void {
    this.redis?.disconnect();
  }

  private redisClient(url: string): Redis {
    this.redis ??= new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    return this.redis;
  }
}
