import { ensureLocaleData } from '@kassa/format/locale-data';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, type Language } from '../api/enums';
import { signedInHint } from '../lib/signedInHint';
import { DEFAULT_LANGUAGE, LOCALE_BY_LANGUAGE, loadCatalog } from './resources';

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
 * Starts i18next with the detected language's texts, loaded first; render after it resolves.
 * A visitor's first screens (landing, login, registration) show no amount and no date, so their
 * locale data loads behind the first render (a Kazakh visitor's first screen would otherwise carry
 * ~69 kB more JS); a signed-in customer's first screen shows balances, so it waits for the data.
 */
export async function initI18n(): Promise<typeof i18n> {
  const language = detectLanguage();
  const data = localeData(language);
  const [catalog] = await Promise.all([loadCatalog(language), signedInHint() ? data : null]);
  await i18n.use(initReactI18next).init({
    resources: { [language]: { translation: catalog } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // React escapes output itself; escaping here too would show "&amp;" to customers.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  applyToDocument(language);
  i18n.on('languageChanged', (next) => {
    if (!isLanguage(next)) return;
    applyToDocument(next);
    storeLanguage(next);
  });
  return i18n;
}

/** Switches the language once its texts are loaded, so no screen shows keys in between. */
export async function switchLanguage(language: Language): Promise<void> {
  const [catalog] = await Promise.all([
    i18n.hasResourceBundle(language, 'translation') ? null : loadCatalog(language),
    localeData(language),
  ]);
  if (catalog) i18n.addResourceBundle(language, 'translation', catalog);
  await i18n.changeLanguage(language);
}

export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** The current language and its Intl locale; re-renders the caller when the language changes. */
export function useLocale(): { language: Language; locale: string } {
  const { i18n: instance } = useTranslation();
  const raw = instance.resolvedLanguage ?? instance.language;
  const language = isLanguage(raw) ? raw : DEFAULT_LANGUAGE;
  return { language, locale: LOCALE_BY_LANGUAGE[language] };
}

export { i18n };
