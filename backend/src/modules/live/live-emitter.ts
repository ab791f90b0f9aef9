import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type Redis from 'ioredis';
import { LIVE_NAMESPACE, type LiveServerToClientEvents } from '@fulcrum/shared';
import { RuntimeContext } from 'runtime-context';
import { liveBroadcastKey, livePublisher } from './live-adapter';
import type { LiveNamespace } from './live-sockets';

/**
 * Broadcasts to the live room from any process. On an api process the gateway attaches its namespace
 * and broadcasts go through it (with REDIS_URL, its Redis adapter carries them to the other api
 * processes). A worker has no sockets: with REDIS_URL it publishes through socket.io's Redis emitter,
 * which every api process hears. A worker without Redis (jobs on PostgreSQL, ROLE=worker apart from
 * the api) cannot reach clients: its broadcasts are dropped, and clients see the change with the next
 * update the api sends (for the live numbers, the next stats update of the event).
 */
@Injectable()
export class LiveEmitter implements OnApplicationShutdown {
  private readonly logger = new Logger('LiveEmitter');
  private local?: LiveNamespace;
  private redis?: Redis;
  private emitter?: Emitter<LiveServerToClientEvents>;
  private warned = false;

  constructor(private readonly runtime: RuntimeContext) {}

  /** The api process's `/live` namespace (LiveGateway): broadcasts from this process go through it. */
  attach(namespace: LiveNamespace): void {
    this.local = namespace;
  }

  /** Sends `event` to every socket in `room`, on whichever process it is connected. */
  emit<E extends keyof LiveServerToClientEvents & string>(room: string, event: E, ...args: Parameters<LiveServerToClientEvents[E]>): void {
    if (this.local) {
      (this.local.to(room).emit as (event: E, ...args: Parameters<LiveServerToClientEvents[E]>) => boolean)(event, ...args);
      return;
    }
    const emitter = this.redisEmitter();
    if (emitter) {
      (emitter.to(room).emit as (event: E, ...args: Parameters<LiveServerToClientEvents[E]>) => boolean)(event, ...args);
    } else if (!this.warned) {
      this.warned = true;
      this.logger.warn('this worker has no Redis (REDIS_URL) and no sockets: its live broadcasts reach no client');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }

  /** Connected on first use, so api processes (which broadcast through their namespace) hold no extra client. */
  private redisEmitter(): Emitter<LiveServerToClientEvents> | undefined {
    const url = this.runtime.config.REDIS_URL;
    if (!url) return undefined;
    if (!this.emitter) {
      this.redis = livePublisher(url, this.logger);
      this.emitter = new Emitter<LiveServerToClientEvents>(this.redis, { key: liveBroadcastKey(this.runtime) }).of(LIVE_NAMESPACE);
    }
    return this.emitter;
  }
}
