/**
 * SECURITY.md item 26: names are shown in SMS texts and to payees, so control, bidi-override and
 * zero-width characters are refused outright rather than cleaned.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters.
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Free text shown back to people (device names, payment purposes) without invisible tricks. */
export function stripUnsafeCharacters(input: string): string {
  return input.replace(FORBIDDEN, '');
}
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M}' .-]*$/u;

export const FULL_NAME_LENGTH_MAX = 120;

export function normalizeFullName(input: string): string | null {
  if (stripUnsafeCharacters(input) !== input) return null;
  const name = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > FULL_NAME_LENGTH_MAX) return null;
  if (!NAME_PATTERN.test(name)) return null;
  return name;
}

/** "Айгерим Бекова" → "Айгерим Б.": what a payer sees of a payee. */
export function maskName(fullName: string): string {
  const [first = '', ...rest] = fullName.split(' ');
  const last = rest.at(-1);
  return last ? `${first} ${last.slice(0, 1)}.` : first;
}
