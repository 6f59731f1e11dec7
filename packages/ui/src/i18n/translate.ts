/**
 * The translation core both apps use (apps/web, apps/backoffice): typed dotted keys, {{name}}
 * placeholders, one language's catalogue at a time. About a kilobyte, in place of i18next and
 * react-i18next (issue 12: -15 kB gzipped on every first screen). Each app types it with its own
 * catalogue: `TFunction<KeyPaths<typeof ru>>`.
 */

/** A catalogue as the core reads it: nested objects whose leaves are the texts. */
export interface CatalogTree {
  readonly [key: string]: string | CatalogTree;
}

/** "home.title": the dotted path of every text in a catalogue, so t() is checked at compile time. */
export type KeyPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeyPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Values for the {{name}} placeholders of a text. */
export type TranslationValues = Readonly<Record<string, string | number>>;

export type TFunction<Key extends string> = (key: Key, values?: TranslationValues) => string;

function lookup(catalog: CatalogTree, key: string): string | undefined {
  let node: string | CatalogTree | undefined = catalog;
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
 * The t() of one language. Each app's build fails on a missing or empty key in any catalogue
 * (completeness.ts), so the fallback and the bare key are for a key built at run time from a
 * value the server added later: the fallback's (Russian) text, else the key, never an empty screen.
 */
export function translator<Catalog extends object>(catalog: Catalog, fallback?: Catalog): TFunction<KeyPaths<Catalog>> {
  // Every catalogue is a CatalogTree by construction: its leaves are strings, its nodes objects.
  const tree = catalog as CatalogTree;
  const fallbackTree = fallback as CatalogTree | undefined;
  return (key, values) => interpolate(lookup(tree, key) ?? (fallbackTree && lookup(fallbackTree, key)) ?? key, values);
}
