import { App, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@fulcrum/shared';
import type { Locale } from '@fulcrum/shared';
import { applyLocale, currentLocale } from '@/i18n';
import { errorMessage } from '@/i18n/error-message';
import { useOptionalSession } from '@/session/session-context';

/** Switches the UI language at once; saved on this browser, and to the profile when signed in. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useOptionalSession();

  const change = (locale: Locale) => {
    const done = session ? session.changeLocale(locale) : applyLocale(locale);
    done.catch((error: unknown) => {
      void message.warning(t('language.saveFailed', { error: errorMessage(t, error) }));
    });
  };

  return (
    <Segmented<Locale>
      data-testid="lang-switch"
      aria-label={t('language.label')}
      size="small"
      value={currentLocale()}
      onChange={change}
      options={LOCALES.map((locale) => ({
        value: locale,
        title: t(`language.name.${locale}`),
        label: (
          <span data-testid={`lang-${locale}`} lang={locale}>
            {t(`language.short.${locale}`)}
          </span>
        ),
      }))}
    />
  );
}
