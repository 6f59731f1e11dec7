import type { Keyring } from '../../shared/keyring.js';

/**
 * Sealing of SMS texts that carry a one-time code, while they wait in the outbox (SECURITY.md 35:
 * no live secret at rest; SECURITY.md 8: anywhere else a code exists only as a keyed hash).
 *
 * The keyring's seal (shared/keyring.ts): AES-256-GCM under an HKDF sub-key of its own purpose, so
 * the key that hashes codes, PINs and tokens never encrypts anything, and this sub-key opens
 * nothing but outbox texts. The sealed text names the id of the key that sealed it (SECURITY.md
 * 39), so a text sealed just before a new key was put first still opens and is delivered.
 */

/** The seal purpose of outbox SMS texts: a sub-key of their own. */
const SMS_TEXT_PURPOSE = 'outbox-sms-text';

/**
 * What a sealed text is bound to (authenticated, not encrypted): its own outbox message and the
 * phone it goes to, so a text copied into another row (to send someone's code to another number)
 * does not open there.
 */
function smsTextContext(outboxId: string, to: string): string {
  return `outbox-sms\0${outboxId}\0${to}`;
}

export function sealSmsText(keyring: Keyring, outboxId: string, to: string, text: string): string {
  return keyring.seal(SMS_TEXT_PURPOSE, text, smsTextContext(outboxId, to));
}

/** Throws SealedValueError when the text is under a key the ring no longer holds, for another message or phone, or altered. */
export function openSmsText(keyring: Keyring, outboxId: string, to: string, sealed: string): string {
  return keyring.open(SMS_TEXT_PURPOSE, sealed, smsTextContext(outboxId, to));
}

/**
 * The format before the keyring (`{ alg, kid, iv, data, tag }`, a sub-key derived from SECRET_KEY
 * on its own), never in a release: a text still pending in it at the upgrade is not opened, and
 * goes dead at once (the customer asks for a new code; docs/OPERATIONS.md "Keys and rotation").
 */
export function isPreKeyringSealedText(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'kid' in value && 'data' in value;
}
