import type { Localized } from '../../../shared/i18n.js';

/**
 * What each simulated biller answers (docs/payments-providers.md, "The simulator"), as pure
 * functions of the account, so a test predicts a bill without asking for it. The account is the
 * request's field named account, phone, iin, card or contract, or its only field.
 *
 *   mobile    (kcell, beeline, tele2) validate: any +7XXXXXXXXXX is found, holder unknown; …0000 is not.
 *   utilities (erc) fetch: 10 digits; this month's bill of electricity, water, heating, garbage;
 *             …0000 is not found, …1111 owes nothing.
 *   transport (onay) validate: 19 digits; a top-up waits (activation pending) until the card is tapped.
 *   fines     (fines) fetch: an IIN of 12 digits; one to three fines, none for an IIN ending 0.
 *   internet  (idnet) validate: a 9-digit contract; …0000 is not found.
 */
export const BILLER_KINDS = ['mobile', 'utilities', 'transport', 'fines', 'internet', 'education'] as const;
export type BillerKind = (typeof BILLER_KINDS)[number];

export interface SimulatedLine {
  id: string;
  name: Localized;
  amountMinor: number;
}

export interface SimulatedBill {
  providerBillId: string;
  period: string;
  dueDate: string | null;
  holderName: string | null;
  lines: SimulatedLine[];
}

export type CheckResult = { found: true; holderName: string | null } | { found: false };
export type BillResult = { kind: 'due'; bill: SimulatedBill } | { kind: 'nothing-due' } | { kind: 'not-found' };

const ACCOUNT_FIELD_NAMES = ['account', 'phone', 'iin', 'card', 'contract'] as const;
const NOT_FOUND_SUFFIX = '0000';
const NOTHING_DUE_SUFFIX = '1111';
// The utilities' bill is due on the 25th, as Kazakhstan's settlement centres bill (issue 16 item 4).
const UTILITIES_DUE_DAY = '25';

const ACCOUNT_PATTERNS: Record<BillerKind, RegExp> = {
  mobile: /^\+7\d{10}$/,
  utilities: /^\d{10}$/,
  transport: /^\d{19}$/,
  fines: /^\d{12}$/,
  internet: /^\d{9}$/,
  // A kindergarten's or a school's account: 6 to 12 digits, paid ad hoc (no check, no bill).
  education: /^\d{6,12}$/,
};

/** The account a request names, or null when its fields name none. */
export function accountOf(fields: Record<string, string>): string | null {
  for (const name of ACCOUNT_FIELD_NAMES) if (typeof fields[name] === 'string') return fields[name];
  const values = Object.values(fields);
  return values.length === 1 && typeof values[0] === 'string' ? values[0] : null;
}

export function isFetchBiller(kind: BillerKind): boolean {
  return kind === 'utilities' || kind === 'fines';
}

/** Whether the account exists at this biller. */
export function knownAccount(kind: BillerKind, account: string): boolean {
  if (!ACCOUNT_PATTERNS[kind].test(account)) return false;
  return kind === 'fines' || !account.endsWith(NOT_FOUND_SUFFIX);
}

export function checkAccount(kind: BillerKind, account: string): CheckResult {
  return knownAccount(kind, account) ? { found: true, holderName: null } : { found: false };
}

/** This month (UTC) as YYYY-MM. */
function periodOf(now: Date): string {
  return now.toISOString().slice(0, 7);
}

const HOLDERS = ['Ахметов А.', 'Иванова Е.', 'Сейткали Н.', 'Ким Д.'] as const;

/** The utilities' lines for a 10-digit account: each amount from its digits, in tiyn. */
export function utilityLines(account: string): SimulatedLine[] {
  const lastThree = Number(account.slice(-3));
  const lastTwo = Number(account.slice(-2));
  const middleTwo = Number(account.slice(-4, -2));
  return [
    {
      id: 'electricity',
      name: { ru: 'Электроэнергия', kk: 'Электр энергиясы', en: 'Electricity' },
      amountMinor: (3_000 + lastThree) * 100,
    },
    { id: 'water', name: { ru: 'Водоснабжение', kk: 'Сумен жабдықтау', en: 'Water' }, amountMinor: (1_500 + lastTwo * 10) * 100 },
    { id: 'heating', name: { ru: 'Отопление', kk: 'Жылыту', en: 'Heating' }, amountMinor: (8_000 + middleTwo * 50) * 100 },
    { id: 'garbage', name: { ru: 'Вывоз мусора', kk: 'Қоқыс шығару', en: 'Waste collection' }, amountMinor: 650 * 100 },
  ];
}

const FINES: ReadonlyArray<{ name: Localized; amountMinor: number }> = [
  {
    name: { ru: 'Превышение скорости', kk: 'Жылдамдықты асыру', en: 'Speeding' },
    amountMinor: 1_384_000, // 4 MCI of 3 460 ₸ (2025)
  },
  {
    name: { ru: 'Парковка в неположенном месте', kk: 'Рұқсат етілмеген жерде тұрақ', en: 'Illegal parking' },
    amountMinor: 1_038_000,
  },
  {
    name: { ru: 'Проезд на красный свет', kk: 'Қызыл шамнан өту', en: 'Running a red light' },
    amountMinor: 3_460_000,
  },
];

/** The fines of an IIN: none when it ends in 0, else one to three by its eleventh digit. */
export function finesOf(iin: string): SimulatedLine[] {
  if (iin.endsWith('0')) return [];
  const count = (Number(iin[10]) % FINES.length) + 1;
  return FINES.slice(0, count).map((fine, index) => ({ id: `fine-${iin.slice(-4)}-${index + 1}`, ...fine }));
}

export function billFor(kind: BillerKind, account: string, now: Date): BillResult {
  if (!isFetchBiller(kind) || !knownAccount(kind, account)) return { kind: 'not-found' };
  const period = periodOf(now);
  if (kind === 'utilities') {
    if (account.endsWith(NOTHING_DUE_SUFFIX)) return { kind: 'nothing-due' };
    const holderName = HOLDERS[Number(account.slice(-1)) % HOLDERS.length] ?? null;
    return {
      kind: 'due',
      bill: {
        providerBillId: `erc-${account}-${period}`,
        period,
        dueDate: `${period}-${UTILITIES_DUE_DAY}`,
        holderName,
        lines: utilityLines(account),
      },
    };
  }
  const lines = finesOf(account);
  if (lines.length === 0) return { kind: 'nothing-due' };
  return { kind: 'due', bill: { providerBillId: `fines-${account}-${period}`, period, dueDate: null, holderName: null, lines } };
}

/** A top-up of a transport card reaches the card at its next tap; everything else at once. */
export function activationAtPayment(kind: BillerKind): 'done' | 'pending' {
  return kind === 'transport' ? 'pending' : 'done';
}
