import type { AgreementKind } from './identity.repo.js';

/**
 * The version (the date) of the documents a customer accepts at registration: the e-money and the
 * banking agreement and the personal-data consent. The web app shows the texts of this version
 * (apps/web/src/features/legal/texts) and sends the version it showed; a registration that accepted
 * another one is refused, so nobody is recorded as accepting texts they were not shown.
 * Change it together with the texts.
 */
export const LEGAL_DOCUMENTS_VERSION = '2026-01-15';

export type ConsentDocument = AgreementKind | 'personal-data';

/** The documents a registration with these agreements accepts: each agreement and the consent. */
export function documentsAccepted(agreements: readonly AgreementKind[]): ConsentDocument[] {
  return [...agreements, 'personal-data'];
}

/** The consent part of a registration's last step as the web app sends it: for tests, benches and tools. */
export const REGISTRATION_CONSENT = { version: LEGAL_DOCUMENTS_VERSION, agreement: true, personalData: true } as const;
