import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Currency } from '../ledger/index.js';
import { type Card, type CardControls, type CardKind, type CardStatus, type CloseReason, statesBefore } from './cards.types.js';
import type { VaultId } from './vault/index.js';

/**
 * The SQL of cards and card_controls (migration 0032); each column list is written once, here.
 * The limit requests, reveals and day counters are in cards-requests.repo.ts.
 */

const CARD_COLUMNS = `id, customer_id, account_id, currency, vault_id, first6, last4, expiry_month, expiry_year, cardholder_name,
  kind, product_name, status, close_reason, created_at, updated_at, closed_at`;

interface CardRow {
  id: string;
  customer_id: string;
  account_id: string;
  currency: Currency;
  vault_id: VaultId;
  first6: string;
  last4: string;
  expiry_month: number;
  expiry_year: number;
  cardholder_name: string;
  kind: CardKind;
  product_name: string;
  status: CardStatus;
  close_reason: CloseReason | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

function toCard(row: CardRow): Card {
  return {
    id: row.id,
    customerId: row.customer_id,
    accountId: row.account_id,
    currency: row.currency,
    vaultId: row.vault_id,
    first6: row.first6,
    last4: row.last4,
    expiryMonth: Number(row.expiry_month),
    expiryYear: Number(row.expiry_year),
    cardholderName: row.cardholder_name,
    kind: row.kind,
    productName: row.product_name,
    status: row.status,
    closeReason: row.close_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

export async function insertCard(tx: Tx, card: Card, request: { idempotencyKey: string; requestHash: string }): Promise<void> {
  await tx.query(
    `INSERT INTO cards (${CARD_COLUMNS}, idempotency_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
    [
      card.id,
      card.customerId,
      card.accountId,
      card.currency,
      card.vaultId,
      card.first6,
      card.last4,
      card.expiryMonth,
      card.expiryYear,
      card.cardholderName,
      card.kind,
      card.productName,
      card.status,
      card.closeReason,
      card.createdAt,
      card.updatedAt,
      card.closedAt,
      request.idempotencyKey,
      request.requestHash,
    ],
  );
}

export async function selectCard(q: Queryable, cardId: string): Promise<Card | null> {
  const { rows } = await q.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE id = $1`, [cardId]);
  return rows[0] ? toCard(rows[0]) : null;
}

/** The card's row lock: every change of a card, and every charge of its spending, takes it first. */
export async function lockCard(tx: Tx, cardId: string): Promise<Card | null> {
  const { rows } = await tx.query<CardRow>(`SELECT ${CARD_COLUMNS} FROM cards WHERE id = $1 FOR UPDATE`, [cardId]);
  return rows[0] ? toCard(rows[0]) : null;
}

/** The card an issuing request made, found by the customer's Idempotency-Key, with its request's hash. */
export async function selectCardByIdempotencyKey(
  q: Queryable,
  customerId: string,
  key: string,
): Promise<{ card: Card; requestHash: string } | null> {
  const { rows } = await q.query<CardRow & { request_hash: string }>(
    `SELECT ${CARD_COLUMNS}, request_hash FROM cards WHERE customer_id = $1 AND idempotency_key = $2`,
    [customerId, key],
  );
  const row = rows[0];
  return row ? { card: toCard(row), requestHash: row.request_hash } : null;
}

export async function selectCustomerCards(q: Queryable, customerId: string, limit: number): Promise<Card[]> {
  const { rows } = await q.query<CardRow>(
    `SELECT ${CARD_COLUMNS} FROM cards WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [customerId, limit],
  );
  return rows.map(toCard);
}

/** Cards of the customer still in use now: active or frozen, and not past their expiry month. */
export async function countLiveCards(q: Queryable, customerId: string, now: Date, timeZone: string): Promise<number> {
  // Valid through the last day of the expiry month in the bank's time zone (cards.types.ts cardExpired).
  const { rows } = await q.query<{ count: bigint }>(
    `SELECT count(*) AS count FROM cards
     WHERE customer_id = $1 AND status IN ('active', 'frozen')
       AND ((make_date(expiry_year, expiry_month, 1) + interval '1 month')::timestamp AT TIME ZONE $3) > $2`,
    [customerId, now, timeZone],
  );
  return Number(rows[0]?.count ?? 0);
}

/**
 * Issuing for one customer runs one at a time (a transaction-scoped lock named by the customer),
 * so the count of cards in use and the insert that may pass the cap are never interleaved.
 */
export async function lockCustomerIssuing(tx: Tx, customerId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`card-issuing ${customerId}`]);
}

/** A status step, only from the states the machine allows before `to` (cards.types.ts); false when none was. */
export async function updateCardStatus(
  tx: Tx,
  cardId: string,
  to: CardStatus,
  change: { now: Date; closeReason?: CloseReason },
): Promise<boolean> {
  const from = statesBefore(to);
  assert(from.length > 0, `no status leads to ${to}`);
  assert((to === 'closed') === (change.closeReason !== undefined), 'a close, and only a close, names its reason');
  const { rowCount } = await tx.query(
    `UPDATE cards SET status = $2, updated_at = $3,
       closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE closed_at END,
       close_reason = CASE WHEN $2 = 'closed' THEN $4 ELSE close_reason END
     WHERE id = $1 AND status = ANY($5::text[])`,
    [cardId, to, change.now, change.closeReason ?? null, from],
  );
  return rowCount === 1;
}

// ---- card_controls ----

const CONTROL_COLUMNS = `card_id, internet_enabled, contactless_enabled, cash_enabled, per_operation_minor, per_day_minor,
  per_month_minor, unlimited_until, updated_at`;

interface ControlsRow {
  card_id: string;
  internet_enabled: boolean;
  contactless_enabled: boolean;
  cash_enabled: boolean;
  per_operation_minor: bigint;
  per_day_minor: bigint;
  per_month_minor: bigint;
  unlimited_until: Date | null;
  updated_at: Date;
}

function toControls(row: ControlsRow): CardControls {
  return {
    cardId: row.card_id,
    internetEnabled: row.internet_enabled,
    contactlessEnabled: row.contactless_enabled,
    cashEnabled: row.cash_enabled,
    limits: {
      perOperationMinor: BigInt(row.per_operation_minor),
      perDayMinor: BigInt(row.per_day_minor),
      perMonthMinor: BigInt(row.per_month_minor),
    },
    unlimitedUntil: row.unlimited_until,
    updatedAt: row.updated_at,
  };
}

export async function insertControls(tx: Tx, controls: CardControls): Promise<void> {
  await tx.query(`INSERT INTO card_controls (${CONTROL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    controls.cardId,
    controls.internetEnabled,
    controls.contactlessEnabled,
    controls.cashEnabled,
    controls.limits.perOperationMinor,
    controls.limits.perDayMinor,
    controls.limits.perMonthMinor,
    controls.unlimitedUntil,
    controls.updatedAt,
  ]);
}

export async function selectControls(q: Queryable, cardId: string): Promise<CardControls | null> {
  const { rows } = await q.query<ControlsRow>(`SELECT ${CONTROL_COLUMNS} FROM card_controls WHERE card_id = $1`, [cardId]);
  return rows[0] ? toControls(rows[0]) : null;
}

/** The controls' columns beside a card's, where both share a name (updated_at) the controls' is renamed. */
const JOINED_CONTROL_COLUMNS = `k.internet_enabled, k.contactless_enabled, k.cash_enabled, k.per_operation_minor, k.per_day_minor,
  k.per_month_minor, k.unlimited_until, k.updated_at AS controls_updated_at`;

type JoinedRow = CardRow & Omit<ControlsRow, 'card_id' | 'updated_at'> & { controls_updated_at: Date };

/** A card and its controls by its vault id, in one statement: what an authorisation reads first, unlocked. */
export async function selectCardWithControlsByVaultId(
  q: Queryable,
  vaultId: VaultId,
): Promise<{ card: Card; controls: CardControls } | null> {
  const columns = CARD_COLUMNS.split(',')
    .map((column) => `c.${column.trim()}`)
    .join(', ');
  const { rows } = await q.query<JoinedRow>(
    `SELECT ${columns}, ${JOINED_CONTROL_COLUMNS} FROM cards c JOIN card_controls k ON k.card_id = c.id WHERE c.vault_id = $1`,
    [vaultId],
  );
  const row = rows[0];
  if (!row) return null;
  return { card: toCard(row), controls: toControls({ ...row, card_id: row.id, updated_at: row.controls_updated_at }) };
}

/**
 * A card's controls and its internet spending this bank day and month, in one statement. Read
 * after the card's lock is taken (a statement of its own, so this one's snapshot sees what the
 * transaction that held the lock before committed to card_internet_days).
 */
export async function selectControlsAndSpent(
  q: Queryable,
  cardId: string,
  day: string,
  monthStart: string,
): Promise<{ controls: CardControls; spent: InternetSpent } | null> {
  const { rows } = await q.query<ControlsRow & { spent_day: bigint | null; spent_month: bigint | null; purchases_day: number | null }>(
    `SELECT ${CONTROL_COLUMNS}, s.spent_day, s.spent_month, s.purchases_day
       FROM card_controls,
            LATERAL (SELECT sum(spent_minor) FILTER (WHERE day = $2::date) AS spent_day, sum(spent_minor) AS spent_month,
                            sum(purchases) FILTER (WHERE day = $2::date) AS purchases_day
                       FROM card_internet_days WHERE card_id = $1 AND day >= $3::date AND day <= $2::date) s
      WHERE card_controls.card_id = $1`,
    [cardId, day, monthStart],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    controls: toControls(row),
    spent: { day: BigInt(row.spent_day ?? 0n), month: BigInt(row.spent_month ?? 0n), purchasesToday: Number(row.purchases_day ?? 0) },
  };
}

/** What a card spent on the internet this bank day and month, and how many purchases it made today. */
export interface InternetSpent {
  day: bigint;
  month: bigint;
  purchasesToday: number;
}

/** Writes the whole controls row of a card; the caller holds the card's lock. */
export async function updateControls(tx: Tx, controls: CardControls): Promise<void> {
  await tx.query(
    `UPDATE card_controls SET internet_enabled = $2, contactless_enabled = $3, cash_enabled = $4, per_operation_minor = $5,
       per_day_minor = $6, per_month_minor = $7, unlimited_until = $8, updated_at = $9
     WHERE card_id = $1`,
    [
      controls.cardId,
      controls.internetEnabled,
      controls.contactlessEnabled,
      controls.cashEnabled,
      controls.limits.perOperationMinor,
      controls.limits.perDayMinor,
      controls.limits.perMonthMinor,
      controls.unlimitedUntil,
      controls.updatedAt,
    ],
  );
}
