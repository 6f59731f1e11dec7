import { parseAmountMinor } from '../../money/model';
import type { CardView } from '../cards/card-model';
import { type FieldValues, fieldValuesForApi, type ProviderView } from './payment-model';
import type { SavedPrefill } from './saved-model';

/**
 * "By card" on a provider's form (issue 16 item 3): a signed-in customer who holds an active Kassa
 * card may pay the provider from it instead of an account. The card flow is the guests' one
 * (/pay/:providerId → the bank's hosted checkout → /pay/done), where the checkout offers the
 * customer's own cards and applies their controls and 3-D Secure. Only the fields and the amount
 * travel there, in the router's state: never a card's number, and nothing in the URL or storage.
 */

/** The source select's value for "By card": not an account id (those start acc_ or wal_), so never mistaken for one. */
export const CARD_SOURCE = 'card';

/** A frozen or closed card cannot pay: the choice is offered only with a card that can. */
export function hasPayingCard(cards: readonly Pick<CardView, 'status'>[]): boolean {
  return cards.some((card) => card.status === 'active');
}

/** What the customer typed so far, as the card flow's form takes it (saved-model.ts savedPrefillOf): the fields and a whole positive amount. */
export function cardFlowPrefill(
  provider: Pick<ProviderView, 'fields' | 'currency'>,
  form: { values: FieldValues; amountText: string },
): SavedPrefill {
  const fields = fieldValuesForApi(provider.fields, form.values);
  const parsed = parseAmountMinor(form.amountText, provider.currency);
  // An amount the form cannot read stays behind: the card form asks for it again, with the provider's range.
  if (!parsed.ok || parsed.amountMinor <= 0n || parsed.amountMinor > BigInt(Number.MAX_SAFE_INTEGER)) return { fields };
  return { fields, amountMinor: Number(parsed.amountMinor) };
}

/** Where "By card" leads for this provider. */
export function cardFlowPath(providerId: string): string {
  return `/pay/${encodeURIComponent(providerId)}`;
}
