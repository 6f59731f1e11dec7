import type { Language } from '../../shared/i18n.js';

/**
 * SMS texts for codes. Each names what the code is for (for money: the amount and the payee,
 * RTS art. 5), the bank's domain, and that the bank never asks for the code (SECURITY.md 13).
 */
export type CodeSmsKind =
  | { purpose: 'registration' }
  | { purpose: 'login' }
  | { purpose: 'password_reset' }
  | { purpose: 'transfer'; amount: string; payee: string }
  | { purpose: 'service_payment'; amount: string; payee: string }
  | { purpose: 'service_schedule'; amount: string; payee: string; when: string }
  | { purpose: 'trusted_payee'; payee: string }
  | { purpose: 'device_binding'; device: string; kind: 'pin' | 'webauthn' }
  // The new number, masked (+7 7•• ••• •• 67): the owner of the old one sees where access would go.
  | { purpose: 'phone_change_old'; newPhone: string }
  | { purpose: 'phone_change_new' }
  // modules/cards. The card by its last 4 digits; for a limit, the new values in words, formatted by cards.
  | { purpose: 'card_reveal'; last4: string }
  | { purpose: 'card_limit'; last4: string; change: string };

export function codeSms(kind: CodeSmsKind, language: Language, code: string, domain: string): string {
  const never = {
    ru: 'Никому не сообщайте код, сотрудники банка его никогда не спрашивают.',
    kk: 'Кодты ешкімге айтпаңыз, банк қызметкерлері оны ешқашан сұрамайды.',
    en: 'Never share this code: the bank will never ask you for it.',
  }[language];
  const what = (() => {
    switch (kind.purpose) {
      case 'registration':
        return { ru: 'регистрации', kk: 'тіркелу', en: 'registration' }[language];
      case 'login':
        return { ru: 'входа', kk: 'кіру', en: 'login' }[language];
      case 'password_reset':
        return { ru: 'смены пароля', kk: 'құпиясөзді ауыстыру', en: 'password reset' }[language];
      case 'transfer':
        return {
          ru: `перевода ${kind.amount} получателю ${kind.payee}`,
          kk: `${kind.payee} алушысына ${kind.amount} аудару`,
          en: `a transfer of ${kind.amount} to ${kind.payee}`,
        }[language];
      // Issue 16: a service payment names the provider and the account paid ("Kcell, +7 701 123 45 67").
      case 'service_payment':
        return {
          ru: `оплаты ${kind.amount}: ${kind.payee}`,
          kk: `${kind.payee}: ${kind.amount} төлеу`,
          en: `a payment of ${kind.amount} to ${kind.payee}`,
        }[language];
      // RTS art. 14: the one code of a series names what every payment of it will be.
      case 'service_schedule':
        return {
          ru: `регулярного платежа ${kind.amount}: ${kind.payee}, ${kind.when}`,
          kk: `${kind.payee}: ${kind.amount} тұрақты төлем, ${kind.when}`,
          en: `a scheduled payment of ${kind.amount} to ${kind.payee}, ${kind.when}`,
        }[language];
      case 'trusted_payee':
        return {
          ru: `добавления доверенного получателя ${kind.payee}`,
          kk: `${kind.payee} сенімді алушысын қосу`,
          en: `adding trusted payee ${kind.payee}`,
        }[language];
      // SECURITY.md 32: the SMS names the device and the way it will log in, so a customer talked
      // into reading out "a code" sees that it would give someone a lasting way into the account.
      case 'device_binding': {
        const method = {
          pin: { ru: 'вход по PIN-коду', kk: 'PIN-код арқылы кіру', en: 'PIN login' },
          webauthn: { ru: 'вход по отпечатку или лицу', kk: 'саусақ ізі немесе бет арқылы кіру', en: 'fingerprint or face login' },
        }[kind.kind][language];
        return {
          ru: `привязки устройства «${kind.device}» (${method})`,
          kk: `«${kind.device}» құрылғысын байланыстыру (${method})`,
          en: `binding device "${kind.device}" (${method})`,
        }[language];
      }
      // NIST 800-63B 5.1.3.3: a new number is a new authenticator; each SMS says so in plain words.
      case 'phone_change_old':
        return {
          ru: `смены номера телефона для входа в Kassa на ${kind.newPhone}`,
          kk: `Kassa-ға кіретін телефон нөмірін ${kind.newPhone} нөміріне ауыстыру`,
          en: `changing the phone number of your Kassa access to ${kind.newPhone}`,
        }[language];
      case 'phone_change_new':
        return {
          ru: 'привязки этого номера ко входу в Kassa',
          kk: 'осы нөмірді Kassa-ға кіру нөмірі ретінде байланыстыру',
          en: 'making this number the phone of your Kassa access',
        }[language];
      // Issue 14 item 4: the code names the card whose details it opens (dynamic linking of that purpose).
      case 'card_reveal':
        return {
          ru: `показа данных карты •••• ${kind.last4}`,
          kk: `•••• ${kind.last4} картасының деректерін көрсету`,
          en: `showing the details of card •••• ${kind.last4}`,
        }[language];
      case 'card_limit':
        return {
          ru: `изменения лимитов карты •••• ${kind.last4}: ${kind.change}`,
          kk: `•••• ${kind.last4} картасының лимиттерін өзгерту: ${kind.change}`,
          en: `changing the limits of card •••• ${kind.last4}: ${kind.change}`,
        }[language];
    }
  })();
  const lead = { ru: `Код ${code} для ${what}`, kk: `${what} үшін код: ${code}`, en: `Code ${code} for ${what}` }[language];
  // The memo: never disclose card details. Whoever asks for them, or for this code, is not the bank.
  const cardNever =
    kind.purpose === 'card_reveal'
      ? {
          ru: 'Никому не сообщайте код и данные карты: номер, срок, CVC2. ',
          kk: 'Кодты және карта деректерін ешкімге айтпаңыз: нөмірін, мерзімін, CVC2. ',
          en: 'Never tell anyone this code or your card details: number, expiry, CVC2. ',
        }[language]
      : '';
  return `${domain}: ${lead}. ${cardNever}${never}`;
}

/** The SMS text of a code of this kind, to hand to issueCode or resendCode as `smsText`. */
export function codeSmsText(kind: CodeSmsKind, language: Language, domain: string): (code: string) => string {
  return (code) => codeSms(kind, language, code, domain);
}
