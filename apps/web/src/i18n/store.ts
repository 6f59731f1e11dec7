import { type TranslationState as CoreTranslationState, createTranslationStore } from '@kassa/ui/i18n';
import type { Language } from '../api/enums';
import type { Catalog, TranslationKey } from './translate';

/** The language on screen and its t(). */
export type TranslationState = CoreTranslationState<Language, TranslationKey>;

/**
 * The web app's texts on screen. Russian, the source catalogue, backs a run-time key only if it
 * was loaded anyway: it is not downloaded for a Kazakh or an English customer just in case.
 */
export const { hasCatalog, showLanguage, translationState, subscribeToLanguage } = createTranslationStore<Language, Catalog>('ru');
