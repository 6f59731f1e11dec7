import type { Language, Localized } from '../../shared/i18n.js';
import type { CustomerAccountKind } from '../ledger/index.js';
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
  'limit-phone-change': {
    ru: 'Номер телефона недавно изменён: пока действует сниженный дневной лимит переводов',
    kk: 'Телефон нөмірі жақында өзгертілді: әзірге аударымдардың төмендетілген күндік лимиті қолданылады',
    en: 'The phone number was changed recently: a lower daily transfer limit applies for now',
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
  'card-frozen': { ru: 'Карта заморожена', kk: 'Карта уақытша бұғатталған', en: 'The card is frozen' },
  'card-closed': { ru: 'Карта закрыта', kk: 'Карта жабылған', en: 'The card is closed' },
  'card-single-use-spent': {
    ru: 'Одноразовая карта уже использована',
    kk: 'Бір реттік карта пайдаланылып қойған',
    en: 'The single-use card has already been used',
  },
  'card-expired': { ru: 'Срок действия карты истёк', kk: 'Картаның жарамдылық мерзімі өтіп кеткен', en: 'The card has expired' },
  'card-wrong-expiry': {
    ru: 'Неверно указан срок действия карты',
    kk: 'Картаның жарамдылық мерзімі қате көрсетілген',
    en: 'The expiry date given was wrong',
  },
  'card-wrong-cvc2': { ru: 'Неверный код CVC2/CVV2', kk: 'CVC2/CVV2 коды қате', en: 'Wrong CVC2/CVV2 code' },
  'card-internet-off': {
    ru: 'Оплата в интернете по карте отключена',
    kk: 'Картамен интернетте төлеу өшірілген',
    en: 'Internet payments are turned off for the card',
  },
  'card-contactless-off': {
    ru: 'Бесконтактная оплата по карте отключена',
    kk: 'Картамен жанаспай төлеу өшірілген',
    en: 'Contactless payments are turned off for the card',
  },
  'card-cash-off': {
    ru: 'Снятие наличных по карте отключено',
    kk: 'Картадан қолма-қол ақша алу өшірілген',
    en: 'Cash withdrawals are turned off for the card',
  },
  'card-limit-per-operation': {
    ru: 'Превышен лимит карты на одну покупку в интернете',
    kk: 'Интернеттегі бір сатып алуға арналған карта лимиті асып кетті',
    en: 'The card’s limit per internet purchase is exceeded',
  },
  'card-limit-per-day': {
    ru: 'Превышен дневной лимит карты на покупки в интернете',
    kk: 'Интернеттегі сатып алуларға арналған картаның күндік лимиті асып кетті',
    en: 'The card’s daily limit for internet purchases is exceeded',
  },
  'card-limit-per-month': {
    ru: 'Превышен месячный лимит карты на покупки в интернете',
    kk: 'Интернеттегі сатып алуларға арналған картаның айлық лимиті асып кетті',
    en: 'The card’s monthly limit for internet purchases is exceeded',
  },
  'card-limit-purchases-per-day': {
    ru: 'Превышено число покупок по карте в интернете за день',
    kk: 'Картамен интернеттегі бір күндік сатып алулар саны асып кетті',
    en: 'Too many internet purchases with the card today',
  },
  'card-transaction-not-supported': {
    ru: 'Такая операция по карте не поддерживается',
    kk: 'Картамен мұндай операцияға қолдау көрсетілмейді',
    en: 'This kind of card operation is not supported',
  },
  'customer-blocked': {
    ru: 'Доступ к счетам заблокирован — позвоните в банк',
    kk: 'Шоттарға қолжетімділік бұғатталған — банкке қоңырау шалыңыз',
    en: 'Access to your accounts is blocked: call the bank',
  },
  'declined-by-network': { ru: 'Отклонено платёжной системой', kk: 'Төлем жүйесі қабылдамады', en: 'Declined by the card network' },
  'card-authentication-missing': {
    ru: 'Покупка не подтверждена 3-D Secure',
    kk: 'Сатып алу 3-D Secure арқылы расталмаған',
    en: 'The purchase was not confirmed with 3-D Secure',
  },
  'card-authentication-failed': {
    ru: 'Проверка 3-D Secure не пройдена',
    kk: '3-D Secure тексеруі өтпеді',
    en: 'The 3-D Secure check was not passed',
  },
  'card-authentication-invalid': {
    ru: 'Подтверждение 3-D Secure недействительно для этой покупки',
    kk: '3-D Secure растауы бұл сатып алуға жарамсыз',
    en: 'The 3-D Secure confirmation is not valid for this purchase',
  },
  'card-authentication-reused': {
    ru: 'Подтверждение 3-D Secure уже использовано',
    kk: '3-D Secure растауы пайдаланылып қойған',
    en: 'The 3-D Secure confirmation was already used',
  },
};

export const KIND_NAMES: Readonly<Record<OperationKind, Localized>> = {
  'transfer.own': { ru: 'Перевод между своими счетами', kk: 'Өз шоттарыңыз арасында аударым', en: 'Transfer between own accounts' },
  'transfer.phone': { ru: 'Перевод по номеру телефона', kk: 'Телефон нөмірі бойынша аударым', en: 'Transfer by phone number' },
  'transfer.iban': { ru: 'Перевод по IBAN', kk: 'IBAN бойынша аударым', en: 'Transfer by IBAN' },
  'refund.dispute': { ru: 'Возврат по обращению', kk: 'Өтініш бойынша қайтарым', en: 'Refund on a dispute' },
  'card.purchase': { ru: 'Покупка по карте', kk: 'Картамен сатып алу', en: 'Card purchase' },
  'transfer.card': { ru: 'Перевод по номеру карты', kk: 'Карта нөмірі бойынша аударым', en: 'Transfer by card number' },
  'refund.card_transfer': {
    ru: 'Возврат перевода на карту',
    kk: 'Картаға аударымның қайтарымы',
    en: 'Card transfer returned',
  },
  'refund.card_purchase': { ru: 'Возврат покупки по карте', kk: 'Картамен сатып алудың қайтарымы', en: 'Card purchase refund' },
  'payment.service': { ru: 'Оплата услуг', kk: 'Қызметтерге төлем', en: 'Payment for services' },
};

/** How the history names a merchant's refund of a card purchase: "Возврат: Demo Shop". */
export const PURCHASE_REFUND_TITLE: Localized = { ru: 'Возврат: {merchant}', kk: 'Қайтарым: {merchant}', en: 'Refund: {merchant}' };

/** How a code SMS and a notice name a card payee: "карта •••• 1234" (never more of its number). */
export const CARD_PAYEE: Localized = { ru: 'карта {last4}', kk: 'карта {last4}', en: 'card {last4}' };

export const STATUS_NAMES: Readonly<Record<OperationStatus, Localized>> = {
  created: { ru: 'Создана', kk: 'Құрылды', en: 'Created' },
  awaiting_confirmation: { ru: 'Ожидает подтверждения', kk: 'Растауды күтуде', en: 'Awaiting confirmation' },
  authorised: { ru: 'Одобрена, сумма заблокирована', kk: 'Мақұлданды, сома бұғатталды', en: 'Approved, amount on hold' },
  completed: { ru: 'Исполнена', kk: 'Орындалды', en: 'Completed' },
  sent: { ru: 'Отправлена в другой банк', kk: 'Басқа банкке жіберілді', en: 'Sent to the other bank' },
  declined: { ru: 'Отклонена', kk: 'Қабылданбады', en: 'Declined' },
  expired: { ru: 'Не подтверждена вовремя', kk: 'Уақытында расталмады', en: 'Not confirmed in time' },
  cancelled: { ru: 'Отменена вами', kk: 'Сіз болдырмадыңыз', en: 'Cancelled by you' },
  reversed: { ru: 'Отменена, сумма разблокирована', kk: 'Күші жойылды, сома босатылды', en: 'Reversed, amount released' },
};

/**
 * The kinds of a customer's own account, as a move between them names the account credited
 * (never its id, issue 12), with its masked IBAN when it has one (view.ts ownAccountName).
 */
export const ACCOUNT_KIND_NAMES: Readonly<Record<CustomerAccountKind, Localized>> = {
  customer_current: { ru: 'Текущий счёт', kk: 'Ағымдағы шот', en: 'Current account' },
  ewallet: { ru: 'Электронный кошелёк', kk: 'Электрондық әмиян', en: 'E-wallet' },
};

/** An own account whose record the view was not given: still never its id. */
export const OWN_ACCOUNT_FALLBACK: Localized = { ru: 'Ваш счёт', kk: 'Сіздің шотыңыз', en: 'Your account' };

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
  // The disputes module tells the customer of a refund itself, with its case (disputes.messages.ts).
  const refund = {
    completed: ({ amount }: OutcomeWords) => ({
      ru: `Возврат ${amount} зачислен.`,
      kk: `${amount} қайтарым есепке алынды.`,
      en: `Refund of ${amount} credited.`,
    }),
    declined: ({ amount, reason }: OutcomeWords) => ({
      ru: `Возврат ${amount}: ${reason}.`,
      kk: `${amount} қайтарым: ${reason}.`,
      en: `Refund of ${amount}: ${reason}.`,
    }),
  };
  // A card purchase is told when it is decided (authorised or declined: card-purchases.ts), not when it clears.
  const purchase = {
    completed: ({ amount, payee }: OutcomeWords) => ({
      ru: `Покупка ${amount}, ${payee}: одобрена.`,
      kk: `${payee}: ${amount} сатып алу мақұлданды.`,
      en: `Purchase of ${amount} at ${payee} approved.`,
    }),
    declined: ({ amount, payee, reason }: OutcomeWords) => ({
      ru: `Покупка ${amount}, ${payee}: ${reason}.`,
      kk: `${payee}: ${amount} сатып алу: ${reason}.`,
      en: `Purchase of ${amount} at ${payee}: ${reason}.`,
    }),
  };
  return {
    'transfer.own': transfer,
    'transfer.phone': transfer,
    'transfer.iban': transfer,
    'refund.dispute': refund,
    'card.purchase': purchase,
    'transfer.card': transfer,
    'refund.card_transfer': refund,
    'payment.service': {
      completed: ({ amount, payee }: OutcomeWords) => ({
        ru: `Оплата ${amount}, ${payee}: выполнена.`,
        kk: `${payee}: ${amount} төлем орындалды.`,
        en: `Payment of ${amount} to ${payee} made.`,
      }),
      declined: ({ amount, payee, reason }: OutcomeWords) => ({
        ru: `Оплата ${amount}, ${payee}: ${reason}.`,
        kk: `${payee}: ${amount} төлем: ${reason}.`,
        en: `Payment of ${amount} to ${payee}: ${reason}.`,
      }),
    },
    'refund.card_purchase': {
      completed: ({ amount, payee }: OutcomeWords) => ({
        ru: `Возврат ${amount}, ${payee}: зачислен на карту.`,
        kk: `${payee}: ${amount} қайтарым картаға есепке алынды.`,
        en: `Refund of ${amount} from ${payee} credited to your card.`,
      }),
      declined: refund.declined,
    },
  };
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

/**
 * After the last wrong code (RTS art. 4(3)(b)) or past the code's time the operation is declined
 * and no new code can come for it: what the customer can do next, and the memo's advice for a
 * code they never asked for.
 */
export function codeEndedDetail(reason: 'attempts-exceeded' | 'expired', contactPhone: string): Localized {
  const stopped: Localized =
    reason === 'expired'
      ? {
          ru: 'Перевод не подтверждён вовремя, деньги не списаны.',
          kk: 'Аударым уақытында расталмады, ақша есептен шығарылған жоқ.',
          en: 'The transfer was not confirmed in time and no money was debited.',
        }
      : {
          ru: 'Перевод остановлен, деньги не списаны.',
          kk: 'Аударым тоқтатылды, ақша есептен шығарылған жоқ.',
          en: 'The transfer was stopped and no money was debited.',
        };
  return {
    ru: `${stopped.ru} Чтобы отправить деньги, начните перевод заново — придёт новый код. Если вы не делали этот перевод, позвоните ${contactPhone}.`,
    kk: `${stopped.kk} Ақша жіберу үшін аударымды қайта бастаңыз — жаңа код келеді. Егер бұл аударымды сіз жасамасаңыз, ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `${stopped.en} To send the money, start the transfer again and a new code will come. If you did not make this transfer, call ${contactPhone}.`,
  };
}
