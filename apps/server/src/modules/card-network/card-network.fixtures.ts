import type { TestApp } from '../../../test/harness.js';
import { type CardOwner, cardCall, cardOwner, issueCard, lastCode } from '../cards/cards.fixtures.js';
import { accountBalance } from '../ledger/index.js';
import type { AuthorisationRequest, MessageType, NetworkAnswer } from './message-schemas.js';
import { SimulatedCardNetwork } from './simulated-network.js';

/**
 * Test helpers of the card network: a customer's card with the details the customer would type
 * (read through the reveal, after its code, as the customer reads them), and the simulated network
 * that signs and sends messages to the bank's endpoints.
 */

export interface TypedCard {
  owner: CardOwner;
  cardId: string;
  last4: string;
  pan: string;
  /** YYMM, as DE14 carries it. */
  expiry: string;
  cvc2: string;
}

/** A card on a customer's current account holding `amountMinor`, with its details as revealed. */
export async function typedCard(
  t: TestApp,
  amountMinor: bigint,
  kind: 'virtual' | 'single_use' = 'virtual',
  owner?: CardOwner,
): Promise<TypedCard> {
  const holder = owner ?? (await cardOwner(t, amountMinor));
  const card = await issueCard(t, holder, kind);
  const started = await cardCall(t, holder.who, 'POST', `/api/v1/cards/${card.id}/reveal`);
  if (started.statusCode !== 201) throw new Error(`reveal: ${started.statusCode} ${started.body}`);
  const code = await lastCode(t, holder.who);
  const shown = await cardCall(t, holder.who, 'POST', `/api/v1/cards/${card.id}/reveal/confirm`, {
    challengeId: started.json().confirmation.challengeId,
    code,
  });
  if (shown.statusCode !== 200) throw new Error(`reveal confirm: ${shown.statusCode} ${shown.body}`);
  const details = shown.json();
  const expiry = `${String(details.expiryYear % 100).padStart(2, '0')}${String(details.expiryMonth).padStart(2, '0')}`;
  return { owner: holder, cardId: card.id, last4: card.last4, pan: details.pan, expiry, cvc2: details.cvc2 };
}

/** The simulated network with the app's first network key (the development key in tests). */
export function networkOf(t: TestApp): SimulatedCardNetwork {
  return new SimulatedCardNetwork(t.app.ctx.config.cardNetwork.keys.all[0] ?? null);
}

/** Signs `message` at the app's clock and sends it; the HTTP answer. */
export function sendSigned(t: TestApp, type: MessageType, message: object, network = networkOf(t)) {
  const signed = network.sign(type, message, t.clock.now().getTime());
  return t.app.inject({ method: signed.method, url: signed.url, headers: signed.headers, payload: signed.payload });
}

/** Sends and expects a 200: the network's answer. */
export async function answered(t: TestApp, type: MessageType, message: object): Promise<NetworkAnswer> {
  const answer = await sendSigned(t, type, message);
  if (answer.statusCode !== 200) throw new Error(`${type}: ${answer.statusCode} ${answer.body}`);
  return answer.json();
}

/** An e-commerce purchase on the card with its expiry and CVC2, at the test shop. */
export function purchaseOf(
  t: TestApp,
  card: TypedCard,
  amountMinor: number,
  fields: Partial<AuthorisationRequest> = {},
): AuthorisationRequest {
  return networkOf(t).purchase(card.pan, amountMinor, { expiry: card.expiry, cvc2: card.cvc2, ...fields }, t.clock.now());
}

export async function availableOf(t: TestApp, card: TypedCard): Promise<bigint> {
  const balance = await accountBalance(t.db, card.owner.currentAccountId);
  if (!balance) throw new Error('no account');
  return balance.availableMinor;
}

export async function balanceOf(t: TestApp, card: TypedCard): Promise<bigint> {
  const balance = await accountBalance(t.db, card.owner.currentAccountId);
  if (!balance) throw new Error('no account');
  return balance.balanceMinor;
}
