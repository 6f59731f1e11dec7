import type { Database } from '../../db/database.js';
import type { Keyring } from '../../shared/keyring.js';
import { recordAudit } from '../audit/index.js';
import { lockTotpSecretsToReseal, updateTotpSecretSealed } from './staff.repo.js';

/**
 * TOTP secrets at rest (SECURITY.md 35, 39): sealed by the keyring (AES-256-GCM under a sub-key of
 * this purpose), bound to the staff member's id, so a database dump shows no secret and a sealed
 * secret copied onto another staff row does not open there. The same seal carries an enrolment's
 * new secret on its login step until the first code confirms it onto the staff row.
 */
const TOTP_PURPOSE = 'staff-totp';
// Staff rows re-sealed per transaction by keys:rotate: a bank's whole staff fits in a few.
const TOTP_RESEAL_BATCH_ROWS = 200;

export function sealTotpSecret(keyring: Keyring, staffId: string, secretBase32: string): string {
  return keyring.seal(TOTP_PURPOSE, secretBase32, staffId);
}

export function openTotpSecret(keyring: Keyring, staffId: string, sealed: string): string {
  return keyring.open(TOTP_PURPOSE, sealed, staffId);
}

/**
 * keys:rotate: re-seals under the current key every TOTP secret sealed under an older one, so the
 * older key can go without locking the staff out. Batches, each one transaction; running it again
 * rewrites nothing. Throws when a secret is sealed under a key the ring no longer holds. Returns
 * the number of rows rewritten.
 */
export async function resealTotpSecrets(db: Database, keyring: Keyring, now: Date): Promise<number> {
  let rewritten = 0;
  for (;;) {
    const batchRows = await db.transaction(async (tx) => {
      const rows = await lockTotpSecretsToReseal(tx, keyring.sealedPrefix(), TOTP_RESEAL_BATCH_ROWS);
      for (const row of rows) {
        await updateTotpSecretSealed(
          tx,
          row.staffId,
          sealTotpSecret(keyring, row.staffId, openTotpSecret(keyring, row.staffId, row.sealed)),
        );
      }
      if (rows.length > 0) {
        await recordAudit(tx, {
          event: 'keys.rewritten',
          details: { what: 'staff_users.totp_secret_sealed', keyId: keyring.current.id, rows: rows.length },
          occurredAt: now,
        });
      }
      return rows.length;
    });
    rewritten += batchRows;
    if (batchRows < TOTP_RESEAL_BATCH_ROWS) return rewritten;
  }
}
