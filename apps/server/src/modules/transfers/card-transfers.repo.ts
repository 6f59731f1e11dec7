import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { CardPayee } from './draft.js';

/** The SQL of card_transfer_details (migration 0035): a transfer by card number's own row. */

export async function insertCardTransferDetails(tx: Tx, operationId: string, card: CardPayee): Promise<void> {
  await tx.query(
    `INSERT INTO card_transfer_details (operation_id, card_id, pan_first6, pan_last4, pan_hmac, pan_sealed)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [operationId, card.cardId, card.first6, card.last4, card.panHmac, card.panSealed],
  );
}

/**
 * Takes the sealed number of another bank's card out of its row, once: the row is locked, the
 * value wiped and the network's identifiers written in one step, so of two requests racing to
 * send one credit (a retry, a double click) exactly one gets the number and the other null. The
 * number is then nowhere in the database, whatever happens to the send.
 */
export async function claimSealedPan(
  tx: Tx,
  input: { operationId: string; rrn: string; stan: string },
): Promise<{ sealed: string; last4: string } | null> {
  assert(tx.inTransaction, 'the sealed number is claimed under its row lock');
  const { rows } = await tx.query<{ pan_sealed: string | null; pan_last4: string }>(
    'SELECT pan_sealed, pan_last4 FROM card_transfer_details WHERE operation_id = $1 FOR UPDATE',
    [input.operationId],
  );
  const row = rows[0];
  if (!row?.pan_sealed) return null;
  await tx.query('UPDATE card_transfer_details SET pan_sealed = NULL, network_rrn = $2, network_stan = $3 WHERE operation_id = $1', [
    input.operationId,
    input.rrn,
    input.stan,
  ]);
  return { sealed: row.pan_sealed, last4: row.pan_last4 };
}

/** Whether the transfer still holds another bank's card number to send (cheap pre-check, no lock). */
export async function hasSealedPan(q: Queryable, operationId: string): Promise<boolean> {
  const { rows } = await q.query<{ waiting: boolean }>(
    'SELECT pan_sealed IS NOT NULL AS waiting FROM card_transfer_details WHERE operation_id = $1',
    [operationId],
  );
  return rows[0]?.waiting === true;
}

export async function recordNetworkAnswer(
  tx: Tx,
  input: { operationId: string; responseCode: string; authorisationCode: string | null; refundOperationId: string | null; at: Date },
): Promise<void> {
  const { rowCount } = await tx.query(
    `UPDATE card_transfer_details
        SET network_response_code = $2, network_authorisation_code = $3, refund_operation_id = $4, network_sent_at = $5
      WHERE operation_id = $1 AND network_sent_at IS NULL`,
    [input.operationId, input.responseCode, input.authorisationCode, input.refundOperationId, input.at],
  );
  assert(rowCount === 1, `card transfer ${input.operationId} was answered twice`);
}

/**
 * Wipes the sealed numbers of these transfers, which ended without their credit being sent (the
 * operations' ended hook, card-pan-at-rest.ts). The rows are locked in id order first, the order
 * keys:rotate locks them in, so the two never wait for each other in a cycle.
 */
export async function wipeSealedPans(tx: Tx, operationIds: readonly string[]): Promise<number> {
  assert(tx.inTransaction, 'a sealed number is wiped in the transaction that ends its transfer');
  const { rows } = await tx.query(
    `UPDATE card_transfer_details SET pan_sealed = NULL
      WHERE operation_id IN (SELECT operation_id FROM card_transfer_details
                              WHERE operation_id = ANY($1::text[]) AND pan_sealed IS NOT NULL
                              ORDER BY operation_id FOR UPDATE)
      RETURNING 1`,
    [operationIds],
  );
  return rows.length;
}

/** Up to `limit` numbers still waiting to be sent that a key other than the current one sealed, locked, in id order. */
export async function lockSealedPansToReseal(
  tx: Tx,
  currentPrefix: string,
  limit: number,
): Promise<Array<{ operationId: string; sealed: string }>> {
  const { rows } = await tx.query<{ operation_id: string; pan_sealed: string }>(
    `SELECT operation_id, pan_sealed FROM card_transfer_details
      WHERE pan_sealed IS NOT NULL AND NOT starts_with(pan_sealed, $1::text)
      ORDER BY operation_id LIMIT $2 FOR UPDATE`,
    [currentPrefix, limit],
  );
  return rows.map((row) => ({ operationId: row.operation_id, sealed: row.pan_sealed }));
}

export async function updateSealedPan(tx: Tx, operationId: string, sealed: string): Promise<void> {
  const { rowCount } = await tx.query(
    'UPDATE card_transfer_details SET pan_sealed = $2 WHERE operation_id = $1 AND pan_sealed IS NOT NULL',
    [operationId, sealed],
  );
  assert(rowCount === 1, `card transfer ${operationId} lost its sealed number under its lock`);
}
