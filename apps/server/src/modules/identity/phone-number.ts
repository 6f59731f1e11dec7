import type { Config } from '../../config.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { formatDateTime } from '../../shared/datetime.js';
import type { Language } from '../../shared/i18n.js';
import { ProblemError } from '../../shared/problem.js';
import {
  coolingUntilAfter,
  insertPhoneChange,
  lockCustomerPhone,
  type PhoneChangeChannel,
  phoneHeldByAnother,
  updateCustomerPhone,
} from './phone-changes.repo.js';
import { PhoneCoolingProblem } from './phone-cooling.errors.js';

/**
 * identity owns the customer's phone: the change of the number itself and the cooling period
 * that follows it (NIST 800-63B 5.1.3.3: a new number is a new authenticator, and a thief who
 * got one bound should be slowed down until the owner of the old number reacts to its SMS). The
 * steps that prove both numbers are modules/phone-change's; the modules that lower what a
 * customer may do meanwhile (risk, transfers, auth) ask phoneCoolingOf.
 */

export type { PhoneChangeChannel };

const MS_PER_HOUR = 3_600_000;

export interface PhoneCooling {
  until: Date;
  /** The most the customer may send to others per bank day until then (risk's limits). */
  transferMaxPerDayMinor: bigint;
}

/** The cooling period the customer is in at `now`, or null (the latest change's, if several overlap). */
export async function phoneCoolingOf(
  q: Queryable,
  config: Pick<Config, 'phoneChange'>,
  customerId: string,
  now: Date,
): Promise<PhoneCooling | null> {
  const until = await coolingUntilAfter(q, customerId, now);
  return until ? { until, transferMaxPerDayMinor: config.phoneChange.coolingTransferMaxPerDayMinor } : null;
}

export type CoolingRefusal = 'new-device' | 'new-trusted-payee';

const REFUSAL_PROBLEMS: Readonly<Record<CoolingRefusal, keyof typeof PhoneCoolingProblem>> = {
  'new-device': PhoneCoolingProblem['phone-cooling-no-new-device'],
  'new-trusted-payee': PhoneCoolingProblem['phone-cooling-no-new-trusted-payee'],
};

/** The refusal during a cooling period: the title says what, the detail until when (bank time), in each language. */
export function phoneCoolingProblem(refusal: CoolingRefusal, cooling: PhoneCooling, bankTimeZone: string): ProblemError {
  const at = (language: Language) => formatDateTime(cooling.until, language, bankTimeZone, 'short');
  return new ProblemError(REFUSAL_PROBLEMS[refusal], {
    detail: {
      ru: `Для вашей безопасности это снова можно будет сделать после ${at('ru')}.`,
      kk: `Қауіпсіздігіңіз үшін мұны ${at('kk')} кейін қайта жасауға болады.`,
      en: `For your safety, this can be done again after ${at('en')}.`,
    },
    extensions: { coolingUntil: cooling.until.toISOString() },
  });
}

/** Throws the refusal when the customer is in a cooling period at `now`; in the caller's transaction or not. */
export async function refuseDuringPhoneCooling(
  q: Queryable,
  config: Pick<Config, 'phoneChange' | 'bankTimeZone'>,
  customerId: string,
  refusal: CoolingRefusal,
  now: Date,
): Promise<void> {
  const cooling = await phoneCoolingOf(q, config, customerId, now);
  if (cooling) throw phoneCoolingProblem(refusal, cooling, config.bankTimeZone);
}

export interface PhoneChangeWrite {
  /** The change request's id (phc_…), kept as the record's id. */
  changeId: string;
  customerId: string;
  newPhone: string;
  channel: PhoneChangeChannel;
  staffId: string | null;
  now: Date;
}

export type PhoneChangeWritten =
  | { ok: true; previousPhone: string; language: Language; coolingUntil: Date }
  | { ok: false; reason: 'no-customer' | 'number-taken' };

/**
 * Puts the new number on the customer and starts the cooling period, in the caller's transaction
 * (the one that verified the last code). The number of another customer who is not closed is
 * refused as a value here; a parallel change to the same number that commits first makes this
 * transaction fail on customers_active_phone instead (isPhoneTakenError).
 */
export async function changeCustomerPhoneInTx(
  tx: Tx,
  config: Pick<Config, 'phoneChange'>,
  change: PhoneChangeWrite,
): Promise<PhoneChangeWritten> {
  assert(tx.inTransaction, 'a phone change is written in the transaction of its last code');
  const current = await lockCustomerPhone(tx, change.customerId);
  if (!current) return { ok: false, reason: 'no-customer' };
  assert(current.phone !== change.newPhone, 'a change to the number in use is refused before any code');
  if (await phoneHeldByAnother(tx, change.newPhone, change.customerId)) return { ok: false, reason: 'number-taken' };
  const coolingUntil = new Date(change.now.getTime() + config.phoneChange.coolingHours * MS_PER_HOUR);
  await updateCustomerPhone(tx, change.customerId, change.newPhone, change.now);
  await insertPhoneChange(tx, {
    id: change.changeId,
    customerId: change.customerId,
    channel: change.channel,
    staffId: change.staffId,
    changedAt: change.now,
    coolingUntil,
  });
  return { ok: true, previousPhone: current.phone, language: current.language, coolingUntil };
}

/** The error of a write that lost the race for a number to another customer (the unique index of migration 0002). */
export function isPhoneTakenError(error: unknown): boolean {
  return error instanceof Error && /customers_active_phone/.test(error.message);
}
