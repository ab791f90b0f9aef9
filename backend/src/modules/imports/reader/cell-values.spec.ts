import {
  excelSerialToIso,
  formatNumber,
  isoDateCell,
  numberFormatKind,
  unescapeOoxml,
} from 'modules/imports/reader/cell-values';

describe('formatNumber', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['1.3800138E+10', '13800138000'],
    ['86138001380001', '86138001380001'],
    ['42', '42'],
    ['42.0', '42'],
    ['-7', '-7'],
    ['0', '0'],
    ['-0', '0'],
    ['3.5', '3.5'],
    ['0.30000000000000004', '0.3'],
    ['1234567.891', '1234567.891'],
    ['1E+21', '1000000000000000000000'],
    ['1.2345678901234567E+20', '123456789012346000000'],
    ['1E-7', '0.0000001'],
    ['-2.5E-8', '-0.000000025'],
    ['', ''],
    ['n/a', 'n/a'],
  ])('%s -> %s', (raw, expected) => {
    expect(formatNumber(raw)).toBe(expected);
  });
});

describe('numberFormatKind', () => {
  it.each<[number, string | undefined, string | null]>([
    [0, undefined, null],
    [14, undefined, 'date'],
    [22, undefined, 'datetime'],
    [20, undefined, 'time'],
    [31, undefined, 'date'], // zh-CN yyyy"年"m"月"d"日"
    [32, undefined, 'time'], // zh-CN h"时"mm"分"
    [10, undefined, null], // 0.00%
    [176, 'yyyy"年"m"月"d"日"', 'date'],
    [177, '[$-804]yyyy/m/d', 'date'],
    [178, 'yyyy-mm-dd hh:mm:ss', 'datetime'],
    [179, 'h:mm AM/PM', 'time'],
    [180, '[h]:mm:ss', 'time'],
    [181, 'mmm', 'date'],
    [182, 'General', null],
    [183, '0.00E+00', null],
    [184, '[Red]#,##0.00;[Blue]-#,##0.00', null],
    [185, '#,##0 "days"', null],
    [186, '@', null],
    [187, '0.0%', null],
  ])('%i %s -> %s', (id, code, expected) => {
    expect(numberFormatKind(id, code)).toBe(expected);
  });
});

describe('excelSerialToIso', () => {
  it.each<[number, boolean, 'date' | 'datetime' | 'time', string | null]>([
    [45366, false, 'date', '2024-03-15'],
    [45366.75, false, 'date', '2024-03-15'],
    [45366.75, false, 'datetime', '2024-03-15T18:00:00'],
    [45366.999999999, false, 'datetime', '2024-03-16T00:00:00'],
    [0.5, false, 'time', '12:00:00'],
    [1.25, false, 'time', '30:00:00'],
    [1, false, 'date', '1900-01-01'],
    [59, false, 'date', '1900-02-28'],
    [60, false, 'date', '1900-02-29'],
    [61, false, 'date', '1900-03-01'],
    [43904, true, 'date', '2024-03-15'],
    [-1, false, 'date', null],
    [3e6, false, 'date', null],
  ])('%d (1904: %s, %s) -> %s', (serial, date1904, kind, expected) => {
    expect(excelSerialToIso(serial, date1904, kind)).toBe(expected);
  });
});

describe('small helpers', () => {
  it.each([
    ['line1_x000D_\nline2', 'line1\r\nline2'],
    ['a_x005F_x0041_b', 'a_x0041_b'],
    ['plain_text', 'plain_text'],
  ])('unescapeOoxml(%s)', (text, expected) => {
    expect(unescapeOoxml(text)).toBe(expected);
  });

  it.each([
    ['2024-03-15T00:00:00Z', '2024-03-15'],
    ['2024-03-15T00:00:00.000', '2024-03-15'],
    ['2024-03-15T08:30:00', '2024-03-15T08:30:00'],
  ])('isoDateCell(%s)', (text, expected) => {
    expect(isoDateCell(text)).toBe(expected);
  });
});
