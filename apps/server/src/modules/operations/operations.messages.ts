import type { Language, Localized } from '../../shared/i18n.js';
import type { DeclineReason, OperationKind, OperationStatus } from './operations.types.js';

/**
 * Every word the operations module shows a customer: decline reasons, the names of kinds and
 * states, the receipt, the outcome notices. Each table is a Record over a closed set, so a new
 * kind, state or reason does not build until it has its words in the three languages.
 */

/** Why an operation was declined, in plain words (history, receipt, notices). */
export const DECLINE_REASON_TEXTS: Readonly<Record<DeclineReason, Localized>> = {
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
};

export const KIND_NAMES: Readonly<Record<OperationKind, Localized>> = {
  'transfer.own': { ru: 'Перевод между своими счетами', kk: 'Өз шоттарыңыз арасында аударым', en: 'Transfer between own accounts' },
  'transfer.phone': { ru: 'Перевод по номеру телефона', kk: 'Телефон нөмірі бойынша аударым', en: 'Transfer by phone number' },
  'transfer.iban': { ru: 'Перевод по IBAN', kk: 'IBAN бойынша аударым', en: 'Transfer by IBAN' },
};

export const STATUS_NAMES: Readonly<Record<OperationStatus, Localized>> = {
  created: { ru: 'Создана', kk: 'Құрылды', en: 'Created' },
  awaiting_confirmation: { ru: 'Ожидает подтверждения', kk: 'Растауды күтуде', en: 'Awaiting confirmation' },
  completed: { ru: 'Исполнена', kk: 'Орындалды', en: 'Completed' },
  sent: { ru: 'Отправлена в другой банк', kk: 'Басқа банкке жіберілді', en: 'Sent to the other bank' },
  declined: { ru: 'Отклонена', kk: 'Қабылданбады', en: 'Declined' },
  expired: { ru: 'Не подтверждена вовремя', kk: 'Уақытында расталмады', en: 'Not confirmed in time' },
};

export const RECEIPT_LABELS = {
  title: { ru: 'Квитанция об операции', kk: 'Операция түбіртегі', en: 'Operation receipt' },
  number: { ru: 'Номер операции', kk: 'Операция нөмірі', en: 'Operation number' },
  date: { ru: 'Дата и время (Алматы)', kk: 'Күні мен уақыты (Алматы)', en: 'Date and time (Almaty)' },
  kind: { ru: 'Вид', kk: 'Түрі', en: 'Type' },
  status: { ru: 'Статус', kk: 'Мәртебесі', en: 'Status' },
  from: { ru: 'Отправитель', kk: 'Жіберуші', en: 'From' },
  to: { ru: 'Получатель', kk: 'Алушы', en: 'To' },
  amount: { ru: 'Сумма', kk: 'Сомасы', en: 'Amount' },
  fee: { ru: 'Комиссия', kk: 'Комиссия', en: 'Fee' },
  total: { ru: 'Итого списано', kk: 'Барлығы есептен шығарылды', en: 'Total debited' },
  reason: { ru: 'Причина отказа', kk: 'Бас тарту себебі', en: 'Reason declined' },
  purpose: { ru: 'Код назначения платежа', kk: 'Төлем мақсатының коды', en: 'Payment purpose code' },
  description: { ru: 'Назначение', kk: 'Мақсаты', en: 'Description' },
} as const satisfies Record<string, Localized>;

export function receiptFooter(language: Language, contactPhone: string): string {
  return {
    ru: `Не узнаёте операцию? Нажмите «Это не я» в интернет-банке или позвоните ${contactPhone}.`,
    kk: `Операцияны танымайсыз ба? Интернет-банкте «Бұл мен емес» түймесін басыңыз немесе ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `Do not recognise this operation? Press "This wasn't me" in the internet bank or call ${contactPhone}.`,
  }[language];
}

interface OutcomeWords {
  amount: string;
  payee: string;
  reason: string;
}

/** The sentence of an outcome notice, by kind: a transfer, later a payment or a purchase. */
const OUTCOME_SENTENCES: Readonly<
  Record<OperationKind, { completed: (w: OutcomeWords) => Localized; declined: (w: OutcomeWords) => Localized }>
> = (() => {
  const transfer = {
    completed: ({ amount, payee }: OutcomeWords) => ({
      ru: `Перевод ${amount} ${payee} выполнен.`,
      kk: `${payee} алушысына ${amount} аударым орындалды.`,
      en: `Transfer of ${amount} to ${payee} completed.`,
    }),
    declined: ({ amount, payee, reason }: OutcomeWords) => ({
      ru: `Перевод ${amount} ${payee}: ${reason}.`,
      kk: `${payee} алушысына ${amount} аударым: ${reason}.`,
      en: `Transfer of ${amount} to ${payee}: ${reason}.`,
    }),
  };
  return { 'transfer.own': transfer, 'transfer.phone': transfer, 'transfer.iban': transfer };
})();

export function outcomeTitle(declined: boolean, language: Language): string {
  return declined
    ? { ru: 'Операция отклонена', kk: 'Операция қабылданбады', en: 'Operation declined' }[language]
    : { ru: 'Операция выполнена', kk: 'Операция орындалды', en: 'Operation completed' }[language];
}

export function outcomeBody(kind: OperationKind, declined: boolean, words: OutcomeWords, language: Language): string {
  const sentences = OUTCOME_SENTENCES[kind];
  return (declined ? sentences.declined(words) : sentences.completed(words))[language];
}

export function notYouLine(contactPhone: string, language: Language): string {
  return {
    ru: `Не вы? Позвоните ${contactPhone}.`,
    kk: `Сіз емес пе? ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `Not you? Call ${contactPhone}.`,
  }[language];
}

export function creditTitle(language: Language): string {
  return { ru: 'Зачисление', kk: 'Түсім', en: 'Money received' }[language];
}

export function creditBody(amount: string, from: string, language: Language): string {
  return {
    ru: `Зачисление ${amount} от ${from}.`,
    kk: `${from} жіберген ${amount} түсті.`,
    en: `You received ${amount} from ${from}.`,
  }[language];
}
