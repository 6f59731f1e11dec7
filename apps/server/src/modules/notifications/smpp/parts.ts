import { randomInt } from 'node:crypto';
import { encodeGsm7, fitsGsm7, gsm7Septets } from './gsm7.js';

/** SMPP 3.4 5.2.19 data_coding: 0 the SMSC default alphabet (GSM 03.38 here), 8 UCS-2. */
export const DATA_CODING_GSM7 = 0;
export const DATA_CODING_UCS2 = 8;
/** SMPP 3.4 5.2.12 esm_class bit 6: short_message starts with a user data header. */
export const ESM_CLASS_UDH_INDICATOR = 0x40;

// 3GPP TS 23.040 9.2.3.24: 140 octets a part; a concatenation header takes 6 of them.
const GSM7_SINGLE_SEPTETS_MAX = 160;
const GSM7_PART_SEPTETS_MAX = 153;
const UCS2_SINGLE_CHARS_MAX = 70;
const UCS2_PART_CHARS_MAX = 67;
/** The 8-bit reference of the concatenation header counts parts to 255. */
export const PARTS_MAX = 255;
/** A message longer than this many parts is a mistake upstream, not an SMS (Kassa's are one or two). */
const MESSAGE_PARTS_MAX = 10;

export interface SmsPart {
  dataCoding: typeof DATA_CODING_GSM7 | typeof DATA_CODING_UCS2;
  esmClass: number;
  /** The octets of short_message: the UDH (when in parts) and the encoded text. */
  shortMessage: Buffer;
}

/** Splits a text into pieces of at most `max` units, never between an escape pair or a surrogate pair. */
function chunks(text: string, max: number, unitsOf: (char: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let units = 0;
  for (const char of text) {
    const size = unitsOf(char);
    if (units + size > max) {
      pieces.push(piece);
      piece = '';
      units = 0;
    }
    piece += char;
    units += size;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function concatenationHeader(reference: number, total: number, sequence: number): Buffer {
  // UDHL 5; IE 0x00 (concatenated short messages, 8-bit reference), length 3.
  return Buffer.from([0x05, 0x00, 0x03, reference, total, sequence]);
}

/**
 * The submit_sm parts of one text: GSM-7 when every character is in the GSM 03.38 alphabet (Latin),
 * UCS-2 otherwise (Russian, Kazakh); over one part's length, concatenated parts that share one
 * random reference number, so the handset joins them back.
 */
export function splitIntoParts(text: string): SmsPart[] {
  if (text.length === 0) throw new Error('an SMS needs a text');
  const gsm7 = fitsGsm7(text);
  const dataCoding = gsm7 ? DATA_CODING_GSM7 : DATA_CODING_UCS2;
  const encode = (piece: string) => (gsm7 ? encodeGsm7(piece) : Buffer.from(piece, 'utf16le').swap16());
  const unitsOf = gsm7 ? (char: string) => gsm7Septets(char) ?? 1 : (char: string) => char.length;
  const singleMax = gsm7 ? GSM7_SINGLE_SEPTETS_MAX : UCS2_SINGLE_CHARS_MAX;
  if (chunks(text, singleMax, unitsOf).length === 1) return [{ dataCoding, esmClass: 0, shortMessage: encode(text) }];
  const pieces = chunks(text, gsm7 ? GSM7_PART_SEPTETS_MAX : UCS2_PART_CHARS_MAX, unitsOf);
  if (pieces.length > MESSAGE_PARTS_MAX) throw new Error(`an SMS of ${pieces.length} parts is longer than ${MESSAGE_PARTS_MAX}`);
  const reference = randomInt(PARTS_MAX + 1);
  return pieces.map((piece, index) => ({
    dataCoding,
    esmClass: ESM_CLASS_UDH_INDICATOR,
    shortMessage: Buffer.concat([concatenationHeader(reference, pieces.length, index + 1), encode(piece)]),
  }));
}
