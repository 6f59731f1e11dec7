import { assert } from '../../shared/assert.js';
import type { AmountRule, FeeRule } from './catalogue.types.js';

/**
 * The money rules of a provider (issue 16 item 1): the customer's fee for an amount, and whether
 * an amount may be paid at all. All in minor units (tiyn), as bigint: no float ever touches money.
 */

/** 1 % = 100 basis points; a percent fee is amount × bp / 10 000. */
const BASIS_POINTS_PER_WHOLE = 10_000n;
/** catalogue-rules.ts: a fee is at most 10 % of the amount plus its fixed part. */
export const FEE_PERCENT_BASIS_POINTS_MAX = 1_000;

/**
 * fixed + percent of the amount, the percent rounded half up to the tiyn (0.5 tiyn → 1 tiyn),
 * then at most capMinor when the rule has a cap. The customer pays it on top of the amount.
 */
export function serviceFee(rule: FeeRule, amountMinor: bigint): bigint {
  assert(amountMinor >= 0n, 'a fee is computed on a non-negative amount');
  assert(rule.fixedMinor >= 0n, 'a fixed fee is non-negative');
  assert(
    Number.isInteger(rule.percentBasisPoints) && rule.percentBasisPoints >= 0 && rule.percentBasisPoints <= FEE_PERCENT_BASIS_POINTS_MAX,
    'a fee percent is 0..1000 basis points',
  );
  const scaled = amountMinor * BigInt(rule.percentBasisPoints);
  // Half up for non-negative numbers: add half the divisor before the integer division.
  const percentMinor = (scaled + BASIS_POINTS_PER_WHOLE / 2n) / BASIS_POINTS_PER_WHOLE;
  const feeMinor = rule.fixedMinor + percentMinor;
  return rule.capMinor !== null && feeMinor > rule.capMinor ? rule.capMinor : feeMinor;
}

export type AmountRefusal = { code: 'below-minimum' | 'above-maximum' | 'not-exact'; limitMinor: bigint };
export type AmountCheck = { ok: true } | ({ ok: false } & AmountRefusal);

/**
 * Whether `amountMinor` may be paid under the rule (catalogue.types.ts AmountRule):
 *   any:     minMinor ≤ amount ≤ maxMinor;
 *   minimum: at least the bill's total (never less than minMinor) — an advance above it is fine —
 *            and at most maxMinor, or the bill's total when the bill is larger (the customer can
 *            always pay what the provider says is owed);
 *   exact:   exactly the bill's total; without a bill (ad-hoc, validate), minMinor = maxMinor.
 * `billTotalMinor` is the total of the bill lines the customer chose (fetch mode), else null.
 */
export function checkAmount(rule: AmountRule, amountMinor: bigint, billTotalMinor: bigint | null): AmountCheck {
  assert(billTotalMinor === null || billTotalMinor >= 0n, 'a bill total is non-negative');
  // Nothing is ever paid for zero, whatever a bill says (a bill already paid has nothing to pay).
  if (amountMinor <= 0n) return { ok: false, code: 'below-minimum', limitMinor: rule.minMinor };
  switch (rule.kind) {
    case 'any':
      return withinRange(amountMinor, rule.minMinor, rule.maxMinor);
    case 'minimum': {
      const floorMinor = billTotalMinor !== null && billTotalMinor > rule.minMinor ? billTotalMinor : rule.minMinor;
      const ceilingMinor = billTotalMinor !== null && billTotalMinor > rule.maxMinor ? billTotalMinor : rule.maxMinor;
      return withinRange(amountMinor, floorMinor, ceilingMinor);
    }
    case 'exact': {
      // catalogue-rules.ts refuses an exact rule with min ≠ max outside fetch mode, and a fetch
      // payment always carries its bill: so a missing bill with a range is the caller's bug.
      assert(billTotalMinor !== null || rule.minMinor === rule.maxMinor, 'an exact amount needs the bill or min = max');
      const exactMinor = billTotalMinor ?? rule.minMinor;
      return amountMinor === exactMinor ? { ok: true } : { ok: false, code: 'not-exact', limitMinor: exactMinor };
    }
  }
}

function withinRange(amountMinor: bigint, minMinor: bigint, maxMinor: bigint): AmountCheck {
  if (amountMinor < minMinor) return { ok: false, code: 'below-minimum', limitMinor: minMinor };
  if (amountMinor > maxMinor) return { ok: false, code: 'above-maximum', limitMinor: maxMinor };
  return { ok: true };
}
