import v8 from 'node:v8';
import vm from 'node:vm';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';
import { readRowBatches, readRows } from 'modules/imports/reader/read-rows';
import { isRowProblem, SourceItem } from 'modules/imports/reader/types';
import { buildXlsx, rowXml, worksheetXml } from 'modules/imports/reader/xlsx-fixture';

const HEADER = 'id,name,email,phone,company,city,title,dept,size,date\n';

/** `count` rows of ten short fields starting at `from`, as one string. */
function contactRows(from: number, count: number, chinese = false): string {
  let text = '';
  for (let i = from; i < from + count; i++) {
    text += chinese
      ? `${i},张伟${i % 100},u${i}@example.cn,138${String(i).padStart(8, '0')},上海某某科技${i % 977}有限公司,上海,市场经理,市场部,${i % 5000},2024-03-15\n`
      : `${i},user${i},u${i}@example.cn,138${String(i).padStart(8, '0')},Acme ${i % 977},Shanghai,Manager,Sales,${i % 5000},2024-03-15\n`;
  }
  return text;
}

/** A generated CSV of `rows` rows, produced chunk by chunk as it is read (never all in memory). */
function generatedCsv(rows: number, pad = ''): Readable {
  const perChunk = 1000;
  return Readable.from(
    (function* () {
      yield Buffer.from(HEADER);
      for (let from = 1; from <= rows; from += perChunk) {
        const text = contactRows(from, Math.min(perChunk, rows - from + 1));
        yield Buffer.from(pad ? text.replace(/\n/g, `,${pad}\n`) : text);
      }
    })(),
  );
}

// Retained memory, not garbage: a full collection before each sample (under load the young
// generation can hold 100+ MB of short-lived buffers that say nothing about streaming).
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const memory = (): number => {
  gc();
  return process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
};

describe('readRows: streaming, cancellation, speed', () => {
  it('keeps memory flat over 1,000,000 rows (about 200 MB) generated on the fly', async () => {
    const pad = 'x'.repeat(105); // brings a row to about 200 bytes
    const baseline = memory();
    let peak = baseline;
    let rows = 0;
    let cells = 0;
    for await (const item of readRows(generatedCsv(1_000_000, pad))) {
      if (isRowProblem(item)) throw new Error(`unexpected problem ${item.reason} on line ${item.line}`);
      rows++;
      cells += item.cells.length;
      if ((rows & 0x3ffff) === 0) peak = Math.max(peak, memory());
    }
    const grown = (peak - baseline) / 1024 / 1024;
    console.log(`memory: 1,000,001 rows (~200 MB) read with retained heap+buffers peaking ${grown.toFixed(1)} MB above the start`);
    expect(rows).toBe(1_000_001);
    expect(cells).toBe(11 * 1_000_000 + 10);
    // Holding the input would retain 200 MB or more.
    expect(grown).toBeLessThan(30);
  });

  it.each<[string, boolean]>([
    ['UTF-8', false],
    ['GB18030', true],
  ])('reads a 10-column %s CSV fast (figure printed)', async (encoding, chinese) => {
    const rows = 300_000;
    const chunks: Buffer[] = [];
    const text = HEADER + contactRows(1, rows, chinese);
    const bytes = chinese ? iconv.encode(text, 'gb18030') : Buffer.from(text);
    for (let at = 0; at < bytes.length; at += 64 * 1024) chunks.push(bytes.subarray(at, at + 64 * 1024));

    // CPU time as well as wall time: on a busy machine the wall clock mostly measures the others.
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let count = 0;
    let last: SourceItem | undefined;
    for await (const item of readRows(Readable.from(chunks))) {
      count++;
      last = item;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;

    let batched = 0;
    const batchCpu = process.cpuUsage();
    for await (const batch of readRowBatches(Readable.from(chunks))) batched += batch.length;
    const batchUsed = process.cpuUsage(batchCpu);
    const batchCpuSeconds = (batchUsed.user + batchUsed.system) / 1e6;

    console.log(
      `CSV ${encoding}: ${rows} rows x 10 columns (${(bytes.length / 1e6).toFixed(0)} MB): readRows ${Math.round(rows / seconds)} rows/s wall, ` +
        `${Math.round(rows / cpuSeconds)} rows per CPU second; readRowBatches ${Math.round(rows / batchCpuSeconds)} rows per CPU second`,
    );
    expect(count).toBe(rows + 1);
    expect(batched).toBe(rows + 1);
    expect(last).toEqual({ line: rows + 1, cells: contactRows(rows, 1, chinese).trimEnd().split(',') });
    // Only a guard against a pathological slowdown (per-row cost growing with the file): CPU time still
    // varies with a loaded machine, and the speed itself is the benchmarks' business.
    expect(rows / cpuSeconds).toBeGreaterThan(10_000);
  });

  it('stops promptly when aborted mid-stream, and destroys the input', async () => {
    const controller = new AbortController();
    let destroyed = false;
    const endless = new Readable({
      read() {
        this.push(Buffer.from(contactRows(1, 100)));
      },
      destroy(error, callback) {
        destroyed = true;
        callback(error);
      },
    });
    let rows = 0;
    const reading = (async () => {
      for await (const item of readRows(endless, { format: 'csv', signal: controller.signal })) {
        rows++;
        if (rows === 5000) controller.abort();
        expect(item).toBeDefined();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    // Rows already parsed from the current chunk may still come out, but no more than a chunk's worth.
    expect(rows).toBeLessThan(5000 + 200);
    expect(destroyed).toBe(true);
  });

  it('stops when aborted while the input is stalled', async () => {
    const controller = new AbortController();
    async function* stalled(): AsyncGenerator<Buffer> {
      yield Buffer.from('a,b\n1,2\n');
      await new Promise(() => undefined);
    }
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const items: SourceItem[] = [];
    // Everything given, so nothing waits for the 64 KiB detection looks at.
    const options = { format: 'csv', encoding: 'utf-8', delimiter: ',', signal: controller.signal } as const;
    const reading = (async () => {
      for await (const item of readRows(stalled(), options)) items.push(item);
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(5000); // a stalled input would otherwise hang forever
    expect(items).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
    ]);
  });

  it('does not start when already aborted', async () => {
    const reading = readRows(Readable.from([Buffer.from('a\n')]), { signal: AbortSignal.abort() });
    await expect(reading.next()).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('stops an XLSX mid-sheet and removes its temporary copy', async () => {
    const temporary = async (): Promise<string[]> => (await readdir(tmpdir())).filter((name) => name.startsWith('fulcrum-xlsx-'));
    const before = await temporary();
    let xml = '';
    for (let r = 1; r <= 50_000; r++) xml += rowXml(r, [`name ${r}`, r, 'x'.repeat(20)]);
    const bytes = buildXlsx({ sheets: [{ name: 's', xml: worksheetXml(xml) }] });
    const controller = new AbortController();
    let rows = 0;
    const reading = (async () => {
      for await (const _ of readRows(Readable.from([bytes]), { signal: controller.signal })) {
        if (++rows === 100) controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(rows).toBeLessThan(50_000);
    expect(await temporary()).toEqual(before);
  });

  it('removes the temporary copy of an XLSX when the reader stops early', async () => {
    const bytes = buildXlsx({ sheets: [{ name: 's', xml: worksheetXml(rowXml(1, ['a']) + rowXml(2, ['b'])) }] });
    const before = (await readdir(tmpdir())).filter((name) => name.startsWith('fulcrum-xlsx-'));
    for await (const item of readRows(Readable.from([bytes]))) {
      expect(item).toEqual({ line: 1, cells: ['a'] });
      break;
    }
    expect((await readdir(tmpdir())).filter((name) => name.startsWith('fulcrum-xlsx-'))).toEqual(before);
  });
});
