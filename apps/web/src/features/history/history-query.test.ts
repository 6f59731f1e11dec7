import { describe, expect, it } from 'vitest';
import { cardFilterOf, cardHistoryPath, filtersFrom, paramsOf, queryOf } from './history-query';

const CARD = `crd_${'ab'.repeat(16)}`;

// The history narrowed to one card (issue 14): the card's page links to it, the URL keeps it.
describe('the card filter of the history', () => {
  it('links from the card page to all of the card’s operations, whatever their date', () => {
    const path = cardHistoryPath(CARD);
    expect(path).toBe(`/history?period=all&cardId=${CARD}`);
    const filters = filtersFrom(new URLSearchParams(path.split('?')[1]));
    expect(filters).toMatchObject({ period: 'all', cardId: CARD });
    expect(queryOf(filters)).toMatchObject({ cardId: CARD, from: undefined, to: undefined });
  });

  it('keeps the card beside the other filters in the URL, and drops it once cleared', () => {
    const filters = { ...filtersFrom(new URLSearchParams(`cardId=${CARD}`)), status: 'declined' };
    expect(paramsOf(filters).toString()).toBe(`status=declined&cardId=${CARD}`);
    expect(paramsOf({ ...filters, cardId: '' }).toString()).toBe('status=declined');
    expect(queryOf({ ...filters, cardId: '' }).cardId).toBeUndefined();
  });

  it('asks nothing of the API for a card id that is not one', () => {
    for (const cardId of ['', 'crd_1', `acc_${'ab'.repeat(16)}`, `${CARD} `]) {
      const filters = filtersFrom(new URLSearchParams({ cardId }));
      expect(cardFilterOf(filters)).toBeNull();
      expect(queryOf(filters).cardId).toBeUndefined();
    }
  });
});
