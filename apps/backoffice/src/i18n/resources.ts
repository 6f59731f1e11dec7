import { type Language, LOCALE_BY_LANGUAGE } from '@kassa/format';
import type { Catalog } from './translate';

export type { Language };

/** The interface languages, in the order the language switch shows them. */
export const LANGUAGES: readonly Language[] = ['ru', 'kk', 'en'];

export const DEFAULT_LANGUAGE: Language = 'ru';

/** Locale used by Intl for dates: the one the server and the web app use. */
export { LOCALE_BY_LANGUAGE };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Each language's texts are a chunk of their own, loaded before the first render and on a switch. */
export function loadCatalog(language: Language): Promise<Catalog> {
  if (language === 'kk') return import('./kk').then((module) => module.kk);
  if (language === 'en') return import('./en').then((module) => module.en);
  return import('./ru').then((module) => module.ru);
}
