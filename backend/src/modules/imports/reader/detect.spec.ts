import * as iconv from 'iconv-lite';
import { detectSource, sniffDelimiter } from 'modules/imports/reader/detect';
import { zip } from 'modules/imports/reader/xlsx-fixture';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const gb = (text: string): Buffer => iconv.encode(text, 'gb18030');
const csv = (encoding: string, delimiter: string) => ({ format: 'csv', encoding, delimiter });
const refused = (kind: string) => ({ error: 'file.unsupported_type', kind, detail: expect.any(String) });

const CONTACTS_ZH = '姓名,公司,邮箱,手机\n张伟,上海浦东发展银行股份有限公司,zhang.wei@example.cn,13800138000\n李娜,北京字节跳动科技有限公司,lina@example.com,+86 139 1000 2000\n';

describe('detectSource', () => {
  it.each<[string, Buffer, string | undefined, unknown]>([
    ['an empty file', Buffer.alloc(0), undefined, { error: 'file.empty', detail: expect.any(String) }],
    ['only a BOM and line breaks', Buffer.concat([BOM, utf8('\r\n\r\n')]), undefined, { error: 'file.empty', detail: expect.any(String) }],
    ['UTF-8 with BOM', Buffer.concat([BOM, utf8(CONTACTS_ZH)]), 'contacts.csv', csv('utf-8', ',')],
    ['UTF-8 without BOM', utf8(CONTACTS_ZH), undefined, csv('utf-8', ',')],
    ['plain ASCII', utf8('a,b\n1,2\n'), undefined, csv('utf-8', ',')],
    ['GB18030 Chinese', gb(CONTACTS_ZH), 'contacts.csv', csv('gb18030', ',')],
    ['GBK with a single short word', gb('城市\n上海\n'), undefined, csv('gb18030', ',')],
    [
      'mostly UTF-8 with one damaged byte',
      Buffer.concat([utf8(CONTACTS_ZH), Buffer.from([0xff]), utf8(CONTACTS_ZH)]),
      undefined,
      csv('utf-8', ','),
    ],
    ['UTF-8 cut off mid-character by the head', utf8(CONTACTS_ZH).subarray(0, utf8(CONTACTS_ZH).length - 2), undefined, csv('utf-8', ',')],
    [
      'Latin-1 (neither UTF-8 nor GB18030)',
      Buffer.from('name,city\nRené,Zürich\nJosé,Málaga\nFrançois,Besançon\n', 'latin1'),
      undefined,
      { error: 'file.encoding_unknown', detail: expect.stringContaining('UTF-8') },
    ],
    [
      'UTF-16LE with BOM (Excel "Unicode Text")',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('姓名\t城市\r\n赵六\t深圳\r\n', 'utf16le')]),
      'export.txt',
      csv('utf-16le', '\t'),
    ],
    ['UTF-16LE without BOM', Buffer.from('name\tcity\r\nZhao\tShenzhen\r\n', 'utf16le'), undefined, csv('utf-16le', '\t')],
    ['a PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'), 'list.csv', refused('pdf')],
    ['a legacy .xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'list.xls', refused('xls')],
    ['a password-protected .xlsx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'list.xlsx', refused('encrypted')],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'photo.png', refused('image')],
    ['a JPEG named .csv', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'list.csv', refused('image')],
    ['a gzip', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), 'list.csv.gz', refused('archive')],
    ['an .xlsx', zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>' }]), 'x.xlsx', { format: 'xlsx', encoding: null, delimiter: null }],
    ['an .xlsx whose entries are not in the head, by its name', zip([{ name: '[Content_Types].xml', data: '<Types/>' }]).subarray(0, 30), 'x.xlsx', { format: 'xlsx', encoding: null, delimiter: null }],
    ['an .xlsb', zip([{ name: 'xl/workbook.bin', data: 'x' }]), 'x.xlsb', refused('xlsb')],
    ['a .docx', zip([{ name: 'word/document.xml', data: '<w/>' }]), 'x.docx', refused('docx')],
    ['an .ods', zip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' }], { store: true }), 'x.ods', refused('ods')],
    ['a plain zip', zip([{ name: 'contacts.csv', data: 'a,b' }]), 'contacts.zip', refused('zip')],
    ['an HTML table saved as .xls', utf8('\r\n<html><head><meta charset="utf-8"></head><body><table><tr><td>1</td></tr></table>'), 'report.xls', refused('html')],
    ['Excel 2003 XML', utf8('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'), 'report.xml', refused('xml')],
    ['a binary file', Buffer.from([0x01, 0x02, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]), 'x.bin', refused('binary')],
  ])('%s', async (_name, head, fileName, expected) => {
    expect(await detectSource(head, fileName)).toEqual(expected);
  });

  it('tells the user of a legacy .xls to save it as .xlsx or CSV', async () => {
    const result = await detectSource(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls');
    expect(result).toMatchObject({ error: 'file.unsupported_type', detail: expect.stringMatching(/save it as .*\.xlsx.* or CSV/) });
  });
});

describe('sniffDelimiter', () => {
  it.each<[string, string, string]>([
    ['commas', 'a,b,c\n1,2,3\n', ','],
    ['semicolons with commas inside quotes', 'name;note;city\n"Li, Na";"a, b, c";上海\n"Wang, Wu";x;北京\n', ';'],
    ['commas with semicolons inside quotes', 'name,note\n"a;b;c;d",x\n"e;f;g",y\n', ','],
    ['tabs', 'a\tb\tc\n1\t2\t3\n', '\t'],
    ['pipes', 'a|b|c\n1|2|3\n', '|'],
    ['a quoted newline does not split a record', 'a;b\n"x\ny,z";1\n', ';'],
    ['the consistent one wins over the frequent one', 'a;b\n1,5,6,7;2\n3;4,5\n6;7\n', ';'],
    ["Excel's sep= line", 'sep=|\na,b|c\n', '|'],
    ['one column', 'email\na@x.cn\nb@x.cn\n', ','],
  ])('%s', (_name, text, expected) => {
    expect(sniffDelimiter(Buffer.from(text, 'utf8'))).toBe(expected);
  });

  it('skips GB18030 trail bytes that look like "|"', () => {
    // 亅 is 0x81 0x7C in GB18030: a byte-by-byte count would see pipes everywhere.
    expect(sniffDelimiter(gb('名称,备注\n亅亅亅,億倈\n倈倈,亅\n'), true)).toBe(',');
  });
});
