/** RFC 6238 as the staff API takes it: six digits (staff.routes.ts, TOTP_DIGITS). */
export const TOTP_CODE_LENGTH = 6;
const TOTP_CODE_PATTERN = /^\d{6}$/;

/**
 * A code as typed or pasted: "123 456" (as authenticator apps show it), "12 34 56" or "123-456"
 * give "123456". Everything but digits goes, and the first six digits are the code.
 */
export function codeFromInput(text: string): string {
  return text.replace(/\D/g, '').slice(0, TOTP_CODE_LENGTH);
}

export function isCompleteCode(code: string): boolean {
  return TOTP_CODE_PATTERN.test(code);
}

/**
 * The key of an otpauth:// URI ("otpauth://totp/Kassa:admin?secret=JBSW…&issuer=Kassa") in groups
 * of four, as a person types it into an authenticator app; null when the URI has none.
 */
export function secretForTyping(otpauthUri: string): string | null {
  let secret: string | null;
  try {
    secret = new URL(otpauthUri).searchParams.get('secret');
  } catch {
    return null;
  }
  if (!secret) return null;
  return (secret.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
