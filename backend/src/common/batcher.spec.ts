import { Batcher } from './batcher';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('runs a lone item at once, and folds the items queued meanwhile into the next run', async () => {
    const runs: number[][] = [];
    let release!: () => void;
    const batcher = new Batcher<number, string>(async (items) => {
      runs.push(items);
      if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((n) => `#${n}`);
    });
    const first = batcher.load(1);
    await tick();
    expect(runs).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => batcher.load(n));
    await tick();
    expect(runs).toEqual([[1]]); // one run at a time
    release();
    expect(await first).toBe('#1');
    expect(await Promise.all(rest)).toEqual(['#2', '#3', '#4']);
    expect(runs).toEqual([[1], [2, 3, 4]]);
  });

  it('takes at most maxBatch items per run', async () => {
    const sizes: number[] = [];
    const batcher = new Batcher<number, number>(async (items) => {
      sizes.push(items.length);
      await tick();
      return items;
    }, 2);
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.load(n)));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([1, 2, 2]);
  });

  it('runs the items of a failed batch one by one, so only the bad one fails, and goes on with the next', async () => {
    const runs: number[][] = [];
    const batcher = new Batcher<number, number>(async (items) => {
      runs.push(items);
      await tick();
      if (items.includes(3)) throw new Error('no such registration');
      return items;
    });
    const first = batcher.load(1);
    const rest = [2, 3, 4].map((n) => batcher.load(n));
    expect(await first).toBe(1);
    expect(await rest[0]).toBe(2);
    await expect(rest[1]).rejects.toThrow('no such registration');
    expect(await rest[2]).toBe(4);
    expect(runs).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
    expect(await batcher.load(5)).toBe(5);
  });

  it('rejects a batch whose run returns the wrong number of results', async () => {
    const batcher = new Batcher<number, number>(async () => []);
    await expect(batcher.load(1)).rejects.toThrow('a batch of 1 returned 0 results');
  });
});
