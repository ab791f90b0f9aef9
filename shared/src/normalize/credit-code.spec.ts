import { CREDIT_CODE_PROBLEMS, isValidUnifiedCreditCode, normalizeCreditCode, unifiedCreditCodeCheckDigit } from './credit-code';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
// Published codes: 华为技术有限公司, 深圳市腾讯计算机系统有限公司, 阿里巴巴（中国）有限公司, and the example
// the demo generator's spec uses.
const REAL = ['914403001922038216', '91440300708461136T', '91330100716105852F', '91350100M000100Y43'];

describe('unifiedCreditCodeCheckDigit', () => {
  it.each(REAL)('computes the check character of %s', (code) => {
    expect(unifiedCreditCodeCheckDigit(code.slice(0, 17))).toBe(code[17]);
  });

  it.each(['123', '', '91350100M000100Y4X', '91350100M000100I4', '91350100m000100y4', '９１３５０１００Ｍ０００１００Ｙ４'])(
    'throws a RangeError on the malformed body %j (programmer input, not user input)',
    (body) => {
      expect(() => unifiedCreditCodeCheckDigit(body)).toThrow(RangeError);
    },
  );
});

describe('isValidUnifiedCreditCode', () => {
  it.each(REAL)('accepts %s', (code) => {
    expect(isValidUnifiedCreditCode(code)).toBe(true);
  });

  it('rejects every single-character substitution of a real code', () => {
    const real = REAL[3];
    for (let i = 0; i < real.length; i++) {
      for (const ch of ALPHABET) {
        if (ch === real[i]) continue;
        expect(isValidUnifiedCreditCode(real.slice(0, i) + ch + real.slice(i + 1))).toBe(false);
      }
    }
  });

  it('rejects every transposition of adjacent different characters of a real code', () => {
    for (const real of REAL) {
      for (let i = 0; i + 1 < real.length; i++) {
        if (real[i] === real[i + 1]) continue;
        const swapped = real.slice(0, i) + real[i + 1] + real[i] + real.slice(i + 2);
        if (/^[0-9A-Z]{2}\d{6}/.test(swapped)) expect(isValidUnifiedCreditCode(swapped)).toBe(false);
      }
    }
  });

  // Strict: canonical form only (the lenient entry point is normalizeCreditCode).
  it.each([
    ['empty', ''],
    ['17 characters', '91350100M000100Y4'],
    ['19 characters', '91350100M000100Y433'],
    ['lower case', '91350100m000100y43'],
    ['letter I', '91350100M000100I43'],
    ['letter O', '91350100M0O0100Y43'],
    ['letter in the division code', '9135A100M000100Y43'],
    ['spaces', '9135 0100 M000 100Y 43'],
    ['not a string', 91350100 as unknown as string],
  ])('rejects %s', (_case, code) => {
    expect(isValidUnifiedCreditCode(code)).toBe(false);
  });
});

describe('normalizeCreditCode', () => {
  it.each([
    ['canonical', '91350100M000100Y43', '91350100M000100Y43'],
    ['lower case', '91350100m000100y43', '91350100M000100Y43'],
    ['stray spaces', '  91350100M000100Y43 ', '91350100M000100Y43'],
    ['grouped with spaces', '9135 0100 M000 100Y 43', '91350100M000100Y43'],
    ['dashes', '91350100-M000100Y4-3', '91350100M000100Y43'],
    ['full-width', '９１３５０１００Ｍ０００１００Ｙ４３', '91350100M000100Y43'],
    ['ideographic space inside', '91440300　708461136T', '91440300708461136T'],
    ['letter O for zero', '91350100MO00100Y43', '91350100M000100Y43'],
    ['letter I for one', '9I440300708461136T', '91440300708461136T'],
    ['Excel apostrophe', "'914403001922038216", '914403001922038216'],
    ['CSV ="…" text', '="914403001922038216"', '914403001922038216'],
    ['zero-width space', '91330100716105852F\u200b', '91330100716105852F'],
  ])('%s: %j → %s', (_case, input, value) => {
    expect(normalizeCreditCode(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'credit_code.empty'],
    ['  ', 'credit_code.empty'],
    ['无', 'credit_code.empty'],
    ['N/A', 'credit_code.empty'],
    ['--', 'credit_code.empty'],
    ['440301103050887', 'credit_code.legacy_number'],
    ['19220382-1', 'credit_code.legacy_number'],
    ['70846113-6', 'credit_code.legacy_number'],
    ['91350100M000100Y4', 'credit_code.invalid_length'],
    ['91350100M000100Y433', 'credit_code.invalid_length'],
    ['华为技术有限公司', 'credit_code.invalid_length'],
    ['9.14403001922038E+17', 'credit_code.excel_precision_lost'],
    ['9.14403E+17', 'credit_code.excel_precision_lost'],
    ['914403001922038000', 'credit_code.excel_precision_lost'],
    ['914403001922038100', 'credit_code.checksum_mismatch'],
    ['91350100M000100Z43', 'credit_code.invalid_character'],
    ['91350100M000100S43', 'credit_code.invalid_character'],
    ['91350100M000100V43', 'credit_code.invalid_character'],
    ['91350100M00010#Y43', 'credit_code.invalid_character'],
    ['9135A100M000100Y43', 'credit_code.invalid_format'],
    ['91350100M000100Y44', 'credit_code.checksum_mismatch'],
    ['91350100M000101Y43', 'credit_code.checksum_mismatch'],
    ['914403001922038217', 'credit_code.checksum_mismatch'],
    ['x'.repeat(50_000_000), 'credit_code.invalid_length'],
  ])('%j is rejected as %s', (input, reason) => {
    expect(normalizeCreditCode(input)).toEqual({ ok: false, reason });
  });

  it('accepts exactly what isValidUnifiedCreditCode accepts, once canonical', () => {
    for (const code of REAL) {
      const result = normalizeCreditCode(code.toLowerCase());
      expect(result).toEqual({ ok: true, value: code });
      if (result.ok) expect(isValidUnifiedCreditCode(result.value)).toBe(true);
    }
  });

  it('never throws, whatever it is given', () => {
    for (const input of [null, undefined, 42, {}, '="', "'", 'ÿ'.repeat(18), '𠀀'.repeat(9), '\u0000'.repeat(18)]) {
      const result = normalizeCreditCode(input as unknown as string);
      expect(result.ok === true || CREDIT_CODE_PROBLEMS.includes(result.reason)).toBe(true);
    }
  });
});
