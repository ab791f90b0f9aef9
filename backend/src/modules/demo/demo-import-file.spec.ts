import { autoMapHeaders } from '@fulcrum/shared';
import { normalizeRow } from 'modules/imports/normalize-row';
import { csvCell, DEMO_IMPORT_HEADER, demoImportCsv, generateDemoImportRows } from './demo-import-file';

describe('demo import file', () => {
  const mapping = autoMapHeaders(DEMO_IMPORT_HEADER).map((m) => m.field ?? null);

  it('has a header the wizard maps completely', () => {
    expect(mapping.every((field) => field !== null)).toBe(true);
    expect(new Set(mapping).size).toBe(mapping.length);
  });

  it('yields exactly the rows asked for, deterministically per seed', () => {
    const a = [...generateDemoImportRows({ rows: 3000, seed: 5 })];
    expect(a).toHaveLength(3000);
    expect([...generateDemoImportRows({ rows: 3000, seed: 5 })]).toEqual(a);
    expect([...generateDemoImportRows({ rows: 3000, seed: 6 })].map((r) => r.cells[10])).not.toEqual(a.map((r) => r.cells[10]));
    expect([...generateDemoImportRows({ rows: 0, seed: 5 })]).toEqual([]);
  });

  it('mixes clean rows, in-file duplicates and rows the import must reject, in Chinese and English', () => {
    const rows = [...generateDemoImportRows({ rows: 20_000, seed: 42, duplicateRate: 0.02, invalidRate: 0.01 })];
    const kinds = { contact: 0, duplicate: 0, invalid: 0 };
    for (const { kind, cells } of rows) {
      kinds[kind]++;
      const result = normalizeRow(cells, mapping);
      // Every invalid row is refused with a reason; every other row is accepted with an e-mail.
      if (kind === 'invalid') expect('problems' in result).toBe(true);
      else if ('problems' in result) throw new Error(`rejected ${JSON.stringify(cells)}: ${JSON.stringify(result.problems)}`);
      else expect(result.row.email).not.toBeNull();
    }
    expect(kinds.duplicate).toBeGreaterThan(300);
    expect(kinds.duplicate).toBeLessThan(500);
    expect(kinds.invalid).toBeGreaterThan(150);
    expect(kinds.invalid).toBeLessThan(250);
    const names = rows.map((r) => r.cells[9]);
    expect(names.some((name) => /^[\u4e00-\u9fff]{2,4}$/.test(name))).toBe(true);
    expect(names.some((name) => /^[A-Z][a-z]+ [A-Z][a-z]+$/.test(name))).toBe(true);
    // Duplicates repeat an earlier row's e-mail (in upper case).
    const emails = new Set<string>();
    for (const { kind, cells } of rows) {
      if (kind === 'duplicate') expect(emails.has(cells[10].toLowerCase())).toBe(true);
      if (kind === 'contact') emails.add(cells[10].trim().replace('＠', '@').toLowerCase());
    }
  });

  it('writes CSV that quotes what needs quoting', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('Acme, Inc.')).toBe('"Acme, Inc."');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    const text = [...demoImportCsv({ rows: 10, seed: 1 })].join('');
    expect(text.startsWith(`\uFEFF${DEMO_IMPORT_HEADER.join(',')}\r\n`)).toBe(true);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(11);
  });
});
