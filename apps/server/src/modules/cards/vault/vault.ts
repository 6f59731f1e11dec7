import type { Queryable, Tx } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import type { Clock } from '../../../shared/clock.js';
import { newId } from '../../../shared/ids.js';
import type { Keyring } from '../../../shared/keyring.js';
import { isLuhnValid, maskPan } from '../card-numbers.js';
import { type DataKeyRotationRule, DEFAULT_ROTATION_RULE, dataKeyForNextPan, lookupKeyForStore, unwrapDataKey } from './data-keys.js';
import { decrypt, encrypt, panAad, panHmac, VaultIntegrityError, zero } from './envelope.js';
import {
  type DataKeyRecord,
  insertPan,
  nextPanSeq,
  selectCurrentDataKey,
  selectDataKey,
  selectMaskedParts,
  selectPan,
  selectVaultIdByHmac,
} from './vault.repo.js';

/** A vault id names a PAN everywhere outside the vault: `vlt_` and 32 hex digits. */
export type VaultId = `vlt_${string}`;

/** A PAN stored, or refused because the vault already holds it (the caller draws another number). */
export type StorePanResult = { outcome: 'stored'; vaultId: VaultId; first6: string; last4: string } | { outcome: 'duplicate' };

/** The whole API of the vault. Nothing else reads a PAN; everyone else holds a vault id or a masked number. */
export interface CardVault {
  /** Encrypts and keeps a PAN; refuses one the vault holds already (by its HMAC, unique in the table). */
  storePan(tx: Tx, pan: string): Promise<StorePanResult>;
  /** The vault id of a PAN, by its HMAC; null for a PAN the vault does not hold (or not a PAN at all). */
  findByPan(q: Queryable, pan: string): Promise<VaultId | null>;
  /**
   * Decrypts the PAN of `vaultId` and hands it to `use`, for that call only: the one way a PAN
   * leaves the vault. The data key and the decrypted bytes are zeroed when `use` returns (the
   * string handed over cannot be: JavaScript strings are immutable; `use` must not keep it). A
   * vault id the vault does not hold is a programmer error and throws.
   */
  withPan<T>(q: Queryable, vaultId: VaultId, use: (pan: string) => T | Promise<T>): Promise<T>;
  /** `first6••••••last4`, or null for a vault id the vault does not hold. */
  maskedOf(q: Queryable, vaultId: VaultId): Promise<string | null>;
}

export interface CardVaultOptions {
  /** CARD_KEK (config-card-keys.ts): the current key wraps new data keys. */
  kek: Keyring;
  clock: Clock;
  rotation?: DataKeyRotationRule;
}

/** ISO/IEC 7812 card numbers as the vault keeps them: 12 to 19 digits (the table's CHECK agrees). */
const PAN_PATTERN = /^\d{12,19}$/;
const VAULT_ID_PATTERN = /^vlt_[0-9a-f]{32}$/;

export function isVaultId(value: string): value is VaultId {
  return VAULT_ID_PATTERN.test(value);
}

function newVaultId(): VaultId {
  const id = newId('vlt');
  assert(isVaultId(id), 'newId makes vault ids of the vault id pattern');
  return id;
}

export function createCardVault(options: CardVaultOptions): CardVault {
  const { kek, clock } = options;
  const rule = options.rotation ?? DEFAULT_ROTATION_RULE;

  /** The HMAC of a PAN under the look-up key, the key unwrapped for this call only. */
  const hmacUnder = (lookupKey: DataKeyRecord, pan: string): Buffer => {
    const key = unwrapDataKey(kek, lookupKey);
    try {
      return panHmac(key, pan);
    } finally {
      zero(key);
    }
  };

  return {
    async storePan(tx, pan) {
      assert(tx.inTransaction, 'storePan runs inside the caller’s transaction');
      // Never the PAN in the message: an assertion's text ends up in logs.
      assert(PAN_PATTERN.test(pan) && isLuhnValid(pan), 'storePan takes a 12 to 19 digit PAN with a valid Luhn check digit');
      const now = clock.now();
      const hmac = hmacUnder(await lookupKeyForStore(tx, kek, now), pan);
      if ((await selectVaultIdByHmac(tx, hmac)) !== null) return { outcome: 'duplicate' };
      const dataKey = await dataKeyForNextPan(tx, kek, await nextPanSeq(tx), now, rule);
      const vaultId = newVaultId();
      const key = unwrapDataKey(kek, dataKey);
      const plaintext = Buffer.from(pan, 'ascii');
      try {
        const sealed = encrypt(key, plaintext, panAad(vaultId));
        const record = { vaultId, dataKeyId: dataKey.id, sealed, first6: pan.slice(0, 6), last4: pan.slice(-4) };
        // Two transactions storing one PAN at once: the unique HMAC lets one in, the other is told.
        if (!(await insertPan(tx, record, hmac, now))) return { outcome: 'duplicate' };
        return { outcome: 'stored', vaultId, first6: record.first6, last4: record.last4 };
      } finally {
        zero(key, plaintext);
      }
    },

    async findByPan(q, pan) {
      if (!PAN_PATTERN.test(pan)) return null;
      // No look-up key yet means no PAN stored yet; a look-up never makes one.
      const lookupKey = await selectCurrentDataKey(q, 'pan-lookup');
      if (!lookupKey) return null;
      const vaultId = await selectVaultIdByHmac(q, hmacUnder(lookupKey, pan));
      return vaultId !== null && isVaultId(vaultId) ? vaultId : null;
    },

    async withPan(q, vaultId, use) {
      const record = await selectPan(q, vaultId);
      assert(record, `the vault holds no PAN ${vaultId}`);
      const dataKey = await selectDataKey(q, record.dataKeyId);
      assert(dataKey, `PAN ${vaultId} names data key ${record.dataKeyId}, which is missing`);
      const key = unwrapDataKey(kek, dataKey);
      let plaintext: Buffer | null = null;
      try {
        plaintext = decrypt(key, record.sealed, panAad(vaultId), `PAN ${vaultId}`);
        const pan = plaintext.toString('ascii');
        if (!PAN_PATTERN.test(pan)) throw new VaultIntegrityError(`PAN ${vaultId} decrypts to something that is not a PAN`);
        return await use(pan);
      } finally {
        zero(key);
        if (plaintext) zero(plaintext);
      }
    },

    async maskedOf(q, vaultId) {
      const parts = await selectMaskedParts(q, vaultId);
      return parts ? maskPan(parts.first6, parts.last4) : null;
    },
  };
}
