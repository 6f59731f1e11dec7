import { describe, expect, it } from 'vitest';
import { readConfirmationsPage } from '../provider/confirmations.js';

/** The provider's GET /confirmations pages, read field by field (docs/payments-providers.md, "Registry and reconciliation"). */

const entry = (paymentId: string, amountMinor = 100) => ({ paymentId, amountMinor, providerReference: `ref-${paymentId}` });

describe('a page of confirmations', () => {
  it('takes ascending ids after the cursor, with next naming the page’s last id', () => {
    const read = readConfirmationsPage({ confirmations: [entry('op_b'), entry('op_c')], next: 'op_c' }, 'op_a');
    expect(read).toEqual({
      ok: true,
      value: {
        confirmations: [
          { paymentId: 'op_b', amountMinor: 100n, providerReference: 'ref-op_b' },
          { paymentId: 'op_c', amountMinor: 100n, providerReference: 'ref-op_c' },
        ],
        next: 'op_c',
      },
    });
    expect(readConfirmationsPage({ confirmations: [], next: null }, null)).toEqual({ ok: true, value: { confirmations: [], next: null } });
  });

  it('refuses a repeated or unordered id, an id at or before the cursor, and a next that is not the last id', () => {
    expect(readConfirmationsPage({ confirmations: [entry('op_b'), entry('op_b')], next: null }, null).ok).toBe(false);
    expect(readConfirmationsPage({ confirmations: [entry('op_c'), entry('op_b')], next: null }, null).ok).toBe(false);
    expect(readConfirmationsPage({ confirmations: [entry('op_a')], next: null }, 'op_a').ok).toBe(false);
    expect(readConfirmationsPage({ confirmations: [entry('op_b')], next: 'op_z' }, null).ok).toBe(false);
    expect(readConfirmationsPage({ confirmations: [], next: 'op_a' }, null).ok).toBe(false);
  });

  it('refuses amounts that are not whole tiyn within 0..10^13, and over 200 entries', () => {
    expect(readConfirmationsPage({ confirmations: [entry('op_a', 1.5)], next: null }, null).ok).toBe(false);
    expect(readConfirmationsPage({ confirmations: [entry('op_a', -1)], next: null }, null).ok).toBe(false);
    expect(readConfirmationsPage({ confirmations: [entry('op_a', 10_000_000_000_001)], next: null }, null).ok).toBe(false);
    const many = Array.from({ length: 201 }, (_, index) => entry(`op_${String(index).padStart(3, '0')}`));
    expect(readConfirmationsPage({ confirmations: many, next: null }, null).ok).toBe(false);
  });
});
