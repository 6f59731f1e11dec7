import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { ApiKeyMode, ApiKeyStatus, Merchant, MerchantApiKey, MerchantStatus } from './merchants.types.js';

/** All SQL of the acquiring tables (migration 0039). The column list of each is written once, here. */

const MERCHANT_COLUMNS = `id, legal_name, display_name, mdr_bps, bin, mcc, settlement_iban, return_origins, status, status_reason,
  test_mode_enabled, live_mode_enabled, created_by_staff_id, created_at, updated_at`;

interface MerchantRow {
  id: string;
  legal_name: string;
  display_name: string;
  mdr_bps: number;
  bin: string;
  mcc: string;
  settlement_iban: string;
  return_origins: string[];
  status: MerchantStatus;
  status_reason: string | null;
  test_mode_enabled: boolean;
  live_mode_enabled: boolean;
  created_by_staff_id: string;
  created_at: Date;
  updated_at: Date;
}

function toMerchant(row: MerchantRow): Merchant {
  return {
    id: row.id,
    legalName: row.legal_name,
    displayName: row.display_name,
    mdrBps: row.mdr_bps,
    bin: row.bin,
    mcc: row.mcc,
    settlementIban: row.settlement_iban,
    returnOrigins: row.return_origins,
    status: row.status,
    statusReason: row.status_reason,
    testModeEnabled: row.test_mode_enabled,
    liveModeEnabled: row.live_mode_enabled,
    createdByStaffId: row.created_by_staff_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** False when another merchant has the BIN already (nothing is written then). */
export async function insertMerchant(tx: Tx, merchant: Merchant): Promise<boolean> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  const { rowCount } = await tx.query(
    `INSERT INTO merchants (${MERCHANT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (bin) DO NOTHING`,
    [
      merchant.id,
      merchant.legalName,
      merchant.displayName,
      merchant.mdrBps,
      merchant.bin,
      merchant.mcc,
      merchant.settlementIban,
      merchant.returnOrigins,
      merchant.status,
      merchant.statusReason,
      merchant.testModeEnabled,
      merchant.liveModeEnabled,
      merchant.createdByStaffId,
      merchant.createdAt,
      merchant.updatedAt,
    ],
  );
  return rowCount === 1;
}

export async function findMerchant(db: Queryable, merchantId: string): Promise<Merchant | null> {
  const { rows } = await db.query<MerchantRow>(`SELECT ${MERCHANT_COLUMNS} FROM merchants WHERE id = $1`, [merchantId]);
  return rows[0] ? toMerchant(rows[0]) : null;
}

/** Newest first; `afterId` is the last merchant of the page before (keyset: created_at, id). */
export async function listMerchants(db: Queryable, page: { limit: number; afterId: string | null }): Promise<Merchant[]> {
  const { rows } = await db.query<MerchantRow>(
    `SELECT ${MERCHANT_COLUMNS} FROM merchants
     WHERE $1::text IS NULL OR (created_at, id) < (SELECT created_at, id FROM merchants WHERE id = $1)
     ORDER BY created_at DESC, id DESC LIMIT $2`,
    [page.afterId, page.limit],
  );
  return rows.map(toMerchant);
}

/** The new status, only from the state MERCHANT_TRANSITIONS names; null when the merchant was not in it. */
export async function updateMerchantStatus(
  tx: Tx,
  change: { merchantId: string; from: MerchantStatus; to: MerchantStatus; reason: string; now: Date },
): Promise<Merchant | null> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  const { rows } = await tx.query<MerchantRow>(
    `UPDATE merchants SET status = $3, status_reason = $4, updated_at = $5 WHERE id = $1 AND status = $2 RETURNING ${MERCHANT_COLUMNS}`,
    [change.merchantId, change.from, change.to, change.reason, change.now],
  );
  return rows[0] ? toMerchant(rows[0]) : null;
}

/** The merchant's row, locked: key creation counts the active keys under it. */
export async function lockMerchant(tx: Tx, merchantId: string): Promise<Merchant | null> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  const { rows } = await tx.query<MerchantRow>(`SELECT ${MERCHANT_COLUMNS} FROM merchants WHERE id = $1 FOR UPDATE`, [merchantId]);
  return rows[0] ? toMerchant(rows[0]) : null;
}

const KEY_COLUMNS = `id, merchant_id, mode, key_prefix, label, status, created_by_staff_id, created_at, last_used_at, revoked_at,
  revoked_by_staff_id`;

interface KeyRow {
  id: string;
  merchant_id: string;
  mode: ApiKeyMode;
  key_prefix: string;
  label: string | null;
  status: ApiKeyStatus;
  created_by_staff_id: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by_staff_id: string | null;
}

function toKey(row: KeyRow): MerchantApiKey {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    mode: row.mode,
    keyPrefix: row.key_prefix,
    label: row.label,
    status: row.status,
    createdByStaffId: row.created_by_staff_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedByStaffId: row.revoked_by_staff_id,
  };
}

export async function insertApiKey(tx: Tx, key: MerchantApiKey, keyHash: string): Promise<void> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  assert(key.status === 'active' && key.revokedAt === null, 'a key is created active');
  await tx.query(
    `INSERT INTO merchant_api_keys (id, merchant_id, mode, key_hash, key_prefix, label, status, created_by_staff_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [key.id, key.merchantId, key.mode, keyHash, key.keyPrefix, key.label, key.status, key.createdByStaffId, key.createdAt],
  );
}

export async function countActiveKeys(tx: Tx, merchantId: string, mode: ApiKeyMode): Promise<number> {
  const { rows } = await tx.query<{ count: string }>(
    `SELECT count(*)::text AS count FROM merchant_api_keys WHERE merchant_id = $1 AND mode = $2 AND status = 'active'`,
    [merchantId, mode],
  );
  return Number(rows[0]?.count ?? 0);
}

/** The merchant's keys, newest first (a merchant holds a few: the active ones are capped). */
export async function listApiKeys(db: Queryable, merchantId: string, limit: number): Promise<MerchantApiKey[]> {
  const { rows } = await db.query<KeyRow>(
    `SELECT ${KEY_COLUMNS} FROM merchant_api_keys WHERE merchant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [merchantId, limit],
  );
  return rows.map(toKey);
}

/** Revokes an active key of this merchant; null when there is none (unknown, another's, revoked already). */
export async function revokeApiKey(
  tx: Tx,
  change: { merchantId: string; keyId: string; staffId: string; now: Date },
): Promise<MerchantApiKey | null> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  const { rows } = await tx.query<KeyRow>(
    `UPDATE merchant_api_keys SET status = 'revoked', revoked_at = $4, revoked_by_staff_id = $3
     WHERE id = $2 AND merchant_id = $1 AND status = 'active' RETURNING ${KEY_COLUMNS}`,
    [change.merchantId, change.keyId, change.staffId, change.now],
  );
  return rows[0] ? toKey(rows[0]) : null;
}

export async function findApiKey(db: Queryable, merchantId: string, keyId: string): Promise<MerchantApiKey | null> {
  const { rows } = await db.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM merchant_api_keys WHERE id = $2 AND merchant_id = $1`, [
    merchantId,
    keyId,
  ]);
  return rows[0] ? toKey(rows[0]) : null;
}

/** A key by its hash under any key of the keyring (hmacCandidates), with the stored hash to verify. */
export async function findApiKeyByHash(db: Queryable, candidates: string[]): Promise<{ key: MerchantApiKey; keyHash: string } | null> {
  const { rows } = await db.query<KeyRow & { key_hash: string }>(
    `SELECT ${KEY_COLUMNS}, key_hash FROM merchant_api_keys WHERE key_hash = ANY($1::text[]) LIMIT 1`,
    [candidates],
  );
  const row = rows[0];
  return row ? { key: toKey(row), keyHash: row.key_hash } : null;
}

/**
 * Marks the key used now, at most once per `intervalMs`: a busy integration does not write a row
 * per request, and "last used" stays true to the interval.
 */
export async function touchApiKey(db: Queryable, keyId: string, now: Date, intervalMs: number): Promise<void> {
  await db.query(
    `UPDATE merchant_api_keys SET last_used_at = $2
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - make_interval(secs => $3::double precision / 1000))`,
    [keyId, now, intervalMs],
  );
}

/** The fields staff change with PATCH (merchant-settings.ts); the row as it is after, or null when there is no such merchant. */
export async function updateMerchantSettings(
  tx: Tx,
  change: Pick<Merchant, 'id' | 'displayName' | 'mdrBps' | 'returnOrigins' | 'testModeEnabled' | 'liveModeEnabled' | 'updatedAt'>,
): Promise<Merchant | null> {
  assert(tx.inTransaction, 'runs inside the use case’s transaction');
  const { rows } = await tx.query<MerchantRow>(
    `UPDATE merchants SET display_name = $2, mdr_bps = $3, return_origins = $4, test_mode_enabled = $5, live_mode_enabled = $6, updated_at = $7
     WHERE id = $1 RETURNING ${MERCHANT_COLUMNS}`,
    [change.id, change.displayName, change.mdrBps, change.returnOrigins, change.testModeEnabled, change.liveModeEnabled, change.updatedAt],
  );
  return rows[0] ? toMerchant(rows[0]) : null;
}
