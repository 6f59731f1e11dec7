import type { Language } from '../api/enums';
import { type Catalog, type TFunction, translator } from './translate';

/** The language on screen and its t(); replaced as a whole on a switch, so React sees the change. */
export interface TranslationState {
  readonly language: Language;
  readonly t: TFunction;
}

const loaded = new Map<Language, Catalog>();
const listeners = new Set<() => void>();
let state: TranslationState | null = null;

export function hasCatalog(language: Language): boolean {
  return loaded.has(language);
}

/** Shows `language` with `catalog` (or the one loaded before) and tells every subscriber. */
export function showLanguage(language: Language, catalog?: Catalog): void {
  if (catalog) loaded.set(language, catalog);
  const texts = loaded.get(language);
  if (!texts) throw new Error(`the ${language} catalogue is not loaded`);
  // Russian, the source catalogue, backs a run-time key only if it was loaded anyway: it is not
  // downloaded for a Kazakh or an English customer just in case.
  state = { language, t: translator(texts, loaded.get('ru')) };
  for (const listener of listeners) listener();
}

export function translationState(): TranslationState {
  if (state === null) throw new Error('initI18n() has not finished: render after it resolves');
  return state;
}

export function subscribeToLanguage(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
