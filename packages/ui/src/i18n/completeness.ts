/**
 * The build's check of an app's catalogues (scripts/build-web.mjs, scripts/build-backoffice.mjs
 * run it before Vite): the compiler rejects a missing key in kk.ts or en.ts, but the build does
 * not typecheck, and no type stops an empty string or a lost {{placeholder}}. Plain data in,
 * sentences out, so the tests feed it small catalogues and each app's build its real ones.
 */

import type { CatalogTree } from './translate';

/** Words that stay the same in every language: a Kazakh text equal to the English one is fine if it is only these. */
const SAME_IN_EVERY_LANGUAGE = [
  'kassa',
  'iban',
  'bic',
  'sms',
  'pin',
  'iin',
  'kzt',
  'usd',
  'eur',
  'rub',
  'csv',
  'pdf',
  'english',
  'қазақша',
  'русский',
  'eng',
  'face',
  'touch',
  'id',
  'passkey',
  'android',
  'iphone',
  'windows',
  'hello',
  'api',
  'dev',
];

/** Texts up to this many characters ("OK", "—") are the same in many languages by nature. */
const SHORT_TEXT_LENGTH_MAX = 3;

/** Flattens nested keys into dotted paths, as t('a.b.c') names them. */
export function flattenCatalog(tree: CatalogTree, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [inner, text] of flattenCatalog(value, path)) flat.set(inner, text);
  }
  return flat;
}

function placeholders(text: string): string {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)]
    .map((match) => match[1])
    .sort()
    .join(',');
}

/** Whether a text is only brand names, codes, digits and punctuation: the same in Kazakh and English by right. */
function isLanguageNeutral(text: string, neutralWords: ReadonlySet<string>): boolean {
  const words = text
    .replace(/\{\{[^}]*\}\}/g, ' ')
    .toLowerCase()
    .match(/\p{L}+/gu);
  return !words || words.every((word) => neutralWords.has(word));
}

export interface CompletenessReport {
  /** Each one fails the build: a key missing or extra against ru, an empty text, a placeholder lost. */
  errors: string[];
  /** Kazakh texts that are the English ones: probably not translated yet; listed, not fatal. */
  warnings: string[];
}

export interface CheckOptions {
  /** The app's own words that are the same in Kazakh and English (the back office's "TOTP"), lower case. */
  neutralWords?: readonly string[];
}

/** Compares every language with Russian, the source of the key set. */
export function checkCatalogs(catalogs: { ru: CatalogTree } & Record<string, CatalogTree>, options: CheckOptions = {}): CompletenessReport {
  const errors: string[] = [];
  const warnings: string[] = [];
  const neutralWords = new Set([...SAME_IN_EVERY_LANGUAGE, ...(options.neutralWords ?? [])]);
  const source = flattenCatalog(catalogs.ru);
  const flat = new Map(Object.entries(catalogs).map(([language, tree]) => [language, flattenCatalog(tree)]));
  for (const [language, texts] of flat) {
    for (const [key, sourceText] of source) {
      const text = texts.get(key);
      if (text === undefined) errors.push(`${language}: key ${key} is missing`);
      else if (text.trim() === '') errors.push(`${language}: key ${key} is empty`);
      else if (placeholders(text) !== placeholders(sourceText)) {
        errors.push(`${language}: key ${key} has placeholders {${placeholders(text)}}, ru has {${placeholders(sourceText)}}`);
      }
    }
    for (const key of texts.keys()) if (!source.has(key)) errors.push(`${language}: key ${key} is not in ru`);
  }
  const kk = flat.get('kk');
  const en = flat.get('en');
  if (kk && en) {
    for (const [key, text] of kk) {
      if (text !== en.get(key) || text === source.get(key)) continue;
      if (text.trim().length <= SHORT_TEXT_LENGTH_MAX || isLanguageNeutral(text, neutralWords)) continue;
      warnings.push(`kk: key ${key} is the English text "${text}"`);
    }
  }
  return { errors, warnings };
}

/**
 * Keys the code asks for by a literal (`t('nav.home')`) that Russian, the source, does not have:
 * missing in every language, so the screen would show the key itself. Keys built at run time
 * (`t(\`status.${status}\`)`) are left to the typecheck. `sources` maps a file's path, as the
 * app's import.meta.glob names it ("../layout/Nav.tsx"), to its text.
 */
export function keysMissingFromSource(sources: Record<string, string>, source: CatalogTree): string[] {
  const keys = flattenCatalog(source);
  const errors: string[] = [];
  for (const [file, text] of Object.entries(sources)) {
    for (const match of text.matchAll(/\bt\(\s*(['"`])([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)+)\1/g)) {
      const key = match[2] as string;
      if (!keys.has(key)) errors.push(`${file.replace(/^\.\.\//, 'src/')}: t('${key}') is in no catalogue`);
    }
  }
  return [...new Set(errors)];
}
