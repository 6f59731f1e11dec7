import { type TranslationState as CoreTranslationState, createTranslationStore } from '@kassa/ui/i18n';
import type { Language } from './resources';
import type { Catalog, TranslationKey } from './translate';

/** The language on screen and its t(). */
export type TranslationState = CoreTranslationState<Language, TranslationKey>;

/** The back office's texts on screen; Russian, the source, backs a run-time key once it is loaded. */
export const { hasCatalog, showLanguage, translationState, subscribeToLanguage } = createTranslationStore<Language, Catalog>('ru');
