import type { Language } from '../../shared/i18n.js';

/**
 * The SMS texts of the identity module, in the customer's language. Each names the bank's domain;
 * none tells a stranger who banks here (SECURITY.md 36): they go to the number's owner.
 */

/** Sent instead of a registration code when the number already belongs to a customer, or to the owner of an IIN being registered again. */
export function registrationAttemptSms(language: Language, domain: string, contactPhone: string): string {
  return {
    ru: `${domain}: кто-то пытался зарегистрироваться с вашим номером. Если это были не вы, ничего не делайте; вопросы — ${contactPhone}.`,
    kk: `${domain}: біреу сіздің нөміріңізбен тіркелуге тырысты. Бұл сіз болмасаңыз, ештеңе істемеңіз; сұрақтар — ${contactPhone}.`,
    en: `${domain}: someone tried to register with your number. If it was not you, do nothing; questions: ${contactPhone}.`,
  }[language];
}
