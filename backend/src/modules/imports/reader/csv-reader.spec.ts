import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';
import { readRows } from 'modules/imports/reader/read-rows';
import { ReadOptions, SourceFileError, SourceItem } from 'modules/imports/reader/types';

/** The bytes as a stream of `size`-byte chunks (every split point gets exercised). */
function chunked(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return Readable.from(chunks);
}

async function collect(input: AsyncIterable<Buffer> | Readable, options: ReadOptions = {}): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readRows(input, options)) items.push(item);
  return items;
}

const CHUNK_SIZES = [1, 2, 3, 5, 64, 1 << 20];

/** [name, file text, options, expected items] */
const CASES: [string, string | Buffer, ReadOptions, unknown[]][] = [
  [
    'plain rows with a trailing newline',
    'name,email\nAlice,a@x.cn\nBob,b@x.cn\n',
    {},
    [
      { line: 1, cells: ['name', 'email'] },
      { line: 2, cells: ['Alice', 'a@x.cn'] },
      { line: 3, cells: ['Bob', 'b@x.cn'] },
    ],
  ],
  ['no trailing newline', 'a,b\n1,2', {}, [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }]],
  ['CRLF line ends', 'a,b\r\n1,2\r\n', {}, [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }]],
  [
    'bare CR line ends (old Mac Excel)',
    'a,b\r1,2\r3,4',
    {},
    [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, cells: ['3', '4'] },
    ],
  ],
  [
    'blank lines and all-empty rows skipped, line numbers kept',
    'a,b\n\n1,2\r\n\r\n,\n"",""\n3,4\n\n',
    {},
    [
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 7, cells: ['3', '4'] },
    ],
  ],
  [
    'quoted fields with delimiters, doubled quotes and every newline kind',
    'id,note,city\n1,"a, b","say ""hi"""\n2,"line1\nline2\r\nline3\rline4",x\n3,"",""\n',
    { delimiter: ',' },
    [
      { line: 1, cells: ['id', 'note', 'city'] },
      { line: 2, cells: ['1', 'a, b', 'say "hi"'] },
      { line: 3, cells: ['2', 'line1\nline2\r\nline3\rline4', 'x'] },
      { line: 7, cells: ['3', '', ''] },
    ],
  ],
  [
    'empty fields at both ends',
    ',a,\nb,,\n',
    {},
    [
      { line: 1, cells: ['', 'a', ''] },
      { line: 2, cells: ['b', '', ''] },
    ],
  ],
  [
    'trailing delimiter at end of file',
    'a,b\n1,',
    {},
    [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', ''] }],
  ],
  [
    'a quote inside an unquoted cell is literal; text after a closing quote is kept',
    'a,b\n5" screen,"ab"cd\n"x""y"z,w\n',
    {},
    [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['5" screen', 'abcd'] },
      { line: 3, cells: ['x"yz', 'w'] },
    ],
  ],
  [
    'semicolon-delimited, detected',
    'name;city;note\n张三;上海;"a;b"\n李四;北京;c\n',
    {},
    [
      { line: 1, cells: ['name', 'city', 'note'] },
      { line: 2, cells: ['张三', '上海', 'a;b'] },
      { line: 3, cells: ['李四', '北京', 'c'] },
    ],
  ],
  [
    'tab-delimited, detected',
    'a\tb\n1\t2\n',
    {},
    [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }],
  ],
  [
    "Excel's sep= line names the delimiter and is not the header",
    'sep=;\r\na;b\r\n1;2\r\n',
    {},
    [{ line: 2, cells: ['a', 'b'] }, { line: 3, cells: ['1', '2'] }],
  ],
  [
    'UTF-8 with BOM',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('姓名,邮箱\n王五,w@x.cn\n')]),
    {},
    [{ line: 1, cells: ['姓名', '邮箱'] }, { line: 2, cells: ['王五', 'w@x.cn'] }],
  ],
  ['UTF-8 without BOM', '姓名,邮箱\n王五,w@x.cn\n', {}, [{ line: 1, cells: ['姓名', '邮箱'] }, { line: 2, cells: ['王五', 'w@x.cn'] }]],
  [
    'GB18030 (Excel "CSV" on Chinese Windows), detected',
    iconv.encode('公司名称,联系人,手机\n上海某某科技有限公司,张伟,13800138000\n北京𠀀公司,"李,娜",\n', 'gb18030'),
    {},
    [
      { line: 1, cells: ['公司名称', '联系人', '手机'] },
      { line: 2, cells: ['上海某某科技有限公司', '张伟', '13800138000'] },
      { line: 3, cells: ['北京𠀀公司', '李,娜', ''] },
    ],
  ],
  [
    'GB18030 with "|": a trail byte 0x7C is not a delimiter',
    iconv.encode('名称|备注\n亅|億倈\n', 'gb18030'),
    { encoding: 'gb18030', delimiter: '|' },
    [{ line: 1, cells: ['名称', '备注'] }, { line: 2, cells: ['亅', '億倈'] }],
  ],
  [
    'UTF-16LE with BOM (Excel "Unicode Text"), tab-delimited',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t城市\r\n赵六\t深圳\r\n', 'utf16le')]),
    {},
    [{ line: 1, cells: ['姓名', '城市'] }, { line: 2, cells: ['赵六', '深圳'] }],
  ],
  [
    'broken UTF-8 becomes U+FFFD; the row is reported once and still read',
    Buffer.concat([Buffer.from('名字,城市\n'), Buffer.from([0x41, 0xff, 0xfe, 0x2c, 0xe4, 0xb8]), Buffer.from('\n上海,北京\n')]),
    { encoding: 'utf-8' },
    [
      { line: 1, cells: ['名字', '城市'] },
      { line: 2, reason: 'encoding.invalid_bytes', detail: expect.any(String) },
      { line: 2, cells: ['A\uFFFD\uFFFD', '\uFFFD'] },
      { line: 3, cells: ['上海', '北京'] },
    ],
  ],
  [
    'an unterminated quote at the end is reported on the line it opened',
    'a,b\n1,2\n3,"open\nmore\n4,5\n',
    {},
    [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '2'] },
      { line: 3, reason: 'csv.unterminated_quote', detail: expect.stringContaining('line 3') },
    ],
  ],
  [
    'too many columns rejects that row only; empty cells past the limit are dropped',
    'a,b,c\n1,2,3,4\n5,6,7,,,""\n',
    { maxColumns: 3 },
    [
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, reason: 'row.too_many_columns', detail: expect.any(String) },
      { line: 3, cells: ['5', '6', '7'] },
    ],
  ],
  [
    'a cell over maxCellBytes rejects that row only, quoted or not',
    'a,b\n1,0123456789x\n2,"01234\n56789"\n3,0123456789\n',
    { maxCellBytes: 10 },
    [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, reason: 'cell.too_large', detail: expect.any(String) },
      { line: 3, reason: 'cell.too_large', detail: expect.any(String) },
      { line: 5, cells: ['3', '0123456789'] },
    ],
  ],
  [
    'a row over maxRowBytes is rejected',
    'a,b\n0123456789,0123456789\n1,2\n',
    { maxCellBytes: 10, maxRowBytes: 15 },
    [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, reason: 'row.too_large', detail: expect.any(String) },
      { line: 3, cells: ['1', '2'] },
    ],
  ],
  ['header only', 'name,email,phone\r\n', {}, [{ line: 1, cells: ['name', 'email', 'phone'] }]],
];

describe('readRows (CSV)', () => {
  describe.each(CASES)('%s', (_name, text, options, expected) => {
    const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    it.each(CHUNK_SIZES)('in chunks of %i bytes', async (size) => {
      expect(await collect(chunked(bytes, size), options)).toEqual(expected);
    });
  });

  it.each([
    ['empty', ''],
    ['only blank lines', '\r\n\n  \n'.replace('  ', '')],
    ['only a BOM', '\uFEFF'],
  ])('a file that is %s throws file.empty', async (_name, text) => {
    await expect(collect(Readable.from([Buffer.from(text)]))).rejects.toMatchObject({ code: 'file.empty' });
  });

  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1'), 'pdf'],
    ['a legacy .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'xls'],
  ])('%s is refused as file.unsupported_type', async (_name, bytes, kind) => {
    const error = await collect(Readable.from([bytes])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFileError);
    expect(error).toMatchObject({ code: 'file.unsupported_type', kind });
  });

  it.each([
    ['GB18030', (text: string) => iconv.encode(text, 'gb18030')],
    ['UTF-8', (text: string) => Buffer.from(text, 'utf8')],
  ])('reads %s right when the first 64 KiB are plain ASCII', async (_name, encode) => {
    let text = 'name,city\n';
    for (let i = 0; i < 5000; i++) text += `user${i},Shanghai\n`;
    text += '张伟,上海\n李娜,"北京|朝阳"\n';
    const items = await collect(chunked(encode(text), 64 * 1024));
    expect(items).toHaveLength(5003);
    expect(items.slice(-2)).toEqual([
      { line: 5002, cells: ['张伟', '上海'] },
      { line: 5003, cells: ['李娜', '北京|朝阳'] },
    ]);
  });

  it('a 50 MB cell is rejected as cell.too_large and the rows after it are still read', async () => {
    // Buffers live outside the JS heap: count both.
    const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = used();
    let peak = 0;
    async function* file(): AsyncGenerator<Buffer> {
      yield Buffer.from('id,note\n1,short\n2,"');
      const piece = Buffer.alloc(64 * 1024, 'x');
      for (let sent = 0; sent < 50 * 1024 * 1024; sent += piece.length) {
        peak = Math.max(peak, used());
        yield piece;
      }
      yield Buffer.from('"\n3,after\n4,"also ""fine"""\n');
    }
    const items = await collect(file());
    expect(items).toEqual([
      { line: 1, cells: ['id', 'note'] },
      { line: 2, cells: ['1', 'short'] },
      { line: 3, reason: 'cell.too_large', detail: expect.stringContaining('52428800 bytes') },
      { line: 4, cells: ['3', 'after'] },
      { line: 5, cells: ['4', 'also "fine"'] },
    ]);
    // Never more than maxCellBytes (1 MiB) of the cell is kept.
    expect(peak - before).toBeLessThan(20 * 1024 * 1024);
  });
});
