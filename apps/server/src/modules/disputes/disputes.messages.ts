import type { Language, Localized } from '../../shared/i18n.js';
import type { DisputeStatus, RejectReason } from './disputes.types.js';

/**
 * Every word the disputes module tells a customer: the in-app notice of each step of their case
 * and why a case was refused. Records over closed sets, so a new step or reason does not build
 * until it has its words in the three languages. Each notice names the operation by its amount,
 * never by an id, and the date by which the bank answers.
 */

export const REJECT_REASON_TEXTS: Readonly<Record<RejectReason, Localized>> = {
  'confirmed-by-customer': {
    ru: 'операция подтверждена вашим паролем и кодом из SMS или вашим устройством',
    kk: 'операция сіздің құпиясөзіңізбен және SMS кодымен немесе сіздің құрылғыңызбен расталған',
    en: 'the operation was confirmed with your password and SMS code or with your device',
  },
  'code-disclosed': {
    ru: 'код подтверждения был сообщён другому человеку',
    kk: 'растау коды басқа адамға айтылған',
    en: 'the confirmation code was told to someone else',
  },
  'not-enough-information': {
    ru: 'недостаточно сведений, чтобы признать операцию совершённой без вашего ведома',
    kk: 'операцияны сіздің білуіңізсіз жасалды деп тану үшін мәлімет жеткіліксіз',
    en: 'there is not enough information to find that the operation was made without you',
  },
  other: {
    ru: 'причину объяснил сотрудник банка в обращении',
    kk: 'себебін банк қызметкері өтініште түсіндірді',
    en: 'a member of our staff explained the reason in the dispute',
  },
};

export interface NoticeWords {
  /** The operation's amount, formatted for the customer. */
  amount: string;
  /** The date by which the bank answers. */
  due: string;
  /** The amount refunded. */
  refund: string;
  /** Why the case was refused (REJECT_REASON_TEXTS). */
  reason: string;
  contactPhone: string;
}

type NoticeStep = Exclude<DisputeStatus, 'new'> | 'opened';

const NOTICES: Readonly<Record<NoticeStep, { title: Localized; body: (w: NoticeWords) => Localized }>> = {
  opened: {
    title: { ru: 'Обращение принято', kk: 'Өтініш қабылданды', en: 'Dispute received' },
    body: (w) => ({
      ru: `Мы получили ваше обращение по операции на ${w.amount} и ответим до ${w.due}. Никому не сообщайте коды из SMS: сотрудники банка их не спрашивают.`,
      kk: `${w.amount} сомасындағы операция бойынша өтінішіңізді алдық, ${w.due} дейін жауап береміз. SMS кодтарын ешкімге айтпаңыз: банк қызметкерлері оларды сұрамайды.`,
      en: `We have received your dispute about the operation of ${w.amount} and will answer by ${w.due}. Never tell anyone the codes from SMS: bank staff never ask for them.`,
    }),
  },
  investigating: {
    title: { ru: 'Обращение на рассмотрении', kk: 'Өтініш қаралуда', en: 'Dispute under review' },
    body: (w) => ({
      ru: `Мы проверяем операцию на ${w.amount} и ответим до ${w.due}.`,
      kk: `${w.amount} сомасындағы операцияны тексеріп жатырмыз, ${w.due} дейін жауап береміз.`,
      en: `We are looking into the operation of ${w.amount} and will answer by ${w.due}.`,
    }),
  },
  refunded: {
    title: { ru: 'Деньги возвращены', kk: 'Ақша қайтарылды', en: 'Money refunded' },
    body: (w) => ({
      ru: `По вашему обращению об операции на ${w.amount} мы вернули ${w.refund} на ваш счёт.`,
      kk: `${w.amount} сомасындағы операция туралы өтінішіңіз бойынша шотыңызға ${w.refund} қайтардық.`,
      en: `On your dispute about the operation of ${w.amount} we have refunded ${w.refund} to your account.`,
    }),
  },
  rejected: {
    title: { ru: 'Обращение отклонено', kk: 'Өтініш қабылданбады', en: 'Dispute refused' },
    body: (w) => ({
      ru: `По операции на ${w.amount} деньги не возвращены: ${w.reason}. Если вы не согласны, позвоните ${w.contactPhone}.`,
      kk: `${w.amount} сомасындағы операция бойынша ақша қайтарылмады: ${w.reason}. Келіспесеңіз, ${w.contactPhone} нөміріне қоңырау шалыңыз.`,
      en: `The money of the operation of ${w.amount} is not refunded: ${w.reason}. If you disagree, call ${w.contactPhone}.`,
    }),
  },
  withdrawn: {
    title: { ru: 'Обращение отозвано', kk: 'Өтініш кері қайтарылды', en: 'Dispute withdrawn' },
    body: (w) => ({
      ru: `Вы отозвали обращение по операции на ${w.amount}.`,
      kk: `${w.amount} сомасындағы операция бойынша өтінішті кері қайтардыңыз.`,
      en: `You have withdrawn your dispute about the operation of ${w.amount}.`,
    }),
  },
};

export function disputeNotice(step: NoticeStep, words: NoticeWords, language: Language): { title: string; body: string } {
  const notice = NOTICES[step];
  return { title: notice.title[language], body: notice.body(words)[language] };
}
