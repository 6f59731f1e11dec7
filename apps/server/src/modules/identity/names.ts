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

/**
 * A person's full name as a payer sees the payee (and a payee the payer): the given name and the
 * surname's initial, "Бекова Айгерим Сакеновна" → "Айгерим Б.". Nothing else is revealed; a
 * patronymic ("Сакеновна", "Сакенұлы", "Гусейн оглы") never is.
 *
 * Name order: `customers.full_name` is one field, and the registration form asks for it as the
 * Kazakh ID card prints it, surname first: "Фамилия, имя и отчество" / "Тегі, аты, әкесінің аты" /
 * "Surname, given name and patronymic" (apps/web, register.fullName and its hint). So the first
 * word is the surname and the second the given name. A single word is shown as it is: there is
 * nothing to shorten and no way to tell which name it is.
 *
 * Words in capitals only (as an ID card prints them) or in lower case only are shown capitalised,
 * each part of a hyphenated name on its own: "АЙГЕРИМ-ГҮЛ" → "Айгерим-Гүл". A word with a case of
 * its own ("McLean") is shown as typed. Letters after an apostrophe stay lower case, as the
 * apostrophe marks a letter in Kazakh Latin spellings ("A'sel"). Runs of spaces count as one.
 */
export function maskName(fullName: string): string {
  const [surname, given] = nameWords(fullName);
  if (surname === undefined) return '';
  if (given === undefined) return displayCase(surname);
  const initial = /\p{L}\p{M}*/u.exec(surname)?.[0] ?? '';
  return `${displayCase(given)} ${initial.toUpperCase()}.`;
}

/**
 * The name a greeting uses: the given name (the second word, names are surname first, see
 * maskName), "Бекова Айгерим Сакеновна" → "Айгерим"; a single word as it is.
 */
export function givenName(fullName: string): string {
  const words = nameWords(fullName);
  const word = words[1] ?? words[0];
  return word === undefined ? '' : displayCase(word);
}

/** The words of a name that have a letter, in order; runs of spaces count as one. */
function nameWords(fullName: string): string[] {
  return fullName
    .normalize('NFC')
    .split(/\s+/u)
    .filter((word) => /\p{L}/u.test(word));
}

/** "АЙГЕРИМ" and "айгерим" → "Айгерим", hyphenated parts each; a word in mixed case as it is. */
function displayCase(word: string): string {
  return word
    .split('-')
    .map((part) => {
      const oneCase = part === part.toUpperCase() || part === part.toLowerCase();
      if (!oneCase) return part;
      const first = /^\p{L}\p{M}*/u.exec(part)?.[0] ?? '';
      return first.toUpperCase() + part.slice(first.length).toLowerCase();
    })
    .join('-');
}
