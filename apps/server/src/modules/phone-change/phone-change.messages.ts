import { formatDateTime } from '../../shared/datetime.js';
import type { Language } from '../../shared/i18n.js';

/**
 * The SMS texts of a phone number change, in the language of the customer they go to. Each names
 * the bank's domain (SECURITY.md 13); the notices say whom to call (SECURITY.md 30).
 */

/**
 * +7 7•• ••• •• 67: the first digit after the country code and the last two. Less than the
 * profile shows (maskPhoneForDisplay): these texts go to a phone that may be in other hands.
 */
export function maskPhoneForSms(e164: string): string {
  const national = e164.replace(/^\+7/, '');
  return `+7 ${national.slice(0, 1)}•• ••• •• ${national.slice(-2)}`;
}

/**
 * NIST 800-63B 6.1.2.1: the owner of the old number hears of the new authenticator by a channel
 * other than the one that bound it. Sent to the OLD number once the change has committed.
 */
export function phoneChangedNotice(
  language: Language,
  words: { domain: string; contactPhone: string; newPhone: string; changedAt: Date; bankTimeZone: string },
): string {
  const when = formatDateTime(words.changedAt, language, words.bankTimeZone, 'short');
  const to = maskPhoneForSms(words.newPhone);
  return {
    ru: `${words.domain}: номер телефона для входа в Kassa изменён на ${to} ${when}. Если это были не вы, сразу позвоните ${words.contactPhone}.`,
    kk: `${words.domain}: Kassa-ға кіретін телефон нөмірі ${when} ${to} нөміріне өзгертілді. Бұл сіз болмасаңыз, дереу ${words.contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `${words.domain}: the phone number of your Kassa access was changed to ${to} on ${when}. If it was not you, call ${words.contactPhone} at once.`,
  }[language];
}

/**
 * Instead of the code, when the new number is another customer's: its owner learns of the attempt,
 * the one who asked learns nothing (SECURITY.md 36), in the owner's language.
 */
export function numberTakenNotice(language: Language, domain: string, contactPhone: string): string {
  return {
    ru: `${domain}: кто-то пытался сделать ваш номер номером для входа в другой профиль Kassa. Если это были не вы, ничего не делайте; вопросы — ${contactPhone}.`,
    kk: `${domain}: біреу сіздің нөміріңізді басқа Kassa профиліне кіру нөмірі етуге тырысты. Бұл сіз болмасаңыз, ештеңе істемеңіз; сұрақтар — ${contactPhone}.`,
    en: `${domain}: someone tried to make your number the login phone of another Kassa profile. If it was not you, do nothing; questions: ${contactPhone}.`,
  }[language];
}

/**
 * The new number's code when staff change the number on a call the customer made: this code is
 * the one the memo lets a customer tell the bank, and only the operator on that call.
 */
export function staffChangeCodeSms(language: Language, domain: string, contactPhone: string): (code: string) => string {
  return (code) =>
    ({
      ru: `${domain}: Код ${code} для привязки этого номера ко входу в Kassa. Назовите его только оператору, которому вы сами позвонили на ${contactPhone}. Kassa никогда не звонит, чтобы спросить код.`,
      kk: `${domain}: осы нөмірді Kassa-ға кіру нөмірі ретінде байланыстыру үшін код: ${code}. Оны тек өзіңіз ${contactPhone} нөміріне қоңырау шалған операторға айтыңыз. Kassa кодты сұрау үшін ешқашан қоңырау шалмайды.`,
      en: `${domain}: Code ${code} for making this number the phone of your Kassa access. Tell it only to the operator you called yourself at ${contactPhone}. Kassa never calls you to ask for it.`,
    })[language];
}
