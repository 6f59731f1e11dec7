import { ensureLocaleData } from '@kassa/format/locale-data';
import { useSyncExternalStore } from 'react';
import { DEFAULT_LANGUAGE, isLanguage, type Language, LOCALE_BY_LANGUAGE, loadCatalog } from './resources';
import { hasCatalog, showLanguage, subscribeToLanguage, type TranslationState, translationState } from './store';

/**
 * Where this browser remembers the staff member's choice of language: a key of its own, so the
 * back office and the customer app on one computer keep their own choices.
 */
const LANGUAGE_STORAGE_KEY = 'kassa.backoffice.lang';

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be unavailable (a locked-down browser): fall back to detection.
    return null;
  }
}

function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembering the choice is acceptable; the page still switches language.
  }
}

/** The stored choice, else the first browser language we support, else Russian. */
function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const primary = tag?.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * Intl's data for the language's dates, downloaded only by a browser that lacks it (Chromium
 * builds without Kazakh print "2 M12 2026"). A failed download must not keep the back office from
 * opening: the screens then show the browser's own formatting.
 */
function localeData(language: Language): Promise<void> {
  return ensureLocaleData(language).catch(() => undefined);
}

/** Loads the detected language's texts and date data; render after it resolves, so no screen shows keys. */
export async function initI18n(): Promise<void> {
  const language = detectLanguage();
  const [catalog] = await Promise.all([loadCatalog(language), localeData(language)]);
  showLanguage(language, catalog);
  document.documentElement.lang = language;
}

/** Switches the language once its texts are loaded, so no screen shows keys in between. */
export async function switchLanguage(language: Language): Promise<void> {
  const [catalog] = await Promise.all([hasCatalog(language) ? undefined : loadCatalog(language), localeData(language)]);
  showLanguage(language, catalog);
  document.documentElement.lang = language;
  storeLanguage(language);
}

/** The language of the screen now, for requests (Accept-Language: problem+json in that language). */
export function currentLanguage(): Language {
  return translationState().language;
}

/** The current language's t(); re-renders the caller when the language changes. */
export function useTranslation(): TranslationState {
  return useSyncExternalStore(subscribeToLanguage, translationState);
}

/** The current language and its Intl locale; re-renders the caller when the language changes. */
export function useLocale(): { language: Language; locale: string } {
  const { language } = useTranslation();
  return { language, locale: LOCALE_BY_LANGUAGE[language] };
}

export type { TranslationKey } from './translate';
