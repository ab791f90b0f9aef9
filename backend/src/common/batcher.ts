/**
 * Folds many small requests into few large ones: `load(item)` queues the item, and `run` takes every
 * item queued while its previous call was in flight (at most `maxBatch`), one call at a time. Idle, an
 * item runs at once, alone; under a storm (thousands of attendees joining in a minute) the batches
 * grow with the load, so the database sees a few statements per batch instead of a few per request.
 *
 * `run` returns one result per item, in order. When a batch of several fails, its items are run again
 * one by one, so one bad item (a registration erased meanwhile…) fails alone; a lone item that fails is
 * rejected with the error. The next batch runs either way.
 */
export class Batcher<T, R> {
  private queue: Array<{ item: T; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private running = false;

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  load(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    this.running = true;
    const batch = this.queue.splice(0, this.maxBatch);
    void this.runBatch(batch).finally(() => {
      this.running = false;
      this.next();
    });
  }

  private async runBatch(batch: typeof this.queue): Promise<void> {
    try {
      const results = await this.run(batch.map((entry) => entry.item));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} returned ${results.length} results`);
      batch.forEach((entry, i) => entry.resolve(results[i] as R));
    } catch (error) {
      if (batch.length === 1) batch[0]!.reject(error);
      else for (const entry of batch) await this.runBatch([entry]);
    }
  }
}

/** The rows of a batched query, grouped by whom they belong to (in their order). */
export function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
