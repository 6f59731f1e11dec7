import { formatDateTime } from '../../shared/datetime.js';
import type { Language, Localized } from '../../shared/i18n.js';
import type { BlockReason, BlockSource } from './blocks.types.js';

/**
 * The customer's texts of the emergency block, in ru/kk/en. None goes by SMS: the phone is lost,
 * and whoever holds it must learn nothing, not even that the block is there. The notice waits in
 * the app for the customer's first login after the unblock.
 */

/** The detail of the 423 on an outgoing operation; {phone} is the contact center's. */
export const blockedDetail: Localized = {
  ru: 'Доступ к интернет-банку заблокирован, переводы и платежи остановлены. Чтобы снять блокировку, позвоните в контакт-центр {phone}.',
  kk: 'Интернет-банкке кіру бұғатталған, аударымдар мен төлемдер тоқтатылған. Бұғаттан шығару үшін {phone} байланыс орталығына қоңырау шалыңыз.',
  en: 'Access to internet banking is blocked; transfers and payments are stopped. To unblock, call the contact center at {phone}.',
};

/** The detail of the 429 per login: the contact center blocks at once, whatever the form's count. */
export const tooManyBlockAttemptsDetail: Localized = {
  ru: 'Форму можно отправить позже. Чтобы заблокировать доступ сейчас, позвоните в контакт-центр {phone}.',
  kk: 'Пішінді кейінірек жіберуге болады. Қолжетімділікті қазір бұғаттау үшін {phone} байланыс орталығына қоңырау шалыңыз.',
  en: 'You can send the form again later. To block access now, call the contact center at {phone}.',
};

/**
 * The one answer of the web form, the same whether the details matched or not (it must not tell
 * which): what happened if they did, and whom to call either way.
 */
export function blockFormAnswer(language: Language, contactCenterPhone: string): string {
  return {
    ru: `Если данные были указаны верно, доступ к интернет-банку теперь заблокирован: все сеансы завершены, PIN-код и вход по отпечатку удалены, переводы остановлены. Чтобы снять блокировку, позвоните в контакт-центр ${contactCenterPhone}.`,
    kk: `Деректер дұрыс көрсетілсе, интернет-банкке кіру енді бұғатталды: барлық сеанстар аяқталды, PIN-код пен саусақ ізі арқылы кіру жойылды, аударымдар тоқтатылды. Бұғаттан шығару үшін ${contactCenterPhone} байланыс орталығына қоңырау шалыңыз.`,
    en: `If the details were right, access to internet banking is now blocked: every session has ended, the PIN and fingerprint login are removed, and transfers are stopped. To unblock, call the contact center at ${contactCenterPhone}.`,
  }[language];
}

/** The answer to the signed-in customer's "Block my access now": done, and whom to call. */
export function blockedNowAnswer(language: Language, contactCenterPhone: string): string {
  return {
    ru: `Доступ к интернет-банку заблокирован: все сеансы завершены, PIN-код и вход по отпечатку удалены, переводы остановлены. Чтобы снять блокировку, позвоните в контакт-центр ${contactCenterPhone}.`,
    kk: `Интернет-банкке кіру бұғатталды: барлық сеанстар аяқталды, PIN-код пен саусақ ізі арқылы кіру жойылды, аударымдар тоқтатылды. Бұғаттан шығару үшін ${contactCenterPhone} байланыс орталығына қоңырау шалыңыз.`,
    en: `Access to internet banking is blocked: every session has ended, the PIN and fingerprint login are removed, and transfers are stopped. To unblock, call the contact center at ${contactCenterPhone}.`,
  }[language];
}

const REASON_WORDS: Readonly<Record<BlockReason, Localized>> = {
  lost_phone: { ru: 'утерян телефон', kk: 'телефон жоғалды', en: 'lost phone' },
  sim_stopped: { ru: 'SIM-карта перестала работать', kk: 'SIM-карта жұмысын тоқтатты', en: 'the SIM card stopped working' },
  compromise: {
    ru: 'данные для входа могли стать известны другим',
    kk: 'кіру деректері бөгде адамдарға белгілі болуы мүмкін',
    en: 'login details may be known to others',
  },
  fraud_suspected: { ru: 'подозрение на мошенничество', kk: 'алаяқтыққа күдік', en: 'suspected fraud' },
  other: { ru: 'другая причина', kk: 'басқа себеп', en: 'another reason' },
};

const WHO_BLOCKED: Readonly<Record<BlockSource, Localized>> = {
  self: { ru: 'по вашему запросу', kk: 'сіздің сұрауыңыз бойынша', en: 'at your request' },
  operator: {
    ru: 'по вашему звонку в контакт-центр',
    kk: 'байланыс орталығына қоңырауыңыз бойынша',
    en: 'after your call to the contact center',
  },
  security: { ru: 'службой безопасности банка', kk: 'банктің қауіпсіздік қызметі тарапынан', en: 'by the bank’s security service' },
};

/** The in-app notice, read after the unblock: when, why, what was ended, and whom to call if it was not the customer. */
export function blockedNotice(
  language: Language,
  input: { source: BlockSource; reason: BlockReason; at: Date; contactCenterPhone: string; bankTimeZone: string },
): { title: string; body: string } {
  const time = formatDateTime(input.at, language, input.bankTimeZone, 'short');
  const who = WHO_BLOCKED[input.source][language];
  const why = REASON_WORDS[input.reason][language];
  const phone = input.contactCenterPhone;
  return {
    ru: {
      title: 'Доступ был заблокирован',
      body: `${time} доступ к Kassa заблокирован ${who} (${why}): все сеансы завершены, привязанные устройства (PIN-код, отпечаток) удалены, коды и переводы остановлены. Привяжите устройство заново в настройках безопасности. Если вы не просили о блокировке, позвоните ${phone}.`,
    },
    kk: {
      title: 'Қолжетімділік бұғатталған болатын',
      body: `${time} Kassa қолжетімділігі ${who} бұғатталды (${why}): барлық сеанстар аяқталды, байланыстырылған құрылғылар (PIN-код, саусақ ізі) жойылды, кодтар мен аударымдар тоқтатылды. Құрылғыны қауіпсіздік баптауларында қайта байланыстырыңыз. Бұғаттауды сұрамаған болсаңыз, ${phone} нөміріне қоңырау шалыңыз.`,
    },
    en: {
      title: 'Your access was blocked',
      body: `On ${time} your Kassa access was blocked ${who} (${why}): every session ended, bound devices (PIN, fingerprint) were removed, and codes and transfers were stopped. Bind your device again in security settings. If you did not ask for the block, call ${phone}.`,
    },
  }[language];
}
