import type { Queryable, Tx } from '../../../db/database.js';
import type { Sealed } from './envelope.js';

/**
 * All SQL of the card vault (migration 0031): card_vault_data_keys and card_vault_pans. No other
 * module names these tables (scripts/check-table-owners.mjs, owner cards/vault). The column list of
 * each table is written once, here.
 */

export type DataKeyPurpose = 'pan-encryption' | 'pan-lookup';

export interface DataKeyRecord {
  id: string;
  purpose: DataKeyPurpose;
  kekId: string;
  wrapped: Sealed;
  /** For pan-encryption keys: card_vault_pan_seq's value when the key became current. */
  panSeqStart: bigint | null;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface PanRecord {
  vaultId: string;
  dataKeyId: string;
  sealed: Sealed;
  first6: string;
  last4: string;
}

const DATA_KEY_COLUMNS = 'id, purpose, kek_id, wrap_iv, wrapped_key, wrap_tag, pan_seq_start, created_at, retired_at';
const PAN_COLUMNS = 'id, data_key_id, iv, ciphertext, tag, first6, last4';

interface DataKeyRow {
  id: string;
  purpose: DataKeyPurpose;
  kek_id: string;
  wrap_iv: Uint8Array;
  wrapped_key: Uint8Array;
  wrap_tag: Uint8Array;
  pan_seq_start: bigint | null;
  created_at: Date;
  retired_at: Date | null;
}

interface PanRow {
  id: string;
  data_key_id: string;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
  first6: string;
  last4: string;
}

// bytea comes back as a Buffer from node-postgres and as a Uint8Array from PGlite.
const bytes = (value: Uint8Array): Buffer => Buffer.from(value);

function toDataKey(row: DataKeyRow): DataKeyRecord {
  return {
    id: row.id,
    purpose: row.purpose,
    kekId: row.kek_id,
    wrapped: { iv: bytes(row.wrap_iv), ciphertext: bytes(row.wrapped_key), tag: bytes(row.wrap_tag) },
    panSeqStart: row.pan_seq_start,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

function toPan(row: PanRow): PanRecord {
  return {
    vaultId: row.id,
    dataKeyId: row.data_key_id,
    sealed: { iv: bytes(row.iv), ciphertext: bytes(row.ciphertext), tag: bytes(row.tag) },
    first6: row.first6,
    last4: row.last4,
  };
}

/** The current key of a purpose (the partial unique index allows one), or null before the first. */
export async function selectCurrentDataKey(q: Queryable, purpose: DataKeyPurpose): Promise<DataKeyRecord | null> {
  const { rows } = await q.query<DataKeyRow>(
    `SELECT ${DATA_KEY_COLUMNS} FROM card_vault_data_keys WHERE purpose = $1 AND retired_at IS NULL`,
    [purpose],
  );
  return rows[0] ? toDataKey(rows[0]) : null;
}

export async function selectDataKey(q: Queryable, dataKeyId: string): Promise<DataKeyRecord | null> {
  const { rows } = await q.query<DataKeyRow>(`SELECT ${DATA_KEY_COLUMNS} FROM card_vault_data_keys WHERE id = $1`, [dataKeyId]);
  return rows[0] ? toDataKey(rows[0]) : null;
}

export async function insertDataKey(tx: Tx, key: DataKeyRecord): Promise<void> {
  await tx.query(`INSERT INTO card_vault_data_keys (${DATA_KEY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    key.id,
    key.purpose,
    key.kekId,
    key.wrapped.iv,
    key.wrapped.ciphertext,
    key.wrapped.tag,
    key.panSeqStart,
    key.createdAt,
    key.retiredAt,
  ]);
}

export async function retireDataKey(tx: Tx, dataKeyId: string, at: Date): Promise<void> {
  await tx.query('UPDATE card_vault_data_keys SET retired_at = $2 WHERE id = $1 AND retired_at IS NULL', [dataKeyId, at]);
}

/**
 * A transaction-scoped lock that orders the vault's key changes (a new data key, the look-up
 * key's creation): two servers that find the current key due at once make one new key, not two.
 */
export async function lockDataKeyChanges(tx: Tx): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', ['card-vault data keys']);
}

/** The isolation of the caller's transaction: the key change re-reads after its lock, which only read committed sees. */
export async function transactionIsolation(tx: Tx): Promise<string> {
  const { rows } = await tx.query<{ transaction_isolation: string }>('SHOW transaction_isolation');
  return rows[0]?.transaction_isolation ?? '';
}

/** One step of card_vault_pan_seq: the count the rotation rule reads. */
export async function nextPanSeq(tx: Tx): Promise<bigint> {
  const { rows } = await tx.query<{ seq: bigint }>("SELECT nextval('card_vault_pan_seq') AS seq");
  const seq = rows[0]?.seq;
  return typeof seq === 'bigint' ? seq : BigInt(String(seq));
}

/** Inserts a PAN unless its HMAC is taken; true when inserted (ON CONFLICT keeps the caller's transaction alive). */
export async function insertPan(tx: Tx, pan: PanRecord, panHmac: Buffer, createdAt: Date): Promise<boolean> {
  const { rowCount } = await tx.query(
    `INSERT INTO card_vault_pans (${PAN_COLUMNS}, pan_hmac, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (pan_hmac) DO NOTHING`,
    [pan.vaultId, pan.dataKeyId, pan.sealed.iv, pan.sealed.ciphertext, pan.sealed.tag, pan.first6, pan.last4, panHmac, createdAt],
  );
  return rowCount === 1;
}

export async function selectVaultIdByHmac(q: Queryable, panHmac: Buffer): Promise<string | null> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM card_vault_pans WHERE pan_hmac = $1', [panHmac]);
  return rows[0]?.id ?? null;
}

export async function selectPan(q: Queryable, vaultId: string): Promise<PanRecord | null> {
  const { rows } = await q.query<PanRow>(`SELECT ${PAN_COLUMNS} FROM card_vault_pans WHERE id = $1`, [vaultId]);
  return rows[0] ? toPan(rows[0]) : null;
}

export async function selectMaskedParts(q: Queryable, vaultId: string): Promise<{ first6: string; last4: string } | null> {
  const { rows } = await q.query<{ first6: string; last4: string }>('SELECT first6, last4 FROM card_vault_pans WHERE id = $1', [vaultId]);
  return rows[0] ?? null;
}

/**
 * Locks up to `limit` data keys wrapped under another CARD_KEK key than `currentKekId`, by id
 * (cards:rotate-key). SKIP LOCKED: a second run beside the first takes other rows, never waits.
 */
export async function lockDataKeysToRewrap(tx: Tx, currentKekId: string, limit: number): Promise<DataKeyRecord[]> {
  const { rows } = await tx.query<DataKeyRow>(
    `SELECT ${DATA_KEY_COLUMNS} FROM card_vault_data_keys WHERE kek_id <> $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [currentKekId, limit],
  );
  return rows.map(toDataKey);
}

export async function updateWrapping(tx: Tx, dataKeyId: string, kekId: string, wrapped: Sealed, at: Date): Promise<void> {
  await tx.query(
    `UPDATE card_vault_data_keys SET kek_id = $2, wrap_iv = $3, wrapped_key = $4, wrap_tag = $5, rewrapped_at = $6 WHERE id = $1`,
    [dataKeyId, kekId, wrapped.iv, wrapped.ciphertext, wrapped.tag, at],
  );
}

/** How many data keys each CARD_KEK key wraps, and how many PANs the vault holds: the rotation's report. */
export async function countVault(q: Queryable): Promise<{ dataKeysByKek: Record<string, number>; pans: number }> {
  const keys = await q.query<{ kek_id: string; count: bigint }>(
    'SELECT kek_id, count(*) AS count FROM card_vault_data_keys GROUP BY kek_id ORDER BY kek_id',
  );
  const pans = await q.query<{ count: bigint }>('SELECT count(*) AS count FROM card_vault_pans');
  return {
    dataKeysByKek: Object.fromEntries(keys.rows.map((row) => [row.kek_id, Number(row.count)])),
    pans: Number(pans.rows[0]?.count ?? 0),
  };
}

/** One data key per CARD_KEK key id in use (the first by id): the start-up check unwraps each. */
export async function selectDataKeyPerKek(q: Queryable): Promise<DataKeyRecord[]> {
  const { rows } = await q.query<DataKeyRow>(
    `SELECT DISTINCT ON (kek_id) ${DATA_KEY_COLUMNS} FROM card_vault_data_keys ORDER BY kek_id, id`,
  );
  return rows.map(toDataKey);
}
