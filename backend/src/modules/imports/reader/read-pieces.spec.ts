import * as iconv from 'iconv-lite';
import { countLines, CsvRowEnds } from 'modules/imports/reader/csv-row-ends';
import { isCsvSegment, parseCsvSegment, readRowPieces, readRows, type SourcePiece } from 'modules/imports/reader/read-rows';
import type { ReadOptions, SourceItem } from 'modules/imports/reader/types';

/** `bytes` in chunks of `size` (the last one shorter), as a stream would give them. */
async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function single(bytes: Buffer, chunk: number, options: ReadOptions = {}): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readRows(chunked(bytes, chunk), options)) items.push(item);
  return items;
}

/** Rows read as pieces, the segments parsed as a worker parses them; and how many segments there were. */
async function pieced(bytes: Buffer, chunk: number, segmentBytes: number, options: ReadOptions = {}): Promise<{ items: SourceItem[]; segments: number }> {
  const items: SourceItem[] = [];
  let segments = 0;
  for await (const piece of readRowPieces(chunked(bytes, chunk), { ...options, segmentBytes }) as AsyncGenerator<SourcePiece>) {
    if (isCsvSegment(piece)) {
      segments++;
      // What crosses to a worker: a structured clone (a Uint8Array, plain options).
      const copy = structuredClone(piece);
      items.push(...parseCsvSegment({ ...copy, bytes: Buffer.from(copy.bytes) }));
    } else {
      items.push(...piece);
    }
  }
  return { items, segments };
}

/** Rows of every kind the parser treats specially, with `\n`, `\r\n` or `\r` between rows. */
function trickyCsv(rows: number, eol: string, delimiter = ','): string {
  const d = delimiter;
  const lines = [`name${d}email${d}note${d}city`];
  for (let i = 1; i <= rows; i++) {
    switch (i % 11) {
      case 0:
        lines.push(`"Multi${eol}line ${i}"${d}m${i}@example.com${d}"a ""quoted"" word${d} and${d} delimiters"${d}上海`);
        break;
      case 1:
        lines.push(`Plain ${i}${d}p${i}@example.com${d}5" screen${d}Beijing`); // a quote inside an unquoted cell is literal
        break;
      case 2:
        lines.push(`"Closed"then text ${i}${d}c${i}@example.com${d}"x""${eol}y"${d}`); // text after a closing quote
        break;
      case 3:
        lines.push(''); // a blank line
        break;
      case 4:
        lines.push(`张伟${i}${d}z${i}@example.cn${d}"引号""中文${eol}换行"${d}杭州`);
        break;
      case 5:
        lines.push(`"${'long '.repeat(40)}${i}"${d}l${i}@example.com${d}${d}`);
        break;
      case 6:
        lines.push(`"ends with quote"""${d}q${i}@example.com${d}""${d}""""`);
        break;
      default:
        lines.push(`Name ${i}${d}n${i}@example.com${d}note ${i}${d}Shenzhen`);
    }
  }
  return lines.join(eol) + (rows % 2 ? eol : '');
}

describe('readRowPieces: segments of whole rows parse to exactly what readRows gives', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    it(`UTF-8 with ${JSON.stringify(eol)} line breaks, any chunking and segment size`, async () => {
      const bytes = Buffer.from(`\ufeff${trickyCsv(600, eol)}`, 'utf8');
      const expected = await single(bytes, 4096);
      expect(expected.length).toBeGreaterThan(500);
      for (const [chunk, segmentBytes] of [
        [1, 50],
        [7, 200],
        [97, 1000],
        [4096, 3000],
        [65_536, 100_000],
      ]) {
        const { items, segments } = await pieced(bytes, chunk, segmentBytes);
        expect(items).toEqual(expected);
        if (segmentBytes < bytes.length / 4) expect(segments).toBeGreaterThan(2);
      }
    });
  }

  it('GB18030 with a delimiter GB18030 uses as a trail byte (|), and a file that starts in ASCII', async () => {
    const text = `${'ascii only,line\n'.repeat(5000)}${trickyCsv(400, '\r\n', '|')}`;
    for (const bytes of [iconv.encode(trickyCsv(400, '\r\n', '|'), 'gb18030'), iconv.encode(text, 'gb18030')]) {
      const options: ReadOptions = bytes.length > 100_000 ? {} : { delimiter: '|' };
      const expected = await single(bytes, 4096, options);
      expect(expected.some((item) => 'cells' in item && item.cells.some((cell) => cell.includes('中文')))).toBe(true);
      for (const [chunk, segmentBytes] of [
        [13, 300],
        [4096, 5000],
      ]) {
        expect((await pieced(bytes, chunk, segmentBytes, options)).items).toEqual(expected);
      }
    }
  });

  it('GBK after 80 KB of ASCII: the encoding is decided once, at the first segment with a byte >= 0x80', async () => {
    const bytes = iconv.encode(`${'ascii only,line\r\n'.repeat(5000)}${trickyCsv(2000, '\r\n')}`, 'gb18030');
    const expected = await single(bytes, 16_384);
    expect(expected.some((item) => 'cells' in item && item.cells.some((cell) => cell.includes('引号"中文')))).toBe(true);
    const { items, segments } = await pieced(bytes, 16_384, 10_000);
    expect(segments).toBeGreaterThan(5);
    expect(items).toEqual(expected);
  });

  it('a quote never closed: the rest of the file is parsed on this thread, with the same problem and lines', async () => {
    const rows = trickyCsv(300, '\n');
    const bytes = Buffer.from(`${rows}\nbroken,"never closed\n${'after,row\n'.repeat(2000)}`, 'utf8');
    const options: ReadOptions = { maxRowBytes: 2000, maxCellBytes: 1000 };
    const expected = await single(bytes, 4096, options);
    expect(expected.at(-1)).toMatchObject({ reason: 'csv.unterminated_quote' });
    const { items, segments } = await pieced(bytes, 4096, 500, options);
    expect(segments).toBeGreaterThan(2);
    expect(items).toEqual(expected);
  });

  it('blank lines and row problems before the first row are read here; blank lines after it, in segments', async () => {
    const bytes = Buffer.from(`${'\n'.repeat(50)}"${'x'.repeat(300)}"\na,b\n${'\n'.repeat(100)}c,d`, 'utf8');
    const options: ReadOptions = { maxCellBytes: 100, maxRowBytes: 1000 };
    const { items, segments } = await pieced(bytes, 16, 10, options);
    expect(items).toEqual(await single(bytes, 16, options));
    expect(items.map((item) => item.line)).toEqual([51, 52, 153]);
    expect(segments).toBeGreaterThan(3);
  });
});

describe('CsvRowEnds and countLines', () => {
  it('finds the end of the last whole row, waiting on a CR whose LF may follow', () => {
    const ends = new CsvRowEnds({ encoding: 'utf-8', delimiter: ',' });
    ends.scan(Buffer.from('a,"b\nc"\r'));
    expect(ends.lastEnd).toBe(0);
    ends.scan(Buffer.from('\nd,e\r'));
    expect(ends.lastEnd).toBe(9);
    ends.scan(Buffer.from('f'));
    expect(ends.lastEnd).toBe(13);
  });

  it('counts line breaks as the parser does: CR LF once', () => {
    expect(countLines(Buffer.from('a\r\nb\rc\nd'))).toBe(3);
  });
});
