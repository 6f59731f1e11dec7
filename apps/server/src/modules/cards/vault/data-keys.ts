import { randomBytes } from 'node:crypto';
import type { Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import { newId } from '../../../shared/ids.js';
import type { Keyring } from '../../../shared/keyring.js';
import { holdAuditChain, recordAudit } from '../../audit/index.js';
import { DATA_KEY_BYTES, dataKeyAad, decrypt, encrypt, wrappingKey, zero } from './envelope.js';
import {
  type DataKeyPurpose,
  type DataKeyRecord,
  insertDataKey,
  lockDataKeyChanges,
  retireDataKey,
  selectCurrentDataKey,
  transactionIsolation,
} from './vault.repo.js';

/**
 * The vault's data keys: which one encrypts the next PAN, when it is replaced, and the one key of
 * the look-up HMAC. Keys are unwrapped for one call and zeroed after (vault.ts); none is cached.
 *
 * The rotation rule: a PAN encryption key serves PANS_PER_DATA_KEY_MAX PANs or DATA_KEY_AGE_DAYS_MAX
 * days, whichever comes first; then the next PAN to be stored retires it and makes a new one. A
 * key that leaked from a server's memory opens at most that many PANs, and no key is in use long
 * (NIST SP 800-57 Part 1 §5.3.6 gives symmetric data-encryption keys an originator-usage period of
 * up to two years; a month is well inside). The number of keys stays small: a bank issuing a
 * million cards a year makes a dozen or two. AES-GCM's own limit (2^32 random IVs per key) is
 * four orders of magnitude away.
 */
export interface DataKeyRotationRule {
  pansPerDataKeyMax: number;
  dataKeyAgeDaysMax: number;
}

export const DEFAULT_ROTATION_RULE: DataKeyRotationRule = { pansPerDataKeyMax: 100_000, dataKeyAgeDaysMax: 30 };

const DAY_MS = 86_400_000;

export function rotationDue(key: DataKeyRecord, panSeq: bigint, now: Date, rule: DataKeyRotationRule): boolean {
  assert(key.purpose === 'pan-encryption' && key.panSeqStart !== null, 'only PAN encryption keys rotate');
  const pansSince = panSeq - key.panSeqStart;
  const ageMs = now.getTime() - key.createdAt.getTime();
  return pansSince >= BigInt(rule.pansPerDataKeyMax) || ageMs >= rule.dataKeyAgeDaysMax * DAY_MS;
}

/** The plaintext of a data key, unwrapped under the CARD_KEK key that wraps it. The caller zeroes it. */
export function unwrapDataKey(kek: Keyring, key: DataKeyRecord): Buffer {
  const wrapping = wrappingKey(kek, key.kekId);
  try {
    return decrypt(wrapping, key.wrapped, dataKeyAad(key.id, key.purpose), `data key ${key.id} (under CARD_KEK key ${key.kekId})`);
  } finally {
    zero(wrapping);
  }
}

/** A data key wrapped under CARD_KEK's current key (new, or re-wrapped by cards:rotate-key). */
export function wrapDataKey(kek: Keyring, dataKeyId: string, purpose: DataKeyPurpose, plaintext: Buffer) {
  const wrapping = wrappingKey(kek, kek.current.id);
  try {
    return { kekId: kek.current.id, wrapped: encrypt(wrapping, plaintext, dataKeyAad(dataKeyId, purpose)) };
  } finally {
    zero(wrapping);
  }
}

/** The key that encrypts the next PAN: the current one, or a new one when there is none or it is due. */
export async function dataKeyForNextPan(
  tx: Tx,
  kek: Keyring,
  panSeq: bigint,
  now: Date,
  rule: DataKeyRotationRule,
): Promise<DataKeyRecord> {
  const current = await selectCurrentDataKey(tx, 'pan-encryption');
  if (current && !rotationDue(current, panSeq, now, rule)) return current;
  return changeDataKey(tx, kek, 'pan-encryption', panSeq, now, (fresh) => fresh !== null && !rotationDue(fresh, panSeq, now, rule));
}

/** The look-up key, made at the first PAN ever stored. */
export async function lookupKeyForStore(tx: Tx, kek: Keyring, now: Date): Promise<DataKeyRecord> {
  const current = await selectCurrentDataKey(tx, 'pan-lookup');
  if (current) return current;
  return changeDataKey(tx, kek, 'pan-lookup', null, now, (fresh) => fresh !== null);
}

/**
 * Makes the next key of a purpose, retiring the current one, unless another transaction did while
 * this one waited for the lock (`stillGood` says whether the key found after the lock will do).
 * The audit chain's lock is taken before the vault's, the order every transaction uses
 * (audit.service.ts holdAuditChain), so a caller that audited first cannot deadlock with this.
 */
async function changeDataKey(
  tx: Tx,
  kek: Keyring,
  purpose: DataKeyPurpose,
  panSeq: bigint | null,
  now: Date,
  stillGood: (fresh: DataKeyRecord | null) => boolean,
): Promise<DataKeyRecord> {
  // The re-read after the lock must see what the other transaction committed.
  assert((await transactionIsolation(tx)) === 'read committed', 'the vault changes its keys in read committed transactions only');
  await holdAuditChain(tx);
  await lockDataKeyChanges(tx);
  const fresh = await selectCurrentDataKey(tx, purpose);
  if (fresh && stillGood(fresh)) return fresh;
  if (fresh) await retireDataKey(tx, fresh.id, now);
  const id = newId('vdk');
  const plaintext = randomBytes(DATA_KEY_BYTES);
  try {
    const { kekId, wrapped } = wrapDataKey(kek, id, purpose, plaintext);
    const key: DataKeyRecord = { id, purpose, kekId, wrapped, panSeqStart: panSeq, createdAt: now, retiredAt: null };
    await insertDataKey(tx, key);
    await recordAudit(tx, {
      event: 'card_vault.data_key_created',
      details: { dataKeyId: id, purpose, kekId, replacedDataKeyId: fresh?.id ?? null },
      occurredAt: now,
    });
    return key;
  } finally {
    zero(plaintext);
  }
}
