import 'i18next';
import type { LocaleResource } from './locales/en';

// Makes `t('…')` reject keys that do not exist in the resources.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: LocaleResource };
  }
}
