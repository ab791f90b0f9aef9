import { normalizePersonName, PERSON_NAME_PROBLEMS } from './person-name';

describe('normalizePersonName', () => {
  it.each([
    ['Chinese name', '张伟', '张伟', '张伟'],
    ['stray spaces inside a Chinese name', ' 张 伟 ', '张伟', '张伟'],
    ['ideographic space', '欧阳\u3000娜娜', '欧阳娜娜', '欧阳娜娜'],
    ['salutation 先生', '张伟先生', '张伟', '张伟'],
    ['salutation 女士', '李娜女士', '李娜', '李娜'],
    ['surname + salutation is kept whole', '王先生', '王先生', '王先生'],
    ['middle dot kept in display, not in key', '阿依古丽·买买提', '阿依古丽·买买提', '阿依古丽买买提'],
    ['Katakana middle dot', 'ジョン・スミス', 'ジョン・スミス', 'ジョンスミス'],
    ['full-width Latin', 'Ｅｍｉｌｙ　Ｃａｒｔｅｒ', 'Emily Carter', 'carter emily'],
    ['doubled spaces', 'Emily   Carter', 'Emily Carter', 'carter emily'],
    ['pinyin, family name first', 'ZHANG Wei', 'ZHANG Wei', 'wei zhang'],
    ['pinyin, given name first', 'Wei Zhang', 'Wei Zhang', 'wei zhang'],
    ['comma form', 'Zhang, Wei', 'Zhang, Wei', 'wei zhang'],
    ['salutation Mr.', 'Mr. James Whitfield', 'James Whitfield', 'james whitfield'],
    ['salutation Ms without dot', 'Ms Emily Carter', 'Emily Carter', 'carter emily'],
    ['academic title kept', 'Dr. Emily Carter', 'Dr. Emily Carter', 'carter dr emily'],
    ['hyphenated', 'Jean-Luc Picard', 'Jean-Luc Picard', 'jeanluc picard'],
    ['apostrophe', "Seán O'Brien", "Seán O'Brien", 'obrien seán'],
    ['zero-width space', 'Emily\u200b Carter', 'Emily Carter', 'carter emily'],
  ])('%s: %j', (_case, input, value, key) => {
    expect(normalizePersonName(input)).toEqual({ ok: true, value, key });
  });

  it.each([
    ['', 'name.empty'],
    ['   ', 'name.empty'],
    ['N/A', 'name.empty'],
    ['无', 'name.empty'],
    ['zhang.wei@example.com', 'name.not_a_name'],
    ['13800138000', 'name.not_a_name'],
    ['https://example.com', 'name.not_a_name'],
    ['!!!', 'name.not_a_name'],
    ['x'.repeat(101), 'name.too_long'],
    ['x'.repeat(50_000_000), 'name.too_long'],
  ])('%j is rejected as %s', (input, reason) => {
    expect(normalizePersonName(input)).toEqual({ ok: false, reason });
  });

  it('never throws, whatever it is given', () => {
    for (const input of [null, undefined, 42, {}, 'Mr. ', '先生']) {
      const result = normalizePersonName(input as unknown as string);
      expect(result.ok === true || PERSON_NAME_PROBLEMS.includes(result.reason)).toBe(true);
    }
  });
});
