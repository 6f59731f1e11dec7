/**
 * A merchant's DE43 name (ISO 8583 card acceptor name): 1-25 printable ASCII, what the buyer's
 * statement and the hosted checkout show. Made from the legal name when staff give none, the way
 * migration 0040 backfilled the merchants before it: Cyrillic (Russian and Kazakh letters)
 * transliterated, anything else outside printable ASCII dropped, spaces collapsed, upper case, cut to 25.
 */

export const DISPLAY_NAME_LENGTH_MAX = 25;
export const DISPLAY_NAME_PATTERN = /^[ -~]{1,25}$/;
const FALLBACK_NAME = 'MERCHANT';

// The same table as migration 0040's kassa_0040_de43 (lower case; upper case maps alike).
const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  щ: 'shch',
  ш: 'sh',
  ч: 'ch',
  ж: 'zh',
  ю: 'yu',
  я: 'ya',
  ц: 'ts',
  х: 'kh',
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  ы: 'y',
  э: 'e',
  ъ: '',
  ь: '',
  ә: 'a',
  ғ: 'g',
  қ: 'q',
  ң: 'n',
  ө: 'o',
  ұ: 'u',
  ү: 'u',
  һ: 'h',
  і: 'i',
};

/** A valid DE43 name as staff typed it, trimmed; null when it is not one. */
export function checkedDisplayName(typed: string): string | null {
  const name = typed.trim();
  return DISPLAY_NAME_PATTERN.test(name) ? name : null;
}

export function displayNameOf(legalName: string): string {
  const latin = [...legalName].map((character) => CYRILLIC_TO_LATIN[character.toLowerCase()] ?? character).join('');
  const ascii = latin
    .replace(/[^ -~]/g, '')
    .replace(/ +/g, ' ')
    .trim()
    .toUpperCase();
  const name = ascii.slice(0, DISPLAY_NAME_LENGTH_MAX).trimEnd();
  return name === '' ? FALLBACK_NAME : name;
}
