import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES } from '@fulcrum/shared';
import type { Locale } from '@fulcrum/shared';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';
import { detectLocale, isLocale, storeLocale } from './locale';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: detectLocale(),
  fallbackLng: 'en',
  supportedLngs: [...LOCALES],
  interpolation: { escapeValue: false },
  initAsync: false,
  // Keeps the library's promotional console line out of the product's console.
  showSupportNotice: false,
});

function syncDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}
syncDocumentLanguage(i18n.language);
i18n.on('languageChanged', syncDocumentLanguage);

export function currentLocale(): Locale {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(language) ? language : 'en';
}

/** Switches the UI now and remembers the choice on this browser. */
export async function applyLocale(locale: Locale): Promise<void> {
  storeLocale(locale);
  if (currentLocale() !== locale) await i18n.changeLanguage(locale);
}
