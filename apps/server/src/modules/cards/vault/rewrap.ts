import { ConfigError } from '../../../config.js';
import type { Database, Queryable } from '../../../db/database.js';
import type { Keyring } from '../../../shared/keyring.js';
import { recordAudit } from '../../audit/index.js';
import { unwrapDataKey, wrapDataKey } from './data-keys.js';
import { VaultIntegrityError, zero } from './envelope.js';
import { countVault, lockDataKeysToRewrap, selectDataKeyPerKek, updateWrapping } from './vault.repo.js';

/**
 * CARD_KEK rotation (`npm run cards:rotate-key`; docs/card-vault.md "Rotating CARD_KEK"). Only the
 * data keys are re-wrapped: a few dozen rows, whatever the number of PANs, and no PAN is decrypted
 * or rewritten. Safe beside live traffic: each batch is one short transaction that locks only the
 * rows it re-wraps (readers do not wait for it; a server unwraps a row under whichever CARD_KEK key
 * it names, and every server holds both while the rotation runs). Idempotent: only rows under
 * another key than the current one are taken, so a second run re-wraps nothing, and a run cut
 * short goes on where it stopped.
 */

// Data keys are few (one a month or per 100 000 PANs); a small batch keeps each lock short anyway.
export const REWRAP_BATCH_KEYS = 50;

export interface RewrapReport {
  rewrapped: number;
  before: { dataKeysByKek: Record<string, number>; pans: number };
  after: { dataKeysByKek: Record<string, number>; pans: number };
}

/**
 * Re-wraps under CARD_KEK's current key every data key wrapped under an older one. Throws
 * VaultIntegrityError, after committing the batches before it, when a key is under a CARD_KEK key
 * the ring lacks or does not unwrap.
 */
export async function rewrapDataKeys(db: Database, kek: Keyring, now: Date): Promise<RewrapReport> {
  const before = await countVault(db);
  let rewrapped = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const keys = await lockDataKeysToRewrap(tx, kek.current.id, REWRAP_BATCH_KEYS);
      for (const key of keys) {
        const plaintext = unwrapDataKey(kek, key);
        try {
          const { kekId, wrapped } = wrapDataKey(kek, key.id, key.purpose, plaintext);
          await updateWrapping(tx, key.id, kekId, wrapped, now);
        } finally {
          zero(plaintext);
        }
      }
      if (keys.length > 0) {
        await recordAudit(tx, {
          event: 'keys.rewritten',
          details: {
            what: 'card_vault_data_keys.wrapped_key',
            keyId: kek.current.id,
            rows: keys.length,
            fromKeyIds: [...new Set(keys.map((key) => key.kekId))].sort(),
          },
          occurredAt: now,
        });
      }
      return keys.length;
    });
    rewrapped += batch;
    if (batch < REWRAP_BATCH_KEYS) break;
  }
  return { rewrapped, before, after: await countVault(db) };
}

/**
 * Refuses a CARD_KEK that cannot open the vault: a key id some data key is wrapped under is
 * missing, or the key under that id is another one (replaced in place). One data key per KEK id
 * is unwrapped to tell. Meant for a server's start, before a card is read, and for the rotation
 * script before it writes.
 */
export async function verifyCardKek(q: Queryable, kek: Keyring): Promise<void> {
  for (const sample of await selectDataKeyPerKek(q)) {
    try {
      zero(unwrapDataKey(kek, sample));
    } catch (error) {
      if (!(error instanceof VaultIntegrityError)) throw error;
      const problem = kek.byId(sample.kekId)
        ? `the key CARD_KEK holds as ${sample.kekId} does not unwrap the data keys wrapped under ${sample.kekId}: it was replaced under the same id`
        : `data keys are wrapped under CARD_KEK key ${sample.kekId}, which CARD_KEK does not hold (it holds ${kek.all.map((key) => key.id).join(', ')})`;
      throw new ConfigError(
        'CARD_KEK',
        `${problem}. Put the key back (a new key goes first, with a new id) and remove it only once npm run cards:rotate-key has run`,
      );
    }
  }
}
