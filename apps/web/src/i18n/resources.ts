import { en } from './en';
import { kk } from './kk';
import { ru } from './ru';

export type { Translation } from './ru';
export { en, kk, ru };

/** The interface languages, in the order the language switch shows them. */
export const LANGUAGES = ['ru', 'kk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
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

/**
 * Every leaf key of a resource as a dotted path ("home.title"), sorted. Tests compare these
 * lists across languages (and the {{placeholders}} of each key) so none falls behind.
 */
export function flattenKeys(tree: object, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') keys.push(path);
    else if (typeof value === 'object' && value !== null) keys.push(...flattenKeys(value, path));
  }
  return keys.sort();
}
