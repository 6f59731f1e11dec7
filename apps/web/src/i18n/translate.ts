import type { ru } from './ru';

/** The shape every language's catalogue has: the Russian one is the source of the key set. */
export type Catalog = typeof ru;

/** "home.title": the dotted path of every text in a catalogue, so t() is checked at compile time. */
type KeyPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeyPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type TranslationKey = KeyPaths<Catalog>;

/** Values for the {{name}} placeholders of a text. */
export type TranslationValues = Readonly<Record<string, string | number>>;

export type TFunction = (key: TranslationKey, values?: TranslationValues) => string;

interface CatalogNode {
  readonly [key: string]: string | CatalogNode;
}

function lookup(catalog: CatalogNode, key: string): string | undefined {
  let node: string | CatalogNode | undefined = catalog;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Fills {{name}} placeholders; one with no value stays visible, so a test or a reader sees it. */
export function interpolate(text: string, values: TranslationValues | undefined): string {
  if (values === undefined) return text;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => {
    const value = values[name];
    return value === undefined ? placeholder : String(value);
  });
}

/**
 * The t() of one language. The build fails on a missing or empty key in any catalogue
 * (completeness.ts), so the fallback and the bare key are for a key built at run time from a
 * value the server added later: the fallback's (Russian) text, else the key, never an empty screen.
 */
export function translator(catalog: Catalog, fallback?: Catalog): TFunction {
  return (key, values) => interpolate(lookup(catalog, key) ?? (fallback && lookup(fallback, key)) ?? key, values);
}
