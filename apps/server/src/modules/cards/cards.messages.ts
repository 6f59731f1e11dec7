import { formatDateTime } from '../../shared/datetime.js';
import type { Language, Localized } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import type { CardLimits } from './cards.types.js';

/**
 * What the customer is told about their cards (issue 14 item 5: every change notifies the
 * customer): the in-app notice and the SMS, in their language. Each names the card by its last 4
 * digits and says whom to call if it was not them. No text carries a PAN, an expiry or a CVC2.
 */

export type CardNotice =
  | { event: 'issued'; kind: 'virtual' | 'single_use' }
  | { event: 'frozen' }
  | { event: 'unfrozen' }
  | { event: 'closed' }
  | { event: 'single_use_spent' }
  | { event: 'controls'; changes: ControlChange[] }
  | { event: 'limits'; limits: CardLimits; currency: string }
  | { event: 'unlimited'; until: Date }
  | { event: 'unlimited_ended' }
  | { event: 'revealed' };

export type ControlChange = { control: 'internet' | 'contactless' | 'cash'; enabled: boolean };

export interface NoticeContext {
  language: Language;
  last4: string;
  domain: string;
  contactPhone: string;
  timeZone: string;
}

const CONTROL_WORDS: Readonly<Record<ControlChange['control'], Localized>> = {
  internet: { ru: 'оплата в интернете', kk: 'интернетте төлеу', en: 'internet payments' },
  contactless: { ru: 'бесконтактная оплата', kk: 'контактісіз төлеу', en: 'contactless payments' },
  cash: { ru: 'снятие наличных', kk: 'қолма-қол ақша алу', en: 'cash withdrawals' },
};

const ON_OFF: Readonly<Record<'on' | 'off', Localized>> = {
  on: { ru: 'включена', kk: 'қосылды', en: 'on' },
  off: { ru: 'выключена', kk: 'өшірілді', en: 'off' },
};

function controlsText(changes: readonly ControlChange[], language: Language): string {
  return changes
    .map((change) => `${CONTROL_WORDS[change.control][language]}: ${ON_OFF[change.enabled ? 'on' : 'off'][language]}`)
    .join(', ');
}

/** The limits in words: for the notice, and for the code SMS of a raise (sca's card_limit text). */
export function limitsText(limits: CardLimits, currency: string, language: Language): string {
  const money = (amount: bigint) => formatMoney(amount, currency, language);
  return {
    ru: `на операцию ${money(limits.perOperationMinor)}, в день ${money(limits.perDayMinor)}, в месяц ${money(limits.perMonthMinor)}`,
    kk: `бір операцияға ${money(limits.perOperationMinor)}, күніне ${money(limits.perDayMinor)}, айына ${money(limits.perMonthMinor)}`,
    en: `${money(limits.perOperationMinor)} per operation, ${money(limits.perDayMinor)} a day, ${money(limits.perMonthMinor)} a month`,
  }[language];
}

/** "No limit for N days" in words, for the code SMS. */
export function unlimitedText(days: number, language: Language): string {
  return { ru: `без лимита на ${days} дн.`, kk: `${days} күнге лимитсіз`, en: `no limit for ${days} days` }[language];
}

/** The sentence of each notice about card •••• {last4}: what happened. */
function what(notice: CardNotice, context: NoticeContext): Localized {
  const card = `•••• ${context.last4}`;
  const language = context.language;
  switch (notice.event) {
    case 'issued':
      return notice.kind === 'single_use'
        ? {
            ru: `Выпущена одноразовая карта ${card}: она закроется после первой покупки.`,
            kk: `${card} бір реттік картасы шығарылды: ол алғашқы сатып алудан кейін жабылады.`,
            en: `Single-use card ${card} is issued: it closes after its first purchase.`,
          }
        : { ru: `Выпущена карта ${card}.`, kk: `${card} картасы шығарылды.`, en: `Card ${card} is issued.` };
    case 'frozen':
      return {
        ru: `Карта ${card} заморожена: оплаты по ней не проходят.`,
        kk: `${card} картасы уақытша бұғатталды: ол арқылы төлемдер өтпейді.`,
        en: `Card ${card} is frozen: no payments go through.`,
      };
    case 'unfrozen':
      return {
        ru: `Карта ${card} снова действует.`,
        kk: `${card} картасы қайта іске қосылды.`,
        en: `Card ${card} works again.`,
      };
    case 'closed':
      return { ru: `Карта ${card} закрыта.`, kk: `${card} картасы жабылды.`, en: `Card ${card} is closed.` };
    case 'single_use_spent':
      return {
        ru: `Одноразовая карта ${card} использована и закрыта.`,
        kk: `${card} бір реттік картасы пайдаланылып, жабылды.`,
        en: `Single-use card ${card} has been used and is closed.`,
      };
    case 'controls': {
      const changes = controlsText(notice.changes, language);
      return { ru: `Карта ${card}: ${changes}.`, kk: `${card} картасы: ${changes}.`, en: `Card ${card}: ${changes}.` };
    }
    case 'limits': {
      const limits = limitsText(notice.limits, notice.currency, language);
      return {
        ru: `Новые лимиты в интернете по карте ${card}: ${limits}.`,
        kk: `${card} картасының интернеттегі жаңа лимиттері: ${limits}.`,
        en: `New internet limits of card ${card}: ${limits}.`,
      };
    }
    case 'unlimited': {
      const until = formatDateTime(notice.until, language, context.timeZone, 'short');
      return {
        ru: `Карта ${card}: лимиты в интернете сняты до ${until}, потом вернутся сами.`,
        kk: `${card} картасы: интернеттегі лимиттер ${until} дейін алынды, кейін өздігінен қайтады.`,
        en: `Card ${card}: internet limits are off until ${until}, then they come back by themselves.`,
      };
    }
    case 'unlimited_ended':
      return {
        ru: `Карта ${card}: лимиты в интернете снова действуют.`,
        kk: `${card} картасы: интернеттегі лимиттер қайта қолданылады.`,
        en: `Card ${card}: internet limits apply again.`,
      };
    case 'revealed':
      return {
        ru: `Данные карты ${card} показаны в приложении. Никому их не сообщайте.`,
        kk: `${card} картасының деректері қосымшада көрсетілді. Оларды ешкімге айтпаңыз.`,
        en: `The details of card ${card} were shown in the app. Never tell them to anyone.`,
      };
  }
}

const TITLES: Readonly<Record<CardNotice['event'], Localized>> = {
  issued: { ru: 'Новая карта', kk: 'Жаңа карта', en: 'New card' },
  frozen: { ru: 'Карта заморожена', kk: 'Карта уақытша бұғатталды', en: 'Card frozen' },
  unfrozen: { ru: 'Карта разморожена', kk: 'Карта қайта іске қосылды', en: 'Card unfrozen' },
  closed: { ru: 'Карта закрыта', kk: 'Карта жабылды', en: 'Card closed' },
  single_use_spent: { ru: 'Одноразовая карта закрыта', kk: 'Бір реттік карта жабылды', en: 'Single-use card closed' },
  controls: { ru: 'Настройки карты изменены', kk: 'Карта баптаулары өзгертілді', en: 'Card settings changed' },
  limits: { ru: 'Лимиты карты изменены', kk: 'Карта лимиттері өзгертілді', en: 'Card limits changed' },
  unlimited: { ru: 'Лимиты карты сняты', kk: 'Карта лимиттері алынды', en: 'Card limits lifted' },
  unlimited_ended: { ru: 'Лимиты карты вернулись', kk: 'Карта лимиттері қайтарылды', en: 'Card limits back' },
  revealed: { ru: 'Показаны данные карты', kk: 'Карта деректері көрсетілді', en: 'Card details shown' },
};

/** The in-app title and body, and the SMS (which names the bank's domain, SECURITY.md 13). */
export function cardNoticeTexts(notice: CardNotice, context: NoticeContext): { title: string; body: string; sms: string } {
  const sentence = what(notice, context)[context.language];
  const notYou = {
    ru: `Если это были не вы, позвоните ${context.contactPhone}.`,
    kk: `Егер бұл сіз болмасаңыз, ${context.contactPhone} нөміріне қоңырау шалыңыз.`,
    en: `If this was not you, call ${context.contactPhone}.`,
  }[context.language];
  // A single-use card closing after its purchase is the purchase itself, announced by the engine.
  const body = notice.event === 'single_use_spent' ? sentence : `${sentence} ${notYou}`;
  return { title: TITLES[notice.event][context.language], body, sms: `${context.domain}: ${body}` };
}
