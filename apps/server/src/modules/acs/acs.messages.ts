import type { Language, Localized } from '../../shared/i18n.js';
import type { AcsReason } from './acs.types.js';

/**
 * What the cardholder reads from the ACS, in ru, kk and en. The challenge's SMS names the amount,
 * the currency (formatted with its sign) and the merchant, and the card by its last four digits
 * (PSD2 RTS art. 5: dynamic linking, the code is bound to what it pays), the bank's domain, and
 * that the bank never asks for the code (SECURITY.md 13, the memo on 3-D Secure passwords).
 */

export interface PurchaseCodeSms {
  /** The amount with its currency, formatted for the customer's language (shared/money.ts). */
  amount: string;
  merchant: string;
  last4: string;
  domain: string;
}

export function purchaseCodeSms(sms: PurchaseCodeSms, language: Language, code: string): string {
  const texts: Localized = {
    ru: `${sms.domain}: Код ${code} для оплаты ${sms.amount} в ${sms.merchant} картой •••• ${sms.last4}. Никому не сообщайте код, банк никогда его не спрашивает.`,
    kk: `${sms.domain}: ${sms.merchant} дүкенінде •••• ${sms.last4} картасымен ${sms.amount} төлеу үшін код: ${code}. Кодты ешкімге айтпаңыз, банк оны ешқашан сұрамайды.`,
    en: `${sms.domain}: Code ${code} to pay ${sms.amount} at ${sms.merchant} with card •••• ${sms.last4}. Never share it: the bank will never ask you for it.`,
  };
  return texts[language];
}

/** Why the ACS did not authenticate, for support and the challenge page. */
export const ACS_REASON_TEXTS: Readonly<Record<AcsReason, Localized>> = {
  'card-unknown': { ru: 'Карта не найдена', kk: 'Карта табылмады', en: 'The card was not found' },
  'card-frozen': { ru: 'Карта заморожена', kk: 'Карта уақытша бұғатталған', en: 'The card is frozen' },
  'card-closed': { ru: 'Карта закрыта', kk: 'Карта жабылған', en: 'The card is closed' },
  'card-expired': { ru: 'Срок действия карты истёк', kk: 'Картаның мерзімі өтіп кеткен', en: 'The card has expired' },
  'card-wrong-expiry': { ru: 'Неверный срок действия карты', kk: 'Картаның мерзімі қате', en: 'The expiry date is wrong' },
  'customer-blocked': {
    ru: 'Расходные операции ограничены банком',
    kk: 'Шығыс операцияларын банк шектеген',
    en: 'Payments are blocked by the bank',
  },
  'internet-off': {
    ru: 'Оплата в интернете по карте отключена',
    kk: 'Картамен интернетте төлеу өшірілген',
    en: 'Internet payments are turned off for the card',
  },
  'limit-per-operation': { ru: 'Превышен лимит на одну покупку', kk: 'Бір сатып алу лимиті асып кетті', en: 'Over the per-purchase limit' },
  'limit-per-day': { ru: 'Превышен дневной лимит карты', kk: 'Картаның күндік лимиті асып кетті', en: 'Over the card’s daily limit' },
  'limit-per-month': { ru: 'Превышен месячный лимит карты', kk: 'Картаның айлық лимиті асып кетті', en: 'Over the card’s monthly limit' },
  'limit-purchases-per-day': {
    ru: 'Слишком много покупок в интернете за день',
    kk: 'Бір күнде интернетте тым көп сатып алу',
    en: 'Too many internet purchases today',
  },
  'currency-mismatch': {
    ru: 'Валюта не совпадает с валютой карты',
    kk: 'Валюта карта валютасына сәйкес емес',
    en: 'Not the card’s currency',
  },
  'no-phone': { ru: 'Нет телефона для кода', kk: 'Код үшін телефон жоқ', en: 'No phone to send the code to' },
  'wrong-code': { ru: 'Три раза введён неверный код', kk: 'Код үш рет қате енгізілді', en: 'A wrong code three times' },
  'timed-out': { ru: 'Время на ввод кода истекло', kk: 'Кодты енгізу уақыты өтті', en: 'The time to enter the code ran out' },
  cancelled: { ru: 'Оплата отменена', kk: 'Төлемнен бас тартылды', en: 'The payment was cancelled' },
  'sandbox-rejected': { ru: 'Тестовая карта: отказ эмитента', kk: 'Тест картасы: эмитент бас тартты', en: 'Sandbox card: rejected' },
  'sandbox-failed': { ru: 'Тестовая карта: проверка не пройдена', kk: 'Тест картасы: тексеру өтпеді', en: 'Sandbox card: failed' },
};
