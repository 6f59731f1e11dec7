import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import type { AcsIssuer, AcsReason, TransStatus } from './acs.types.js';

/** All SQL of the ACS's table, acs_transactions (migration 0041). One column list. */

export interface AcsTransaction {
  acsTransID: string;
  threeDSServerTransID: string;
  dsTransID: string;
  issuer: AcsIssuer;
  cardId: string | null;
  customerId: string | null;
  panHash: string;
  maskedPan: string;
  amountMinor: bigint;
  currencyNumeric: string;
  currencyExponent: number;
  merchantId: string;
  merchantName: string;
  mcc: string;
  transStatus: TransStatus;
  transStatusReason: string | null;
  reason: AcsReason | null;
  phone: string | null;
  language: Language;
  codeHash: string | null;
  attempts: number;
  resends: number;
  expiresAt: Date | null;
  resendAvailableAt: Date | null;
  authenticationValue: string | null;
  eci: string | null;
  avUsedAt: Date | null;
  resultDeliveredAt: Date | null;
  createdAt: Date;
  completedAt: Date | null;
}

interface Row {
  acs_trans_id: string;
  three_ds_server_trans_id: string;
  ds_trans_id: string;
  issuer: AcsIssuer;
  card_id: string | null;
  customer_id: string | null;
  pan_hash: string;
  masked_card: string;
  amount_minor: string;
  currency_numeric: string;
  currency_exponent: number;
  merchant_id: string;
  merchant_name: string;
  mcc: string;
  trans_status: TransStatus;
  trans_status_reason: string | null;
  reason: AcsReason | null;
  phone: string | null;
  language: Language;
  code_hash: string | null;
  attempts: number;
  resends: number;
  expires_at: Date | null;
  resend_available_at: Date | null;
  authentication_value: string | null;
  eci: string | null;
  av_used_at: Date | null;
  result_delivered_at: Date | null;
  created_at: Date;
  completed_at: Date | null;
}

const COLUMNS = `acs_trans_id, three_ds_server_trans_id, ds_trans_id, issuer, card_id, customer_id, pan_hash, masked_card,
  amount_minor, currency_numeric, currency_exponent, merchant_id, merchant_name, mcc, trans_status, trans_status_reason,
  reason, phone, language, code_hash, attempts, resends, expires_at, resend_available_at, authentication_value, eci,
  av_used_at, result_delivered_at, created_at, completed_at`;

function fromRow(row: Row): AcsTransaction {
  return {
    acsTransID: row.acs_trans_id,
    threeDSServerTransID: row.three_ds_server_trans_id,
    dsTransID: row.ds_trans_id,
    issuer: row.issuer,
    cardId: row.card_id,
    customerId: row.customer_id,
    panHash: row.pan_hash,
    maskedPan: row.masked_card,
    amountMinor: BigInt(row.amount_minor),
    currencyNumeric: row.currency_numeric,
    currencyExponent: Number(row.currency_exponent),
    merchantId: row.merchant_id,
    merchantName: row.merchant_name,
    mcc: row.mcc,
    transStatus: row.trans_status,
    transStatusReason: row.trans_status_reason,
    reason: row.reason,
    phone: row.phone,
    language: row.language,
    codeHash: row.code_hash,
    attempts: Number(row.attempts),
    resends: Number(row.resends),
    expiresAt: row.expires_at,
    resendAvailableAt: row.resend_available_at,
    authenticationValue: row.authentication_value,
    eci: row.eci,
    avUsedAt: row.av_used_at,
    resultDeliveredAt: row.result_delivered_at,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

export type NewAcsTransaction = Omit<AcsTransaction, 'attempts' | 'resends' | 'avUsedAt' | 'resultDeliveredAt'>;

export async function insertAcsTransaction(tx: Tx, t: NewAcsTransaction): Promise<void> {
  await tx.query(
    `INSERT INTO acs_transactions (acs_trans_id, three_ds_server_trans_id, ds_trans_id, issuer, card_id, customer_id, pan_hash,
       masked_card, amount_minor, currency_numeric, currency_exponent, merchant_id, merchant_name, mcc, trans_status,
       trans_status_reason, reason, phone, language, code_hash, expires_at, resend_available_at, authentication_value, eci,
       created_at, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)`,
    [
      t.acsTransID,
      t.threeDSServerTransID,
      t.dsTransID,
      t.issuer,
      t.cardId,
      t.customerId,
      t.panHash,
      t.maskedPan,
      t.amountMinor.toString(),
      t.currencyNumeric,
      t.currencyExponent,
      t.merchantId,
      t.merchantName,
      t.mcc,
      t.transStatus,
      t.transStatusReason,
      t.reason,
      t.phone,
      t.language,
      t.codeHash,
      t.expiresAt,
      t.resendAvailableAt,
      t.authenticationValue,
      t.eci,
      t.createdAt,
      t.completedAt,
    ],
  );
}

export async function selectAcsTransaction(q: Queryable, acsTransID: string): Promise<AcsTransaction | null> {
  const { rows } = await q.query<Row>(`SELECT ${COLUMNS} FROM acs_transactions WHERE acs_trans_id = $1`, [acsTransID]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The challenge's row, locked: parallel answers to one challenge are counted one after another. */
/** A customer's challenges still waiting for the code (Kassa's cards only), newest first: what the app may approve. */
export async function selectPendingChallenges(q: Queryable, customerId: string, now: Date, limit: number): Promise<AcsTransaction[]> {
  const { rows } = await q.query<Row>(
    `SELECT ${COLUMNS} FROM acs_transactions
     WHERE customer_id = $1 AND issuer = 'kassa' AND trans_status = 'C' AND expires_at > $2 ORDER BY created_at DESC LIMIT $3`,
    [customerId, now, limit],
  );
  return rows.map(fromRow);
}

/** The challenge longest past its time and still waiting, locked; one another sweeper holds is skipped. */
export async function lockOneExpiredChallenge(tx: Tx, now: Date): Promise<AcsTransaction | null> {
  const { rows } = await tx.query<Row>(
    `SELECT ${COLUMNS} FROM acs_transactions WHERE trans_status = 'C' AND expires_at <= $1
     ORDER BY expires_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [now],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

export async function lockAcsTransaction(tx: Tx, acsTransID: string): Promise<AcsTransaction | null> {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM acs_transactions WHERE acs_trans_id = $1 FOR UPDATE`, [acsTransID]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** The row of a directory server's transaction id, locked: an authentication value is used once. */
export async function lockByDsTransID(tx: Tx, dsTransID: string): Promise<AcsTransaction | null> {
  const { rows } = await tx.query<Row>(`SELECT ${COLUMNS} FROM acs_transactions WHERE ds_trans_id = $1 FOR UPDATE`, [dsTransID]);
  return rows[0] ? fromRow(rows[0]) : null;
}

/** A wrong code: the attempt counted. */
export async function updateAttempts(tx: Tx, acsTransID: string, attempts: number): Promise<void> {
  await tx.query(`UPDATE acs_transactions SET attempts = $2 WHERE acs_trans_id = $1 AND trans_status = 'C'`, [acsTransID, attempts]);
}

/** A new code in the same challenge: the earlier one stops working, the tries start again. */
export async function renewCode(
  tx: Tx,
  acsTransID: string,
  renewed: { codeHash: string | null; expiresAt: Date; resendAvailableAt: Date },
): Promise<void> {
  await tx.query(
    `UPDATE acs_transactions SET code_hash = $2, expires_at = $3, resend_available_at = $4, attempts = 0, resends = resends + 1
     WHERE acs_trans_id = $1 AND trans_status = 'C'`,
    [acsTransID, renewed.codeHash, renewed.expiresAt, renewed.resendAvailableAt],
  );
}

/** C -> Y | N: the challenge's end; the code is erased with it. */
export async function completeChallenge(
  tx: Tx,
  acsTransID: string,
  end: {
    transStatus: 'Y' | 'N';
    transStatusReason: string | null;
    reason: AcsReason | null;
    authenticationValue: string | null;
    eci: string | null;
    now: Date;
  },
): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE acs_transactions SET trans_status = $2, trans_status_reason = $3, reason = $4, authentication_value = $5, eci = $6,
       completed_at = $7, code_hash = NULL
     WHERE acs_trans_id = $1 AND trans_status = 'C' RETURNING acs_trans_id`,
    [acsTransID, end.transStatus, end.transStatusReason, end.reason, end.authenticationValue, end.eci, end.now],
  );
  return rows.length === 1;
}

export async function markResultDelivered(q: Queryable, acsTransID: string, now: Date): Promise<void> {
  await q.query('UPDATE acs_transactions SET result_delivered_at = $2 WHERE acs_trans_id = $1 AND result_delivered_at IS NULL', [
    acsTransID,
    now,
  ]);
}

/** The engine used the value, for the purchase of DE37 `rrn`; false when it was used already. */
export async function markValueUsed(tx: Tx, acsTransID: string, rrn: string, now: Date): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE acs_transactions SET av_used_at = $3, av_used_rrn = $2
     WHERE acs_trans_id = $1 AND av_used_at IS NULL AND authentication_value IS NOT NULL RETURNING acs_trans_id`,
    [acsTransID, rrn, now],
  );
  return rows.length === 1;
}

export async function markPurchaseApproved(tx: Tx, dsTransID: string, now: Date): Promise<void> {
  await tx.query(
    'UPDATE acs_transactions SET purchase_approved_at = $2 WHERE ds_trans_id = $1 AND av_used_at IS NOT NULL AND purchase_approved_at IS NULL',
    [dsTransID, now],
  );
}

/** Whether the card paid this merchant before after an authentication (the frictionless decision). */
export async function cardHasPaidMerchant(q: Queryable, cardId: string, merchantId: string): Promise<boolean> {
  const { rows } = await q.query(
    'SELECT 1 FROM acs_transactions WHERE card_id = $1 AND merchant_id = $2 AND purchase_approved_at IS NOT NULL LIMIT 1',
    [cardId, merchantId],
  );
  return rows.length > 0;
}
