/**
 * The sockets of each attendance session in this process: several tabs of one person are several
 * sockets but one session. The first socket of a key opens the session, the last one to leave closes
 * it. Work on one key runs in order (`serial`), so a tab closing while another opens cannot close the
 * session under the newcomer. Across processes the database holds it together: one open session per
 * registration and mode (a unique index), reopened by the next heartbeat if another process closed it.
 */
export class LivePresence {
  /** A key's one socket id, or the set of them when the person has several tabs (most have one). */
  private readonly sockets = new Map<string, string | Set<string>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  /** Adds a socket; true when it is the key's first. */
  add(key: string, socketId: string): boolean {
    const current = this.sockets.get(key);
    if (current === undefined) {
      this.sockets.set(key, socketId);
      return true;
    }
    if (typeof current === 'string') {
      if (current !== socketId) this.sockets.set(key, new Set([current, socketId]));
      return false;
    }
    current.add(socketId);
    return false;
  }

  /** Removes a socket; true when it was the key's last. */
  remove(key: string, socketId: string): boolean {
    const current = this.sockets.get(key);
    if (current === socketId) {
      this.sockets.delete(key);
      return true;
    }
    if (typeof current === 'string' || !current?.delete(socketId)) return false;
    if (current.size > 0) return false;
    this.sockets.delete(key);
    return true;
  }

  count(key: string): number {
    const current = this.sockets.get(key);
    return current === undefined ? 0 : typeof current === 'string' ? 1 : current.size;
  }

  /** Runs `work` after everything queued before on this key (a failure does not block the next). */
  serial<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    this.queues.set(key, next);
    void next
      .catch(() => undefined)
      .finally(() => {
        if (this.queues.get(key) === next) this.queues.delete(key);
      });
    return next;
  }
}

/**
 * Coalesces work per key: `request` runs `flush` at most once per `everyMs` for each key, the
 * requests in between folded into the next run (a trailing run always follows the last request).
 */
export class Coalescer {
  private readonly last = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly everyMs: number,
    private readonly flush: (key: string) => Promise<void>,
  ) {}

  request(key: string): void {
    if (this.timers.has(key)) return;
    const wait = Math.max(0, (this.last.get(key) ?? 0) + this.everyMs - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.last.set(key, Date.now());
      void this.flush(key).catch(() => undefined);
    }, wait);
    timer.unref();
    this.timers.set(key, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
