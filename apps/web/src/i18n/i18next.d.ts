import 'i18next';
import type { ru } from './ru';

// Typed keys: t('home.title') is checked at compile time against the Russian resource.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ru };
  }
}
