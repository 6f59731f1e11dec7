/**
 * @kassa/format: money and dates for people, one module for the server (receipts, statements,
 * SMS) and the web app, so both print the same strings. Intl does the formatting; where a runtime
 * lacks a language's data the web app installs the FormatJS polyfill for it first
 * (`@kassa/format/locale-data`). README.md has the rules and the examples.
 */
export { type DateTimeStyle, formatCalendarDay, formatDateTime } from './datetime.js';
export type { LocaleIntl } from './intl.js';
export { type Language, LOCALE_BY_LANGUAGE } from './language.js';
export { formatMoney, minorToDecimalString, minorUnitDigits } from './money.js';
export { formatOperationReference } from './reference.js';
