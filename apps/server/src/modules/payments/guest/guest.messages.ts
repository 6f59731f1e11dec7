import type { Localized } from '../../../shared/i18n.js';
import { defineProblems } from '../../../shared/problem.js';

/** The refusals of guests' payments (problem+json), in ru/kk/en. */
export const GuestProblem = defineProblems({
  // The bank has no merchant for guests' card payments now (GUEST_PAYMENTS_MERCHANT_ID unset, or it is suspended).
  'guest-payments-unavailable': {
    status: 503,
    title: {
      ru: 'Оплата картой без входа сейчас недоступна. Деньги не списаны',
      kk: 'Кірусіз картамен төлеу қазір қолжетімсіз. Ақша алынған жоқ',
      en: 'Paying by card without signing in is unavailable right now. No money was taken',
    },
  },
  // Unknown, or the status token does not match: one answer, nothing told about which.
  'guest-payment-not-found': {
    status: 404,
    title: { ru: 'Платёж не найден', kk: 'Төлем табылмады', en: 'Payment not found' },
  },
  'guest-payment-key-reused': {
    status: 422,
    title: {
      ru: 'Этот ключ идемпотентности уже использован для другого платежа',
      kk: 'Бұл идемпотенттілік кілті басқа төлемге пайдаланылған',
      en: 'This Idempotency-Key was used for another payment',
    },
  },
});

export const GUEST_TEXTS = {
  receiptPhone: {
    ru: 'Укажите номер мобильного телефона Казахстана, например +7 701 123 45 67',
    kk: 'Қазақстанның ұялы телефон нөмірін көрсетіңіз, мысалы +7 701 123 45 67',
    en: 'Enter a Kazakhstan mobile number, such as +7 701 123 45 67',
  },
  canceled: {
    ru: 'Оплата отменена, деньги не списаны',
    kk: 'Төлем тоқтатылды, ақша алынған жоқ',
    en: 'The payment was cancelled; no money was taken',
  },
  // The card payment's description at the checkout and on the card's statement.
  description: { ru: 'Оплата: {provider}, {account}', kk: 'Төлем: {provider}, {account}', en: 'Payment: {provider}, {account}' },
} satisfies Record<string, Localized>;

/**
 * The receipt by SMS: what a receipt says (who was paid, for which account, how much, the fee, the
 * card, when, the payment's number), and the memo's warning, since a guest may not know it yet.
 */
export const GUEST_RECEIPT_SMS: Localized = {
  ru: 'Kassa: оплачено {provider}, {account}: {amount}, комиссия {fee}, итого {total}, карта *{last4}, {at}. Платёж {id}. Банк никогда не спрашивает коды из SMS.',
  kk: 'Kassa: {provider}, {account} төленді: {amount}, комиссия {fee}, барлығы {total}, карта *{last4}, {at}. Төлем {id}. Банк SMS кодтарын ешқашан сұрамайды.',
  en: 'Kassa: paid {provider}, {account}: {amount}, fee {fee}, total {total}, card *{last4}, {at}. Payment {id}. The bank never asks for SMS codes.',
};
