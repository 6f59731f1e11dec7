import { createCipheriv } from 'node:crypto';
import type { CardVerificationKey } from '../../config-card-keys.js';
import { assert } from '../../shared/assert.js';

/**
 * The card verification value (issue 14 item 3; SECURITY.md 18): Visa's CVV and Mastercard's CVC
 * are one method, and the value on the back of the card (CVV2 / CVC2) is that method with service
 * code 000. Kassa computes it from the PAN, the expiry and CARD_CVK whenever it is needed (showing
 * the card's details, checking an authorisation) and never stores it.
 *
 * The method, with the card-verification key pair A|B (two single-DES keys):
 *   1. PAN ‖ expiry (YYMM) ‖ service code, padded on the right with zeros to 32 digits;
 *   2. split into two blocks of 16 digits, each read as 8 bytes of hex;
 *   3. block 1 encrypted by DES under key A;
 *   4. XOR block 2;
 *   5. encrypted by triple DES under A, B, A (encrypt A, decrypt B, encrypt A);
 *   6. decimalised: the result's hex digits 0-9 from left to right, then its digits A-F from left
 *      to right less 10; the first three are the value.
 *
 * Node 20's OpenSSL 3 keeps single DES ('des-ecb') in its legacy provider, which is not loaded.
 * Triple DES ('des-ede3-ecb') with the key K|K|K is single DES under K (E_K ∘ D_K ∘ E_K = E_K), so
 * step 3 runs on 'des-ede3-ecb' with A|A|A, and step 5 with A|B|A; both are in the default provider.
 */

/** The service code the networks specify for the value printed on the card (CVV2 / CVC2). */
export const CVC2_SERVICE_CODE = '000';
const CVV_DIGITS = 3;
const DES_BLOCK_BYTES = 8;

/**
 * A static value (the one printed on a plastic card), or one that changes every time step (a
 * dynamic CVC2 for a virtual card, issue 14 item 3: "may come later"). The dynamic kind is a
 * typed place only: its derivation is not specified yet, and choosing it throws.
 */
export type Cvc2Variant = { kind: 'static' } | { kind: 'dynamic'; stepMinutes: number; stepIndex: number };

function des3(key24: Buffer, block: Buffer): Buffer {
  const cipher = createCipheriv('des-ede3-ecb', key24, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

function decimalise(hex: string): string {
  const upper = hex.toUpperCase();
  const digits = [...upper].filter((character) => character >= '0' && character <= '9').join('');
  const letters = [...upper]
    .filter((character) => character >= 'A' && character <= 'F')
    .map((character) => String(character.charCodeAt(0) - 65))
    .join('');
  return digits + letters;
}

/** The CVV / CVC of a PAN, an expiry (YYMM) and a service code under the key pair. */
export function cvv(pan: string, expiryYymm: string, serviceCode: string, cvk: CardVerificationKey): string {
  // The PAN never goes into a message: an assertion's text can end up in a log.
  assert(/^\d{12,19}$/.test(pan), 'a CVV is computed for a PAN of 12 to 19 digits');
  assert(/^\d{4}$/.test(expiryYymm), 'a CVV takes the expiry as four digits, YYMM');
  assert(/^\d{3}$/.test(serviceCode), 'a service code is three digits');
  const data = (pan + expiryYymm + serviceCode).padEnd(32, '0');
  const block1 = Buffer.from(data.slice(0, 16), 'hex');
  const block2 = Buffer.from(data.slice(16, 32), 'hex');
  const singleA = Buffer.concat([cvk.a, cvk.a, cvk.a]);
  const tripleAba = Buffer.concat([cvk.a, cvk.b, cvk.a]);
  const step3 = des3(singleA, block1);
  const step4 = Buffer.alloc(DES_BLOCK_BYTES);
  for (let index = 0; index < DES_BLOCK_BYTES; index += 1) step4[index] = (step3[index] ?? 0) ^ (block2[index] ?? 0);
  const step5 = des3(tripleAba, step4);
  const value = decimalise(step5.toString('hex')).slice(0, CVV_DIGITS);
  singleA.fill(0);
  tripleAba.fill(0);
  assert(value.length === CVV_DIGITS, 'sixteen hex digits always give at least three decimal digits');
  return value;
}

/** The CVC2 of a card: the method above with service code 000. */
export function cvc2(pan: string, expiryYymm: string, cvk: CardVerificationKey, variant: Cvc2Variant = { kind: 'static' }): string {
  switch (variant.kind) {
    case 'static':
      return cvv(pan, expiryYymm, CVC2_SERVICE_CODE, cvk);
    case 'dynamic':
      // Issue 14 item 3 leaves the dynamic CVC2 for later: its input (the time step) has a place
      // here so the callers' types need not change, and no derivation is guessed meanwhile.
      throw new Error('the dynamic CVC2 is not built yet (issue 14 item 3)');
  }
}
