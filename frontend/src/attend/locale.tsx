import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { Locale } from '@fulcrum/shared';
import { localeForLanguage, translate, type MessageKey, type MessageParams } from '@/attend/messages';

const STORAGE_KEY = 'fulcrum.attend.locale';

/** The visitor's own choice (the switch, remembered) or, when they made none, their browser's language. */
function initialLocale(): { locale: Locale; chosen: boolean } {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh-CN' || stored === 'en') return { locale: stored, chosen: true };
  } catch {
    // Storage can be off (private mode, some in-app browsers): the browser language decides.
  }
  return { locale: localeForLanguage(navigator.language), chosen: false };
}

interface LocaleValue {
  locale: Locale;
  t: (key: MessageKey, params?: MessageParams) => string;
  toggle: () => void;
  /** A language the page knows better than the browser (an invitation's): taken unless the visitor chose one. */
  adopt: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleValue | null>(null);

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [initial] = useState(initialLocale);
  const [locale, setLocale] = useState<Locale>(initial.locale);
  const chosen = useRef(initial.chosen);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const toggle = useCallback(() => {
    chosen.current = true;
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
  const adopt = useCallback((next: Locale) => {
    if (!chosen.current) setLocale(next);
  }, []);
  const value = useMemo<LocaleValue>(() => ({ locale, toggle, adopt, t: (key, params) => translate(locale, key, params) }), [locale, toggle, adopt]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleValue {
  const value = useContext(LocaleContext);
  if (!value) throw new Error('useLocale needs a LocaleProvider');
  return value;
}
