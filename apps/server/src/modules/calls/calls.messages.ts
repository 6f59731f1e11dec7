import type { Language } from '../../shared/i18n.js';

/**
 * The SMS that carries a call's verification code, in the customer's language. The security memo
 * allows telling a code to the bank only when the customer called the contact center themselves,
 * so the text says exactly that: you called us; tell it only to the operator on this call; we
 * never call to ask for it. A customer who gets it without having called knows what is going on.
 * SECURITY.md 13: it names the bank's domain first, like every code SMS (sca.messages.ts).
 */
export function callVerificationSms(language: Language, code: string, domain: string): string {
  const text = {
    ru: `Вы позвонили в контакт-центр Kassa. Сообщите этот код только оператору на этом звонке: ${code}. Kassa никогда не звонит, чтобы спросить его.`,
    kk: `Сіз Kassa байланыс орталығына қоңырау шалдыңыз. Бұл кодты тек осы қоңыраудағы операторға айтыңыз: ${code}. Kassa оны сұрау үшін ешқашан өзі қоңырау шалмайды.`,
    en: `You called the Kassa contact center. Tell this code only to the operator on this call: ${code}. Kassa never calls you to ask for it.`,
  }[language];
  return `${domain}: ${text}`;
}

/** The SMS text of a call's code, to hand to sca's issueCode or resendCode as `smsText`. */
export function callVerificationSmsText(language: Language, domain: string): (code: string) => string {
  return (code) => callVerificationSms(language, code, domain);
}

/**
 * The name "Is Kassa calling me?" shows the customer: the given name of the staff member's display
 * name only ("Aigerim", not the surname), enough to check with the person on the line and no more.
 * Staff display names are written as a badge reads, given name first ("Aigerim Bekova"); a single
 * word is shown as it is.
 */
export function staffGivenName(displayName: string): string {
  const [first = ''] = displayName.trim().split(/\s+/u);
  return first;
}
