import { describe, expect, it } from 'vitest';
import { billFixture, checkFixture, ercFixture, providerFixture } from '../payments/payment.fixtures';
import {
  attemptFor,
  checkoutTarget,
  GUEST_PAYMENTS_REMEMBERED_MAX,
  GUEST_PAYMENTS_STORAGE_KEY,
  guestPaymentBody,
  receiptPhoneValid,
  rememberGuestPayment,
  statusTokenOf,
} from './guest-model';
import { guestPayReducer, initialGuestPayState } from './guest-state';

/** A Storage of the page's own, in memory, as the tests' stand-in for sessionStorage. */
function memoryStorage(): Storage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    key: (index) => [...data.keys()][index] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const id = (n: number) => `gpy_${String(n).padStart(32, '0')}`;
const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';

describe('the request a guest’s "Pay" sends', () => {
  it('sends a validated number’s fields without the mask, its check, the amount and the receipt phone as +7…', () => {
    const body = guestPaymentBody(
      providerFixture(),
      { values: { phone: '+7 701 555 12 34' }, check: checkFixture(), paid: { amountMinor: 200_000n, lines: null } },
      '+7 701 555 01 01',
    );
    expect(body).toEqual({
      providerId: providerFixture().id,
      fields: { phone: '+77015551234' },
      amountMinor: 200_000,
      receiptPhone: '+77015550101',
      checkId: checkFixture().checkId,
    });
  });

  it('sends a bill’s lines as picked and no check id when the provider gave none', () => {
    const check = checkFixture({ checkId: null, bill: billFixture() });
    const lines = [{ id: 'electricity', amountMinor: 512_000 }];
    const body = guestPaymentBody(
      ercFixture(),
      { values: { account: '4400 123 456' }, check, paid: { amountMinor: 512_000n, lines } },
      '87015550101',
    );
    expect(body.lines).toEqual(lines);
    expect(body.fields).toEqual({ account: '4400123456' });
    expect('checkId' in body).toBe(false);
  });

  it('takes only a Kazakh number for the receipt', () => {
    expect(receiptPhoneValid('+7 701 555 01 01')).toBe(true);
    expect(receiptPhoneValid('+7 701 555 01')).toBe(false);
    // +7 9… is a Russian number: the same country code, not a Kazakh phone.
    expect(receiptPhoneValid('+7 916 255 01 01')).toBe(false);
    expect(receiptPhoneValid('+998901234567')).toBe(false);
  });
});

describe('the Idempotency-Key of a press of "Pay"', () => {
  const body = guestPaymentBody(
    providerFixture(),
    { values: { phone: '+77015551234' }, check: checkFixture(), paid: { amountMinor: 200_000n, lines: null } },
    '+77015550101',
  );
  let counter = 0;
  const newKey = () => `key-${++counter}`;

  it('keeps the key for a retry of the same body, so a timeout never pays twice', () => {
    const first = attemptFor(null, body, newKey);
    expect(attemptFor(first, { ...body }, newKey)).toBe(first);
  });

  it('chooses a new key once the body changed (another receipt phone), since the bank refuses a reused key', () => {
    const first = attemptFor(null, body, newKey);
    const second = attemptFor(first, { ...body, receiptPhone: '+77015550202' }, newKey);
    expect(second.key).not.toBe(first.key);
  });
});

describe('where the browser goes for the card', () => {
  it('follows the bank’s checkout link over http(s) only', () => {
    expect(checkoutTarget('http://localhost:5173/checkout/pay_1#tok')).toBe('http://localhost:5173/checkout/pay_1#tok');
    expect(checkoutTarget('javascript:alert(1)')).toBeNull();
    expect(checkoutTarget('not a url')).toBeNull();
    expect(checkoutTarget(null)).toBeNull();
  });
});

describe('the status token kept in the tab', () => {
  it('keeps only the payment’s id and token, and gives the token back for that id alone', () => {
    const storage = memoryStorage();
    expect(rememberGuestPayment(storage, { guestPaymentId: id(1), statusToken: TOKEN })).toBe(true);
    expect(JSON.parse(storage.getItem(GUEST_PAYMENTS_STORAGE_KEY) ?? '')).toEqual([{ guestPaymentId: id(1), statusToken: TOKEN }]);
    expect(statusTokenOf(storage, id(1))).toBe(TOKEN);
    expect(statusTokenOf(storage, id(2))).toBeNull();
  });

  it('drops anything else a caller passes along', () => {
    const storage = memoryStorage();
    const ticket = { guestPaymentId: id(1), statusToken: TOKEN, pan: '4000000000000101' };
    rememberGuestPayment(storage, ticket);
    expect(storage.getItem(GUEST_PAYMENTS_STORAGE_KEY)).not.toContain('4000');
  });

  it('remembers the last few payments, newest first, and replaces a payment’s older token', () => {
    const storage = memoryStorage();
    for (let n = 1; n <= GUEST_PAYMENTS_REMEMBERED_MAX + 2; n += 1)
      rememberGuestPayment(storage, { guestPaymentId: id(n), statusToken: TOKEN });
    expect(statusTokenOf(storage, id(1))).toBeNull();
    expect(statusTokenOf(storage, id(GUEST_PAYMENTS_REMEMBERED_MAX + 2))).toBe(TOKEN);
    const renewed = `${TOKEN.slice(0, -1)}Q`;
    rememberGuestPayment(storage, { guestPaymentId: id(4), statusToken: renewed });
    expect(statusTokenOf(storage, id(4))).toBe(renewed);
    expect(JSON.parse(storage.getItem(GUEST_PAYMENTS_STORAGE_KEY) ?? '')).toHaveLength(GUEST_PAYMENTS_REMEMBERED_MAX);
  });

  it('reads nothing from a damaged entry and refuses a malformed ticket', () => {
    const storage = memoryStorage();
    storage.setItem(GUEST_PAYMENTS_STORAGE_KEY, '{not json');
    expect(statusTokenOf(storage, id(1))).toBeNull();
    expect(rememberGuestPayment(storage, { guestPaymentId: 'op_1', statusToken: TOKEN })).toBe(false);
  });

  it('says so when the browser refuses to store', () => {
    const full = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(rememberGuestPayment(full, { guestPaymentId: id(1), statusToken: TOKEN })).toBe(false);
  });
});

describe('the guest’s form state', () => {
  it('keeps the receipt phone through the customer’s reducer’s steps and clears its error once edited', () => {
    let state = guestPayReducer(initialGuestPayState(), { type: 'receiptEdited', value: '+7 701' });
    state = guestPayReducer(state, { type: 'receiptRefused', message: 'bad' });
    expect(state.receiptError).toBe('bad');
    state = guestPayReducer(state, { type: 'edited', name: 'phone', value: '+7 701 555 12 34' });
    expect(state.receiptPhone).toBe('+7 701');
    expect(state.values.phone).toBe('+7 701 555 12 34');
    expect(guestPayReducer(state, { type: 'receiptEdited', value: '+7 701 5' }).receiptError).toBeNull();
  });
});
