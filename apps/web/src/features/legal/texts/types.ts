/** The documents a customer accepts at registration and finds again in the profile. */
export const LEGAL_DOCUMENTS = ['emoney', 'banking', 'personal-data'] as const;
export type LegalDocumentId = (typeof LEGAL_DOCUMENTS)[number];

export interface LegalSection {
  heading: string;
  paragraphs: readonly string[];
}

/** One language's texts of every document: same ids in every language (typed). */
export type LegalTexts = Record<LegalDocumentId, readonly LegalSection[]>;

/** The date of the current version, shown on each document (ISO day, formatted for the locale). */
export const LEGAL_VERSION_DAY = '2026-01-15';

/** The catalogue key of each document's title (the registration form and the profile name them too). */
export const LEGAL_TITLE_KEY = {
  emoney: 'legal.emoney',
  banking: 'legal.banking',
  'personal-data': 'legal.personalData',
} as const satisfies Record<LegalDocumentId, string>;
