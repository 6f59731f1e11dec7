import type { Language } from '../api/enums';
import { en } from './en';
import { kk } from './kk';
import { ru } from './ru';

export const DEFAULT_LANGUAGE: Language = 'ru';

/** Locale used by Intl for money and dates: the language as spoken in Kazakhstan. */
export const LOCALE_BY_LANGUAGE: Record<Language, string> = {
  ru: 'ru-KZ',
  kk: 'kk-KZ',
  en: 'en-KZ',
};

export const resources = {
  ru: { translation: ru },
  kk: { translation: kk },
  en: { translation: en },
} as const;
