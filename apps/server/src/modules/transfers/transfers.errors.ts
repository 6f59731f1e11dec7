import { defineProblems } from '../../shared/problem.js';

export const TransferProblem = defineProblems({
  'transfer-not-found': {
    status: 404,
    title: { ru: 'Операция не найдена', kk: 'Операция табылмады', en: 'Operation not found' },
  },
  'transfer-not-awaiting-confirmation': {
    status: 409,
    title: {
      ru: 'Операция уже не ждёт подтверждения',
      kk: 'Операция енді растауды күтпейді',
      en: 'The operation is no longer awaiting confirmation',
    },
  },
  'idempotency-key-required': {
    status: 400,
    title: {
      ru: 'Нужен заголовок Idempotency-Key (до 255 символов)',
      kk: 'Idempotency-Key тақырыбы қажет (255 таңбаға дейін)',
      en: 'The Idempotency-Key header is required (up to 255 characters)',
    },
  },
  'idempotency-key-reused': {
    status: 422,
    title: {
      ru: 'Этот Idempotency-Key уже использован для другого запроса',
      kk: 'Бұл Idempotency-Key басқа сұрау үшін қолданылған',
      en: 'This Idempotency-Key was already used for a different request',
    },
  },
  'transfer-to-same-account': {
    status: 422,
    title: { ru: 'Нельзя перевести на тот же счёт', kk: 'Сол шотқа аудару мүмкін емес', en: 'You cannot transfer to the same account' },
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
  'payee-details-required': {
    status: 400,
    title: {
      ru: 'Для перевода в другой банк укажите имя получателя, ИИН/БИН и код назначения платежа',
      kk: 'Басқа банкке аудару үшін алушының атын, ЖСН/БСН және төлем мақсатының кодын көрсетіңіз',
      en: 'For a transfer to another bank, give the payee name, IIN/BIN and payment purpose code',
    },
  },
});

/** Why an operation was declined, in plain words (shown in history and the receipt). */
export const DECLINE_REASONS = {
  'insufficient-funds': { ru: 'Недостаточно средств', kk: 'Қаражат жеткіліксіз', en: 'Insufficient funds' },
  'limit-per-operation': {
    ru: 'Превышен лимит на одну операцию',
    kk: 'Бір операция лимиті асып кетті',
    en: 'Per-operation limit exceeded',
  },
  'limit-per-day': { ru: 'Превышен дневной лимит переводов', kk: 'Күндік аударым лимиті асып кетті', en: 'Daily transfer limit exceeded' },
  'limit-per-month': {
    ru: 'Превышен месячный лимит переводов',
    kk: 'Айлық аударым лимиті асып кетті',
    en: 'Monthly transfer limit exceeded',
  },
  'wrong-code': {
    ru: 'Код из SMS введён неверно 3 раза',
    kk: 'SMS коды 3 рет қате енгізілді',
    en: 'The SMS code was entered wrongly 3 times',
  },
  expired: { ru: 'Операция не подтверждена за 5 минут', kk: 'Операция 5 минут ішінде расталмады', en: 'Not confirmed within 5 minutes' },
  'account-frozen': { ru: 'Счёт заблокирован', kk: 'Шот бұғатталған', en: 'The account is frozen' },
  'account-closed': { ru: 'Счёт закрыт', kk: 'Шот жабылған', en: 'The account is closed' },
  'recipient-not-found': {
    ru: 'Получатель не найден: у этого номера нет счёта в нашем банке в этой валюте',
    kk: 'Алушы табылмады: бұл нөмірде біздің банкте осы валютада шот жоқ',
    en: 'Recipient not found: this number has no account with us in this currency',
  },
  'currency-mismatch': {
    ru: 'Валюта не совпадает со счётом',
    kk: 'Валюта шотқа сәйкес келмейді',
    en: 'The currency does not match the account',
  },
  'wallet-limit': {
    ru: 'Превышен лимит электронного кошелька для вашего уровня идентификации',
    kk: 'Сәйкестендіру деңгейіңіз үшін электрондық әмиян лимиті асып кетті',
    en: 'E-wallet limit for the identification level exceeded',
  },
  'recipient-wallet-limit': {
    ru: 'Кошелёк получателя не может принять эту сумму',
    kk: 'Алушының әмияны бұл соманы қабылдай алмайды',
    en: "The recipient's e-wallet cannot accept this amount",
  },
  'transfer-to-self': {
    ru: 'Перевод самому себе по номеру телефона',
    kk: 'Телефон нөмірі бойынша өзіңізге аударым',
    en: 'A phone transfer to yourself',
  },
} as const;

export type DeclineReason = keyof typeof DECLINE_REASONS;
