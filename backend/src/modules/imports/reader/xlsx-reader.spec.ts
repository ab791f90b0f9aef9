import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { readRows, readRowsFromFile } from 'modules/imports/reader/read-rows';
import { readXlsxSheets } from 'modules/imports/reader/xlsx-reader';
import { ReadOptions, SourceItem } from 'modules/imports/reader/types';
import { buildXlsx, FixtureWorkbook, rowXml, worksheetXml, ZipOptions } from 'modules/imports/reader/xlsx-fixture';

const SHARED = [
  '姓名', // 0
  '邮箱', // 1
  '手机', // 2
  '入职日期', // 3
  '备注', // 4
  'VIP', // 5
  '张伟', // 6
  // Rich text with a phonetic run, which is not part of the value.
  '<r><t>李</t></r><r><rPr><b/></rPr><t>娜</t></r><rPh sb="0" eb="1"><t>リ</t></rPh>', // 7
  'line1_x000D_\nline2', // 8
  'a & b', // 9
  '合并单元格', // 10
];

// Cell styles (the `s` attribute) -> number formats: General, 14 (date), custom Chinese date,
// custom date-time, percent.
const NUM_FMTS = { 176: 'yyyy"年"m"月"d"日"', 177: 'yyyy-mm-dd hh:mm' };
const CELL_STYLES = [0, 14, 176, 177, 10];

const CONTACTS_ROWS =
  '<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>' +
  '<c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>' +
  // Phone number stored as a number, a date, an empty cell in the middle, a boolean.
  '<row r="2"><c r="A2" t="s"><v>6</v></c><c r="B2" t="inlineStr"><is><t>zhang.wei@example.cn</t></is></c>' +
  '<c r="C2"><v>13800138000</v></c><c r="D2" s="1"><v>45366</v></c><c r="F2" t="b"><v>1</v></c></row>' +
  // Formulas keep their cached values; a custom date format; an escaped CR.
  '<row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3" t="str"><f>LOWER("LI.NA@EXAMPLE.COM")</f><v>li.na@example.com</v></c>' +
  '<c r="C3"><f>C2+100001</f><v>1.3900139E+10</v></c><c r="D3" s="2"><v>45000</v></c><c r="E3" t="s"><v>8</v></c>' +
  '<c r="F3" t="b"><v>0</v></c></row>' +
  // Row 4 is missing; an error value, a percent (the number, not "15%"), a date-time.
  '<row r="5"><c r="A5" t="e"><v>#N/A</v></c><c r="B5" t="s"><v>9</v></c><c r="C5" s="4"><v>0.15</v></c>' +
  '<c r="D5" s="3"><v>45366.5</v></c></row>' +
  // No r attributes at all: positions follow the previous ones.
  '<row><c t="inlineStr"><is><t>no refs</t></is></c><c><v>1</v></c></row>' +
  // A merged cell (A7:B7): the covered cell is just empty.
  '<row r="7"><c r="A7" t="s"><v>10</v></c><c r="B7" s="0"/><c r="C7"><v>3</v></c></row>' +
  // Only styled empty cells: a blank row.
  '<row r="8"><c r="A8" s="1"/><c r="B8" s="2"/></row>' +
  // Floating-point noise, an ISO date cell, a phone number kept as text.
  '<row r="9"><c r="A9"><v>0.30000000000000004</v></c><c r="B9" t="d"><v>2024-03-15T00:00:00Z</v></c>' +
  '<c r="C9" t="inlineStr"><is><t>021-12345678</t></is></c><c r="D9" t="inlineStr"><is><t>&lt;tag&gt; &amp; &#x4E2D;</t></is></c></row>';

const COMPANIES_ROWS = rowXml(1, ['公司名称', '统一社会信用代码', '员工数']) + rowXml(2, ['上海某某科技有限公司', '91310000MA1FL8XQ30', 120]);

const CONTACTS: SourceItem[] = [
  { line: 1, cells: ['姓名', '邮箱', '手机', '入职日期', '备注', 'VIP'] },
  { line: 2, cells: ['张伟', 'zhang.wei@example.cn', '13800138000', '2024-03-15', '', 'TRUE'] },
  { line: 3, cells: ['李娜', 'li.na@example.com', '13900139000', '2023-03-15', 'line1\r\nline2', 'FALSE'] },
  { line: 5, cells: ['#N/A', 'a & b', '0.15', '2024-03-15T12:00:00'] },
  { line: 6, cells: ['no refs', '1'] },
  { line: 7, cells: ['合并单元格', '', '3'] },
  { line: 9, cells: ['0.3', '2024-03-15', '021-12345678', '<tag> & 中'] },
];

function workbook(overrides: Partial<FixtureWorkbook> = {}, prefix?: string): Buffer {
  return buildXlsx({
    sheets: [
      { name: '联系人', xml: worksheetXml(CONTACTS_ROWS, { prefix, extra: '<mergeCells count="1"><mergeCell ref="A7:B7"/></mergeCells>' }) },
      { name: '公司', xml: worksheetXml(COMPANIES_ROWS, { prefix }) },
    ],
    sharedStrings: SHARED,
    numFmts: NUM_FMTS,
    cellStyles: CELL_STYLES,
    ...overrides,
  });
}

async function collect(bytes: Buffer, options: ReadOptions = {}): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readRows(Readable.from([bytes]), options)) items.push(item);
  return items;
}

describe('readRows (XLSX)', () => {
  it.each<[string, () => Buffer]>([
    ['as Excel writes it (sheets before shared strings)', () => workbook({ sheetsFirst: true })],
    ['shared strings first', () => workbook()],
    ['with data descriptors, as streaming writers do', () => workbook({ zip: { dataDescriptors: true } as ZipOptions })],
    ['uncompressed', () => workbook({ zip: { store: true } })],
    ['with x: prefixes (OpenXML SDK)', () => workbook({}, 'x')],
  ])('reads the first worksheet %s', async (_name, build) => {
    expect(await collect(build())).toEqual(CONTACTS);
  });

  it('reads the worksheet named in options.sheet', async () => {
    expect(await collect(workbook(), { sheet: '公司' })).toEqual([
      { line: 1, cells: ['公司名称', '统一社会信用代码', '员工数'] },
      { line: 2, cells: ['上海某某科技有限公司', '91310000MA1FL8XQ30', '120'] },
    ]);
  });

  it('names the worksheets there are when the asked one is missing', async () => {
    await expect(collect(workbook(), { sheet: 'Sheet9' })).rejects.toMatchObject({
      code: 'xlsx.sheet_not_found',
      message: expect.stringContaining('联系人, 公司'),
    });
  });

  it('skips a hidden first worksheet', async () => {
    const bytes = buildXlsx({
      sheets: [
        { name: 'lists', xml: worksheetXml(rowXml(1, ['hidden'])), hidden: true },
        { name: 'data', xml: worksheetXml(rowXml(1, ['visible'])) },
      ],
    });
    expect(await collect(bytes)).toEqual([{ line: 1, cells: ['visible'] }]);
  });

  it('reads dates of a 1904-based workbook', async () => {
    const bytes = buildXlsx({
      sheets: [{ name: 's', xml: worksheetXml('<row r="1"><c r="A1" s="1"><v>43904</v></c></row>') }],
      cellStyles: [0, 14],
      date1904: true,
    });
    expect(await collect(bytes)).toEqual([{ line: 1, cells: ['2024-03-15'] }]);
  });

  it('rejects rows with a cell over maxCellBytes or too many columns, and reads the others', async () => {
    const rows =
      rowXml(1, ['a', 'b']) +
      rowXml(2, ['0123456789x', 'inline']) +
      '<row r="3"><c r="A3" t="s"><v>0</v></c></row>' +
      rowXml(4, ['ok', 'fine']) +
      rowXml(5, [null, null, 'third']);
    const bytes = buildXlsx({ sheets: [{ name: 's', xml: worksheetXml(rows) }], sharedStrings: ['a shared string longer than ten bytes'] });
    expect(await collect(bytes, { maxCellBytes: 10, maxColumns: 2 })).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, reason: 'cell.too_large', detail: expect.any(String) },
      { line: 3, reason: 'cell.too_large', detail: expect.any(String) },
      { line: 4, cells: ['ok', 'fine'] },
      { line: 5, reason: 'row.too_many_columns', detail: expect.any(String) },
    ]);
  });

  it('stops at a shared strings table over its cap', async () => {
    await expect(collect(workbook(), { maxSharedStrings: 5 })).rejects.toMatchObject({ code: 'xlsx.too_many_shared_strings' });
  });

  it.each<[string, string, () => Buffer]>([
    ['a truncated file', 'xlsx.corrupt', () => workbook().subarray(0, 2000)],
    ['an empty file', 'file.empty', () => Buffer.alloc(0)],
    ['a workbook whose sheet XML is cut off', 'xlsx.corrupt', () => buildXlsx({ sheets: [{ name: 's', xml: worksheetXml(rowXml(1, ['a'])).slice(0, 120) }] })],
    ['a workbook without worksheets', 'xlsx.sheet_not_found', () => buildXlsx({ sheets: [] })],
    ['an empty worksheet', 'file.empty', () => buildXlsx({ sheets: [{ name: 's', xml: worksheetXml('') }] })],
    ['a worksheet with only blank rows', 'file.empty', () => buildXlsx({ sheets: [{ name: 's', xml: worksheetXml('<row r="1"><c r="A1" s="0"/></row>') }] })],
  ])('%s throws %s', async (_name, code, build) => {
    await expect(collect(build(), { fileName: 'x.xlsx' })).rejects.toMatchObject({ code });
  });

  it('reads files on disk (an XLSX in place) and lists the worksheets', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reader-spec-'));
    try {
      const path = join(dir, 'contacts.xlsx');
      await writeFile(path, workbook());
      const items: SourceItem[] = [];
      for await (const item of readRowsFromFile(path)) items.push(item);
      expect(items).toEqual(CONTACTS);
      const csvPath = join(dir, 'contacts.csv');
      await writeFile(csvPath, '\uFEFF姓名,手机\r\n张伟,13800138000\r\n');
      const csvItems: SourceItem[] = [];
      for await (const item of readRowsFromFile(csvPath)) csvItems.push(item);
      expect(csvItems).toEqual([
        { line: 1, cells: ['姓名', '手机'] },
        { line: 2, cells: ['张伟', '13800138000'] },
      ]);
      expect(await readXlsxSheets(path)).toEqual([
        { name: '联系人', hidden: false },
        { name: '公司', hidden: false },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads 100,000 rows fast (figure printed)', async () => {
    const rows = 100_000;
    const names = Array.from({ length: 1000 }, (_, k) => `客户${k}`);
    const xml: string[] = [rowXml(1, ['姓名', '邮箱', '手机', '公司', '城市', '职位', '部门', '员工数', '日期', '备注'])];
    for (let r = 2; r <= rows + 1; r++) {
      xml.push(
        `<row r="${r}"><c r="A${r}" t="s"><v>${r % 1000}</v></c><c r="B${r}" t="inlineStr"><is><t>u${r}@example.cn</t></is></c>` +
          `<c r="C${r}"><v>${13800000000 + r}</v></c><c r="D${r}" t="s"><v>${(r * 7) % 1000}</v></c><c r="E${r}" t="s"><v>${(r * 3) % 1000}</v></c>` +
          `<c r="F${r}" t="inlineStr"><is><t>经理</t></is></c><c r="G${r}" t="inlineStr"><is><t>市场部</t></is></c>` +
          `<c r="H${r}"><v>${r % 5000}</v></c><c r="I${r}" s="1"><v>${45000 + (r % 365)}</v></c><c r="J${r}"><v>${r / 8}</v></c></row>`,
      );
    }
    const bytes = buildXlsx({ sheets: [{ name: 's', xml: worksheetXml(xml.join('')) }], sharedStrings: names, cellStyles: [0, 14] });
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let count = 0;
    let last: SourceItem | undefined;
    for await (const item of readRows(Readable.from([bytes]))) {
      count++;
      last = item;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    // Includes inflating, which runs on libuv's thread pool.
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.log(
      `XLSX: ${rows} rows x 10 columns (${(bytes.length / 1e6).toFixed(1)} MB zipped): ${Math.round(rows / seconds)} rows/s wall, ` +
        `${Math.round(rows / cpuSeconds)} rows per CPU second`,
    );
    expect(count).toBe(rows + 1);
    expect(last).toEqual({
      line: rows + 1,
      cells: ['客户1', `u${rows + 1}@example.cn`, String(13800000000 + rows + 1), '客户7', '客户3', '经理', '市场部', '1', '2024-03-05', '12500.125'],
    });
    // Only a guard against a pathological slowdown; the speed itself is the benchmarks' business.
    expect(rows / cpuSeconds).toBeGreaterThan(5_000);
  });
});
