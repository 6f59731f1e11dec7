import type { TransferKind } from '../../../api/enums';
import type { ApiFailure } from '../../../api/problem';
import type { Operation, PayeeLookup } from '../../../money/model';
import type { FormErrors, TransferForm } from './wizard-model';

/**
 * The transfer wizard's state and every way it changes, as a reducer (issue 12 item 7): the
 * screens dispatch what happened, the bank's answers included, and this decides the next step.
 * Pure, so each path is a unit test (wizard-state.test.ts) rather than a browser journey.
 *
 * Steps: details → (the payee looked up) review → code → result; own transfers and exempt
 * payees skip the code step. Any step may go back to details with field errors.
 */

export type Step = 'details' | 'review' | 'code' | 'result';

/** Whom the money goes to, as the bank told it before anything is sent (POST /transfers/payee-lookup). */
export type PayeeCheck =
  | { status: 'none' }
  | { status: 'checking' }
  | { status: 'known'; lookup: PayeeLookup }
  /** The look-up failed (network, its day's cap): the review says the name could not be checked. */
  | { status: 'unknown'; failure: ApiFailure };

export interface WizardState {
  step: Step;
  form: TransferForm;
  errors: FormErrors;
  /** The last failed request, shown on the step it belongs to. */
  failure: ApiFailure | null;
  busy: boolean;
  payee: PayeeCheck;
  /** The operation the bank made, once it answered. */
  transfer: Operation | null;
  /** Whether the bank's answer asked for a code: without one, the code step was skipped, not done. */
  codeAsked: boolean;
  /**
   * The Idempotency-Key of the submission in flight: made on "send", kept for its retries, so a
   * retry after a lost answer returns the first result instead of making a second transfer.
   */
  submissionKey: string | null;
}

export type WizardAction =
  | { type: 'edited'; name: keyof TransferForm; value: string }
  | { type: 'prefilled'; form: Partial<TransferForm> }
  | { type: 'invalid'; errors: FormErrors; failure?: ApiFailure }
  | { type: 'lookupStarted' }
  | { type: 'lookedUp'; lookup: PayeeLookup }
  | { type: 'lookupFailed'; failure: ApiFailure }
  /** To the review without a look-up: between own accounts the payee is an account. */
  | { type: 'reviewed' }
  | { type: 'backToDetails' }
  | { type: 'submitStarted'; key: string }
  | { type: 'submitFailed'; failure: ApiFailure; errors?: FormErrors }
  | { type: 'created'; transfer: Operation }
  /** A newer state of the operation: confirmed, declined by wrong codes, expired, cancelled. */
  | { type: 'settled'; transfer: Operation }
  | { type: 'codeResent'; transfer: Operation }
  | { type: 'startedOver' };

export const EMPTY_FORM: TransferForm = {
  sourceAccountId: '',
  destinationAccountId: '',
  payeePhone: '',
  payeeIban: '',
  cardNumber: '',
  payeeName: '',
  payeeTaxId: '',
  purposeCode: '',
  amountText: '',
  description: '',
};

export function initialState(form: Partial<TransferForm> = {}): WizardState {
  return {
    step: 'details',
    form: { ...EMPTY_FORM, ...form },
    errors: {},
    failure: null,
    busy: false,
    payee: { status: 'none' },
    transfer: null,
    codeAsked: false,
    submissionKey: null,
  };
}

/** A field that names the payee: changing it makes the last look-up stale. */
const PAYEE_FIELDS: ReadonlySet<keyof TransferForm> = new Set(['payeePhone', 'payeeIban', 'destinationAccountId']);

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'edited':
      return {
        ...state,
        form: { ...state.form, [action.name]: action.value },
        errors: { ...state.errors, [action.name]: undefined },
        payee: PAYEE_FIELDS.has(action.name) ? { status: 'none' } : state.payee,
      };
    case 'prefilled':
      return { ...state, form: { ...state.form, ...action.form }, payee: { status: 'none' } };
    case 'invalid':
      return { ...state, step: 'details', errors: action.errors, failure: action.failure ?? null, busy: false, payee: { status: 'none' } };
    case 'lookupStarted':
      return { ...state, errors: {}, failure: null, busy: true, payee: { status: 'checking' } };
    case 'lookedUp':
      return { ...state, step: 'review', busy: false, payee: { status: 'known', lookup: action.lookup }, submissionKey: null };
    case 'lookupFailed':
      return { ...state, step: 'review', busy: false, payee: { status: 'unknown', failure: action.failure }, submissionKey: null };
    case 'reviewed':
      return { ...state, step: 'review', errors: {}, failure: null, submissionKey: null };
    case 'backToDetails':
      return { ...state, step: 'details', failure: null, busy: false };
    case 'submitStarted':
      return { ...state, busy: true, failure: null, submissionKey: action.key };
    case 'submitFailed':
      // A refusal before any operation exists (bad input): back to the form with the fields
      // marked, and a fresh key for the corrected request. A lost answer keeps its key to retry.
      if (action.errors && Object.keys(action.errors).length > 0)
        return { ...state, step: 'details', busy: false, failure: action.failure, errors: action.errors, submissionKey: null };
      return {
        ...state,
        busy: false,
        failure: action.failure,
        submissionKey: action.failure.status !== null && action.failure.status < 500 ? null : state.submissionKey,
      };
    case 'created': {
      const asked = action.transfer.status === 'awaiting_confirmation' && action.transfer.confirmation !== null;
      return { ...state, busy: false, failure: null, transfer: action.transfer, codeAsked: asked, step: asked ? 'code' : 'result' };
    }
    case 'settled':
      return {
        ...state,
        busy: false,
        transfer: action.transfer,
        step: action.transfer.status === 'awaiting_confirmation' ? state.step : 'result',
      };
    case 'codeResent':
      return { ...state, transfer: action.transfer };
    case 'startedOver':
      return initialState({ sourceAccountId: state.form.sourceAccountId });
  }
}

/** What a look-up means for the transfer: a named customer, another bank, nobody, or oneself. */
export type PayeeVerdict = 'named' | 'other-bank' | 'nobody' | 'self';

export function payeeVerdict(lookup: PayeeLookup, kind?: TransferKind): PayeeVerdict {
  // A card number: one's own card is a payee like any other (its account is credited), and a
  // card outside Kassa's BIN is another bank's.
  if (kind === 'card-number') return lookup.found ? 'named' : lookup.thisBank ? 'nobody' : 'other-bank';
  if (lookup.isSelf) return 'self';
  if (lookup.found) return 'named';
  // A phone is always this bank's; an IBAN with another bank's code goes there.
  return lookup.bankCode !== null && !lookup.thisBank ? 'other-bank' : 'nobody';
}

/**
 * Whether the review may send: not while the payee is being checked, and not to a phone or an
 * account of this bank that names nobody (the bank would only decline it), nor to oneself.
 */
export function canSend(state: WizardState, kind?: TransferKind): boolean {
  if (state.busy || state.payee.status === 'checking') return false;
  if (state.payee.status !== 'known') return true;
  const verdict = payeeVerdict(state.payee.lookup, kind);
  return verdict === 'named' || verdict === 'other-bank';
}
