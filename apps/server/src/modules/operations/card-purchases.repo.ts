import type { Queryable, Tx } from '../../db/database.js';
import { operationInsert } from './operations.repo.js';
import type { OperationRecord } from './operations.types.js';

/**
 * The SQL only a card purchase has (card-purchases.ts): the card that made it (the detail row of
 * migration 0037), and the two steps only a purchase takes. Each UPDATE names the one state it may
 * come from, `authorised`, so a second clearing, a clearing after a reversal or a reversal after a
 * clearing changes no row (and the trigger of migration 0033 would refuse it).
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

/**
 * The purchase's record and its detail row (which card made it, by id: the record names it by its
 * last four digits), in one statement: it runs under the card's and the account's locks.
 */
export async function insertPurchase(tx: Tx, record: OperationRecord, cardId: string): Promise<void> {
  const insert = operationInsert(record);
  const cardParameter = insert.params.length + 1;
  await tx.query(
    `WITH operation AS (${insert.sql} RETURNING id)
     INSERT INTO card_purchase_details (operation_id, card_id) SELECT id, $${cardParameter} FROM operation`,
    [...insert.params, cardId],
  );
}

/** The card of each of these purchases that has one, by operation id. */
export async function selectPurchaseCards(q: Queryable, operationIds: readonly string[]): Promise<Map<string, string>> {
  if (operationIds.length === 0) return new Map();
  const { rows } = await q.query<{ operation_id: string; card_id: string }>(
    'SELECT operation_id, card_id FROM card_purchase_details WHERE operation_id = ANY($1::text[])',
    [operationIds],
  );
  return new Map(rows.map((row) => [row.operation_id, row.card_id]));
}
