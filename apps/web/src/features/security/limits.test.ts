import { describe, expect, it } from 'vitest';
import { type LimitsAnswer, limitBars } from './limits';

const ANSWER: LimitsAnswer = {
  currency: 'KZT',
  limits: [
    { limit: 'per_operation', amountMinor: 100_000_000, usedMinor: null, raised: false },
    { limit: 'per_day', amountMinor: 500_000_000, usedMinor: 125_000_000, raised: true },
    { limit: 'per_month', amountMinor: 1_000_000_000, usedMinor: 1_000_000_000, raised: false },
  ],
  phoneChangeCooling: null,
};

// The security page's "Transfer limits" card: a bar per limit with what is used and left.
describe('limitBars', () => {
  it('gives each limit its use, what is left and the fill, and none to the per-operation limit', () => {
    expect(limitBars(ANSWER)).toEqual([
      { name: 'per_operation', limitMinor: 100_000_000, usedMinor: null, leftMinor: null, usedPercent: null, raised: false, until: null },
      {
        name: 'per_day',
        limitMinor: 500_000_000,
        usedMinor: 125_000_000,
        leftMinor: 375_000_000,
        usedPercent: 25,
        raised: true,
        until: null,
      },
      {
        name: 'per_month',
        limitMinor: 1_000_000_000,
        usedMinor: 1_000_000_000,
        leftMinor: 0,
        usedPercent: 100,
        raised: false,
        until: null,
      },
    ]);
  });

  it('keeps a bar full and nothing left when the use is past the limit, and rounds the fill down', () => {
    const [, day, month] = limitBars({
      ...ANSWER,
      limits: [
        { limit: 'per_operation', amountMinor: 1, usedMinor: null, raised: false },
        { limit: 'per_day', amountMinor: 300, usedMinor: 299, raised: false },
        { limit: 'per_month', amountMinor: 100, usedMinor: 250, raised: false },
      ],
    });
    expect(day).toMatchObject({ usedPercent: 99, leftMinor: 1 });
    expect(month).toMatchObject({ usedPercent: 100, leftMinor: 0 });
  });

  it('adds the day cap after a phone change last, with its end, while it lasts', () => {
    const bars = limitBars({ ...ANSWER, phoneChangeCooling: { amountMinor: 5_000_000, usedMinor: 0, until: '2026-12-02T06:00:00.000Z' } });
    expect(bars.map((item) => item.name)).toEqual(['per_operation', 'per_day', 'per_month', 'cooling']);
    expect(bars.at(-1)).toMatchObject({ limitMinor: 5_000_000, usedPercent: 0, leftMinor: 5_000_000, until: '2026-12-02T06:00:00.000Z' });
  });

  it('shows a cap of zero as used up', () => {
    const cooling = limitBars({ ...ANSWER, phoneChangeCooling: { amountMinor: 0, usedMinor: 0, until: '2026-12-02T06:00:00.000Z' } }).at(
      -1,
    );
    expect(cooling).toMatchObject({ usedPercent: 100, leftMinor: 0 });
  });
});
