import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { CURRENCIES } from '../ledger/index.js';
import { type AuthenticateInput, type AuthenticateOutcome, type ThreeDsResult, UUID_PATTERN } from './acs.types.js';
import { routeAReq } from './directory-server.js';
import { type AReq, MESSAGE_VERSION } from './emv-messages.js';
import { insertServerTransaction, recordChallenge, recordResult, selectServerTransaction } from './three-ds-server.repo.js';

/**
 * The 3DS Server: Kassa the acquirer's side of 3-D Secure (issue 15 item 4). The checkout calls
 * `authenticate` for a payment's card; it sends the AReq through the directory server and keeps
 * what the ARes says. A frictionless answer (or a refusal) is the result at once; a challenge is
 * handed back with its ids for the ACS's page, and its result comes later in the RReq
 * (three-ds-server-results.ts), which `challengeResultOf` reads. Never inside a transaction: each
 * role writes in its own, as three separate systems would.
 */

const REQUESTOR_ID = 'KASSA-ACQUIRING';
const REQUESTOR_NAME = 'Kassa';
const SERVER_REFERENCE_NUMBER = 'KASSA-3DSS-0001';
/** DE42 is 15 characters: the acquirer sends the merchant id's last 15 (acquiring/money card-messages.ts merchantIdOf). */
const MERCHANT_ID_LENGTH = 15;
const KAZAKHSTAN_NUMERIC = '398';

/** acquirerMerchantID: the same value the authorisation's DE42 carries, so the authentication value binds to it. */
export function acquirerMerchantIdOf(merchantId: string): string {
  return merchantId.slice(-MERCHANT_ID_LENGTH).toUpperCase();
}

function purchaseDateOf(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function aReqOf(ctx: AppContext, threeDSServerTransID: string, input: AuthenticateInput): AReq {
  const currency = CURRENCIES[input.currency];
  return {
    messageType: 'AReq',
    messageVersion: MESSAGE_VERSION,
    messageCategory: '01',
    deviceChannel: '02',
    threeDSServerTransID,
    threeDSServerRefNumber: SERVER_REFERENCE_NUMBER,
    threeDSServerURL: `${ctx.config.publicOrigin}/api/3ds-server`,
    threeDSRequestorID: REQUESTOR_ID,
    threeDSRequestorName: REQUESTOR_NAME,
    threeDSRequestorURL: ctx.config.publicOrigin,
    threeDSRequestorAuthenticationInd: '01',
    threeDSCompInd: 'U',
    acctNumber: input.pan,
    cardExpiryDate: input.expiry,
    acquirerBIN: input.merchant.bin.slice(0, 11),
    acquirerMerchantID: acquirerMerchantIdOf(input.merchant.id),
    mcc: input.merchant.mcc,
    merchantCountryCode: KAZAKHSTAN_NUMERIC,
    merchantName: input.merchant.displayName.slice(0, 40),
    purchaseAmount: input.amountMinor.toString(),
    purchaseCurrency: currency.numericCode,
    purchaseExponent: String(currency.minorUnitExponent),
    purchaseDate: purchaseDateOf(ctx.clock.now()),
    transType: '01',
    notificationURL: input.notificationUrl,
  };
}

export async function authenticate(ctx: AppContext, input: AuthenticateInput): Promise<AuthenticateOutcome> {
  const threeDSServerTransID = randomUUID();
  await insertServerTransaction(ctx.db, threeDSServerTransID, input.paymentId, ctx.clock.now());
  const answer = await routeAReq(ctx, aReqOf(ctx, threeDSServerTransID, input));
  // An Erro is no authentication: U, with the directory server's id when it gave one.
  const ares =
    answer.messageType === 'ARes'
      ? answer
      : {
          transStatus: 'U' as const,
          dsTransID: answer.dsTransID ?? randomUUID(),
          acsTransID: null,
          eci: undefined,
          authenticationValue: undefined,
          transStatusReason: undefined,
        };
  if (ares.transStatus === 'C' && ares.acsTransID) {
    await recordChallenge(ctx.db, threeDSServerTransID, { acsTransID: ares.acsTransID, dsTransID: ares.dsTransID });
    return { kind: 'challenge', acsTransID: ares.acsTransID, threeDSServerTransID };
  }
  const result: ThreeDsResult = {
    // C without an ACS transaction cannot happen (the schema's check); it is no result either.
    status: ares.transStatus === 'C' ? 'U' : ares.transStatus,
    eci: ares.eci ?? null,
    authenticationValue: ares.authenticationValue ?? null,
    dsTransID: ares.dsTransID,
  };
  await recordResult(
    ctx.db,
    threeDSServerTransID,
    { ...result, acsTransID: ares.acsTransID, transStatusReason: ares.transStatusReason ?? null },
    ctx.clock.now(),
  );
  return { kind: 'result', result };
}

/** The result of a challenge once its RReq came; null while it is open (or for an unknown id). */
export async function challengeResultOf(ctx: AppContext, threeDSServerTransID: string): Promise<ThreeDsResult | null> {
  if (!UUID_PATTERN.test(threeDSServerTransID)) return null;
  const stored = await selectServerTransaction(ctx.db, threeDSServerTransID);
  if (!stored?.resultAt || !stored.transStatus || stored.transStatus === 'C' || !stored.dsTransID) return null;
  return {
    status: stored.transStatus,
    eci: stored.eci,
    authenticationValue: stored.authenticationValue,
    dsTransID: stored.dsTransID,
  };
}
