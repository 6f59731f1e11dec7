import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { insertReceiptCode, type ReceiptAudience, selectReceiptCode } from './receipt-codes.repo.js';

export type { ReceiptAudience };

/**
 * The code in a receipt's QR link, <PUBLIC_ORIGIN>/r/<code> (issue 12 item 5): anyone holding the
 * receipt can check on the bank's own site that the bank issued it.
 *
 * The code is the keyed hash (shared/keyring.ts, the current SECRET_KEY) of the operation's id and
 * whose receipt it is, cut to 128 bits and written in base64url: 22 characters that say nothing
 * about the operation, cannot be made without the key, and come out the same each time the receipt
 * is downloaded. The bank keeps the SHA-256 of every code it printed (receipt_codes), so a code is
 * checked by a look-up, the codes on receipts printed before a key rotation still verify, and the
 * table alone yields no working link. A code that is not there — forged, altered by one character,
 * or for another operation — is not found.
 */
const CODE_LABEL = 'receipt-check-code';
const CODE_BYTES = 16;
/** 16 bytes in base64url without padding: 22 characters. */
const CODE_LENGTH = Math.ceil((CODE_BYTES * 8) / 6);
const CODE_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${CODE_LENGTH}}$`);

function sha256(code: string): Buffer {
  return createHash('sha256').update(code).digest();
}

/** The code for this receipt, recorded so the check page finds it. */
export async function receiptCode(ctx: Pick<AppContext, 'db' | 'config'>, operationId: string, audience: ReceiptAudience): Promise<string> {
  const code = ctx.config.keyring.hmac(CODE_LABEL, operationId, audience).subarray(0, CODE_BYTES).toString('base64url');
  await insertReceiptCode(ctx.db, sha256(code), operationId, audience);
  return code;
}

/** The operation and the side a code was printed for; null for any code the bank did not print. */
export async function findReceiptCode(
  ctx: Pick<AppContext, 'db'>,
  code: string,
): Promise<{ operationId: string; audience: ReceiptAudience } | null> {
  if (!CODE_PATTERN.test(code)) return null;
  return selectReceiptCode(ctx.db, sha256(code));
}

/** The link printed under the QR code. */
export function receiptCheckUrl(ctx: Pick<AppContext, 'config'>, code: string): string {
  return `${ctx.config.publicOrigin}/r/${code}`;
}
