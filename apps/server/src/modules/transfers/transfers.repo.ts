import type { Tx } from '../../db/database.js';
import type { TransferDetails } from './draft.js';

/** The SQL of transfer_details: what only a transfer has, beside its operations record. */
export async function insertTransferDetails(tx: Tx, operationId: string, details: TransferDetails): Promise<void> {
  await tx.query(
    'INSERT INTO transfer_details (operation_id, payee_phone, payee_iban, payee_name, payee_tax_id) VALUES ($1, $2, $3, $4, $5)',
    [operationId, details.payeePhone, details.payeeIban, details.payeeName, details.payeeTaxId],
  );
}
