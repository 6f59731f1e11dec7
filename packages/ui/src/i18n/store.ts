import { type KeyPaths, type TFunction, translator } from './translate';

/** The language on screen and its t(); replaced as a whole on a switch, so React sees the change. */
export interface TranslationState<Language extends string, Key extends string> {
  readonly language: Language;
  readonly t: TFunction<Key>;
}

/** One app's texts on screen: the catalogues loaded so far, the one shown, and who listens. */
export interface TranslationStore<Language extends string, Catalog extends object> {
  hasCatalog(language: Language): boolean;
  /** Shows `language` with `catalog` (or the one loaded before) and tells every subscriber. */
  showLanguage(language: Language, catalog?: Catalog): void;
  translationState(): TranslationState<Language, KeyPaths<Catalog>>;
  subscribeToLanguage(listener: () => void): () => void;
}

/**
 * A store for one app's catalogues (typed by its source catalogue), read by React through
 * useSyncExternalStore. `fallbackLanguage` is the source: it backs a run-time key only if it was
 * loaded anyway; it is not downloaded for a reader of another language just in case.
 */
export function createTranslationStore<Language extends string, Catalog extends object>(
  fallbackLanguage: Language,
): TranslationStore<Language, Catalog> {
  const loaded = new Map<Language, Catalog>();
  const listeners = new Set<() => void>();
  let state: TranslationState<Language, KeyPaths<Catalog>> | null = null;
  return {
    hasCatalog: (language) => loaded.has(language),
    showLanguage(language, catalog) {
      if (catalog) loaded.set(language, catalog);
      const texts = loaded.get(language);
      if (!texts) throw new Error(`the ${language} catalogue is not loaded`);
      state = { language, t: translator(texts, loaded.get(fallbackLanguage)) };
      for (const listener of listeners) listener();
    },
    translationState() {
      if (state === null) throw new Error('the first language is not shown yet: render after initI18n() resolves');
      return state;
    },
    subscribeToLanguage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
