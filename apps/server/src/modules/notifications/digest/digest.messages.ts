import { format, type Language, type Localized } from '../../../shared/i18n.js';
import { formatMoney } from '../../../shared/money.js';

/**
 * The digest's words in ru / kk / en. The SMS is short: at most SMS_PARTS_MAX parts of UCS-2
 * (67 characters a part once split, notifications/smpp/), since Russian and Kazakh need UCS-2 and
 * each part costs the bank a message. The in-app one says it all.
 */

/** UCS-2 characters a part of a long SMS carries (the UDH takes the rest of 70). */
const SMS_PART_CHARACTERS = 67;
const SMS_PARTS_MAX = 3;
export const DIGEST_SMS_CHARACTERS_MAX = SMS_PART_CHARACTERS * SMS_PARTS_MAX;

/** What the words are made from: the operations module's summary, the day printed, the link. */
export interface DigestFacts {
  dayLabel: string;
  acceptedCount: number;
  declinedCount: number;
  totals: ReadonlyArray<{ currency: string; incomingMinor: bigint; outgoingMinor: bigint }>;
  declined: ReadonlyArray<{ reason: string; amountMinor: bigint; currency: string }>;
  historyUrl: string;
  contactPhone: string;
}

const T = {
  title: { ru: 'Итоги дня {day}', kk: '{day} күнінің қорытындысы', en: 'Your day, {day}' },
  nothing: { ru: 'Вчера операций не было.', kk: 'Кеше операциялар болған жоқ.', en: 'No operations yesterday.' },
  counts: {
    ru: 'Вчера, {day}: принято {accepted}, отклонено {declined}.',
    kk: 'Кеше, {day}: қабылданды {accepted}, қабылданбады {declined}.',
    en: 'Yesterday, {day}: {accepted} accepted, {declined} declined.',
  },
  totals: { ru: 'Поступило {in}, списано {out}.', kk: 'Түсті {in}, шығарылды {out}.', en: 'In {in}, out {out}.' },
  declinedHead: { ru: 'Отклонены:', kk: 'Қабылданбағандар:', en: 'Declined:' },
  declinedMore: { ru: '…и ещё {count}', kk: '…тағы {count}', en: '…and {count} more' },
  smsDeclined: { ru: '{count} откл.: {reason}…', kk: '{count} қабылд.: {reason}…', en: '{count} declined: {reason}…' },
  history: { ru: 'История: {url}', kk: 'Тарих: {url}', en: 'History: {url}' },
  silentSign: {
    ru: 'Если операция вам незнакома, позвоните {phone}. Банк никогда не просит коды из SMS.',
    kk: 'Операция таныс болмаса, {phone} нөміріне қоңырау шалыңыз. Банк ешқашан SMS кодтарын сұрамайды.',
    en: 'If you do not recognise an operation, call {phone}. The bank never asks for SMS codes.',
  },
} satisfies Record<string, Localized>;

export function digestTitle(facts: DigestFacts, language: Language): string {
  return format(T.title[language], { day: facts.dayLabel });
}

function isEmpty(facts: DigestFacts): boolean {
  return facts.acceptedCount === 0 && facts.declinedCount === 0;
}

function totalsLine(facts: DigestFacts, language: Language): string | null {
  if (facts.totals.length === 0) return null;
  const amounts = (pick: 'incomingMinor' | 'outgoingMinor') =>
    facts.totals.map((line) => formatMoney(line[pick], line.currency, language)).join(', ');
  return format(T.totals[language], { in: amounts('incomingMinor'), out: amounts('outgoingMinor') });
}

function countsLine(facts: DigestFacts, language: Language): string {
  return format(T.counts[language], { day: facts.dayLabel, accepted: facts.acceptedCount, declined: facts.declinedCount });
}

/** The in-app body: counts, totals, every declined one listed with its reason, the link, whom to call. */
export function digestBody(facts: DigestFacts, language: Language): string {
  const lines = [isEmpty(facts) ? `${facts.dayLabel}. ${T.nothing[language]}` : countsLine(facts, language)];
  const totals = totalsLine(facts, language);
  if (totals) lines.push(totals);
  if (facts.declined.length > 0) {
    lines.push(T.declinedHead[language]);
    for (const item of facts.declined) lines.push(`— ${formatMoney(item.amountMinor, item.currency, language)}: ${item.reason}`);
    const unlisted = facts.declinedCount - facts.declined.length;
    if (unlisted > 0) lines.push(format(T.declinedMore[language], { count: unlisted }));
  }
  lines.push(format(T.history[language], { url: facts.historyUrl }), format(T.silentSign[language], { phone: facts.contactPhone }));
  return lines.join('\n');
}

/** The SMS: the counts, the totals, the first declined reason (cut to fit), the link; SMS_PARTS_MAX parts at most. */
export function digestSms(facts: DigestFacts, language: Language): string {
  const link = facts.historyUrl;
  if (isEmpty(facts)) return `Kassa ${facts.dayLabel}: ${T.nothing[language]} ${link}`;
  const head = [`Kassa ${countsLine(facts, language)}`, totalsLine(facts, language)].filter((part) => part !== null).join(' ');
  const first = facts.declined[0];
  if (!first) return fitSms(`${head} ${link}`);
  const withoutReason = `${head}  ${link}`.length + format(T.smsDeclined[language], { count: facts.declinedCount, reason: '' }).length;
  const room = Math.max(0, DIGEST_SMS_CHARACTERS_MAX - withoutReason);
  const declined = format(T.smsDeclined[language], { count: facts.declinedCount, reason: first.reason.slice(0, room) });
  return fitSms(`${head} ${declined} ${link}`);
}

/** Should the totals of many currencies still overflow, the link goes last and whole, the text before it is cut. */
function fitSms(text: string): string {
  if (text.length <= DIGEST_SMS_CHARACTERS_MAX) return text;
  const link = text.slice(text.lastIndexOf(' ') + 1);
  return `${text.slice(0, DIGEST_SMS_CHARACTERS_MAX - link.length - 2)}… ${link}`;
}
