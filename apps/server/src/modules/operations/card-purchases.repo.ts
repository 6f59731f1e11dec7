import type { Tx } from '../../db/database.js';

/**
 * The SQL of the two steps only a card purchase takes (card-purchases.ts). Each UPDATE names the
 * one state it may come from, `authorised`, so a second clearing, a clearing after a reversal or
 * a reversal after a clearing changes no row (and the trigger of migration 0033 would refuse it).
 */

/** authorised -> completed: the hold was posted, for `amountMinor` (at most the amount authorised). */
export async function completeAuthorised(
  tx: Tx,
  operationId: string,
  settled: { ledgerOperationId: string; amountMinor: bigint; at: Date },
): Promise<boolean> {
  const { rowCount } = await tx.query(
    `UPDATE operations SET status = 'completed', ledger_operation_id = $2, amount_minor = $3, completed_at = $4
     WHERE id = $1 AND status = 'authorised' AND amount_minor >= $3`,
    [operationId, settled.ledgerOperationId, settled.amountMinor, settled.at],
  );
  return rowCount === 1;
}

/** authorised -> reversed: the hold was voided, nothing was debited. */
export async function reverseAuthorised(tx: Tx, operationId: string, at: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    "UPDATE operations SET status = 'reversed', completed_at = $2 WHERE id = $1 AND status = 'authorised'",
    [operationId, at],
  );
  return rowCount === 1;
}
