import { ConfigError } from '../../config.js';
import type { Database, Queryable } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { type Keyring, SealedValueError } from '../../shared/keyring.js';
import { recordAudit } from '../audit/index.js';
import {
  type Customer,
  customerHasIinHash,
  findCustomerByIinHashes,
  holdIinRewriteLock,
  lockIinsToRewrite,
  type SealedIin,
  sealedIinOf,
  sealedIinPerKeyId,
  updateSealedIins,
} from './identity.repo.js';
import { parseIin } from './iin.js';

/**
 * IINs at rest (SECURITY.md 39, issue 9 item 9): `customers.iin_sealed` holds the IIN sealed by
 * the keyring (AES-256-GCM, bound to the customer's id), `customers.iin_hash` its keyed hash under
 * the same key, for look-ups and uniqueness. No IIN is stored in plaintext; comparing one needs
 * only its hash, and opening one (revealIin) is for the screens that show it.
 *
 * Invariant: iin_sealed and iin_hash are always written together, so the key id the sealed value
 * names is the key of the hash; keys:rotate finds the rows to re-hash by that id.
 */

/** The seal purpose and the HMAC label of IINs: a sub-key and a hash of their own. */
const IIN_PURPOSE = 'customer-iin';
const IIN_PATTERN = /^\d{12}$/;
// Rows rewritten per transaction: short locks on a live table, and a crash loses at most one batch
// of work (it is redone on the next run: every batch is atomic and the selection resumes).
export const IIN_REWRITE_BATCH_ROWS = 500;
// Serialises the batches of every server, so that a server which sees no row left to seal knows
// none is left (another server's batch cannot be half-way). Any fixed 64-bit number of this app.
const IIN_REWRITE_LOCK_ID = 7_482_913_006_553n;

export function sealIin(keyring: Keyring, customerId: string, iin: string): SealedIin {
  assert(IIN_PATTERN.test(iin), 'only a parsed IIN is sealed');
  // The customer's id is the associated data: a sealed IIN copied onto another customer's row
  // does not open there.
  return { iinSealed: keyring.seal(IIN_PURPOSE, iin, customerId), iinHash: keyring.hmacHex(IIN_PURPOSE, iin) };
}

/** The active customer with this IIN, whichever key of the ring hashed it. */
export async function findCustomerByIin(db: Queryable, keyring: Keyring, iin: string): Promise<Customer | null> {
  return findCustomerByIinHashes(db, keyring.hmacCandidates(IIN_PURPOSE, iin));
}

/** Whether this is the customer's IIN (the password reset asks for it), by its keyed hash. */
export async function customerIinMatches(db: Queryable, keyring: Keyring, customerId: string, iin: string): Promise<boolean> {
  return customerHasIinHash(db, customerId, keyring.hmacCandidates(IIN_PURPOSE, iin));
}

/**
 * The date of birth the customer's IIN encodes (YYYY-MM-DD; iin.ts parseIin), for a check that
 * asks for it (the emergency block from the web, modules/blocks); null for no such customer. The
 * IIN is opened in memory only, and only the date leaves.
 */
export async function customerBirthDate(db: Queryable, keyring: Keyring, customerId: string): Promise<string | null> {
  const iin = await revealIin(db, keyring, customerId);
  return iin === null ? null : (parseIin(iin)?.birthDate ?? null);
}

/** The customer's IIN in plaintext, for a screen that shows it; null for no such customer. */
export async function revealIin(db: Queryable, keyring: Keyring, customerId: string): Promise<string | null> {
  const sealed = await sealedIinOf(db, customerId);
  return sealed === null ? null : keyring.open(IIN_PURPOSE, sealed, customerId);
}

/**
 * The start-up step of migration 0012: seals and hashes every IIN still in plaintext and clears
 * it. Idempotent and crash-safe (batches of IIN_REWRITE_BATCH_ROWS, each one transaction; the
 * next start resumes where a crash left off). Returns the number of rows sealed.
 */
export async function sealPlaintextIins(db: Database, keyring: Keyring, now: Date): Promise<number> {
  return rewriteIins(db, keyring, 'plaintext', now);
}

/**
 * At every start, before a request reads an IIN: a refusal to run with a SECRET_KEY that cannot
 * open the IINs, then migration 0012's second step (sealPlaintextIins). Refused: a key id they
 * name is missing, or the key under that id is another one (a key replaced in place). Either way
 * those customers could not be found (their IIN would look free to a new registration) nor their
 * IIN opened; the right key must be put back, and removed only once keys:rotate has run
 * (docs/OPERATIONS.md). One IIN per key id is opened to tell, found through an index: a few
 * probes, whatever the size of the table.
 */
export async function prepareIinsAtRest(db: Database, keyring: Keyring, now: Date): Promise<{ sealed: number }> {
  const held = keyring.all.map((key) => key.id).join(', ');
  for (const sample of await sealedIinPerKeyId(db)) {
    try {
      keyring.open(IIN_PURPOSE, sample.iinSealed, sample.customerId);
    } catch (error) {
      if (!(error instanceof SealedValueError)) throw error;
      const problem =
        error.reason === 'unknown-key'
          ? `customers' IINs are sealed under key ${sample.keyId}, which SECRET_KEY does not hold (it holds ${held})`
          : `the key SECRET_KEY holds as ${sample.keyId} does not open the IINs sealed under ${sample.keyId} (customer ${sample.customerId}): the key was replaced under the same id, or the row was altered`;
      throw new ConfigError(
        'SECRET_KEY',
        `${problem}. Put the key that sealed them back (a new key goes first, with a new id) and remove it only once npm run keys:rotate has run`,
      );
    }
  }
  // After the check, so a wrong key seals nothing new.
  return { sealed: await sealPlaintextIins(db, keyring, now) };
}

/**
 * keys:rotate: re-seals and re-hashes under the current key every IIN sealed under an older one
 * (and seals any still in plaintext). Throws, having committed the batches before it, when an IIN
 * is sealed under a key the ring no longer holds. Returns the number of rows rewritten.
 */
export async function rekeyIins(db: Database, keyring: Keyring, now: Date): Promise<number> {
  return rewriteIins(db, keyring, 'older-keys', now);
}

async function rewriteIins(db: Database, keyring: Keyring, scope: 'plaintext' | 'older-keys', now: Date): Promise<number> {
  let rewritten = 0;
  for (;;) {
    const batchRows = await db.transaction(async (tx) => {
      await holdIinRewriteLock(tx, IIN_REWRITE_LOCK_ID);
      const rows = await lockIinsToRewrite(tx, scope === 'older-keys' ? keyring.sealedPrefix() : null, IIN_REWRITE_BATCH_ROWS);
      const updates = rows.map((row) => {
        const iin = row.iin ?? keyring.open(IIN_PURPOSE, row.iinSealed ?? '', row.customerId);
        return { customerId: row.customerId, ...sealIin(keyring, row.customerId, iin) };
      });
      await updateSealedIins(tx, updates);
      if (updates.length > 0) {
        const fromPlaintext = rows.filter((row) => row.iin !== null).length;
        await recordAudit(tx, {
          event: 'keys.rewritten',
          details: {
            what: 'customers.iin',
            keyId: keyring.current.id,
            rows: updates.length,
            fromPlaintext,
            fromOlderKeys: updates.length - fromPlaintext,
          },
          occurredAt: now,
        });
      }
      return updates.length;
    });
    rewritten += batchRows;
    // Under the lock, a short batch means no row was left to rewrite.
    if (batchRows < IIN_REWRITE_BATCH_ROWS) return rewritten;
  }
}
