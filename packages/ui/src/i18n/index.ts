/**
 * @kassa/ui/i18n: the translation core of both apps (a store of catalogues, typed t(), the
 * build's completeness check). Each app keeps its own catalogues and language detection.
 */
export { type CheckOptions, type CompletenessReport, checkCatalogs, flattenCatalog, keysMissingFromSource } from './completeness';
export { createTranslationStore, type TranslationState, type TranslationStore } from './store';
export { type CatalogTree, interpolate, type KeyPaths, type TFunction, type TranslationValues, translator } from './translate';
