import { describe, expect, it } from 'vitest';
import { codeFromInput } from './CodeStep';

// A code field accepts a pasted code with spaces (issue 12 item 3).
describe('codeFromInput', () => {
  it.each([
    ['12 34 56', '123456'],
    ['123-456', '123456'],
    [' 123456 ', '123456'],
    ['Код 123456 для перевода 1 000,00 ₸', '123456'],
    ['12345', '12345'],
  ])('reads %s as %s', (typed, code) => {
    expect(codeFromInput(typed)).toBe(code);
  });
});
