import { describe, expect, it } from 'vitest';
import { operationFixture } from '../../money/operation.fixtures';
import { groupByDay, relativeDay } from './history-days';

const operation = operationFixture;

// The history grouped by day with each day's totals (issue 12 item 6).
describe('groupByDay', () => {
  it('groups by the day in Almaty, not in UTC, and totals what moved in and out per currency', () => {
    const days = groupByDay([
      // 20:30 UTC on 1 December is 01:30 on 2 December in Almaty.
      operation({ id: 'a', createdAt: '2026-12-01T20:30:00Z', direction: 'incoming', amountMinor: 50_000 }),
      operation({ id: 'b', createdAt: '2026-12-01T12:00:00Z', amountMinor: 10_000, feeMinor: 15_000, kind: 'iban' }),
      operation({ id: 'c', createdAt: '2026-12-01T11:00:00Z', status: 'declined', amountMinor: 999_999 }),
      operation({ id: 'd', createdAt: '2026-12-01T10:00:00Z', kind: 'own', amountMinor: 7_000 }),
      operation({ id: 'e', createdAt: '2026-12-01T09:00:00Z', currency: 'USD', amountMinor: 100 }),
      operation({ id: 'f', createdAt: '2026-12-01T08:00:00Z', status: 'cancelled', amountMinor: 1 }),
    ]);
    expect(days.map((day) => [day.day, day.operations.map((item) => item.id)])).toEqual([
      ['2026-12-02', ['a']],
      ['2026-12-01', ['b', 'c', 'd', 'e', 'f']],
    ]);
    expect(days[0]?.totals).toEqual([{ currency: 'KZT', inMinor: 50_000n, outMinor: 0n }]);
    expect(days[1]?.totals).toEqual([
      { currency: 'KZT', inMinor: 0n, outMinor: 25_000n },
      { currency: 'USD', inMinor: 0n, outMinor: 100n },
    ]);
  });

  it('names today and yesterday in Almaty', () => {
    const now = new Date('2026-12-01T20:30:00Z');
    expect(relativeDay('2026-12-02', now)).toBe('today');
    expect(relativeDay('2026-12-01', now)).toBe('yesterday');
    expect(relativeDay('2026-11-30', now)).toBeNull();
  });
});
