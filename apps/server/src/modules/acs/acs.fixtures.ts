import { randomUUID } from 'node:crypto';
import { codeIn, lastCodeSms } from '../../../test/customers.js';
import type { TestApp } from '../../../test/harness.js';
import { purchaseOf, type TypedCard } from '../card-network/card-network.fixtures.js';
import type { AuthorisationRequest } from '../card-network/index.js';
import type { AuthenticateInput, ThreeDsResult } from './acs.types.js';
import { acquirerMerchantIdOf, authenticate, challengeResultOf } from './three-ds-server.js';

/**
 * Test helpers of modules/acs: a checkout's authentication input for a card, and an authentication
 * passed the way a buyer passes it (the code read from the dev SMS inbox, typed on the challenge
 * API), for tests of what comes after (the on-us authorisation, acquiring's payments).
 */

export const TEST_MERCHANT = { id: `mch_${'a1b2c3d4'.repeat(4)}`, displayName: 'DEMO SHOP', mcc: '5411', bin: '250140000000' };

export function authenticationInput(
  card: Pick<TypedCard, 'pan' | 'expiry'>,
  amountMinor: bigint,
  overrides: Partial<AuthenticateInput> = {},
): AuthenticateInput {
  return {
    paymentId: `pay_${randomUUID().replaceAll('-', '')}`,
    pan: card.pan,
    expiry: card.expiry,
    amountMinor,
    currency: 'KZT',
    merchant: TEST_MERCHANT,
    notificationUrl: 'https://shop.example/3ds/notify',
    ...overrides,
  };
}

export function answerCode(t: TestApp, acsTransID: string, code: string) {
  return t.app.inject({ method: 'POST', url: `/api/acs/v1/challenges/${acsTransID}/answer`, payload: { code } });
}

/** Authenticates, and passes a challenge with the code from the cardholder's SMS; the 3DS Server's result. */
export async function passedAuthentication(t: TestApp, card: TypedCard, input: AuthenticateInput): Promise<ThreeDsResult> {
  const outcome = await authenticate(t.app.ctx, input);
  if (outcome.kind === 'result') return outcome.result;
  const code = codeIn(await lastCodeSms(t.app, card.owner.who.phone));
  const answered = await answerCode(t, outcome.acsTransID, code);
  if (answered.statusCode !== 200) throw new Error(`challenge: ${answered.statusCode} ${answered.body}`);
  const result = await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID);
  if (!result) throw new Error('no result after the challenge');
  return result;
}

/** The on-us authorisation (0100) of a purchase at the merchant, carrying the 3-D Secure result as the acquirer sends it. */
export function onUsMessage(
  t: TestApp,
  card: TypedCard,
  amountMinor: number,
  threeDs: ThreeDsResult | null,
  merchant: AuthenticateInput['merchant'] = TEST_MERCHANT,
): AuthorisationRequest {
  return purchaseOf(t, card, amountMinor, {
    merchantId: acquirerMerchantIdOf(merchant.id),
    merchantName: merchant.displayName,
    mcc: merchant.mcc,
    ...(threeDs
      ? {
          threeDs: {
            status: threeDs.status,
            ...(threeDs.eci ? { eci: threeDs.eci } : {}),
            ...(threeDs.authenticationValue ? { authenticationValue: threeDs.authenticationValue } : {}),
            dsTransID: threeDs.dsTransID,
          },
        }
      : {}),
  });
}
