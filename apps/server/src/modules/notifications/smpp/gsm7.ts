/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038 6.2.1) and its extension table, one septet per
 * octet: SMPP 3.4 carries data_coding 0 unpacked, and the SMSC packs the septets for the air.
 */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Extension characters, each sent as ESC (0x1B) and its code: they count two septets. */
const EXTENSION: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);
const ESCAPE = 0x1b;

const BASIC_CODES: ReadonlyMap<string, number> = new Map([...BASIC].map((char, code) => [char, code]));
const EXTENSION_CHARS: ReadonlyMap<number, string> = new Map([...EXTENSION].map(([char, code]) => [code, char]));

/** The septets one character takes in GSM-7, or null when the alphabet does not have it (then UCS-2). */
export function gsm7Septets(char: string): 1 | 2 | null {
  if (char !== '\u001b' && BASIC_CODES.has(char)) return 1;
  if (EXTENSION.has(char)) return 2;
  return null;
}

export function fitsGsm7(text: string): boolean {
  for (const char of text) if (gsm7Septets(char) === null) return false;
  return true;
}

export function encodeGsm7(text: string): Buffer {
  const septets: number[] = [];
  for (const char of text) {
    const basic = BASIC_CODES.get(char);
    const extension = EXTENSION.get(char);
    if (basic !== undefined && char !== '\u001b') septets.push(basic);
    else if (extension !== undefined) septets.push(ESCAPE, extension);
    else throw new Error(`"${char}" is not in the GSM 03.38 alphabet`);
  }
  return Buffer.from(septets);
}

export function decodeGsm7(octets: Buffer): string {
  let text = '';
  for (let index = 0; index < octets.length; index += 1) {
    const septet = octets[index] ?? 0;
    if (septet === ESCAPE && index + 1 < octets.length) {
      index += 1;
      text += EXTENSION_CHARS.get(octets[index] ?? 0) ?? ' ';
    } else {
      text += BASIC[septet] ?? ' ';
    }
  }
  return text;
}
