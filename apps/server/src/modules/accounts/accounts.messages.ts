import type { Localized } from '../../shared/i18n.js';

/** The texts of an account statement (PDF and CSV), in ru/kk/en. */
export const STATEMENT_LABELS = {
  title: { ru: 'Выписка по счёту', kk: 'Шот бойынша үзінді көшірме', en: 'Account statement' },
  holder: { ru: 'Владелец счёта', kk: 'Шот иесі', en: 'Account holder' },
  iin: { ru: 'ИИН', kk: 'ЖСН', en: 'IIN' },
  iban: { ru: 'IBAN', kk: 'IBAN', en: 'IBAN' },
  account: { ru: 'Вид счёта', kk: 'Шот түрі', en: 'Account type' },
  currency: { ru: 'Валюта', kk: 'Валюта', en: 'Currency' },
  period: { ru: 'Период', kk: 'Кезең', en: 'Period' },
  issued: { ru: 'Дата формирования', kk: 'Қалыптастырылған күні', en: 'Issued' },
  opening: { ru: 'Входящий остаток', kk: 'Кезең басындағы қалдық', en: 'Opening balance' },
  credits: { ru: 'Поступления', kk: 'Түсімдер', en: 'Credits' },
  debits: { ru: 'Списания', kk: 'Есептен шығарулар', en: 'Debits' },
  closing: { ru: 'Исходящий остаток', kk: 'Кезең соңындағы қалдық', en: 'Closing balance' },
  date: { ru: 'Дата', kk: 'Күні', en: 'Date' },
  counterparty: { ru: 'Контрагент', kk: 'Контрагент', en: 'Counterparty' },
  purpose: { ru: 'Назначение', kk: 'Мақсаты', en: 'Purpose' },
  amount: { ru: 'Сумма', kk: 'Сома', en: 'Amount' },
  balance: { ru: 'Остаток', kk: 'Қалдық', en: 'Balance' },
  none: { ru: 'За период операций нет', kk: 'Кезеңде операциялар жоқ', en: 'No operations in this period' },
  noIban: { ru: 'нет (электронный кошелёк)', kk: 'жоқ (электрондық әмиян)', en: 'none (e-wallet)' },
} as const satisfies Record<string, Localized>;

/**
 * What a posting without an operation record is (money the bank booked itself), by the ledger's
 * kind; anything else is "an account operation" — never the kind's code.
 */
export const LEDGER_KIND_NAMES: Readonly<Record<'deposit' | 'reversal' | 'other', Localized>> = {
  deposit: { ru: 'Пополнение счёта', kk: 'Шотты толықтыру', en: 'Account top-up' },
  reversal: { ru: 'Возврат (сторно) операции', kk: 'Операцияны қайтару (сторно)', en: 'Reversal of an operation' },
  other: { ru: 'Операция по счёту', kk: 'Шот бойынша операция', en: 'Account operation' },
};

/** The detail of the 422 for a period with more operations than a statement holds. */
export const STATEMENT_TOO_MANY_OPERATIONS: Localized = {
  ru: 'Слишком много операций: выберите период короче',
  kk: 'Операциялар тым көп: қысқарақ кезеңді таңдаңыз',
  en: 'Too many operations: choose a shorter period',
};
