import type { KeyPaths } from '@kassa/ui/i18n';
import type { ru } from './ru';

// The translation core is the web app's (@kassa/ui/i18n); here it is typed by the back office's catalogue.

/** The shape every language's catalogue has: the Russian one is the source of the key set. */
export type Catalog = typeof ru;

export type TranslationKey = KeyPaths<Catalog>;
