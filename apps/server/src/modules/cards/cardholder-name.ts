/**
 * The cardholder's name in Latin capitals, as a card carries it (issue 14 item 1).
 *
 * Transliteration follows ICAO Doc 9303 Part 3 (the table passports' machine-readable zones use,
 * and Kazakhstan's and Russia's passports print), not ISO 9: ISO 9 writes Ж as Ž and Ч as Č, which
 * no card embosser or network name field (ISO/IEC 7813 track 1: A-Z, space and a few marks) can
 * carry. ICAO writes only A-Z: Ж → ZH, Х → KH, Ц → TS, Ю → IU, Я → IA, Й → I, Ь dropped.
 *
 * ICAO's table lists no Kazakh letters but І and Һ; the others fold to the Latin letter of the
 * Russian letter they pair with, as Kazakhstan's identity documents write them: Ә → A, Ғ → G,
 * Қ → K, Ң → N, Ө → O, Ұ → U, Ү → U. Һ, an /h/ in Kazakh, is H (ICAO's table gives C, from another
 * language's use of the letter).
 */

const CYRILLIC_TO_LATIN: Readonly<Record<string, string>> = {
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: 'IE',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'IU',
  Я: 'IA',
  // Kazakh (see above).
  Ә: 'A',
  Ғ: 'G',
  Қ: 'K',
  Ң: 'N',
  Ө: 'O',
  Ұ: 'U',
  Ү: 'U',
  Һ: 'H',
  І: 'I',
  // The rest of ICAO's Cyrillic table a Kazakh bank meets (Ukrainian and Belarusian names).
  Ґ: 'G',
  Є: 'IE',
  Ї: 'I',
  Ў: 'U',
};

// ICAO Doc 9303 Part 3 Table A: the Latin letters with a recommended spelling of their own; any
// other accent is dropped (É → E).
const LATIN_SPECIAL: Readonly<Record<string, string>> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', ß: 'SS', Æ: 'AE', Ø: 'OE', Å: 'AA', Œ: 'OE' };

/** ISO/IEC 7813: the name field of a card holds 2 to 26 characters. */
export const CARDHOLDER_NAME_LENGTH_MAX = 26;

function latinOf(character: string): string {
  const cyrillic = CYRILLIC_TO_LATIN[character];
  if (cyrillic !== undefined) return cyrillic;
  const special = LATIN_SPECIAL[character];
  if (special !== undefined) return special;
  // A Latin letter with an accent: the base letter (NFD splits it off its combining marks).
  const base = character.normalize('NFD').replace(/\p{M}/gu, '');
  if (/^[A-Z]$/.test(base)) return base;
  if (character === ' ' || character === '-') return character;
  // O'Brien keeps its apostrophe (typographic ones become the plain one); ICAO's MRZ drops it,
  // a card's name field carries it.
  if (character === "'" || character === '’' || character === 'ʼ') return "'";
  // Digits, dots, other scripts: not part of a name on a card.
  return '';
}

/**
 * Any text to ICAO Latin capitals: "Айгерим Сәрсенова" → "AIGERIM SARSENOVA". Spaces and hyphens
 * are kept (collapsed, never leading or trailing); nothing but A-Z, space, hyphen and apostrophe
 * comes out.
 */
export function transliterateIcao(text: string): string {
  const upper = text.normalize('NFC').toLocaleUpperCase('kk-KZ');
  let out = '';
  for (const character of upper) out += latinOf(character);
  return out
    .replace(/\s+/g, ' ')
    .replace(/-+/g, '-')
    .replace(/ ?- ?/g, '-')
    .replace(/^[ '-]+|[ '-]+$/g, '');
}

/**
 * The name for a card from the customer's full name as Kassa keeps it (surname first, then the
 * given name, then a patronymic if any: the registration form's order). A card shows the given
 * name, then the surname, without the patronymic: "Сәрсенова Айгерим Маратқызы" → "AIGERIM
 * SARSENOVA". Longer than 26: the given name's initial ("A SARSENOVA"); still longer: the
 * surname cut at 26. Null when nothing Latin is left (a name in a script ICAO does not cover):
 * the customer must then choose the name on the card.
 */
export function cardholderName(fullName: string): string | null {
  const words = fullName.trim().split(/\s+/).map(transliterateIcao).filter(Boolean);
  const [surname, given] = words;
  if (surname === undefined) return null;
  const candidates = given === undefined ? [surname] : [`${given} ${surname}`, `${given.slice(0, 1)} ${surname}`];
  const fitting = candidates.find((candidate) => candidate.length <= CARDHOLDER_NAME_LENGTH_MAX);
  const name = fitting ?? surname.slice(0, CARDHOLDER_NAME_LENGTH_MAX).replace(/[ '-]+$/, '');
  return name.length > 0 ? name : null;
}
