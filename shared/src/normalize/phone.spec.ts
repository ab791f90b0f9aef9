import { callingCodeOf, normalizePhone, PHONE_PROBLEMS, type PhoneKind } from './phone';

describe('normalizePhone', () => {
  describe('mainland China (default country)', () => {
    it.each<[string, string | number, string, PhoneKind, string?]>([
      // Mobiles
      ['plain mobile', '13800138000', '+8613800138000', 'mobile'],
      ['spaced 3-4-4', '138 0013 8000', '+8613800138000', 'mobile'],
      ['dashed', '138-0013-8000', '+8613800138000', 'mobile'],
      ['+86 with spaces', '+86 138 0013 8000', '+8613800138000', 'mobile'],
      ['full-width everything', '＋８６ １３８ ００１３ ８０００', '+8613800138000', 'mobile'],
      ['+86 with dash', '+86-13800138000', '+8613800138000', 'mobile'],
      ['(+86) in parentheses', '(+86) 138-0013-8000', '+8613800138000', 'mobile'],
      ['(86) in parentheses', '(86)13800138000', '+8613800138000', 'mobile'],
      ['0086 prefix', '0086 138 0013 8000', '+8613800138000', 'mobile'],
      ['+0086 prefix', '+008613800138000', '+8613800138000', 'mobile'],
      ['86 prefix whose + Excel dropped', '8613800138000', '+8613800138000', 'mobile'],
      ['trunk 0 before a mobile', '013800138000', '+8613800138000', 'mobile'],
      ['Excel float with .0', '13800138000.0', '+8613800138000', 'mobile'],
      ['Excel float with 86 and .0', '8613800138000.0', '+8613800138000', 'mobile'],
      ['scientific notation with every digit', '1.3800138001E+10', '+8613800138001', 'mobile'],
      ['scientific notation lower-case e', '8.613800138000e+12', '+8613800138000', 'mobile'],
      ['numeric XLSX cell', 13800138000, '+8613800138000', 'mobile'],
      ['numeric XLSX cell with 86', 8613800138000, '+8613800138000', 'mobile'],
      ['Excel apostrophe', "'13800138000", '+8613800138000', 'mobile'],
      ['CSV ="…" text', '="13800138000"', '+8613800138000', 'mobile'],
      ['label in front', '手机：138 0013 8000', '+8613800138000', 'mobile'],
      ['English label', 'Mobile: +86 138 0013 8000', '+8613800138000', 'mobile'],
      ['tel: URI', 'tel:+86-138-0013-8000', '+8613800138000', 'mobile'],
      ['zero-width and NBSP', '\u200b138\u00a00013\u00a08000\ufeff', '+8613800138000', 'mobile'],
      ['dots', '138.0013.8000', '+8613800138000', 'mobile'],
      ['remark in brackets', '138 0013 8000（微信同号）', '+8613800138000', 'mobile'],
      ['mobile with extension', '+86 138 0013 8000 转 8001', '+8613800138000', 'mobile', '8001'],
      ['19x range', '19912345678', '+8619912345678', 'mobile'],
      ['14x range', '14712345678', '+8614712345678', 'mobile'],
      // Landlines
      ['Beijing with dash', '010-65529988', '+861065529988', 'landline'],
      ['Beijing in parentheses with extension 转', '(010) 6552-9988 转 8001', '+861065529988', 'landline', '8001'],
      ['full-width parentheses', '（０１０）６５５２９９８８', '+861065529988', 'landline'],
      ['Shanghai 021', '021-6888 8888', '+862168888888', 'landline'],
      ['Guangzhou 020', '020 3888 8888', '+862038888888', 'landline'],
      ['Shenzhen 0755 with dash extension', '0755-86013388-8001', '+8675586013388', 'landline', '8001'],
      ['Hangzhou 0571 with 7-digit local and extension', '0571-8888888-123', '+865718888888', 'landline', '123'],
      ['three-digit area, 7-digit local', '0571 8888888', '+865718888888', 'landline'],
      ['ext. marker', '021-68888888 ext. 123', '+862168888888', 'landline', '123'],
      ['x marker', '021-68888888x123', '+862168888888', 'landline', '123'],
      ['# marker', '0755-86013388#8001', '+8675586013388', 'landline', '8001'],
      ['分机 marker', '0755-86013388 分机 8001', '+8675586013388', 'landline', '8001'],
      ['+86 and area code without trunk 0', '+86 10 6552 9988', '+861065529988', 'landline'],
      ['+86 and area code with trunk 0', '+86 010 6552 9988', '+861065529988', 'landline'],
      ['+86 landline with dash extension', '+86 755 8601 3388-8001', '+8675586013388', 'landline', '8001'],
      ['86 prefix, area and local, + lost', '86-10-65529988', '+861065529988', 'landline'],
      ['area code in parentheses, no space', '(0755)86013388', '+8675586013388', 'landline'],
      ['+86 (0) written trunk', '+86 (0)755 8601 3388', '+8675586013388', 'landline'],
      ['86 prefix with landline, + lost', '861065529988', '+861065529988', 'landline'],
      ['service number 400', '400-810-8888', '+864008108888', 'unknown'],
      ['service number 800', '800 820 8820', '+868008208820', 'unknown'],
    ])('%s: %j', (_case, input, e164, kind, ...rest) => {
      // A trailing optional column: a rest parameter keeps jest from passing its `done` callback there.
      const extension = rest[0];
      expect(normalizePhone(input)).toEqual(extension === undefined ? { ok: true, e164, kind } : { ok: true, e164, kind, extension });
    });
  });

  describe('international numbers', () => {
    it.each<[string, string, string, PhoneKind, string?]>([
      ['Hong Kong mobile', '+852 9123 4567', '+85291234567', 'mobile'],
      ['Hong Kong landline', '+852 2123 4567', '+85221234567', 'unknown'],
      ['Macau mobile', '+853 6612 3456', '+85366123456', 'mobile'],
      ['Taiwan mobile', '+886 912 345 678', '+886912345678', 'mobile'],
      ['Taiwan landline with (0)', '+886 (0)2 2345 6789', '+886223456789', 'unknown'],
      ['US with dashes', '+1 415-555-2671', '+14155552671', 'unknown'],
      ['US with extension', '+1 (212) 555-0123 x45', '+12125550123', 'unknown', '45'],
      ['UK with (0)', '+44 (0)20 7946 0958', '+442079460958', 'unknown'],
      ['UK with written trunk 0', '+44 020 7946 0958', '+442079460958', 'unknown'],
      ['UK mobile via 00', '0044 7700 900123', '+447700900123', 'mobile'],
      ['Germany mobile', '+49 151 23456789', '+4915123456789', 'mobile'],
      ['Germany landline with slash', '+49 30/12345678', '+493012345678', 'unknown'],
      ['Italy keeps its 0', '+39 06 6982 1234', '+390669821234', 'unknown'],
      ['Japan mobile', '+81 90-1234-5678', '+819012345678', 'mobile'],
      ['Korea mobile', '+82 10-1234-5678', '+821012345678', 'mobile'],
      ['Singapore mobile', '+65 8123 4567', '+6581234567', 'mobile'],
      ['France mobile', '+33 6 12 34 56 78', '+33612345678', 'mobile'],
      ['Australia mobile', '+61 412 345 678', '+61412345678', 'mobile'],
      ['India mobile', '+91 98765 43210', '+919876543210', 'mobile'],
      ['Russia mobile', '+7 912 345-67-89', '+79123456789', 'mobile'],
      ['RFC 3966 extension', 'tel:+1-201-555-0123;ext=1234', '+12015550123', 'unknown', '1234'],
      ['international freephone (non-geographic code)', '+800 1234 5678', '+80012345678', 'unknown'],
      ['full-width plus and digits', '＋４４ ２０ ７９４６ ０９５８', '+442079460958', 'unknown'],
    ])('%s: %j', (_case, input, e164, kind, ...rest) => {
      // A trailing optional column: a rest parameter keeps jest from passing its `done` callback there.
      const extension = rest[0];
      expect(normalizePhone(input)).toEqual(extension === undefined ? { ok: true, e164, kind } : { ok: true, e164, kind, extension });
    });
  });

  describe('other default countries', () => {
    it.each<[string, string, string | null, string, PhoneKind]>([
      ['US national', '(415) 555-2671', 'US', '+14155552671', 'unknown'],
      ['US with trunk 1', '1-415-555-2671', 'us', '+14155552671', 'unknown'],
      ['UK national mobile', '07700 900123', 'GB', '+447700900123', 'mobile'],
      ['UK with lost +', '447700900123', 'GB', '+447700900123', 'mobile'],
      ['Germany national', '030 12345678', 'DE', '+493012345678', 'unknown'],
      ['Singapore national', '8123 4567', 'SG', '+6581234567', 'mobile'],
      ['Hong Kong national', '9123 4567', 'HK', '+85291234567', 'mobile'],
      ['explicit + ignores the default', '+86 138 0013 8000', 'US', '+8613800138000', 'mobile'],
      ['explicit + without any default', '+86 138 0013 8000', null, '+8613800138000', 'mobile'],
    ])('%s: %j (%s)', (_case, input, country, e164, kind) => {
      expect(normalizePhone(input, country)).toEqual({ ok: true, e164, kind });
    });
  });

  it.each<[string | number, string, string?]>([
    ['', 'phone.empty'],
    ['   ', 'phone.empty'],
    ['无', 'phone.empty'],
    ['暂无', 'phone.empty'],
    ['N/A', 'phone.empty'],
    ['-', 'phone.empty'],
    ['0', 'phone.empty'],
    ['()', 'phone.empty'],
    ['95588', 'phone.too_short'],
    ['1380013800', 'phone.too_short'],
    ['138001380001', 'phone.too_long'],
    ['12345678901', 'phone.invalid_number'],
    ['1065529988', 'phone.too_short'],
    ['65529988', 'phone.missing_area_code'],
    ['6552-9988', 'phone.missing_area_code'],
    ['010-1234567', 'phone.too_short'],
    ['010-06552998', 'phone.invalid_number'],
    ['1.38001E+10', 'phone.excel_precision_lost'],
    ['8.6138E+12', 'phone.excel_precision_lost'],
    ['1.38001380013E+10', 'phone.invalid_number'],
    ['13800138000 / 13900139000', 'phone.multiple_numbers'],
    ['13800138000，13900139000', 'phone.multiple_numbers'],
    ['13800138000;13900139000', 'phone.multiple_numbers'],
    ['13800138000、13900139000', 'phone.multiple_numbers'],
    ['13800138000 或 13900139000', 'phone.multiple_numbers'],
    ['wechat: zhangwei88', 'phone.invalid_characters'],
    ['138-0013-800O', 'phone.invalid_characters'],
    ['138*0013*8000', 'phone.invalid_characters'],
    ['138+0013+8000', 'phone.invalid_characters'],
    ['+999 1234 5678', 'phone.unknown_country_code'],
    ['+12', 'phone.too_short'],
    ['+44 20 79', 'phone.too_short'],
    ['+44 20 7946 0958 1234 5678', 'phone.too_long'],
    ['+1 055 555 0123', 'phone.invalid_number'],
    ['1234567890123456789012345', 'phone.too_long'],
    [13800138000.5, 'phone.invalid_number'],
    [-13800138000, 'phone.invalid_number'],
    [Number.NaN, 'phone.invalid_number'],
    [1e20, 'phone.too_long'],
    ['9'.repeat(10_000), 'phone.too_long'],
  ])('%j is rejected as %s', (input, reason) => {
    expect(normalizePhone(input)).toEqual({ ok: false, reason });
  });

  it('needs a country for national numbers when there is no default', () => {
    expect(normalizePhone('13800138000', null)).toEqual({ ok: false, reason: 'phone.missing_country_code' });
    expect(normalizePhone('13800138000', 'XX')).toEqual({ ok: false, reason: 'phone.unknown_country_code' });
  });

  it('never throws, whatever it is given', () => {
    for (const input of [null, undefined, {}, [], '+', '++86', '00', '(', 'ext 12', '转8001', '="', "'", 'x', '#', Infinity]) {
      const result = normalizePhone(input as unknown as string);
      expect(result.ok === true || PHONE_PROBLEMS.includes(result.reason)).toBe(true);
    }
  });

  it('is idempotent on its own output', () => {
    for (const input of ['＋８６ １３８ ００１３ ８０００', '(010) 6552-9988 转 8001', '+44 (0)20 7946 0958', '400-810-8888']) {
      const once = normalizePhone(input);
      expect(once.ok).toBe(true);
      if (once.ok) expect(normalizePhone(once.e164)).toMatchObject({ ok: true, e164: once.e164, kind: once.kind });
    }
  });

  it('knows the calling codes of countries', () => {
    expect(callingCodeOf('CN')).toBe('86');
    expect(callingCodeOf('hk')).toBe('852');
    expect(callingCodeOf('CA')).toBe('1');
    expect(callingCodeOf('KZ')).toBe('7');
    expect(callingCodeOf('ZZ')).toBeUndefined();
    expect(callingCodeOf('-')).toBeUndefined();
  });
});
