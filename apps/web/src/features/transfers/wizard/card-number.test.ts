import { describe, expect, it } from 'vitest';
import { cardFeeMinor, cardReference, checkCardNumber, groupCardNumber } from './card-number';
import { canSend, initialState, payeeVerdict, type WizardState } from './wizard-state';

const VALID = '4400430000000007';
const LOOKUP = { found: false, maskedName: null, isSelf: false, thisBank: false, bankCode: null };

describe('the card number field', () => {
  it('groups the digits 4-4-4-4 as they are typed, dropping anything else', () => {
    expect(groupCardNumber('44004300a000000-07')).toBe('4400 4300 0000 0007');
    expect(groupCardNumber('44004')).toBe('4400 4');
  });

  it('says nothing while typing, and names a wrong check digit once 16 digits are in', () => {
    expect(checkCardNumber('4400 43')).toBe('typing');
    expect(checkCardNumber('4400 43', { complete: true })).toBe('short');
    expect(checkCardNumber(VALID)).toBe('ok');
    expect(checkCardNumber('4400430000000008')).toBe('wrong');
    expect(cardReference(VALID)).toBe('•••• 0007');
  });
});

describe('the card payee', () => {
  it("sends to one's own card and to another bank's, but not to a Kassa number that names nobody", () => {
    expect(payeeVerdict({ ...LOOKUP, found: true, isSelf: true, maskedName: 'Айгерим Б.', thisBank: true }, 'card-number')).toBe('named');
    expect(payeeVerdict(LOOKUP, 'card-number')).toBe('other-bank');
    const nobody: WizardState = { ...initialState(), payee: { status: 'known', lookup: { ...LOOKUP, thisBank: true } } };
    expect(canSend(nobody, 'card-number')).toBe(false);
  });

  it("shows the schedule's card fee for another bank's card and none for a Kassa card", () => {
    const fees = {
      bankCode: '722',
      ownAccounts: 0,
      byPhone: 0,
      ibanThisBank: 0,
      ibanOtherBank: [],
      cardThisBank: 0,
      cardOtherBank: [{ currency: 'KZT', feeMinor: 20_000 }],
    };
    expect(cardFeeMinor(fees, LOOKUP, 'KZT')).toBe(20_000n);
    expect(cardFeeMinor(fees, { ...LOOKUP, thisBank: true, found: true }, 'KZT')).toBe(0n);
    expect(cardFeeMinor(fees, null, 'KZT')).toBeNull();
  });
});
