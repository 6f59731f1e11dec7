/**
 * The build's check of the back office's catalogues (scripts/build-web.mjs apps/backoffice runs it
 * before Vite): the shared check (@kassa/ui/i18n) over ru, kk and en, and every key the code asks
 * for by a literal.
 */
import { type CompletenessReport, checkCatalogs, keysMissingFromSource } from '@kassa/ui/i18n';
import { en } from './en';
import { kk } from './kk';
import { ru } from './ru';

/** Names and terms the back office writes the same in Kazakh and in English. */
const NEUTRAL_WORDS = ['google', 'microsoft', 'freeotp', 'authenticator', 'totp', 'qr'];

/** The app's own code, as text: where the keys are used. */
const APP_SOURCES = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.ts', '!./**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** The check of the catalogues the app ships and of the keys its code uses: what the build runs. */
export function checkShippedCatalogs(): CompletenessReport {
  const report = checkCatalogs({ ru, kk, en }, { neutralWords: NEUTRAL_WORDS });
  return { errors: [...report.errors, ...keysMissingFromSource(APP_SOURCES, ru)], warnings: report.warnings };
}
