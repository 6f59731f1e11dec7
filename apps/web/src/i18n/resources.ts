import type { Language } from '../api/enums';
import type { Catalog } from './translate';

export const DEFAULT_LANGUAGE: Language = 'ru';

/** Locale used by Intl for money and dates: the one the server prints receipts and SMS with. */
export { LOCALE_BY_LANGUAGE } from '@kassa/format';

/**
 * Each language's texts are a chunk of their own, loaded before the first render and on a
 * switch: a visitor downloads one language, not three (issue 12: the first screen's JS).
 */
export function loadCatalog(language: Language): Promise<Catalog> {
  if (language === 'kk') return import('./kk').then((module) => module.kk);
  if (language === 'en') return import('./en').then((module) => module.en);
  return import('./ru').then((module) => module.ru);
}
