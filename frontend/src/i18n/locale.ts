import { LOCALES } from '@fulcrum/shared';
import type { Locale } from '@fulcrum/shared';

export const LOCALE_STORAGE_KEY = 'fulcrum.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Any Chinese variant reads the Simplified Chinese UI; everything else reads English. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  const first = languages.find((language) => language.trim() !== '');
  return first?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function readStoredLocale(): Locale | null {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Private mode or blocked storage: the choice still holds for this tab.
  }
}

/** Before anyone signs in: the last choice on this browser, else the browser's language. */
export function detectLocale(): Locale {
  const stored = readStoredLocale();
  if (stored) return stored;
  const nav = globalThis.navigator;
  return localeFromLanguages(nav ? [...(nav.languages ?? []), nav.language] : []);
}
