import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { lockByDsTransID, markPurchaseApproved, markValueUsed } from './acs.repo.js';
import { type AuthenticationRefusal, UUID_PATTERN } from './acs.types.js';
import { authenticationValueMatches, panHashCandidates } from './authentication-value.js';
import { ECI } from './emv-messages.js';

/**
 * What the issuer's authorisation engine (card-network authorise.ts) asks of Kassa's ACS about a
 * purchase's 3-D Secure result (issue 15 item 4): Y or A, with an authentication value that Kassa's
 * ACS made for this very card, amount, currency, merchant and status, not used before. Anything
 * else is refused with its reason: missing (no result where one is required), not-authenticated
 * (N, R, U, C), invalid (no value, a forged one, one made for another payment or status, a wrong
 * ECI, a dsTransID the ACS never gave), reused (the value was used by another authorisation).
 *
 * In the engine's transaction, which takes this row's lock after the message's identity and before
 * the card's: the value is marked used in the transaction that decides the purchase, so two
 * authorisations carrying it cannot both pass, and a decision rolled back gives it back.
 */

export interface PresentedAuthentication {
  pan: string;
  amountMinor: bigint;
  /** DE49, ISO 4217 numeric. */
  currencyNumeric: string;
  /** DE42. */
  merchantId: string;
  /** DE37 of the purchase that uses the value. */
  rrn: string;
  threeDs:
    | {
        status: string;
        eci?: string | undefined;
        authenticationValue?: string | undefined;
        dsTransID?: string | undefined;
      }
    | undefined;
}

export type VerifyAuthenticationResult = { ok: true; dsTransID: string } | { ok: false; reason: AuthenticationRefusal };

export async function verifyAuthenticationValue(
  tx: Tx,
  ctx: AppContext,
  presented: PresentedAuthentication,
  now: Date,
): Promise<VerifyAuthenticationResult> {
  assert(tx.inTransaction, 'an authentication value is used in the transaction that decides its purchase');
  const threeDs = presented.threeDs;
  if (!threeDs) return { ok: false, reason: 'missing' };
  const status = threeDs.status;
  if (status !== 'Y' && status !== 'A') return { ok: false, reason: 'not-authenticated' };
  const { authenticationValue, dsTransID } = threeDs;
  if (!authenticationValue || !dsTransID || !UUID_PATTERN.test(dsTransID) || threeDs.eci !== ECI[status]) {
    return { ok: false, reason: 'invalid' };
  }
  const row = await lockByDsTransID(tx, dsTransID.toLowerCase());
  if (row?.issuer !== 'kassa' || !panHashCandidates(ctx.config.keyring, presented.pan).includes(row.panHash)) {
    return { ok: false, reason: 'invalid' };
  }
  const matches = authenticationValueMatches(ctx.config.keyring, authenticationValue, {
    dsTransID: row.dsTransID,
    panHash: row.panHash,
    amountMinor: presented.amountMinor,
    currencyNumeric: presented.currencyNumeric,
    merchantId: presented.merchantId,
    transStatus: status,
  });
  if (!matches || row.transStatus !== status) return { ok: false, reason: 'invalid' };
  if (!(await markValueUsed(tx, row.acsTransID, presented.rrn, now))) return { ok: false, reason: 'reused' };
  return { ok: true, dsTransID: row.dsTransID };
}

/**
 * The purchase the value was used for was approved: the card has now paid this merchant, which
 * the frictionless decision of its next authentication there counts (kassa-acs.ts). In the
 * engine's transaction, on the row verifyAuthenticationValue locked.
 */
export async function recordAuthenticatedApproval(tx: Tx, dsTransID: string, now: Date): Promise<void> {
  await markPurchaseApproved(tx, dsTransID, now);
}
