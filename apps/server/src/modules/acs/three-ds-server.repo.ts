import type { Queryable } from '../../db/database.js';
import type { ThreeDsResult, TransStatus } from './acs.types.js';

/** All SQL of the 3DS Server's table, threeds_server_transactions (migration 0041). */

export interface ServerTransaction {
  threeDSServerTransID: string;
  paymentId: string;
  acsTransID: string | null;
  dsTransID: string | null;
  transStatus: TransStatus | null;
  eci: string | null;
  authenticationValue: string | null;
  resultAt: Date | null;
}

interface Row {
  three_ds_server_trans_id: string;
  payment_id: string;
  acs_trans_id: string | null;
  ds_trans_id: string | null;
  trans_status: TransStatus | null;
  eci: string | null;
  authentication_value: string | null;
  result_at: Date | null;
}

const COLUMNS = 'three_ds_server_trans_id, payment_id, acs_trans_id, ds_trans_id, trans_status, eci, authentication_value, result_at';

export async function insertServerTransaction(q: Queryable, id: string, paymentId: string, now: Date): Promise<void> {
  await q.query('INSERT INTO threeds_server_transactions (three_ds_server_trans_id, payment_id, created_at) VALUES ($1, $2, $3)', [
    id,
    paymentId,
    now,
  ]);
}

/** The ARes's C: the challenge's ids are kept, the result waits for the RReq. */
export async function recordChallenge(q: Queryable, id: string, ids: { acsTransID: string; dsTransID: string }): Promise<void> {
  await q.query(
    `UPDATE threeds_server_transactions SET acs_trans_id = $2, ds_trans_id = $3, trans_status = 'C'
     WHERE three_ds_server_trans_id = $1 AND result_at IS NULL`,
    [id, ids.acsTransID, ids.dsTransID],
  );
}

/**
 * The result, once: from the ARes or the RReq. False when a result was kept already, or the ids do
 * not match what the ARes said (an RReq for another challenge): nothing changes then.
 */
export async function recordResult(
  q: Queryable,
  id: string,
  result: ThreeDsResult & { acsTransID: string | null; transStatusReason: string | null },
  now: Date,
): Promise<boolean> {
  const { rows } = await q.query(
    `UPDATE threeds_server_transactions
     SET trans_status = $2, eci = $3, authentication_value = $4, ds_trans_id = $5, acs_trans_id = $6, trans_status_reason = $7, result_at = $8
     WHERE three_ds_server_trans_id = $1 AND result_at IS NULL
       AND (acs_trans_id IS NULL OR acs_trans_id = $6) AND (ds_trans_id IS NULL OR ds_trans_id = $5)
     RETURNING three_ds_server_trans_id`,
    [id, result.status, result.eci, result.authenticationValue, result.dsTransID, result.acsTransID, result.transStatusReason, now],
  );
  return rows.length === 1;
}

export async function selectServerTransaction(q: Queryable, id: string): Promise<ServerTransaction | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM threeds_server_transactions WHERE three_ds_server_trans_id = $1`, [id]);
  const row = rows[0];
  if (!row) return null;
  return {
    threeDSServerTransID: row.three_ds_server_trans_id,
    paymentId: row.payment_id,
    acsTransID: row.acs_trans_id,
    dsTransID: row.ds_trans_id,
    transStatus: row.trans_status,
    eci: row.eci,
    authenticationValue: row.authentication_value,
    resultAt: row.result_at,
  };
}
