import { describe, expect, test } from 'vitest';
import { checkShippedCatalogs } from './completeness';

// The check itself is tested with small catalogues beside it (packages/ui/src/i18n/completeness.test.ts).
describe('the web app’s catalogues', () => {
  test('are complete in ru, kk and en and have every key the code uses', () => {
    expect(checkShippedCatalogs().errors).toEqual([]);
  });
});
