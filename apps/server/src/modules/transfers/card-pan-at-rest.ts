import type { AppContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { Keyring } from '../../shared/keyring.js';
import { recordAuditAlone } from '../audit/index.js';
import { SEAL_PURPOSE } from './card-number.js';
import { lockSealedPansToReseal, updateSealedPan, wipeSealedPans } from './card-transfers.repo.js';

/**
 * Another bank's card number at rest (PCI DSS 3.5.1, SECURITY.md 19, 35): a transfer to it keeps
 * the number sealed under SECRET_KEY, bound to the operation id (card_transfer_details.pan_sealed),
 * only until its credit is sent (card-send.ts claims and wipes it). It must not outlive the
 * transfer any other way either:
 *
 * - a transfer that ends unsent (cancelled, expired unconfirmed, declined at creation or at its
 *   code) loses the number in the transaction that ends it: the operations module tells its ended
 *   hooks (ctx.hooks.operationsEnded), and this one wipes the number of each card transfer;
 * - `npm run keys:rotate` re-seals the numbers still waiting under the current key, so the older
 *   key can go without making a waiting transfer unsendable (resealCardTransferPans).
 */

/** Rows re-sealed per transaction by keys:rotate: only transfers waiting for a code or a send have one. */
const PAN_RESEAL_BATCH_ROWS = 200;

/** Registers the ended hook on this app's context (buildApp). */
export function registerCardTransferHooks(ctx: AppContext): void {
  ctx.hooks.operationsEnded.push(async (tx, ended) => {
    const ids = ended.filter((operation) => operation.kind === 'transfer.card').map((operation) => operation.id);
    if (ids.length > 0) await wipeSealedPans(tx, ids);
  });
}

/**
 * keys:rotate: re-seals under the current key every number still waiting that an older key
 * sealed. Batches, each one transaction holding only these rows' locks (taken in id order, as the
 * wipe takes them): the batch's audit row is written after its commit, so the rotation never
 * waits for the audit chain while it holds a transfer's row. Running it again rewrites nothing;
 * throws when a number is sealed under a key the ring no longer holds. Returns the rows rewritten.
 */
export async function resealCardTransferPans(db: Database, keyring: Keyring, now: Date): Promise<number> {
  let rewritten = 0;
  for (;;) {
    const batchRows = await db.transaction(async (tx) => {
      const rows = await lockSealedPansToReseal(tx, keyring.sealedPrefix(), PAN_RESEAL_BATCH_ROWS);
      for (const row of rows) {
        // The number is open in memory for this statement only, and goes nowhere else.
        await updateSealedPan(
          tx,
          row.operationId,
          keyring.seal(SEAL_PURPOSE, keyring.open(SEAL_PURPOSE, row.sealed, row.operationId), row.operationId),
        );
      }
      return rows.length;
    });
    if (batchRows > 0) {
      await recordAuditAlone(db, {
        event: 'keys.rewritten',
        details: { what: 'card_transfer_details.pan_sealed', keyId: keyring.current.id, rows: batchRows },
        occurredAt: now,
      });
    }
    rewritten += batchRows;
    if (batchRows < PAN_RESEAL_BATCH_ROWS) return rewritten;
  }
}
