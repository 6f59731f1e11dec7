import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../../context.js';

/**
 * The hosted checkout's link token (issue 15 item 3): 32 random bytes from the CSPRNG, base64url,
 * in the fragment of the checkoutUrl the create answer holds (a fragment never reaches a server's
 * log or a Referer). Kassa keeps a keyed hash bound to the payment id, so the token of one payment
 * opens no other, and a dump of the table opens none.
 */

const TOKEN_BYTES = 32;
// 32 bytes in base64url without padding.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** The HMAC label of the stored hash: part of every stored hash, so never changed. */
const TOKEN_LABEL = 'payment-checkout-token';

export function newCheckoutToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function checkoutTokenHash(ctx: AppContext, paymentId: string, token: string): string {
  return ctx.config.keyring.hmacHex(TOKEN_LABEL, paymentId, token);
}

export function checkoutTokenMatches(ctx: AppContext, storedHash: string, paymentId: string, token: string): boolean {
  if (!TOKEN_PATTERN.test(token)) return false;
  return ctx.config.keyring.verifyHmac(storedHash, TOKEN_LABEL, paymentId, token);
}

/** Where the merchant sends the buyer: the bank's own origin (PUBLIC_ORIGIN), the payment, the token in the fragment. */
export function checkoutUrlOf(ctx: AppContext, paymentId: string, token: string): string {
  return `${ctx.config.publicOrigin}/checkout/${paymentId}#${token}`;
}
