import type { ApiFailure } from '../../api/problem';
import type { Operation } from '../../money/model';
import { type CheckView, type FeeQuote, type FieldValues, type FormErrors, initialLineChoices, type LineChoice } from './payment-model';

type PaidLine = { id: string; amountMinor: number };

/**
 * The provider form's state, one reducer for the whole flow:
 *   details → review (the fee quoted, an Idempotency-Key chosen) → code (when the bank sent one) → result
 *   review → details ("change", or the provider's answer ran out); code → result (confirmed, cancelled, used up); result → details (another).
 * A check belongs to the values it was made for: editing a field drops it, so a payment never
 * carries a check of another account.
 */

export type PayStep = 'details' | 'review' | 'code' | 'result';

export interface PayState {
  step: PayStep;
  values: FieldValues;
  sourceAccountId: string;
  amountText: string;
  check: CheckView | null;
  lineChoices: LineChoice[];
  errors: FormErrors;
  /** A refusal not tied to a field (provider unavailable, limits): shown above the form or the review. */
  failure: ApiFailure | null;
  busy: boolean;
  fee: FeeQuote | null;
  /** What the review shows and "Pay" sends: the amount and, for a bill, the lines picked. */
  paid: { amountMinor: bigint; lines: PaidLine[] | null } | null;
  /** Chosen when the review opens, sent with every try of that one submission, dropped on "change". */
  submissionKey: string | null;
  payment: Operation | null;
  /** Whether the bank asked for a code: the result then shows the code step as done. */
  codeAsked: boolean;
}

export type PayAction =
  | { type: 'edited'; name: string; value: string }
  | { type: 'sourceChosen'; accountId: string }
  | { type: 'amountEdited'; value: string }
  | { type: 'lineToggled'; id: string; chosen: boolean }
  | { type: 'lineEdited'; id: string; value: string }
  | { type: 'invalid'; errors: FormErrors }
  | { type: 'started' }
  | { type: 'checked'; check: CheckView; currency: string }
  | { type: 'failed'; failure: ApiFailure | null; errors: FormErrors }
  | { type: 'reviewed'; fee: FeeQuote; key: string; paid: NonNullable<PayState['paid']> }
  | { type: 'checkOutdated'; failure: ApiFailure }
  | { type: 'backToDetails' }
  | { type: 'created'; payment: Operation }
  | { type: 'settled'; payment: Operation }
  | { type: 'codeResent'; payment: Operation }
  | { type: 'startedOver' };

export function initialPayState(values: FieldValues, sourceAccountId: string): PayState {
  return {
    step: 'details',
    values,
    sourceAccountId,
    amountText: '',
    check: null,
    lineChoices: [],
    errors: {},
    failure: null,
    busy: false,
    fee: null,
    paid: null,
    submissionKey: null,
    payment: null,
    codeAsked: false,
  };
}

function withoutError(errors: FormErrors, name: string): FormErrors {
  if (!(name in errors)) return errors;
  const { [name]: _dropped, ...rest } = errors;
  return rest;
}

export function payReducer(state: PayState, action: PayAction): PayState {
  switch (action.type) {
    case 'edited':
      return {
        ...state,
        values: { ...state.values, [action.name]: action.value },
        errors: withoutError(state.errors, action.name),
        check: null,
        lineChoices: [],
        failure: null,
      };
    case 'sourceChosen':
      return { ...state, sourceAccountId: action.accountId, failure: null };
    case 'amountEdited':
      return { ...state, amountText: action.value, errors: withoutError(state.errors, 'amount') };
    case 'lineToggled':
      return {
        ...state,
        lineChoices: state.lineChoices.map((line) => (line.id === action.id ? { ...line, chosen: action.chosen } : line)),
        errors: withoutError(withoutError(state.errors, 'lines'), `line:${action.id}`),
      };
    case 'lineEdited':
      return {
        ...state,
        lineChoices: state.lineChoices.map((line) => (line.id === action.id ? { ...line, amountText: action.value } : line)),
        errors: withoutError(state.errors, `line:${action.id}`),
      };
    case 'invalid':
      return { ...state, errors: action.errors, busy: false };
    case 'started':
      return { ...state, busy: true, failure: null };
    case 'checked':
      return {
        ...state,
        busy: false,
        check: action.check,
        errors: {},
        lineChoices: action.check.bill ? initialLineChoices(action.check.bill, action.currency) : [],
      };
    case 'failed':
      return { ...state, busy: false, failure: action.failure, errors: { ...state.errors, ...action.errors } };
    case 'reviewed':
      return { ...state, busy: false, step: 'review', fee: action.fee, paid: action.paid, submissionKey: action.key, failure: null };
    case 'backToDetails':
      return { ...state, step: 'details', fee: null, paid: null, submissionKey: null, failure: null, busy: false };
    // The provider's answer ran out (or belongs to other values): back to the form, to check again.
    case 'checkOutdated':
      return {
        ...state,
        step: 'details',
        fee: null,
        paid: null,
        submissionKey: null,
        check: null,
        lineChoices: [],
        failure: action.failure,
        busy: false,
      };
    case 'created':
      return {
        ...state,
        busy: false,
        payment: action.payment,
        codeAsked: action.payment.confirmation !== null,
        step: action.payment.status === 'awaiting_confirmation' ? 'code' : 'result',
      };
    case 'settled':
      return { ...state, busy: false, payment: action.payment, step: 'result' };
    case 'codeResent':
      return { ...state, payment: action.payment };
    case 'startedOver':
      return initialPayState(state.values, state.sourceAccountId);
  }
}
