import type { Queryable } from '../../db/database.js';

/** The table receipt_codes (migration 0018): the SHA-256 of each check code printed, and whose receipt it was. */

export type ReceiptAudience = 'payer' | 'payee';

/** Idempotent: a receipt downloaded again carries the same code, and its row is there already. */
export async function insertReceiptCode(q: Queryable, codeSha256: Buffer, operationId: string, audience: ReceiptAudience): Promise<void> {
  await q.query(
    `INSERT INTO receipt_codes (code_sha256, operation_id, audience) VALUES ($1, $2, $3)
     ON CONFLICT (code_sha256) DO NOTHING`,
    [codeSha256, operationId, audience],
  );
}

export async function selectReceiptCode(
  q: Queryable,
  codeSha256: Buffer,
): Promise<{ operationId: string; audience: ReceiptAudience } | null> {
  const { rows } = await q.query<{ operation_id: string; audience: ReceiptAudience }>(
    'SELECT operation_id, audience FROM receipt_codes WHERE code_sha256 = $1',
    [codeSha256],
  );
  const row = rows[0];
  return row ? { operationId: row.operation_id, audience: row.audience } : null;
}
