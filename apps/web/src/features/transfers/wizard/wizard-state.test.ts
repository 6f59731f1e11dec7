import { describe, expect, it } from 'vitest';
import type { Operation, PayeeLookup } from '../../../money/model';
import { operationFixture } from '../../../money/operation.fixtures';
import { amountText, formFromPayee, formFromRepeat, requestBody } from './wizard-model';
import { canSend, initialState, payeeVerdict, type WizardAction, type WizardState, wizardReducer } from './wizard-state';

// The transfer wizard as a reducer (issue 12 item 7): each path through the steps, without a browser.

const NETWORK = { status: null, body: null };
const named: PayeeLookup = { found: true, maskedName: 'Айгерим Б.', isSelf: false, thisBank: true, bankCode: null };
const nobody: PayeeLookup = { found: false, maskedName: null, isSelf: false, thisBank: false, bankCode: null };
const otherBank: PayeeLookup = { found: false, maskedName: null, isSelf: false, thisBank: false, bankCode: '125' };

/** A transfer awaiting its code, as the API returns it. */
function operation(overrides: Partial<Operation>): Operation {
  return operationFixture({
    status: 'awaiting_confirmation',
    confirmation: { expiresAt: '2026-12-01T10:05:00Z', resendAvailableAt: '2026-12-01T10:01:00Z' },
    ...overrides,
  });
}

function run(actions: WizardAction[], state: WizardState = initialState({ sourceAccountId: 'acc_1' })): WizardState {
  return actions.reduce(wizardReducer, state);
}

describe('the transfer wizard', () => {
  it('goes details → review (payee named) → code → result', () => {
    const reviewing = run([{ type: 'edited', name: 'payeePhone', value: '+7 701 123 45 67' }, { type: 'lookupStarted' }]);
    expect(reviewing).toMatchObject({ step: 'details', busy: true, payee: { status: 'checking' } });
    expect(canSend(reviewing)).toBe(false);
    const review = run([{ type: 'lookedUp', lookup: named }], reviewing);
    expect(review).toMatchObject({ step: 'review', busy: false, payee: { status: 'known', lookup: named } });
    expect(canSend(review)).toBe(true);
    const code = run(
      [
        { type: 'submitStarted', key: 'key-1' },
        { type: 'created', transfer: operation({}) },
      ],
      review,
    );
    expect(code).toMatchObject({ step: 'code', codeAsked: true, submissionKey: 'key-1' });
    const done = run([{ type: 'settled', transfer: operation({ status: 'completed', confirmation: null }) }], code);
    expect(done).toMatchObject({ step: 'result', codeAsked: true, transfer: { status: 'completed' } });
  });

  it('skips the code step when the bank asks for none, and says so', () => {
    const state = run([
      { type: 'reviewed' },
      { type: 'submitStarted', key: 'k' },
      { type: 'created', transfer: operation({ status: 'completed', confirmation: null }) },
    ]);
    expect(state).toMatchObject({ step: 'result', codeAsked: false });
  });

  it('does not send to a phone that names nobody, nor to oneself; another bank is fine', () => {
    expect(canSend(run([{ type: 'lookedUp', lookup: nobody }]))).toBe(false);
    expect(canSend(run([{ type: 'lookedUp', lookup: { ...named, isSelf: true } }]))).toBe(false);
    expect(canSend(run([{ type: 'lookedUp', lookup: otherBank }]))).toBe(true);
    expect(payeeVerdict(otherBank)).toBe('other-bank');
    expect(payeeVerdict({ ...nobody, thisBank: true, bankCode: '722' })).toBe('nobody');
    // A look-up that failed does not stop the transfer: the bank checks again when it is sent.
    expect(canSend(run([{ type: 'lookupFailed', failure: NETWORK }]))).toBe(true);
  });

  it('forgets the look-up when the payee is changed', () => {
    const state = run([
      { type: 'lookedUp', lookup: named },
      { type: 'backToDetails' },
      { type: 'edited', name: 'payeePhone', value: '+7 702' },
    ]);
    expect(state.payee).toEqual({ status: 'none' });
    const amountOnly = run([
      { type: 'lookedUp', lookup: named },
      { type: 'backToDetails' },
      { type: 'edited', name: 'amountText', value: '5' },
    ]);
    expect(amountOnly.payee.status).toBe('known');
  });

  it('keeps the Idempotency-Key to retry after a lost answer, and makes a new one after a refusal', () => {
    const sent = run([{ type: 'reviewed' }, { type: 'submitStarted', key: 'key-1' }]);
    expect(run([{ type: 'submitFailed', failure: NETWORK }], sent)).toMatchObject({ submissionKey: 'key-1', step: 'review' });
    expect(run([{ type: 'submitFailed', failure: { status: 503, body: null } }], sent).submissionKey).toBe('key-1');
    expect(run([{ type: 'submitFailed', failure: { status: 429, body: null } }], sent).submissionKey).toBeNull();
    const refused = run([{ type: 'submitFailed', failure: { status: 400, body: null }, errors: { payeeIban: 'Проверьте IBAN' } }], sent);
    expect(refused).toMatchObject({ step: 'details', submissionKey: null, errors: { payeeIban: 'Проверьте IBAN' } });
  });

  it('shows a cancelled transfer as its result, and starts over keeping the account', () => {
    const code = run([
      { type: 'reviewed' },
      { type: 'created', transfer: operation({}) },
      { type: 'edited', name: 'amountText', value: '1' },
    ]);
    const cancelled = run([{ type: 'settled', transfer: operation({ status: 'cancelled', confirmation: null }) }], code);
    expect(cancelled).toMatchObject({ step: 'result', transfer: { status: 'cancelled' } });
    expect(run([{ type: 'startedOver' }], cancelled)).toEqual(initialState({ sourceAccountId: 'acc_1' }));
  });

  it('marks fields and returns to the details on "invalid"', () => {
    const state = run([{ type: 'reviewed' }, { type: 'invalid', errors: { payeePhone: 'Это ваш номер' } }]);
    expect(state).toMatchObject({ step: 'details', errors: { payeePhone: 'Это ваш номер' } });
    expect(run([{ type: 'edited', name: 'payeePhone', value: '+7' }], state).errors.payeePhone).toBeUndefined();
  });
});

describe('prefilling the form', () => {
  it('repeats a transfer with its payee and amount as the customer would type them', () => {
    expect(amountText(150_050, 2)).toBe('1500,50');
    expect(amountText(100_000, 2)).toBe('1000');
    expect(amountText(5, 2)).toBe('0,05');
    expect(
      formFromRepeat(
        {
          kind: 'phone',
          sourceAccountId: 'acc_1',
          destinationAccountId: null,
          payeePhone: '+77011234567',
          payeeIban: null,
          payeeName: null,
          purposeCode: null,
          description: 'За обед',
          amountMinor: 250_000,
          currency: 'KZT',
        },
        2,
      ),
    ).toMatchObject({ sourceAccountId: 'acc_1', payeePhone: '+7 701 123 45 67', amountText: '2500', description: 'За обед' });
  });

  it("fills another bank's payee in full from the recent payees, and the request is what the API takes", () => {
    const form = formFromPayee({
      kind: 'iban',
      phone: null,
      iban: 'KZ86125KZT5004100100',
      name: 'ТОО Ромашка',
      payeeTaxId: '123456789012',
      purposeCode: '119',
      lastAmountMinor: 1,
      currency: 'KZT',
      lastAt: '',
      operationId: 'op_1',
    });
    expect(form).toMatchObject({ payeeIban: 'KZ86 125K ZT50 0410 0100', payeeName: 'ТОО Ромашка', payeeTaxId: '123456789012' });
    const source = { id: 'acc_1', currency: 'KZT' } as Parameters<typeof requestBody>[2];
    expect(requestBody('iban', { ...initialState().form, ...form }, source, 100n)).toEqual({
      kind: 'iban',
      sourceAccountId: 'acc_1',
      amountMinor: 100,
      currency: 'KZT',
      description: undefined,
      payeeIban: 'KZ86125KZT5004100100',
      payeeName: 'ТОО Ромашка',
      payeeTaxId: '123456789012',
      purposeCode: '119',
    });
  });
});
