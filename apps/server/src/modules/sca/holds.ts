import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import {
  type CodeHoldReason,
  codeHoldExists,
  deleteCodeHold,
  lockPendingChallengesOf,
  upsertCodeHold,
  voidPendingChallengesOf,
} from './sca.repo.js';
import { NO_PHONE } from './sca.types.js';

/**
 * The hold on codes (issue 13 item 4: a lost phone "stops sending codes to that number").
 * While a customer's access is blocked, no one-time code of any purpose goes to them or to their
 * phone, and no code already sent can pass. It is enforced here, where every code is issued,
 * resent and verified (sca.service.ts), rather than in each step that asks for a code: a step
 * added later (a call verification, a phone change) is held without knowing of blocks.
 *
 * What a held step looks like from outside: exactly what it looks like for a wrong password or an
 * unknown phone. The challenge is issued with no code that can pass and nothing is sent (issueCode
 * with smsText null), and the code step fails with the step's one generic answer (RTS 4(3)(a)):
 * a stranger holding the lost phone learns nothing, not even that the block is there.
 *
 * modules/blocks puts the hold in place and lifts it in the transaction that blocks and unblocks,
 * so the hold stands exactly while the block does.
 */

/** Whether codes to this phone, or to this customer, are held now. A request naming nobody is never held. */
export async function codesHeldFor(q: Queryable, target: { phone: string; customerId: string | null }): Promise<boolean> {
  if (target.phone === NO_PHONE && target.customerId === null) return false;
  return codeHoldExists(q, target);
}

/**
 * Locks the customer's pending challenges, by id, without changing them: the first step of a
 * transaction that then voids them after taking other locks (blocks.service.ts explains the order).
 * A step verifying one of these codes right now finishes first, and what it made is then visible.
 */
export async function lockPendingCodesOf(tx: Tx, customerId: string): Promise<number> {
  assert(tx.inTransaction, 'codes are locked inside the transaction that voids them');
  return (await lockPendingChallengesOf(tx, customerId)).length;
}

/**
 * Voids every pending code of the customer (login, reset, binding, payment, any purpose): none of
 * them can pass from this commit on, whatever is typed later. One audit row names them all.
 */
export async function voidPendingCodesOf(
  tx: Tx,
  deps: { now: Date },
  input: { customerId: string; reason: CodeHoldReason; meta: RequestMeta | null },
): Promise<number> {
  const voided = await voidPendingChallengesOf(tx, input.customerId, input.reason);
  if (voided.length > 0) {
    await recordAudit(tx, {
      event: 'code.voided',
      customerId: input.customerId,
      meta: input.meta,
      details: { challengeIds: voided, reason: input.reason },
      occurredAt: deps.now,
    });
  }
  return voided.length;
}

/**
 * Holds every code to the customer and to `phone` (their number now). The codes already pending
 * are voided by voidPendingCodesOf, in the same transaction. Idempotent: a hold in place is renewed.
 */
export async function holdCodes(
  tx: Tx,
  deps: { now: Date },
  input: { customerId: string; phone: string; reason: CodeHoldReason },
): Promise<void> {
  await upsertCodeHold(tx, { customerId: input.customerId, phone: input.phone, reason: input.reason, now: deps.now });
}

/** Lets codes go to the customer again (the block is lifted); false when nothing was held. */
export async function releaseCodes(tx: Tx, customerId: string): Promise<boolean> {
  return deleteCodeHold(tx, customerId);
}
