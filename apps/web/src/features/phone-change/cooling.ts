import type { TFunction } from '../../i18n';
import { BANK_TIME_ZONE, formatDateTime, formatMoney } from '../../lib/format';

/** The calendar day (YYYY-MM-DD) of an instant on the bank's clock, as a customer reads "today". */
function bankDay(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: BANK_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const DAY_MS = 24 * 3_600_000;

/**
 * The end of the cooling period in words: "14:02 today", "14:02 tomorrow", or the date and time
 * when it is further away (a longer PHONE_CHANGE_COOLING_HOURS).
 */
export function coolingUntilWords(untilIso: string, t: TFunction, locale: string, now: Date = new Date()): string {
  const until = new Date(untilIso);
  const time = formatDateTime(until, locale, 'hoursMinutes') ?? '';
  const day = bankDay(until);
  if (day === bankDay(now)) return t('phoneChange.untilToday', { time });
  if (day === bankDay(new Date(now.getTime() + DAY_MS))) return t('phoneChange.untilTomorrow', { time });
  return formatDateTime(until, locale, 'dateTime') ?? untilIso;
}

/** "For your safety, until 14:02 tomorrow: transfers up to 50 000 ₸ a day, no new trusted payees or devices." */
export function coolingSentence(cooling: { until: string; transferMaxPerDayMinor: number }, t: TFunction, locale: string): string {
  return t('phoneChange.coolingText', {
    until: coolingUntilWords(cooling.until, t, locale),
    amount: formatMoney(cooling.transferMaxPerDayMinor, 'KZT', locale),
  });
}
