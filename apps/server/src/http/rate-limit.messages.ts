import type { Localized } from '../shared/i18n.js';

// What a refused request is told about when to come back (rate-limit.ts), in ru/kk/en. Numbers
// stay uninflected (Russian abbreviations, Kazakh takes no plural after a numeral).

export const WAIT_SECONDS: Localized = {
  ru: 'Повторите через {count} с.',
  kk: '{count} секундтан кейін қайталаңыз.',
  en: 'Try again in {count} s.',
};

export const WAIT_MINUTES: Localized = {
  ru: 'Повторите через {count} мин.',
  kk: '{count} минуттан кейін қайталаңыз.',
  en: 'Try again in {count} min.',
};
