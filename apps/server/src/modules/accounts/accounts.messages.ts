import type { Localized } from '../../shared/i18n.js';

/** The texts of an account statement (PDF and CSV headers), in ru/kk/en. */
export const STATEMENT_LABELS = {
  date: { ru: 'Дата', kk: 'Күні', en: 'Date' },
  operation: { ru: 'Операция', kk: 'Операция', en: 'Operation' },
  description: { ru: 'Описание', kk: 'Сипаттама', en: 'Description' },
  amount: { ru: 'Сумма', kk: 'Сома', en: 'Amount' },
  balance: { ru: 'Остаток', kk: 'Қалдық', en: 'Balance' },
  title: { ru: 'Выписка по счёту', kk: 'Шот бойынша үзінді', en: 'Account statement' },
  period: { ru: 'Период', kk: 'Кезең', en: 'Period' },
  opening: { ru: 'Входящий остаток', kk: 'Кіріс қалдығы', en: 'Opening balance' },
  closing: { ru: 'Исходящий остаток', kk: 'Шығыс қалдығы', en: 'Closing balance' },
  none: { ru: 'За период операций нет', kk: 'Кезеңде операциялар жоқ', en: 'No operations in this period' },
} as const satisfies Record<string, Localized>;

/** The detail of the 422 for a period with more operations than a statement holds. */
export const STATEMENT_TOO_MANY_OPERATIONS: Localized = {
  ru: 'Слишком много операций: выберите период короче',
  kk: 'Операциялар тым көп: қысқарақ кезеңді таңдаңыз',
  en: 'Too many operations: choose a shorter period',
};
