import type { Queryable } from '../../../db/database.js';
import { type HeldCardId, isHeldCardId } from '../../cards/index.js';

/** All SQL of the hosted checkout (migration 0044): payment_authentications, payment_checkout_submissions. */

export interface PaymentAuthentication {
  paymentId: string;
  threeDSServerTransID: string;
  acsTransID: string;
  heldCardId: HeldCardId;
  createdAt: Date;
}

interface AuthenticationRow {
  payment_id: string;
  three_ds_server_trans_id: string;
  acs_trans_id: string;
  held_card_id: string;
  created_at: Date;
}

/** The payment's challenge in progress; a new one replaces it (and returns the card it held, to drop). */
export async function saveAuthentication(q: Queryable, a: PaymentAuthentication): Promise<HeldCardId | null> {
  const { rows } = await q.query<{ held_card_id: string }>('SELECT held_card_id FROM payment_authentications WHERE payment_id = $1', [
    a.paymentId,
  ]);
  await q.query(
    `INSERT INTO payment_authentications (payment_id, three_ds_server_trans_id, acs_trans_id, held_card_id, created_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (payment_id) DO UPDATE SET three_ds_server_trans_id = $2, acs_trans_id = $3, held_card_id = $4, created_at = $5`,
    [a.paymentId, a.threeDSServerTransID, a.acsTransID, a.heldCardId, a.createdAt],
  );
  const previous = rows[0]?.held_card_id;
  return previous && previous !== a.heldCardId && isHeldCardId(previous) ? previous : null;
}

export async function findAuthentication(q: Queryable, paymentId: string): Promise<PaymentAuthentication | null> {
  const { rows } = await q.query<AuthenticationRow>(
    `SELECT payment_id, three_ds_server_trans_id, acs_trans_id, held_card_id, created_at
     FROM payment_authentications WHERE payment_id = $1`,
    [paymentId],
  );
  const row = rows[0];
  if (!row || !isHeldCardId(row.held_card_id)) return null;
  return {
    paymentId: row.payment_id,
    threeDSServerTransID: row.three_ds_server_trans_id,
    acsTransID: row.acs_trans_id,
    heldCardId: row.held_card_id,
    createdAt: row.created_at,
  };
}

/**
 * The page's submission of a card, once per Idempotency-Key: true the first time. A repeated
 * submit (a double click, a retry after a lost answer) is answered with the payment as it stands.
 */
export async function claimSubmission(q: Queryable, paymentId: string, key: string, now: Date): Promise<boolean> {
  const { rows } = await q.query<{ payment_id: string }>(
    `INSERT INTO payment_checkout_submissions (payment_id, idempotency_key, created_at) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING payment_id`,
    [paymentId, key, now],
  );
  return rows.length === 1;
}
