import { initialPayState, type PayAction, type PayState, payReducer } from '../payments/pay-state';
import type { FieldValues, ProviderView } from '../payments/payment-model';
import { prefilledPayState, type SavedPrefill } from '../payments/saved-model';

/**
 * A guest's form: the customer's payment state (pay-state.ts: the fields, the check, the bill's
 * lines, the amount, the fee quoted) plus what only a guest has, the phone for the receipt and
 * the move to the card page:
 *   details → review (fee quoted) → card (the checkout link opens; the outcome is /pay/done)
 *   review → details ("change", a field the bank refused, or the provider's answer ran out).
 */
export interface GuestPayState extends PayState {
  receiptPhone: string;
  receiptError: string | null;
  /** The payment is created and the browser is on its way to the checkout: nothing more to press. */
  leaving: boolean;
}

export type GuestPayAction =
  | PayAction
  | { type: 'receiptEdited'; value: string }
  | { type: 'receiptRefused'; message: string }
  | { type: 'leaving' };

export function initialGuestPayState(values: FieldValues = {}): GuestPayState {
  return { ...initialPayState(values, ''), receiptPhone: '', receiptError: null, leaving: false };
}

/** A signed-in customer's "By card" (payments/card-source.ts) brings the fields and the amount typed on their own form. */
export function prefilledGuestPayState(provider: ProviderView, prefill: SavedPrefill | null): GuestPayState {
  return { ...initialGuestPayState(), ...prefilledPayState(provider, prefill, '') };
}

export function guestPayReducer(state: GuestPayState, action: GuestPayAction): GuestPayState {
  switch (action.type) {
    case 'receiptEdited':
      return { ...state, receiptPhone: action.value, receiptError: null };
    case 'receiptRefused':
      return { ...state, receiptError: action.message, busy: false };
    case 'leaving':
      return { ...state, leaving: true, busy: true };
    default:
      return { ...state, ...payReducer(state, action) };
  }
}
