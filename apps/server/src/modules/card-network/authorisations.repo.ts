import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Currency } from '../ledger/index.js';
import { AUTHORISATION_TRANSITIONS, type AuthorisationStatus, type CardAuthorisation, type Channel } from './card-network.types.js';

/** The SQL of card_authorisations (migration 0033); the column list is written once, here. */

const COLUMNS = `operation_id, network, rrn, stan, card_id, customer_id, account_id, source, status, response_code,
  authorisation_code, hold_id, amount_minor, currency, cleared_amount_minor, internet_counted_minor, channel, pos_entry_mode,
  mcc, merchant_id, merchant_name, merchant_city, merchant_country, terminal_id, authorised_at, hold_expires_at, resolved_at`;

interface AuthorisationRow {
  operation_id: string;
  network: string;
  rrn: string;
  stan: string;
  card_id: string;
  customer_id: string;
  account_id: string;
  source: CardAuthorisation['source'];
  status: AuthorisationStatus;
  response_code: string;
  authorisation_code: string | null;
  hold_id: string | null;
  amount_minor: bigint;
  currency: Currency;
  cleared_amount_minor: bigint | null;
  internet_counted_minor: bigint;
  channel: Channel;
  pos_entry_mode: string;
  mcc: string;
  merchant_id: string;
  merchant_name: string;
  merchant_city: string | null;
  merchant_country: string | null;
  terminal_id: string | null;
  authorised_at: Date;
  hold_expires_at: Date | null;
  resolved_at: Date | null;
}

function toAuthorisation(row: AuthorisationRow): CardAuthorisation {
  return {
    operationId: row.operation_id,
    network: row.network,
    rrn: row.rrn,
    stan: row.stan,
    cardId: row.card_id,
    customerId: row.customer_id,
    accountId: row.account_id,
    source: row.source,
    status: row.status,
    responseCode: row.response_code,
    authorisationCode: row.authorisation_code,
    holdId: row.hold_id,
    amountMinor: BigInt(row.amount_minor),
    currency: row.currency,
    clearedAmountMinor: row.cleared_amount_minor === null ? null : BigInt(row.cleared_amount_minor),
    internetCountedMinor: BigInt(row.internet_counted_minor),
    channel: row.channel,
    posEntryMode: row.pos_entry_mode,
    mcc: row.mcc,
    merchantId: row.merchant_id,
    merchantName: row.merchant_name,
    merchantCity: row.merchant_city,
    merchantCountry: row.merchant_country,
    terminalId: row.terminal_id,
    authorisedAt: row.authorised_at,
    holdExpiresAt: row.hold_expires_at,
    resolvedAt: row.resolved_at,
  };
}

export async function insertAuthorisation(tx: Tx, a: CardAuthorisation): Promise<void> {
  const values = [
    a.operationId,
    a.network,
    a.rrn,
    a.stan,
    a.cardId,
    a.customerId,
    a.accountId,
    a.source,
    a.status,
    a.responseCode,
    a.authorisationCode,
    a.holdId,
    a.amountMinor,
    a.currency,
    a.clearedAmountMinor,
    a.internetCountedMinor,
    a.channel,
    a.posEntryMode,
    a.mcc,
    a.merchantId,
    a.merchantName,
    a.merchantCity,
    a.merchantCountry,
    a.terminalId,
    a.authorisedAt,
    a.holdExpiresAt,
    a.resolvedAt,
  ];
  const placeholders = values.map((_, index) => `$${index + 1}`).join(', ');
  await tx.query(`INSERT INTO card_authorisations (${COLUMNS}) VALUES (${placeholders})`, values);
}

/** The purchase of a network's DE37, as it stands (no lock). */
export async function selectAuthorisationByRrn(q: Queryable, network: string, rrn: string): Promise<CardAuthorisation | null> {
  const { rows } = await q.query<AuthorisationRow>(`SELECT ${COLUMNS} FROM card_authorisations WHERE network = $1 AND rrn = $2`, [
    network,
    rrn,
  ]);
  return rows[0] ? toAuthorisation(rows[0]) : null;
}

/** The purchase an operation of the cardholder's history is, as it stands (no lock). */
export async function selectAuthorisationOfOperation(q: Queryable, operationId: string): Promise<CardAuthorisation | null> {
  const { rows } = await q.query<AuthorisationRow>(`SELECT ${COLUMNS} FROM card_authorisations WHERE operation_id = $1`, [operationId]);
  return rows[0] ? toAuthorisation(rows[0]) : null;
}

/** The purchase of a network's DE37, locked to the end of the transaction (a reversal, a clearing). */
export async function lockAuthorisationByRrn(tx: Tx, network: string, rrn: string): Promise<CardAuthorisation | null> {
  const { rows } = await tx.query<AuthorisationRow>(
    `SELECT ${COLUMNS} FROM card_authorisations WHERE network = $1 AND rrn = $2 FOR UPDATE`,
    [network, rrn],
  );
  return rows[0] ? toAuthorisation(rows[0]) : null;
}

/**
 * The oldest approved purchase whose hold is past its time, locked; one another sweeper holds is
 * skipped (SKIP LOCKED), so several servers sweeping at once split the work.
 */
export async function lockOneExpired(tx: Tx, now: Date): Promise<CardAuthorisation | null> {
  const { rows } = await tx.query<AuthorisationRow>(
    `SELECT ${COLUMNS} FROM card_authorisations WHERE status = 'approved' AND hold_expires_at <= $1
     ORDER BY hold_expires_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [now],
  );
  return rows[0] ? toAuthorisation(rows[0]) : null;
}

/** approved -> cleared | reversed | expired; false when the row was not approved (changes nothing). */
export async function resolveAuthorisation(
  tx: Tx,
  operationId: string,
  to: Exclude<AuthorisationStatus, 'approved' | 'declined'>,
  change: { at: Date; clearedAmountMinor?: bigint },
): Promise<boolean> {
  assert(AUTHORISATION_TRANSITIONS.approved.includes(to), `an approved purchase does not become ${to}`);
  const { rowCount } = await tx.query(
    `UPDATE card_authorisations SET status = $2, resolved_at = $3, cleared_amount_minor = $4
     WHERE operation_id = $1 AND status = 'approved'`,
    [operationId, to, change.at, change.clearedAmountMinor ?? null],
  );
  return rowCount === 1;
}
