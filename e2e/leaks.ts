import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DEMO_CUSTOMERS } from '../apps/server/src/modules/identity/index.js';
import type { ShownText } from './probes.js';

/**
 * What must never reach a Russian or Kazakh customer's screen (issue 12 item 2): a text of the
 * English catalogue, a raw id, an enum or i18n key, English words. The rules are built from the
 * catalogues and the OpenAPI document themselves, so a new text or enum is covered without a list.
 */

export type Language = 'ru' | 'kk' | 'en';

export type Check = 'english-catalogue' | 'raw-id' | 'raw-token' | 'english-words' | 'server-english';

export interface Leak {
  check: Check;
  text: string;
  where: string;
  detail: string;
}

interface CatalogTree {
  readonly [key: string]: string | CatalogTree;
}

const ROOT = new URL('..', import.meta.url);

/** The web app's catalogues, loaded by path: their files are for the bundler, not for this tsconfig. */
async function loadCatalogs(): Promise<Record<Language, Map<string, string>>> {
  const load = async (file: string): Promise<Record<string, unknown>> => import(/* @vite-ignore */ fileURLToPath(new URL(file, ROOT)));
  const [{ flattenCatalog }, ru, kk, en] = await Promise.all([
    load('packages/ui/src/i18n/completeness.ts'),
    load('apps/web/src/i18n/ru.ts'),
    load('apps/web/src/i18n/kk.ts'),
    load('apps/web/src/i18n/en.ts'),
  ]);
  const flatten = flattenCatalog as (tree: CatalogTree) => Map<string, string>;
  return { ru: flatten(ru?.ru as CatalogTree), kk: flatten(kk?.kk as CatalogTree), en: flatten(en?.en as CatalogTree) };
}

/** Every string enum of the API: the raw values a screen must name in words instead. */
async function apiEnumValues(): Promise<Set<string>> {
  const document: unknown = JSON.parse(await readFile(new URL('apps/server/openapi.json', ROOT), 'utf8'));
  const values = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key !== 'enum' || !Array.isArray(value)) walk(value);
        else for (const item of value) if (typeof item === 'string') values.add(item);
      }
    }
  };
  walk(document);
  return values;
}

/** Words any language shows as they are: brands, codes, browsers and systems in the sessions list. */
const LATIN_WORDS_ALLOWED = [
  'Kassa',
  'IBAN',
  'BIC',
  'SWIFT',
  'SMS',
  'PIN',
  'IIN',
  'KZT',
  'USD',
  'EUR',
  'RUB',
  'CSV',
  'PDF',
  'HTML',
  'API',
  'QR',
  'Face',
  'Touch',
  'ID',
  'Passkey',
  'Windows',
  'Hello',
  'Android',
  'iPhone',
  'iOS',
  'macOS',
  'Linux',
  'Chrome',
  'Chromium',
  'HeadlessChrome',
  'Safari',
  'Firefox',
  'Edge',
  'Google',
  'Apple',
  'Eng',
  'English',
  'Kaspi',
  'Halyk',
  'Excel',
  // "3-D Secure", the card scheme's name for its code.
  'Secure',
];

/** English texts shorter than this are too often the same in every language (PIN, SMS, OK). */
const ENGLISH_TEXT_LENGTH_MIN = 4;

export interface LeakRules {
  language: Language;
  /** This language's catalogue, flattened: the texts a screen is found by (the 404 page's title). */
  texts: Map<string, string>;
  /** English catalogue texts (or their parts around {{placeholders}}) this language has in other words. */
  englishOnly: { needle: string; key: string }[];
  enumTokens: Set<string>;
  catalogKeys: Set<string>;
  allowedWords: Set<string>;
}

function hasWord(text: string): boolean {
  return /[A-Za-z]{3,}/.test(text);
}

export async function leakRules(language: Language): Promise<LeakRules> {
  const [catalogs, enums] = await Promise.all([loadCatalogs(), apiEnumValues()]);
  const own = catalogs[language];
  const ownTexts = new Set(own.values());
  const englishOnly: LeakRules['englishOnly'] = [];
  if (language !== 'en') {
    for (const [key, english] of catalogs.en) {
      if (english === own.get(key) || ownTexts.has(english)) continue;
      for (const part of english.split(/\{\{[^}]*\}\}/)) {
        const needle = part.trim().replace(/^[\s,.:;·—–-]+|[\s,.:;·—–(-]+$/g, '');
        if (needle.length >= ENGLISH_TEXT_LENGTH_MIN && hasWord(needle) && !ownTexts.has(needle)) englishOnly.push({ needle, key });
      }
    }
  }
  const englishWords = new Set([...catalogs.en.values()].flatMap((text) => text.toLowerCase().match(/[a-z]+/g) ?? []));
  // An enum value is a token, not a word, when it has a separator or is no English word ("ewallet").
  const enumTokens = new Set(
    [...enums].filter(
      (value) => /^[a-z][a-z0-9]*([_.-][a-z0-9]+)+$/.test(value) || (/^[a-z]{4,}$/.test(value) && !englishWords.has(value)),
    ),
  );
  const names = DEMO_CUSTOMERS.flatMap((customer) => customer.fullName.split(/\s+/));
  return {
    language,
    texts: own,
    englishOnly,
    enumTokens,
    catalogKeys: new Set(catalogs.ru.keys()),
    allowedWords: new Set([...LATIN_WORDS_ALLOWED, ...names]),
  };
}

// Four characters already: a shortened id ("acc_98cc…") is still an id.
const RAW_ID = /\b(acc|op|cus|ses|dev|lgn|reg)_[0-9a-z]{4,}/;
const SNAKE_CASE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/;
/** A dotted token (transfer.own, nav.home); host names and file names are left out by their last part. */
const DOTTED = /\b[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z_][a-zA-Z0-9_]*)+\b/g;
const NOT_A_KEY_SUFFIX = /\.(kz|com|ru|org|net|io|dev|local|localhost|pdf|csv|html|js|png|svg)$/;
const ADDRESSES = /\S+@\S+|https?:\/\/\S*|\blocalhost(:\d+)?\S*|\b[\w-]+(\.[\w-]+)*\.(kz|com|ru|org|net|io)\b\S*/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `needle` stands in `text` as words: not glued to further Latin letters. */
function containsWords(text: string, needle: string): boolean {
  return new RegExp(`(^|[^A-Za-z])${escapeRegExp(needle)}($|[^A-Za-z])`).test(text);
}

/** The Latin words of a text that no allowance explains (addresses and codes taken out first). */
export function englishWords(text: string, rules: LeakRules): string[] {
  const words = text.replace(ADDRESSES, ' ').match(/(?<![A-Za-z0-9_])[A-Za-z][a-z]{2,}(?![A-Za-z0-9_])/g) ?? [];
  return words.filter((word) => !rules.allowedWords.has(word));
}

function tokenLeak(shown: string, rules: LeakRules): string | null {
  // An id is reported as one; what is left is searched for tokens. Links and addresses are not:
  // a receipt's check link (/r/<random code>) may hold "_tl" or any other letters by chance.
  const text = shown.replace(new RegExp(RAW_ID.source, 'g'), ' ');
  const snake = SNAKE_CASE.exec(text.replace(ADDRESSES, ' '));
  if (snake) return snake[0];
  for (const match of text.replace(ADDRESSES, ' ').matchAll(DOTTED)) {
    if (!NOT_A_KEY_SUFFIX.test(match[0])) return match[0];
  }
  for (const token of rules.enumTokens) {
    if (new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(token)}($|[^A-Za-z0-9_-])`).test(text)) return token;
  }
  return null;
}

/** What a raw token is, for the report: an i18n key (known or missing: i18next shows a missing key as itself) or a value. */
function tokenKind(token: string, rules: LeakRules): string {
  if (rules.catalogKeys.has(token)) return `i18n key ${token}`;
  const namespace = token.split('.')[0] ?? '';
  const known = [...rules.catalogKeys].some((key) => key.startsWith(`${namespace}.`));
  return known && token.includes('.') ? `i18n key ${token}, missing from the catalogues` : token;
}

/** The leaks among the texts one screen shows. */
export function findLeaks(texts: readonly ShownText[], rules: LeakRules): Leak[] {
  const leaks: Leak[] = [];
  for (const { text, where } of texts) {
    const id = RAW_ID.exec(text);
    if (id) leaks.push({ check: 'raw-id', text, where, detail: id[0] });
    const token = tokenLeak(text, rules);
    if (token) leaks.push({ check: 'raw-token', text, where, detail: tokenKind(token, rules) });
    // A raw token is one finding, not also an English one.
    if (rules.language === 'en' || token) continue;
    const english = rules.englishOnly.find(({ needle }) => containsWords(text, needle));
    if (english) leaks.push({ check: 'english-catalogue', text, where, detail: `en.${english.key}: "${english.needle}"` });
    else {
      const words = englishWords(text, rules);
      if (words.length > 0) leaks.push({ check: 'english-words', text, where, detail: words.join(' ') });
    }
  }
  return leaks;
}

/** The texts of a problem+json answer a customer may be shown: title, detail and field messages. */
export function problemTexts(body: unknown): string[] {
  if (body === null || typeof body !== 'object') return [];
  const texts: string[] = [];
  const { title, detail, errors } = body as { title?: unknown; detail?: unknown; errors?: unknown };
  for (const value of [title, detail]) if (typeof value === 'string') texts.push(value);
  if (Array.isArray(errors)) {
    for (const error of errors) {
      const message = error !== null && typeof error === 'object' ? (error as { message?: unknown }).message : undefined;
      if (typeof message === 'string') texts.push(message);
    }
  }
  return texts;
}

/** The server's English problem texts that a Russian or Kazakh screen shows. */
export function serverEnglishShown(problems: readonly string[], texts: readonly ShownText[], rules: LeakRules): Leak[] {
  if (rules.language === 'en') return [];
  const leaks: Leak[] = [];
  for (const problem of new Set(problems)) {
    if (englishWords(problem, rules).length === 0) continue;
    const shown = texts.find(({ text }) => text.includes(problem) || (problem.includes(text) && text.length >= 12));
    if (shown) leaks.push({ check: 'server-english', text: shown.text, where: shown.where, detail: `problem text "${problem}"` });
  }
  return leaks;
}
