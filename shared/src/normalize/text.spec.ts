import { foldWidth, isPlaceholder, unwrapSpreadsheetText } from './text';

const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const nfkc = (s: string): string => s.normalize('NFKC').replace(INVISIBLE, '');

describe('foldWidth', () => {
  it.each([
    ['ASCII is returned as is', 'Zhang.Wei@example.com', 'Zhang.Wei@example.com'],
    ['full-width letters, digits and signs', 'Ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ　＋８６', 'Zhang@example.com +86'],
    ['ideographic space and NBSP', '华为\u3000技术\u00a0有限公司', '华为 技术 有限公司'],
    ['full-width brackets', '（中国）', '(中国)'],
    ['enclosed ideograph', '㈱日立', '(株)日立'],
    ['half-width katakana', 'ｿﾆｰ', 'ソニー'],
    ['zero-width characters and BOM', '\ufeff华\u200b为\u200d', '华为'],
    ['decomposed accent composes', 'Lumie\u0300re', 'Lumière'],
    ['Hangul jamo compose', '\u1100\u1161\u11a8', '각'],
    ['CJK punctuation is kept', '【华为】、「技术」。', '【华为】、「技术」。'],
    ['CJK compatibility ideograph', '\uf900', '\u8c48'],
  ])('%s', (_case, input, expected) => {
    expect(foldWidth(input)).toBe(expected);
  });

  it('agrees with NFKC on random mixes of stable and unstable characters', () => {
    const pool = [
      'a', 'Z', '0', ' ', '.', '@', '华', '為', '기', '가', 'あ', 'ア', 'ー', '・', 'é', 'Ä', 'ß', '×', '·', '、', '。', '【', '」',
      '\u3000', '\u00a0', '\u0301', '\u11a8', '\u3099', '\uff21', '\uff10', '\uff08', '\uff61', '\uff71', '\u2460', '\u00b2', '\ufb01',
      '\u200b', '\ufeff', '\u1100', '\u1161', '\u309b', '\u2126', '\u212b', '\ud842\udfb7',
    ];
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const length = 1 + random(8);
      for (let j = 0; j < length; j++) s += pool[random(pool.length)];
      expect([s, foldWidth(s)]).toEqual([s, nfkc(s)]);
    }
  });
});

describe('unwrapSpreadsheetText', () => {
  it.each([
    ["'13800138000", '13800138000'],
    ['="13800138000"', '13800138000'],
    ['="  0755-86013388 "', '0755-86013388'],
    ['13800138000', '13800138000'],
    ['=SUM(A1:A2)', '=SUM(A1:A2)'],
    ['="', '="'],
    ["'", ''],
  ])('%j → %j', (input, expected) => {
    expect(unwrapSpreadsheetText(input)).toBe(expected);
  });
});

describe('isPlaceholder', () => {
  it.each(['N/A', 'n/a', '#N/A', '#VALUE!', '#REF!', 'none', 'NULL', '无', '暂无', '未知', '不详', '-', '--', '—', '/', '.', '?', '？'])('%j is a placeholder', (s) => {
    expect(isPlaceholder(s)).toBe(true);
  });

  it.each(['Na', 'Nan', 'Nan Li', 'Nancy', 'a@b.com', '0', '13800138000', 'Anna', '华为'])('%j is a value', (s) => {
    expect(isPlaceholder(s)).toBe(false);
  });
});
