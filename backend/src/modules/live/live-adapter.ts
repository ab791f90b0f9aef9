import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import { WebSocketsController } from '@nestjs/websockets/web-sockets-controller';
import { createAdapter, RedisAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { from, mergeAll, type Observable } from 'rxjs';
import type { Namespace, Server, ServerOptions } from 'socket.io';
import type { RuntimeContext } from 'runtime-context';

/**
 * The Redis channel prefix of live broadcasts: per installation (QUEUE_PREFIX), so two installations
 * sharing one Redis do not hear each other. The worker's emitter (LiveEmitter) uses the same key.
 */
export const liveBroadcastKey = (runtime: RuntimeContext) => `${runtime.config.QUEUE_PREFIX}:socket.io`;

/**
 * A Redis client whose PUBLISH never rejects. The adapter and the emitter publish without handling
 * the promise, so a publish that fails while Redis is away (ioredis gives up on a queued command after
 * `maxRetriesPerRequest` reconnection attempts) would be an unhandled rejection, which ends the process.
 * While Redis is away, publishes wait in ioredis's offline queue and go out when it is back; one that
 * gives up is logged and lost for the other processes (their clients catch up by the resync below).
 */
export function livePublisher(url: string, logger: Logger): Redis {
  const client = new Redis(url);
  client.on('error', (error: Error) => logger.debug(`Redis (live publish): ${error.message}`));
  const publish = client.publish.bind(client) as (channel: string, message: string | Buffer) => Promise<number>;
  Object.assign(client, {
    publish: (channel: string, message: string | Buffer) =>
      publish(channel, message).catch((error: Error) => {
        logger.warn(`a live broadcast did not reach the other processes: ${error.message}`);
        return 0;
      }),
  });
  return client;
}

/** A socket of the socket.io Nest serves with (its own copy of the package). */
type NestSocket = Parameters<IoAdapter['bindMessageHandlers']>[0];

/** A gateway's message handlers by message, and Nest's transform of their results. */
interface GatewayHandlers {
  byMessage: Map<string, MessageMappingProperties>;
  transform: (data: unknown) => Observable<unknown>;
}

/**
 * Nest gives each socket its own copy of every message handler of every gateway, bound to the socket
 * (`WebSocketsController.subscribeMessages`: `callback.bind(instance, client)`, one function, object
 * and argument list per handler and socket) before the adapter sees them: with the `/live` gateways'
 * 34 handlers about 3.5 KB per connection that nothing needs (`npm run bench -- fanout`, heap
 * snapshots). Installed once, this makes each gateway's handler table once and lets LiveAdapter bind
 * one listener per socket that calls the handler with the socket — the same call Nest's bound copy
 * makes. Nest's internals are version-bound: when the method is not there, Nest's own way is kept.
 */
export function shareGatewayHandlers(logger: Logger): void {
  const controller = WebSocketsController.prototype as unknown as {
    subscribeMessages?: (subscribersMap: MessageMappingProperties[], client: NestSocket, instance: object) => void;
    pickResult?: (deferred: Promise<unknown>) => Promise<Observable<unknown>>;
    config?: { getIoAdapter(): unknown };
    __fulcrumShared?: boolean;
  };
  if (controller.__fulcrumShared) return;
  const original = controller.subscribeMessages;
  if (typeof original !== 'function' || typeof controller.pickResult !== 'function') {
    logger.warn('Nest has no WebSocketsController.subscribeMessages: gateway handlers are bound per socket');
    return;
  }
  const tables = new WeakMap<MessageMappingProperties[], GatewayHandlers & { instance: object }>();
  controller.subscribeMessages = function (this: typeof controller, subscribersMap, client, instance) {
    const adapter = this.config?.getIoAdapter();
    if (!(adapter instanceof LiveAdapter)) return original.call(this, subscribersMap, client, instance);
    let table = tables.get(subscribersMap);
    if (!table) {
      const pickResult = this.pickResult!.bind(this);
      table = {
        instance,
        byMessage: new Map(subscribersMap.map((handler) => [handler.message as string, handler])),
        transform: (data) => from(pickResult(data as Promise<unknown>)).pipe(mergeAll()),
      };
      tables.set(subscribersMap, table);
    }
    adapter.bindSharedHandlers(client, table);
  };
  controller.__fulcrumShared = true;
}

/**
 * Nest's socket.io adapter, plus — when REDIS_URL is set — socket.io's Redis adapter, so several api
 * processes serve one event: a broadcast to a room reaches the room's sockets on every process, and the
 * worker reaches them through the Redis emitter. Without Redis (the embedded default: one process)
 * socket.io's in-memory adapter is kept. A connection must stay on one process for its life: the pages
 * start with HTTP long-polling, so a proxy in front of several api processes must be sticky
 * (docker/nginx.conf hashes the client address), unless clients connect WebSocket-only. It also binds
 * the gateways' message handlers to each socket more leanly than Nest does (`bindMessageHandlers`).
 */
export class LiveAdapter extends IoAdapter {
  private readonly logger = new Logger('LiveAdapter');
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly runtime: RuntimeContext,
  ) {
    super(app);
    shareGatewayHandlers(this.logger);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    const url = this.runtime.config.REDIS_URL;
    if (url) {
      const pub = livePublisher(url, this.logger);
      // The subscriber re-subscribes on its own after a reconnection (ioredis `autoResubscribe`).
      const sub = new Redis(url);
      sub.on('error', (error: Error) => this.logger.debug(`Redis (live subscribe): ${error.message}`));
      let lost = false;
      sub.on('close', () => {
        if (!lost) this.logger.warn('Redis is unreachable: live broadcasts reach only the clients of this process until it is back');
        lost = true;
      });
      sub.on('ready', () => {
        if (lost) this.logger.log('Redis is back: live broadcasts reach every process again');
        lost = false;
      });
      this.clients.push(pub, sub);
      server.adapter(createAdapter(pub, sub, { key: liveBroadcastKey(this.runtime), publishOnSpecificResponseChannel: true }));
    }
    return server;
  }

  /**
   * Nest binds every message handler of every gateway to every socket through its own rxjs pipeline
   * (fromEvent → mergeMap → filter → map → takeUntil(disconnect)): with the `/live` gateways' handlers
   * that held about 70 KB per connection, several times what socket.io itself holds per connection
   * (`npm run bench -- fanout`, heap snapshots). Here: one listener per gateway and socket, the same
   * behaviour — the handler's result (a value, promise or observable, through Nest's `transform`) is
   * the ack, or `{ event, data }` is emitted; nothing is sent once the socket has left. Used as is
   * when `shareGatewayHandlers` could not be installed.
   */
  override bindMessageHandlers(socket: NestSocket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    const table: GatewayHandlers = { byMessage: new Map(handlers.map((handler) => [handler.message as string, handler])), transform };
    socket.onAny((message: string, ...args: unknown[]) => this.dispatch(socket, table, message, args, (handler, data, ack) => handler.callback(data, ack)));
  }

  /** The gateways' handler tables bound to each socket (`bindSharedHandlers`). */
  private readonly socketTables = new WeakMap<NestSocket, Array<GatewayHandlers & { instance: object }>>();

  /**
   * What `shareGatewayHandlers` binds instead: the gateway's handler table, made once, and one listener
   * per socket (for all its gateways) calling the (unbound) handler with the socket.
   */
  bindSharedHandlers(socket: NestSocket, table: GatewayHandlers & { instance: object }): void {
    const bound = this.socketTables.get(socket);
    if (bound) {
      bound.push(table);
      return;
    }
    const tables = [table];
    this.socketTables.set(socket, tables);
    socket.onAny((message: string, ...args: unknown[]) => {
      const owner = tables.find((candidate) => candidate.byMessage.has(message));
      if (!owner) return;
      this.dispatch(socket, owner, message, args, (handler, data, ack) => (handler.callback as (...call: unknown[]) => unknown).call(owner.instance, socket, data, ack));
    });
  }

  private dispatch(
    socket: NestSocket,
    table: GatewayHandlers,
    message: string,
    args: unknown[],
    call: (handler: MessageMappingProperties, data: unknown, ack: unknown) => unknown,
  ): void {
    const handler = table.byMessage.get(message);
    if (!handler) return;
    // As rxjs's fromEvent gives it to Nest: one argument as is, several as an array.
    const { data, ack } = this.mapPayload(args.length === 1 ? args[0] : args);
    table.transform(call(handler, data, ack)).subscribe({
      next: (response) => {
        if (response === null || response === undefined || socket.disconnected) return;
        const reply = response as { event?: string; data?: unknown };
        if (reply.event) socket.emit(reply.event, reply.data);
        else if (!handler.isAckHandledManually && typeof ack === 'function') (ack as (response: unknown) => void)(response);
      },
      error: (error: Error) => this.logger.warn(`${message} failed: ${error.message}`),
    });
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
  }
}

/**
 * Counts, per room, the broadcasts this process delivers to its sockets — its own and, with Redis, the
 * other processes' (socket.io's adapters deliver every broadcast through `apply`) — so a joining socket
 * can tell whether one went out while its state was being read (LiveGateway). A room's count goes when
 * the room does. Returns the sum of the counts of some rooms.
 */
export function countRoomDeliveries(namespace: Namespace): (rooms: string[]) => number {
  const counts = new Map<string, number>();
  // `apply` is private in the adapter's types, not in its code (every broadcast goes through it).
  const adapter = namespace.adapter as unknown as {
    apply(opts: { rooms: Set<string> }, callback: (socket: unknown) => void): void;
    on(event: 'delete-room', listener: (room: string) => void): void;
  };
  const apply = adapter.apply.bind(adapter);
  adapter.apply = (opts, callback) => {
    for (const room of opts.rooms) counts.set(room, (counts.get(room) ?? 0) + 1);
    apply(opts, callback);
  };
  adapter.on('delete-room', (room: string) => counts.delete(room));
  return (rooms) => rooms.reduce((sum, room) => sum + (counts.get(room) ?? 0), 0);
}

/**
 * Calls `resync` each time the namespace's Redis subscription is back after a loss, once the
 * re-subscription is in place: broadcasts other processes published meanwhile may be lost, so each
 * process sends its own clients fresh state read from the database (which holds every change).
 * Nothing to do with the in-memory adapter.
 */
export function onBroadcastsRecovered(namespace: Namespace, resync: () => Promise<void>, logger: Logger): void {
  const adapter = namespace.adapter;
  if (!(adapter instanceof RedisAdapter)) return;
  const sub = adapter.subClient as Redis;
  let lost = false;
  sub.on('close', () => (lost = true));
  sub.on('ready', () => {
    if (!lost) return;
    lost = false;
    // Commands run in order: the PING's reply comes after the re-subscriptions ioredis sent on ready.
    void sub
      .ping()
      .then(() => resync())
      .catch((error: Error) => logger.warn(`resyncing live clients after Redis came back failed: ${error.message}`));
  });
}
