import { describe, expect, it } from 'vitest';
import type { AmountRule, FeeRule } from './catalogue.types.js';
import { checkAmount, serviceFee } from './fees.js';

const TENGE = 100n;

describe('the service fee', () => {
  it('is the fixed part alone when there is no percent', () => {
    const rule: FeeRule = { fixedMinor: 50n * TENGE, percentBasisPoints: 0, capMinor: null };
    expect(serviceFee(rule, 1n)).toBe(5_000n);
    expect(serviceFee(rule, 1_000_000n * TENGE)).toBe(5_000n);
  });

  it('rounds the percent half up to the tiyn', () => {
    const onePercent: FeeRule = { fixedMinor: 0n, percentBasisPoints: 100, capMinor: null };
    // 1 % of 0.49 ₸ is 0.49 tiyn → 0; of 0.50 ₸ is 0.50 tiyn → 1; of 1.49 ₸ is 1.49 tiyn → 1.
    expect(serviceFee(onePercent, 49n)).toBe(0n);
    expect(serviceFee(onePercent, 50n)).toBe(1n);
    expect(serviceFee(onePercent, 149n)).toBe(1n);
    expect(serviceFee(onePercent, 150n)).toBe(2n);
    // 0.5 % of 333.33 ₸ = 166.665 tiyn → 167.
    expect(serviceFee({ fixedMinor: 0n, percentBasisPoints: 50, capMinor: null }, 33_333n)).toBe(167n);
  });

  it('adds the fixed part to the percent, then caps the sum', () => {
    const rule: FeeRule = { fixedMinor: 10n * TENGE, percentBasisPoints: 100, capMinor: 100n * TENGE };
    expect(serviceFee(rule, 1_000n * TENGE)).toBe(20n * TENGE);
    expect(serviceFee(rule, 9_000n * TENGE)).toBe(100n * TENGE);
    expect(serviceFee(rule, 100_000n * TENGE)).toBe(100n * TENGE);
  });

  it('is zero on a free provider, and exact on amounts past 2^53 tiyn', () => {
    expect(serviceFee({ fixedMinor: 0n, percentBasisPoints: 0, capMinor: null }, 12_345n)).toBe(0n);
    expect(serviceFee({ fixedMinor: 0n, percentBasisPoints: 1, capMinor: null }, 90_071_992_547_409_930_000n)).toBe(9_007_199_254_740_993n);
  });

  it('throws on a negative amount or a percent outside the rules (a programmer’s error)', () => {
    expect(() => serviceFee({ fixedMinor: 0n, percentBasisPoints: 0, capMinor: null }, -1n)).toThrow();
    expect(() => serviceFee({ fixedMinor: 0n, percentBasisPoints: 1_001, capMinor: null }, 1n)).toThrow();
  });
});

describe('the amount rule', () => {
  const any: AmountRule = { kind: 'any', minMinor: 100n * TENGE, maxMinor: 100_000n * TENGE };

  it('any: takes the range’s ends and refuses just outside them, naming the limit', () => {
    expect(checkAmount(any, 100n * TENGE, null)).toEqual({ ok: true });
    expect(checkAmount(any, 100_000n * TENGE, null)).toEqual({ ok: true });
    expect(checkAmount(any, 100n * TENGE - 1n, null)).toEqual({ ok: false, code: 'below-minimum', limitMinor: 10_000n });
    expect(checkAmount(any, 100_000n * TENGE + 1n, null)).toEqual({ ok: false, code: 'above-maximum', limitMinor: 10_000_000n });
  });

  it('refuses zero and negative amounts whatever the rule and the bill', () => {
    expect(checkAmount(any, 0n, null)).toMatchObject({ ok: false, code: 'below-minimum' });
    expect(checkAmount({ kind: 'exact', minMinor: 1n, maxMinor: 1_000n }, 0n, 0n)).toMatchObject({ ok: false, code: 'below-minimum' });
  });

  it('minimum: at least the bill, an advance above it allowed, never below minMinor', () => {
    const rule: AmountRule = { kind: 'minimum', minMinor: TENGE, maxMinor: 1_000_000n * TENGE };
    expect(checkAmount(rule, 12_345n, 12_345n)).toEqual({ ok: true });
    expect(checkAmount(rule, 20_000n, 12_345n)).toEqual({ ok: true });
    expect(checkAmount(rule, 12_344n, 12_345n)).toEqual({ ok: false, code: 'below-minimum', limitMinor: 12_345n });
    // Nothing owed: an advance of at least minMinor.
    expect(checkAmount(rule, 99n, 0n)).toEqual({ ok: false, code: 'below-minimum', limitMinor: 100n });
    expect(checkAmount(rule, 1_000_000n * TENGE + 1n, 12_345n)).toMatchObject({ ok: false, code: 'above-maximum' });
  });

  it('minimum: a bill above maxMinor can still be paid in full', () => {
    const rule: AmountRule = { kind: 'minimum', minMinor: TENGE, maxMinor: 1_000n * TENGE };
    expect(checkAmount(rule, 2_000n * TENGE, 2_000n * TENGE)).toEqual({ ok: true });
    expect(checkAmount(rule, 2_000n * TENGE + 1n, 2_000n * TENGE)).toMatchObject({ ok: false, code: 'above-maximum' });
  });

  it('exact: the bill’s total to the tiyn, or the one amount of an ad-hoc rule', () => {
    const fine: AmountRule = { kind: 'exact', minMinor: TENGE, maxMinor: 10_000_000n * TENGE };
    expect(checkAmount(fine, 1_725_000n, 1_725_000n)).toEqual({ ok: true });
    expect(checkAmount(fine, 1_724_999n, 1_725_000n)).toEqual({ ok: false, code: 'not-exact', limitMinor: 1_725_000n });
    expect(checkAmount(fine, 1_725_001n, 1_725_000n)).toEqual({ ok: false, code: 'not-exact', limitMinor: 1_725_000n });
    const fixed: AmountRule = { kind: 'exact', minMinor: 5_000n, maxMinor: 5_000n };
    expect(checkAmount(fixed, 5_000n, null)).toEqual({ ok: true });
    expect(checkAmount(fixed, 5_001n, null)).toEqual({ ok: false, code: 'not-exact', limitMinor: 5_000n });
  });

  it('exact: throws when a ranged rule comes without its bill (the caller lost it)', () => {
    expect(() => checkAmount({ kind: 'exact', minMinor: 1n, maxMinor: 10n }, 5n, null)).toThrow();
  });
});
