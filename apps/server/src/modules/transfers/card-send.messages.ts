import type { Language, Localized } from '../../shared/i18n.js';

/**
 * What the customer is told when another bank's card network refused the credit of a transfer
 * (card-send.ts): the transfer did not reach the card, and its money came back, the fee with it.
 * The card is named as everywhere else ("•••• 1234"), never by more of its number.
 */

interface RefundWords {
  /** The transfer's amount, formatted for the language. */
  amount: string;
  /** All that came back (amount and fee), formatted. */
  returned: string;
  /** "•••• 1234". */
  card: string;
  /** Whether a fee came back with the amount. */
  withFee: boolean;
}

export function cardTransferRefundTitle(language: Language): string {
  const title: Localized = { ru: 'Перевод возвращён', kk: 'Аударым қайтарылды', en: 'Transfer returned' };
  return title[language];
}

export function cardTransferRefundBody(words: RefundWords, language: Language): string {
  const { amount, returned, card } = words;
  const body: Localized = words.withFee
    ? {
        ru: `Банк получателя не принял перевод ${amount} на карту ${card}. На ваш счёт вернулось ${returned}: сумма перевода и комиссия.`,
        kk: `Алушының банкі ${card} картасына ${amount} аударымды қабылдамады. Шотыңызға ${returned} қайтарылды: аударым сомасы мен комиссия.`,
        en: `The recipient's bank did not accept the transfer of ${amount} to card ${card}. ${returned} is back in your account: the amount and the fee.`,
      }
    : {
        ru: `Банк получателя не принял перевод ${amount} на карту ${card}. Деньги вернулись на ваш счёт.`,
        kk: `Алушының банкі ${card} картасына ${amount} аударымды қабылдамады. Ақша шотыңызға қайтарылды.`,
        en: `The recipient's bank did not accept the transfer of ${amount} to card ${card}. The money is back in your account.`,
      };
  return body[language];
}
