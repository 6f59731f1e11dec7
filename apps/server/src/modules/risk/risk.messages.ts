import type { Language, Localized } from '../../shared/i18n.js';
import type { TransferLimit } from './customer-limits.types.js';

/**
 * The texts of a limit raise, in ru/kk/en: the staff's refusal detail and the customer's notice.
 * The notice names the bank's domain (SECURITY.md 13) and whom to call (SECURITY.md 30: a limit
 * change is notified, a thief's social engineering of the contact center is caught by the owner).
 */

/** The 422's detail; {ceiling} is formatted in the staff member's language. */
export const overCeilingDetail: Localized = {
  ru: 'Самое большее для этого лимита — {ceiling}.',
  kk: 'Бұл лимиттің ең жоғарғы мәні — {ceiling}.',
  en: 'The most this limit can be is {ceiling}.',
};

/** Which limit, as the notice says it after the amount or the colon. */
const LIMIT_WORDS: Readonly<Record<TransferLimit, Localized>> = {
  per_operation: { ru: 'на один перевод', kk: 'бір аударымға', en: 'per transfer' },
  per_day: { ru: 'в день', kk: 'күніне', en: 'per day' },
  per_month: { ru: 'в месяц', kk: 'айына', en: 'per month' },
};

export interface LimitRaisedWords {
  limit: TransferLimit;
  /** The new limit, formatted in the customer's language. */
  amount: string;
  domain: string;
  contactPhone: string;
}

/** The body of the notice (SMS and in-app), without the domain. */
function raisedSentence(language: Language, words: LimitRaisedWords): string {
  const per = LIMIT_WORDS[words.limit][language];
  return {
    ru: `Лимит переводов другим людям повышен: ${per} ${words.amount}. Если вы об этом не просили, сразу позвоните ${words.contactPhone}.`,
    kk: `Басқа адамдарға аударым лимиті көтерілді: ${per} ${words.amount}. Бұны сіз сұрамаған болсаңыз, дереу ${words.contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `Your limit on transfers to other people is raised to ${words.amount} ${per}. If you did not ask for it, call ${words.contactPhone} at once.`,
  }[language];
}

export function limitRaisedSms(language: Language, words: LimitRaisedWords): string {
  return `${words.domain}: ${raisedSentence(language, words)}`;
}

export function limitRaisedNotice(language: Language, words: LimitRaisedWords): { title: string; body: string } {
  const title = { ru: 'Лимит переводов повышен', kk: 'Аударым лимиті көтерілді', en: 'Transfer limit raised' }[language];
  return { title, body: raisedSentence(language, words) };
}
