import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Builds small XLSX files for tests from hand-written XML, with a minimal zip writer: no binary
 * fixtures in the repository, and every quirk (entry order, data descriptors, `x:` prefixes)
 * under the test's control.
 */
export interface ZipFile {
  name: string;
  data: Buffer | string;
}

export interface ZipOptions {
  /** Sizes and CRC after the data instead of in the local header, as streaming writers do. */
  dataDescriptors?: boolean;
  store?: boolean;
}

export function zip(files: ZipFile[], options: ZipOptions = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    const packed = options.store ? data : deflateRawSync(data);
    const method = options.store ? 0 : 8;
    const crc = crc32(data);
    const flags = 0x0800 | (options.dataDescriptors ? 0x0008 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(options.dataDescriptors ? 0 : crc, 14);
    local.writeUInt32LE(options.dataDescriptors ? 0 : packed.length, 18);
    local.writeUInt32LE(options.dataDescriptors ? 0 : data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, packed);
    let size = local.length + name.length + packed.length;
    if (options.dataDescriptors) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(packed.length, 8);
      descriptor.writeUInt32LE(data.length, 12);
      parts.push(descriptor);
      size += descriptor.length;
    }
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(method, 10);
    entry.writeUInt16LE(0, 12);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += size;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

export interface FixtureSheet {
  name: string;
  /** The worksheet's XML; see worksheetXml(). */
  xml: string;
  hidden?: boolean;
}

export interface FixtureWorkbook {
  sheets: FixtureSheet[];
  sharedStrings?: string[];
  /** Custom number formats by id, and the numFmtId of each cell style (index = `s`). */
  numFmts?: Record<number, string>;
  cellStyles?: number[];
  date1904?: boolean;
  /** Put the worksheets before the shared strings and styles in the zip, as Excel does. */
  sheetsFirst?: boolean;
  zip?: ZipOptions;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

export function buildXlsx(book: FixtureWorkbook): Buffer {
  const sheetEntries = book.sheets.map((sheet, k) => ({ name: `xl/worksheets/sheet${k + 1}.xml`, data: sheet.xml }));
  const workbook =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
    `<workbookPr${book.date1904 ? ' date1904="1"' : ''}/><sheets>` +
    book.sheets
      .map((sheet, k) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${k + 1}"${sheet.hidden ? ' state="hidden"' : ''} r:id="rId${k + 1}"/>`)
      .join('') +
    `</sheets></workbook>`;
  const n = book.sheets.length;
  const rels =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL}">` +
    book.sheets.map((_, k) => `<Relationship Id="rId${k + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`).join('') +
    `<Relationship Id="rId${n + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` +
    `<Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="styles.xml"/>` +
    `</Relationships>`;
  const strings = book.sharedStrings ?? [];
  const shared =
    `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => (s.startsWith('<') ? `<si>${s}</si>` : `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`)).join('') +
    `</sst>`;
  const numFmts = Object.entries(book.numFmts ?? {});
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="${MAIN}">` +
    (numFmts.length
      ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`).join('')}</numFmts>`
      : '') +
    `<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>` +
    `<cellXfs>${(book.cellStyles ?? [0]).map((id) => `<xf numFmtId="${id}" applyNumberFormat="1"/>`).join('')}</cellXfs>` +
    `</styleSheet>`;
  const contentTypes =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
    `</Types>`;
  const rootRels =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const head = [
    { name: '[Content_Types].xml', data: contentTypes },
    { name: '_rels/.rels', data: rootRels },
    { name: 'xl/workbook.xml', data: workbook },
    { name: 'xl/_rels/workbook.xml.rels', data: rels },
  ];
  const tail = [
    { name: 'xl/sharedStrings.xml', data: shared },
    { name: 'xl/styles.xml', data: styles },
  ];
  return zip(book.sheetsFirst ? [...head, ...sheetEntries, ...tail] : [...head, ...tail, ...sheetEntries], book.zip);
}

/** A worksheet around `<row>` elements; `prefix` writes every element as `x:name`, as the OpenXML SDK does. */
export function worksheetXml(rows: string, options: { prefix?: string; extra?: string } = {}): string {
  const p = options.prefix ? `${options.prefix}:` : '';
  const ns = options.prefix ? `xmlns:${options.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const body = options.prefix ? rows.replace(/<(\/?)(row|c|v|is|t|f)\b/g, `<$1${p}$2`) : rows;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns} xmlns:r="${REL}">` +
    `<${p}dimension ref="A1"/><${p}sheetData>${body}</${p}sheetData>${options.extra ?? ''}</${p}worksheet>`
  );
}

/** One row of plain values: numbers as number cells, strings as inline strings, null as no cell. */
export function rowXml(row: number, values: (string | number | null)[]): string {
  let cells = '';
  values.forEach((value, k) => {
    if (value === null) return;
    const ref = columnName(k + 1) + row;
    cells +=
      typeof value === 'number'
        ? `<c r="${ref}"><v>${value}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(value)}</t></is></c>`;
  });
  return `<row r="${row}">${cells}</row>`;
}

export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
