import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/database.js';
import { selectAuthorisationByRrn, selectAuthorisationOfOperation } from './authorisations.repo.js';
import { authorise, ON_US_NETWORK } from './authorise.js';
import type { CardAuthorisation, NetworkCaller } from './card-network.types.js';
import { messageFingerprints } from './ids.js';
import type { AuthorisationRequest, ClearingRequest, NetworkAnswer, ReversalRequest } from './message-schemas.js';
import { clear, reverse } from './settle.js';

/**
 * On-us (issue 15 item 5): a purchase at a merchant Kassa acquires with a card Kassa issued never
 * leaves the bank. The acquiring side (modules/acquiring/money) hands the issuer's engine the same
 * ISO 8583 messages a network would, in-process, as a caller of its own, `kassa-acquiring`; the
 * engine decides them exactly as the network's (the card's controls, limits, 3-D Secure gating,
 * the hold, the history), each once (once.ts).
 *
 * No signature: the caller is this process. The fingerprint that tells a retry from another
 * message under the same DE37 is the keyed hash the routes compute, over the message without DE7
 * (its transmission time): the acquirer rebuilds a retried message from its ids, at a later time,
 * and it is the same message.
 */
const ON_US_KEY_ID = 'in-process';

function callerOf(ctx: AppContext, message: { transmittedAt: string }): NetworkCaller {
  const { transmittedAt: _transmittedAt, ...stable } = message;
  const fingerprints = messageFingerprints(ctx.config.keyring, ON_US_NETWORK, Buffer.from(JSON.stringify(stable)));
  return { network: ON_US_NETWORK, keyId: ON_US_KEY_ID, fingerprint: fingerprints.current, fingerprintCandidates: fingerprints.candidates };
}

export function authoriseOnUs(ctx: AppContext, message: AuthorisationRequest): Promise<NetworkAnswer> {
  return authorise(ctx, callerOf(ctx, message), message);
}

export function clearOnUs(ctx: AppContext, message: ClearingRequest): Promise<NetworkAnswer> {
  return clear(ctx, callerOf(ctx, message), message);
}

export function reverseOnUs(ctx: AppContext, message: ReversalRequest): Promise<NetworkAnswer> {
  return reverse(ctx, callerOf(ctx, message), message);
}

/** What the acquirer needs of an on-us purchase to pay a refund back: whose card, which account, its history record. */
type OnUsPurchase = Pick<
  CardAuthorisation,
  'operationId' | 'cardId' | 'customerId' | 'accountId' | 'currency' | 'status' | 'amountMinor' | 'clearedAmountMinor' | 'merchantName'
>;

export async function onUsPurchase(q: Queryable, rrn: string): Promise<OnUsPurchase | null> {
  const found = await selectAuthorisationByRrn(q, ON_US_NETWORK, rrn);
  if (!found) return null;
  const { operationId, cardId, customerId, accountId, currency, status, amountMinor, clearedAmountMinor, merchantName } = found;
  return { operationId, cardId, customerId, accountId, currency, status, amountMinor, clearedAmountMinor, merchantName };
}

/**
 * The DE37 of the on-us purchase an operation of the cardholder's history is (a chargeback finds
 * the merchant's payment by it); null for any other operation, or a purchase through the network.
 */
export async function onUsRrnOfOperation(q: Queryable, operationId: string): Promise<string | null> {
  const found = await selectAuthorisationOfOperation(q, operationId);
  return found?.network === ON_US_NETWORK ? found.rrn : null;
}
