import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { newId } from '../../shared/ids.js';
import { postOperation } from '../ledger/index.js';
import { ceilingDecline, checkMoneyOut, recordMoneyOut, takeLock } from '../risk/index.js';
import type { OperationKindHandler } from './operation-kind.js';
import { LEDGER_DECLINE_REASONS } from './operations.errors.js';
import type { MoneySettlement } from './operations.repo.js';
import type { OperationRecord } from './operations.types.js';

/**
 * Moves the money of an operation in the caller's transaction: risk decides (limits, e-money
 * caps, the payee's ceiling), then one balanced ledger operation posts it, then risk counts it.
 * A decline is a value, so the caller records the declined operation in the same transaction.
 * The record itself is not written here: a new one is inserted final, a waiting one settled.
 */
export async function execute<Request, Details>(
  tx: Tx,
  ctx: AppContext,
  kind: OperationKindHandler<Request, Details>,
  record: OperationRecord,
  now: Date,
): Promise<MoneySettlement> {
  const out = kind.moneyOut(record);
  const decision = await checkMoneyOut(tx, ctx, out, now);
  if (!decision.ok) return { status: 'declined', reason: decision.reason, at: now };
  const plan = await kind.postings(tx, record);
  const ledgerOperationId = newId('op');
  takeLock(tx, 'ledger-accounts');
  const posted = await postOperation(tx, {
    operationId: ledgerOperationId,
    kind: record.kind,
    description: record.description,
    postings: plan.postings,
    ...(decision.ceilings.length > 0 ? { balanceCeilings: decision.ceilings } : {}),
  });
  if (!posted.ok) {
    const reason = LEDGER_DECLINE_REASONS[posted.decline];
    return { status: 'declined', reason: reason === 'payee-ceiling' ? ceilingDecline(out) : reason, at: now };
  }
  await recordMoneyOut(tx, ctx, out, decision, now);
  return { status: plan.settles, ledgerOperationId, at: now };
}

/** The settlement applied to a record not yet written (a new operation decided at once). */
export function applySettlement(record: OperationRecord, settlement: MoneySettlement): void {
  record.status = settlement.status;
  record.completedAt = settlement.at;
  if (settlement.status === 'declined') {
    record.declineReason = settlement.reason;
    record.ledgerOperationId = null;
  } else record.ledgerOperationId = settlement.ledgerOperationId;
}
