import { describe, expect, it } from 'vitest';
import { cardFixture } from './card.fixtures';
import {
  amountText,
  clockText,
  groupPan,
  limitUsage,
  maskedNumber,
  parseLimits,
  raisesAboveDefault,
  secondsLeft,
  sortCards,
  unlimitedEndsAt,
} from './card-model';

const DEFAULTS = { perOperationMinor: 20_000_000, perDayMinor: 50_000_000, perMonthMinor: 200_000_000 };

describe('the card number on screen', () => {
  it('groups a revealed number by four, as it is printed', () => {
    expect(groupPan('4400430000001234')).toBe('4400 4300 0000 1234');
    expect(groupPan('4400 4300 0000 1234')).toBe('4400 4300 0000 1234');
  });

  it('masks all but the last four until the details are revealed', () => {
    expect(maskedNumber('1234')).toBe('•••• 1234');
  });
});

describe('sortCards', () => {
  it('lists live cards (active and frozen) apart from closed and expired ones, keeping the API order', () => {
    const cards = [
      cardFixture({ id: 'crd_a', status: 'closed' }),
      cardFixture({ id: 'crd_b', status: 'frozen' }),
      cardFixture({ id: 'crd_c' }),
      cardFixture({ id: 'crd_d', status: 'expired' }),
    ];
    const sorted = sortCards(cards);
    expect(sorted.live.map((card) => card.id)).toEqual(['crd_b', 'crd_c']);
    expect(sorted.ended.map((card) => card.id)).toEqual(['crd_a', 'crd_d']);
  });
});

describe('limitUsage', () => {
  it('shows what this day and this month spent, and nothing to add up for one purchase', () => {
    const [operation, day, month] = limitUsage(cardFixture().controls);
    expect(operation).toMatchObject({ name: 'perOperation', usedMinor: null, usedPercent: null });
    expect(day).toMatchObject({ name: 'perDay', usedMinor: 12_500_000, leftMinor: 37_500_000, usedPercent: 25 });
    expect(month).toMatchObject({ name: 'perMonth', usedMinor: 60_000_000, leftMinor: 140_000_000, usedPercent: 30 });
  });

  it('keeps the bar full and nothing left when a limit was lowered under what is spent', () => {
    const controls = { ...cardFixture().controls, limits: { ...DEFAULTS, perDayMinor: 10_000_000 } };
    expect(limitUsage(controls)[1]).toMatchObject({ leftMinor: 0, usedPercent: 100 });
  });
});

describe('raisesAboveDefault', () => {
  it('asks a code only for a limit above the default and above where it stands', () => {
    expect(raisesAboveDefault({ ...DEFAULTS, perDayMinor: 60_000_000 }, DEFAULTS, DEFAULTS)).toBe(true);
    expect(raisesAboveDefault({ ...DEFAULTS, perDayMinor: 40_000_000 }, DEFAULTS, DEFAULTS)).toBe(false);
    const raised = { ...DEFAULTS, perDayMinor: 60_000_000 };
    // Lowering a raised limit that stays above the default is no raise.
    expect(raisesAboveDefault({ ...DEFAULTS, perDayMinor: 55_000_000 }, raised, DEFAULTS)).toBe(false);
  });
});

describe('parseLimits', () => {
  const texts = { perOperation: '200 000', perDay: '500000', perMonth: '2 000 000,00' };

  it('reads the three fields as minor units', () => {
    expect(parseLimits(texts, 'KZT')).toEqual({ ok: true, limits: DEFAULTS });
  });

  it('takes zero as a limit: no internet purchase at all', () => {
    expect(parseLimits({ perOperation: '0', perDay: '0', perMonth: '0' }, 'KZT')).toEqual({
      ok: true,
      limits: { perOperationMinor: 0, perDayMinor: 0, perMonthMinor: 0 },
    });
  });

  it('says which field is wrong, and keeps per purchase ≤ day ≤ month as the bank does', () => {
    expect(parseLimits({ ...texts, perOperation: 'много' }, 'KZT')).toEqual({ ok: false, errors: { perOperation: 'invalid' } });
    expect(parseLimits({ ...texts, perDay: '' }, 'KZT')).toEqual({ ok: false, errors: { perDay: 'invalid' } });
    expect(parseLimits({ ...texts, perDay: '100' }, 'KZT')).toEqual({ ok: false, errors: { perDay: 'dayBelowOperation' } });
    expect(parseLimits({ ...texts, perMonth: '100000' }, 'KZT')).toEqual({ ok: false, errors: { perMonth: 'monthBelowDay' } });
    expect(parseLimits({ ...texts, perOperation: '1,234' }, 'KZT')).toEqual({ ok: false, errors: { perOperation: 'decimals' } });
    expect(parseLimits({ ...texts, perMonth: '99999999999999999' }, 'KZT')).toMatchObject({ ok: false, errors: { perMonth: 'tooLarge' } });
  });

  it('never reads an exponent or a sign as a number', () => {
    expect(parseLimits({ ...texts, perOperation: '1e5' }, 'KZT').ok).toBe(false);
    expect(parseLimits({ ...texts, perOperation: '-5' }, 'KZT').ok).toBe(false);
  });
});

describe('amountText', () => {
  it('starts an edit field with whole units, the fraction only when there is one', () => {
    expect(amountText(20_000_000, 'KZT')).toBe('200000');
    expect(amountText(123_456, 'USD')).toBe('1234.56');
    expect(amountText(100_005, 'USD')).toBe('1000.05');
  });
});

describe('the countdowns', () => {
  it('counts whole seconds down to zero, never below', () => {
    expect(secondsLeft(60_000, 0)).toBe(60);
    expect(secondsLeft(60_000, 59_001)).toBe(1);
    expect(secondsLeft(60_000, 61_000)).toBe(0);
  });

  it('reads like a clock', () => {
    expect(clockText(60)).toBe('1:00');
    expect(clockText(9)).toBe('0:09');
  });

  it('names the day "no limit" would end, days from now', () => {
    expect(unlimitedEndsAt(Date.parse('2026-08-01T10:00:00Z'), 30)).toBe('2026-08-31T10:00:00.000Z');
  });
});
