import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { lockActiveDevices } from './devices.repo.js';
import { verifyPassword } from './passwords.js';
import { passwordHashOf } from './passwords.repo.js';
import { lockLiveSessionsOf } from './sessions.repo.js';

/**
 * What the emergency block (modules/blocks; issue 13 item 4, SECURITY.md 6) needs of auth beyond
 * ending sessions and revoking devices, which it does with endSessionsInTx and revokeAllDevicesInTx.
 */

/**
 * Locks everything of the customer a login can use, by id: the active devices, then the live
 * sessions. A PIN or fingerprint login in flight holds its device's row until it commits, so the
 * block waits for it here and then sees (and ends) the session it made. The locks come before the
 * block writes its first audit row, as every transaction takes its row locks before the audit
 * chain's (audit.service.ts, sca/caps.ts), so the block never waits in a circle with a login.
 */
export async function lockAuthenticatorsOf(tx: Tx, customerId: string): Promise<{ devices: number; sessions: number }> {
  assert(tx.inTransaction, 'authenticators are locked inside the transaction that ends them');
  const devices = await lockActiveDevices(tx, customerId, null);
  const sessions = await lockLiveSessionsOf(tx, customerId);
  return { devices: devices.length, sessions: sessions.length };
}

/**
 * Whether `password` is the customer's, for a check that must not tell (the emergency block
 * form): one Argon2 verification through the bounded pool whether or not `customerId` names
 * anyone, as the login does for an unknown phone (RTS 4(3)(a)). It counts nothing toward the
 * password lock: whoever knows a phone number must not be able to lock its customer out by it.
 * May throw the 503 problem `password-check-busy` (SECURITY.md 37).
 */
export async function passwordMatches(db: Queryable, customerId: string | null, password: string): Promise<boolean> {
  const storedHash = customerId ? await passwordHashOf(db, customerId) : null;
  return verifyPassword(storedHash, password);
}
