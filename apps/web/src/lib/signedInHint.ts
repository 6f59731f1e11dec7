/**
 * The server sets `__Host-kassa_signed_in=1` (no secret) beside the httpOnly session cookie and
 * clears both together: without it there is no session to ask for, so a visitor's first screen
 * sends no request that could only answer 401, and waits for nothing a signed-in screen needs.
 */
export function signedInHint(): boolean {
  return document.cookie.split('; ').some((cookie) => cookie === '__Host-kassa_signed_in=1');
}
