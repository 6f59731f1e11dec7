import { defineProblems } from '../../shared/problem.js';

/** The transfers module's refusals of a request (problem+json); declines are the operations module's. */
export const TransferProblem = defineProblems({
  'transfer-to-same-account': {
    status: 422,
    title: { ru: 'Нельзя перевести на тот же счёт', kk: 'Сол шотқа аудару мүмкін емес', en: 'You cannot transfer to the same account' },
  },
  // Money to oneself goes between one's own accounts; the field error says so (transfers.messages.ts).
  'transfer-to-own-phone': {
    status: 422,
    title: { ru: 'Это ваш номер телефона', kk: 'Бұл сіздің телефон нөміріңіз', en: 'This is your own phone number' },
  },
  'transfer-to-own-account': {
    status: 422,
    title: { ru: 'Это ваш счёт', kk: 'Бұл сіздің шотыңыз', en: 'This is your own account' },
  },
  'iban-invalid': {
    status: 400,
    title: { ru: 'IBAN указан неверно', kk: 'IBAN қате көрсетілген', en: 'The IBAN is not valid' },
  },
  // SECURITY.md 36: a look-up that tells whether someone is a customer is not free (payee-lookup.ts).
  'payee-lookups-exhausted': {
    status: 429,
    title: {
      ru: 'Сегодня проверено слишком много номеров, которые не обслуживаются в нашем банке. Попробуйте позже',
      kk: 'Бүгін біздің банкте қызмет көрсетілмейтін нөмірлер тым көп тексерілді. Кейінірек қайталап көріңіз',
      en: 'Too many numbers that do not bank with us were looked up today. Please try again later',
    },
  },
  // Issue 14 item 7: a card number of the wrong length or failing its Luhn check digit.
  'card-number-invalid': {
    status: 422,
    title: { ru: 'Номер карты указан неверно', kk: 'Карта нөмірі қате көрсетілген', en: 'The card number is not valid' },
  },
  'payee-details-required': {
    status: 400,
    title: {
      ru: 'Для перевода в другой банк укажите имя получателя, ИИН/БИН и код назначения платежа',
      kk: 'Басқа банкке аудару үшін алушының атын, ЖСН/БСН және төлем мақсатының кодын көрсетіңіз',
      en: 'For a transfer to another bank, give the payee name, IIN/BIN and payment purpose code',
    },
  },
});
