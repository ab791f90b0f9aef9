import { describe, expect, it } from '@jest/globals';
import { ERROR_CODES } from '@fulcrum/shared';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { localeFromLanguages } from './locale';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [childPath, childValue] of flatten(value, path)) entries.set(childPath, childValue);
  }
  return entries;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((match) => match[1] ?? '').sort();
}

const locales = { en: flatten(en), 'zh-CN': flatten(zhCN) };

describe('translations', () => {
  it('have exactly the same keys in every locale', () => {
    expect([...locales['zh-CN'].keys()].sort()).toEqual([...locales.en.keys()].sort());
  });

  it.each(Object.entries(locales))('%s has no empty strings', (_locale, entries) => {
    const empty = [...entries].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in every locale', () => {
    const mismatched = [...locales.en].filter(([key, text]) => {
      const other = locales['zh-CN'].get(key) ?? '';
      return placeholders(text).join() !== placeholders(other).join();
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it.each(Object.entries(locales))('%s translates every API error code', (_locale, entries) => {
    const missing = ERROR_CODES.filter((code) => !entries.has(`errors.${code}`));
    expect(missing).toEqual([]);
  });
});

describe('localeFromLanguages', () => {
  it.each([
    [['zh-CN'], 'zh-CN'],
    [['zh-TW', 'en'], 'zh-CN'],
    [['zh'], 'zh-CN'],
    [['en-US', 'zh-CN'], 'en'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ])('%j reads %s', (languages, expected) => {
    expect(localeFromLanguages(languages)).toBe(expected);
  });
});
