import { format, type Language, type Localized } from '../../shared/i18n.js';
import type { IncidentKind } from './incidents.types.js';

/**
 * What the customer is told when they report (issue 13 item 7): for each kind, what to do now,
 * in the memo's words (seed/security-memo.ru.txt: block the SIM with the operator, tell the bank
 * at once on 595 or the security e-mail, the bank never asks for codes). `{phone}` and `{email}`
 * are the contact center and the security e-mail from configuration.
 */

interface Advice {
  /** Act now: someone may be able to move the customer's money. */
  urgent: boolean;
  steps: readonly Localized[];
}

const CALL_NOW_TO_BLOCK: Localized = {
  ru: 'Позвоните в контакт-центр {phone} прямо сейчас (бесплатно по Казахстану): мы заблокируем доступ и остановим подозрительные операции.',
  kk: 'Байланыс орталығына {phone} дәл қазір қоңырау шалыңыз (Қазақстан бойынша тегін): біз қолжетімділікті бұғаттап, күдікті операцияларды тоқтатамыз.',
  en: 'Call the contact center on {phone} right now (free within Kazakhstan): we will block access and stop suspicious operations.',
};
const OR_WRITE: Localized = {
  ru: 'Если звонить неудобно, напишите на {email}.',
  kk: 'Қоңырау шалу ыңғайсыз болса, {email} мекенжайына жазыңыз.',
  en: 'If you cannot call, write to {email}.',
};

const ADVICE: Readonly<Record<IncidentKind, Advice>> = {
  told_code: {
    urgent: true,
    steps: [
      CALL_NOW_TO_BLOCK,
      {
        ru: 'Больше не сообщайте никаких кодов: сотрудники Kassa никогда их не спрашивают — ни по телефону, ни в сообщениях.',
        kk: 'Енді ешқандай кодты айтпаңыз: Kassa қызметкерлері оларды ешқашан сұрамайды — телефонмен де, хабарламамен де.',
        en: 'Do not tell anyone any more codes: Kassa staff never ask for them, by phone or in messages.',
      },
      OR_WRITE,
    ],
  },
  lost_phone: {
    urgent: true,
    steps: [
      {
        ru: 'Позвоните своему оператору связи и заблокируйте SIM-карту.',
        kk: 'Ұялы байланыс операторыңызға қоңырау шалып, SIM-картаны бұғаттаңыз.',
        en: 'Call your mobile operator and block the SIM card.',
      },
      {
        ru: 'Позвоните нам {phone} (бесплатно по Казахстану): мы заблокируем доступ к Kassa — все сеансы и привязанные устройства.',
        kk: 'Бізге {phone} нөміріне қоңырау шалыңыз (Қазақстан бойынша тегін): Kassa-ға кіруді — барлық сеанстар мен байланыстырылған құрылғыларды бұғаттаймыз.',
        en: 'Call us on {phone} (free within Kazakhstan): we will block access to Kassa, every session and bound device.',
      },
      OR_WRITE,
    ],
  },
  fake_bank_call: {
    urgent: false,
    steps: [
      {
        ru: 'Положите трубку. Kassa никогда не звонит, чтобы спросить коды, данные карты или PIN-код.',
        kk: 'Тұтқаны қойыңыз. Kassa кодтарды, карта деректерін немесе PIN-кодты сұрау үшін ешқашан қоңырау шалмайды.',
        en: 'Hang up. Kassa never calls to ask for codes, card details or a PIN.',
      },
      {
        ru: 'Если вы всё же назвали код, сразу позвоните {phone}.',
        kk: 'Егер кодты айтып қойсаңыз, бірден {phone} нөміріне қоңырау шалыңыз.',
        en: 'If you did tell a code, call {phone} at once.',
      },
      {
        ru: 'Чтобы проверить, звонил ли банк, наберите {phone} сами.',
        kk: 'Банк шынымен қоңырау шалды ма, тексеру үшін {phone} нөміріне өзіңіз қоңырау шалыңыз.',
        en: 'To check whether the bank called you, dial {phone} yourself.',
      },
    ],
  },
  unknown_operations: {
    urgent: true,
    steps: [
      CALL_NOW_TO_BLOCK,
      {
        ru: 'Отметьте каждую незнакомую операцию кнопкой «Это был не я» на её странице.',
        kk: 'Әрбір таныс емес операцияны оның бетіндегі «Бұл мен емеспін» батырмасымен белгілеңіз.',
        en: 'Mark each operation you do not recognise with "This wasn\'t me" on its page.',
      },
      OR_WRITE,
    ],
  },
  other: {
    urgent: false,
    steps: [
      {
        ru: 'Мы прочитаем ваше сообщение и ответим. Если дело срочное, позвоните {phone} или напишите на {email}.',
        kk: 'Хабарламаңызды оқып, жауап береміз. Іс шұғыл болса, {phone} нөміріне қоңырау шалыңыз немесе {email} мекенжайына жазыңыз.',
        en: 'We will read your message and answer. If it is urgent, call {phone} or write to {email}.',
      },
    ],
  },
};

export function adviceFor(
  kind: IncidentKind,
  language: Language,
  contacts: { contactPhone: string; securityEmail: string },
): { urgent: boolean; steps: string[] } {
  const advice = ADVICE[kind];
  const values = { phone: contacts.contactPhone, email: contacts.securityEmail };
  return { urgent: advice.urgent, steps: advice.steps.map((step) => format(step[language], values)) };
}

/** The in-app notice of a report: it reached the bank, and what to do if it is urgent. */
export function reportedNotice(language: Language, contactPhone: string): { title: string; body: string } {
  return {
    title: { ru: 'Сообщение получено', kk: 'Хабарлама алынды', en: 'Report received' }[language],
    body: {
      ru: `Ваше сообщение передано службе безопасности Kassa. Если дело срочное, позвоните ${contactPhone}.`,
      kk: `Хабарламаңыз Kassa қауіпсіздік қызметіне жіберілді. Іс шұғыл болса, ${contactPhone} нөміріне қоңырау шалыңыз.`,
      en: `Your report has gone to the Kassa security team. If it is urgent, call ${contactPhone}.`,
    }[language],
  };
}
