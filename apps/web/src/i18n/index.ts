import { ensureLocaleData } from '@kassa/format/locale-data';
import { useSyncExternalStore } from 'react';
import { isLanguage, type Language } from '../api/enums';
import { signedInHint } from '../lib/signedInHint';
import { DEFAULT_LANGUAGE, LOCALE_BY_LANGUAGE, loadCatalog } from './resources';
import { hasCatalog, showLanguage, subscribeToLanguage, type TranslationState, translationState } from './store';

/** Where the customer's choice of language is remembered between visits. */
export const LANGUAGE_STORAGE_KEY = 'kassa.lang';

function readStoredLanguage(): Language | null {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): fall back to detection.
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
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const primary = tag?.toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return DEFAULT_LANGUAGE;
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
}

/**
 * Intl's data for the language's amounts and dates, downloaded only by a browser that lacks it
 * (Chromium builds without Kazakh print "₸ 20,000.00" and "2026 M12 1"). A failed download must
 * not keep the bank from opening: the screens then show the browser's own formatting.
 */
function localeData(language: Language): Promise<void> {
  return ensureLocaleData(language).catch(() => undefined);
}

/**
 * Loads the detected language's texts; render after it resolves, so no screen shows keys.
 * A visitor's first screens (landing, login, registration) show no amount and no date, so their
 * locale data loads behind the first render (a Kazakh visitor's first screen would otherwise carry
 * ~69 kB more JS); a signed-in customer's first screen shows balances, so it waits for the data.
 */
export async function initI18n(): Promise<void> {
  const language = detectLanguage();
  const data = localeData(language);
  const [catalog] = await Promise.all([loadCatalog(language), signedInHint() ? data : null]);
  showLanguage(language, catalog);
  applyToDocument(language);
}

/** Switches the language once its texts are loaded, so no screen shows keys in between. */
export async function switchLanguage(language: Language): Promise<void> {
  const [catalog] = await Promise.all([hasCatalog(language) ? undefined : loadCatalog(language), localeData(language)]);
  showLanguage(language, catalog);
  applyToDocument(language);
  storeLanguage(language);
}

/** The language of the screen now, for requests (Accept-Language) and forms sent to the server. */
export function currentLanguage(): Language {
  return translationState().language;
}

/** The current language's t(); re-renders the caller when the customer switches language. */
export function useTranslation(): TranslationState {
  return useSyncExternalStore(subscribeToLanguage, translationState);
}

/** The current language and its Intl locale; re-renders the caller when the language changes. */
export function useLocale(): { language: Language; locale: string } {
  const { language } = useTranslation();
  return { language, locale: LOCALE_BY_LANGUAGE[language] };
}

export type { TFunction } from './translate';
