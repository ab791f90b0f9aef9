import { describe, expect, it } from '@jest/globals';
import { localeForLanguage, MESSAGES, translate } from './messages';

describe('messages', () => {
  it('has every English string in Chinese, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of Object.entries(MESSAGES.en)) {
      const chinese = MESSAGES['zh-CN'][key as keyof typeof MESSAGES.en];
      expect(chinese).toBeTruthy();
      expect([key, placeholders(chinese)]).toEqual([key, placeholders(english)]);
    }
  });
});

describe('localeForLanguage', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en'],
    ['de', 'en'],
    ['zha', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (language, locale) => {
    expect(localeForLanguage(language)).toBe(locale);
  });
});

describe('translate', () => {
  it('fills the placeholders', () => {
    expect(translate('en', 'mine.hello', { name: 'Wei' })).toBe('Hello, Wei');
    expect(translate('zh-CN', 'problem.tooLong', { max: 200 })).toBe('最多 200 个字符');
  });
});
