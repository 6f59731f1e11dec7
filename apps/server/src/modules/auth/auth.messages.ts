import { formatDateTime } from '../../shared/datetime.js';
import type { Language } from '../../shared/i18n.js';

/**
 * The SMS notices of the auth module, in the customer's language. Each names the bank's domain,
 * and each that reports something the customer may not have done says whom to call
 * (SECURITY.md 30: new device, password change, a coming block). None carries a secret.
 */

// The web app's password-reset page (apps/web/src/App.tsx): the lock SMS names it on the official
// domain, so the way out is one the customer can type, not a link to tap (SECURITY.md 38).
export const PASSWORD_RESET_PATH = '/login/reset';

/** The end of the lock is given in the bank's time zone (BANK_TIME_ZONE), as the customer's clock shows it. */
export function lockNotice(language: Language, domain: string, contactPhone: string, until: Date, bankTimeZone: string): string {
  const time = formatDateTime(until, language, bankTimeZone, 'short');
  const reset = `${domain}${PASSWORD_RESET_PATH}`;
  return {
    ru: `${domain}: после 5 неудачных попыток вход по паролю закрыт до ${time}. Если это были не вы, позвоните ${contactPhone}. Снять блокировку сразу: смените пароль по SMS и ИИН на ${reset}. Вход по PIN-коду или отпечатку на вашем привязанном устройстве по-прежнему работает.`,
    kk: `${domain}: 5 сәтсіз әрекеттен кейін құпиясөзбен кіру ${time} дейін жабық. Бұл сіз болмасаңыз, ${contactPhone} нөміріне қоңырау шалыңыз. Бұғатты бірден алу үшін ${reset} бетінде SMS және ЖСН арқылы құпиясөзді ауыстырыңыз. Байланыстырылған құрылғыңызда PIN-код немесе саусақ ізі арқылы кіру бұрынғыдай жұмыс істейді.`,
    en: `${domain}: after 5 failed attempts password login is closed until ${time}. If it was not you, call ${contactPhone}. To lift the block now, reset your password with an SMS code and your IIN at ${reset}. PIN or fingerprint login on a device you bound still works.`,
  }[language];
}

/** The browser and system a User-Agent names, as the new-device notice shows them ("Chrome, Android"). */
export function describeAgent(userAgent: string | null): string {
  if (!userAgent) return '?';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return system ? `${browser}, ${system}` : browser;
}

export function newClientNotice(language: Language, domain: string, contactPhone: string, agent: string): string {
  return {
    ru: `${domain}: вход с нового устройства (${agent}). Если это были не вы, срочно позвоните ${contactPhone}.`,
    kk: `${domain}: жаңа құрылғыдан кіру (${agent}). Бұл сіз болмасаңыз, дереу ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `${domain}: login from a new device (${agent}). If it was not you, call ${contactPhone} at once.`,
  }[language];
}

export function boundNotice(language: Language, domain: string, contactPhone: string, name: string): string {
  return {
    ru: `${domain}: к вашему профилю привязано устройство «${name}». Если это были не вы, срочно позвоните ${contactPhone}.`,
    kk: `${domain}: профиліңізге «${name}» құрылғысы байланыстырылды. Бұл сіз болмасаңыз, дереу ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `${domain}: device "${name}" was bound to your profile. If it was not you, call ${contactPhone} at once.`,
  }[language];
}

export function revokedNotice(language: Language, domain: string, name: string): string {
  return {
    ru: `${domain}: устройство «${name}» отвязано. Вход на нём возможен только по паролю и коду из SMS.`,
    kk: `${domain}: «${name}» құрылғысы ажыратылды. Онда тек құпиясөз және SMS коды арқылы кіруге болады.`,
    en: `${domain}: device "${name}" was unbound. It can now log in only with your password and an SMS code.`,
  }[language];
}

/** After "change password": the other sessions ended, and every bound device but the one asking went. */
export function passwordChangedNotice(language: Language, domain: string, contactPhone: string): string {
  return {
    ru: `${domain}: пароль изменён, другие сеансы завершены, другие привязанные устройства отвязаны. Если это были не вы, срочно позвоните ${contactPhone}.`,
    kk: `${domain}: құпиясөз өзгертілді, басқа сеанстар аяқталды, басқа байланыстырылған құрылғылар ажыратылды. Бұл сіз болмасаңыз, дереу ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `${domain}: your password was changed, your other sessions ended and your other bound devices were unbound. If it was not you, call ${contactPhone} at once.`,
  }[language];
}

/** After a reset by SMS code and IIN: every session and every bound device went. */
export function passwordResetNotice(language: Language, domain: string, contactPhone: string): string {
  return {
    ru: `${domain}: пароль изменён, все сеансы завершены, все привязанные устройства отвязаны. Если это были не вы, срочно позвоните ${contactPhone}.`,
    kk: `${domain}: құпиясөз өзгертілді, барлық сеанстар аяқталды, барлық байланыстырылған құрылғылар ажыратылды. Бұл сіз болмасаңыз, дереу ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `${domain}: your password was changed, all sessions ended and all bound devices were unbound. If it was not you, call ${contactPhone} at once.`,
  }[language];
}

/**
 * After a security officer reset the password from the customer's security report
 * (bank-password-reset.ts): what happened and the way to a new password, the reset page on the
 * official domain to type (SECURITY.md 38), not a link to tap. No secret: there is none to send.
 */
export function bankPasswordResetNotice(language: Language, domain: string, contactPhone: string): string {
  const reset = `${domain}${PASSWORD_RESET_PATH}`;
  return {
    ru: `${domain}: по вашему обращению о безопасности банк сбросил ваш пароль и завершил все сеансы. Старый пароль больше не действует. Задайте новый на ${reset} по коду из SMS и ИИН. Вопросы: ${contactPhone}.`,
    kk: `${domain}: қауіпсіздік бойынша өтінішіңізге сәйкес банк құпиясөзіңіздің күшін жойып, барлық сеансты аяқтады. Ескі құпиясөз енді жарамсыз. Жаңасын ${reset} бетінде SMS коды және ЖСН арқылы орнатыңыз. Сұрақтар: ${contactPhone}.`,
    en: `${domain}: on your security report the bank reset your password and ended all sessions. The old password no longer works. Set a new one at ${reset} with an SMS code and your IIN. Questions: ${contactPhone}.`,
  }[language];
}

/** After "log out everywhere"; `deviceKept` when it was asked from a device login, whose device stays. */
export function loggedOutEverywhereNotice(language: Language, domain: string, contactPhone: string, deviceKept: boolean): string {
  const devices = deviceKept
    ? {
        ru: 'другие привязанные устройства отвязаны',
        kk: 'басқа байланыстырылған құрылғылар ажыратылды',
        en: 'your other bound devices were unbound',
      }
    : {
        ru: 'все привязанные устройства отвязаны',
        kk: 'барлық байланыстырылған құрылғылар ажыратылды',
        en: 'all bound devices were unbound',
      };
  return {
    ru: `${domain}: выполнен выход на всех устройствах, ${devices.ru}. Если это были не вы, срочно позвоните ${contactPhone}.`,
    kk: `${domain}: барлық құрылғыдан шығу орындалды, ${devices.kk}. Бұл сіз болмасаңыз, дереу ${contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `${domain}: you were logged out everywhere and ${devices.en}. If it was not you, call ${contactPhone} at once.`,
  }[language];
}
