import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Locale } from '@fulcrum/shared';
import { localeForLanguage, translate, type MessageKey, type MessageParams } from '@/attend/messages';

const STORAGE_KEY = 'fulcrum.attend.locale';

function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh-CN' || stored === 'en') return stored;
  } catch {
    // Storage can be off (private mode, some in-app browsers): the browser language decides.
  }
  return localeForLanguage(navigator.language);
}

interface LocaleValue {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  toggle: () => void;
}

const LocaleContext = createContext<LocaleValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const toggle = useCallback(() => {
    setLocale((current) => {
      const next: Locale = current === 'zh-CN' ? 'en' : 'zh-CN';
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered across visits then; this visit still switches.
      }
      return next;
    });
  }, []);
  const value = useMemo<LocaleValue>(() => ({ locale, toggle, t: (key, params) => translate(locale, key, params) }), [locale, toggle]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale needs a LocaleProvider');
  return value;
}
