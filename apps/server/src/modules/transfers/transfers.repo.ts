import type { Queryable, Tx } from '../../db/database.js';
import type { TransferDetails } from './draft.js';

/** The SQL of transfer_details: what only a transfer has, beside its operations record. */
export async function insertTransferDetails(tx: Tx, operationId: string, details: TransferDetails): Promise<void> {
  await tx.query(
    'INSERT INTO transfer_details (operation_id, payee_phone, payee_iban, payee_name, payee_tax_id) VALUES ($1, $2, $3, $4, $5)',
    [operationId, details.payeePhone, details.payeeIban, details.payeeName, details.payeeTaxId],
  );
}

/** The payee's IIN/BIN typed for transfers to another bank, by operation (recent payees prefill it). */
export async function selectPayeeTaxIds(q: Queryable, operationIds: readonly string[]): Promise<Map<string, string>> {
  if (operationIds.length === 0) return new Map();
  const { rows } = await q.query<{ operation_id: string; payee_tax_id: string }>(
    'SELECT operation_id, payee_tax_id FROM transfer_details WHERE operation_id = ANY($1::text[]) AND payee_tax_id IS NOT NULL',
    [operationIds],
  );
  return new Map(rows.map((row) => [row.operation_id, row.payee_tax_id]));
}
