import type { AppContext } from '../../context.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerByPhone, maskName, normalizePhone } from '../identity/index.js';
import { capItem, chargeCaps } from '../sca/index.js';
import { TransferProblem } from './transfers.errors.js';

/**
 * SECURITY.md 36: a phone → name look-up tells whether the number belongs to a customer, so it is
 * not free. Per customer, at most PAYEE_LOOKUPS_UNKNOWN_PER_DAY_MAX different numbers a day may turn
 * out to name nobody (looking the same number up again costs nothing); beyond that the answer is
 * 429 with Retry-After. Enumerating customers means trying numbers, and nearly all of them name
 * nobody, so this is the cap that stops it, while a customer paying the people he knows is never
 * refused. Both ways of asking count: POST /transfers/payee-lookup, and a phone transfer to a
 * number with no account, whose decline says as much. Every look-up is audited; the number is
 * kept only as a keyed hash.
 */

const DAY_MS = 24 * 3_600_000;

export type LookupVia = 'look-up' | 'transfer';

export type UnknownPayeeDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Checks and counts, in one step (sca/caps.ts), that the customer may be told once more that a number names nobody. */
export async function countUnknownPayee(
  ctx: AppContext,
  input: { customerId: string; phone: string; via: LookupVia; meta: RequestMeta; now: Date },
): Promise<UnknownPayeeDecision> {
  const payeeItem = capItem(ctx.config.keyring, 'payee-unknown', input.phone);
  return ctx.db.transaction(async (tx) => {
    const charged = await chargeCaps(
      tx,
      [
        {
          scope: 'payee-unknown',
          key: input.customerId,
          item: payeeItem,
          max: ctx.config.lookupCaps.unknownPayeesPerDayMax,
          windowMs: DAY_MS,
        },
      ],
      input.now,
    );
    await recordAudit(tx, {
      event: 'payee.looked_up',
      customerId: input.customerId,
      meta: input.meta,
      details: { via: input.via, found: false, payeeRef: payeeItem.hash, refused: !charged.ok },
      occurredAt: input.now,
    });
    return charged.ok ? { ok: true } : { ok: false, retryAfterSeconds: charged.retryAfterSeconds };
  });
}

export function payeeLookupsProblem(retryAfterSeconds: number): ProblemError {
  return new ProblemError(TransferProblem['payee-lookups-exhausted'], {
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}

export type PayeeLookup = { found: true; maskedName: string } | { found: false };

/**
 * The review step of a phone transfer: the masked name of the customer the number belongs to
 * (what the transfer's SMS code will name), or that it belongs to no customer. A blocked or
 * closed customer is no payee, and looks like nobody.
 */
export async function lookUpPayee(ctx: AppContext, input: { customerId: string; phone: string; meta: RequestMeta }): Promise<PayeeLookup> {
  const phone = normalizePhone(input.phone);
  if (!phone)
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [
        {
          pointer: '/phone',
          detail: { ru: 'Это не номер мобильного телефона', kk: 'Бұл ұялы телефон нөмірі емес', en: 'This is not a mobile number' },
        },
      ],
    });
  const now = ctx.clock.now();
  const payee = await findCustomerByPhone(ctx.db, phone);
  if (payee?.status === 'active') {
    await recordAuditAlone(ctx.db, {
      event: 'payee.looked_up',
      customerId: input.customerId,
      meta: input.meta,
      details: { via: 'look-up', found: true, payeeId: payee.id },
      occurredAt: now,
    });
    return { found: true, maskedName: maskName(payee.fullName) };
  }
  const counted = await countUnknownPayee(ctx, { customerId: input.customerId, phone, via: 'look-up', meta: input.meta, now });
  if (!counted.ok) throw payeeLookupsProblem(counted.retryAfterSeconds);
  return { found: false };
}
