// Money and dates at the edge, as the kit's <Money> and <DateTime> show them (@kassa/ui, over
// @kassa/format): a screen that formats a string itself gets the same text.
export { BANK_TIME_ZONE, formatDateTime, formatMoney, formatOperationReference, minorUnitDigits } from '@kassa/ui';
