import { Secret, TOTP } from 'otpauth';

/**
 * The staff's second factor: TOTP (RFC 6238) as every authenticator app reads it from a QR code.
 * SHA-1, 6 digits, 30-second steps: the parameters Google Authenticator, Microsoft Authenticator
 * and FreeOTP all accept (several ignore any other). One function makes codes and one checks them;
 * the tests run the RFC's appendix B vectors through both.
 */
const TOTP_ALGORITHM = 'SHA1';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_S = 30;
// RFC 6238 §5.2: one step either side, for a phone clock a little off and a code typed at the turn.
export const TOTP_WINDOW_STEPS = 1;
// RFC 4226 §4 R6: the shared secret is at least 128 bits; 160 is the recommended length for SHA-1.
const TOTP_SECRET_BYTES = 20;
/** What the authenticator app shows above the code. */
const TOTP_ISSUER = 'Kassa';

/** A fresh secret, base32 as otpauth:// URIs carry it. */
export function newTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

function totpOf(secretBase32: string, digits: number, label = 'staff'): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: TOTP_ALGORITHM,
    digits,
    period: TOTP_PERIOD_S,
  });
}

/** The time step (RFC 6238 T) an instant falls in. */
export function totpStepAt(atMs: number): number {
  return Math.floor(atMs / 1000 / TOTP_PERIOD_S);
}

/** The code of the step `atMs` falls in. `digits` is 6 for staff; the RFC's vectors have 8. */
export function totpCode(secretBase32: string, atMs: number, digits = TOTP_DIGITS): string {
  return totpOf(secretBase32, digits).generate({ timestamp: atMs });
}

/**
 * The time step whose code `code` is, within TOTP_WINDOW_STEPS of `atMs`, or null. The caller
 * still has to refuse a step already used (staff_totp_used). otpauth compares in constant time.
 */
export function matchTotp(secretBase32: string, code: string, atMs: number, digits = TOTP_DIGITS): number | null {
  if (code.length !== digits) return null;
  const delta = totpOf(secretBase32, digits).validate({ token: code, timestamp: atMs, window: TOTP_WINDOW_STEPS });
  return delta === null ? null : totpStepAt(atMs) + delta;
}

/** The otpauth:// URI of the enrolment QR code (Key Uri Format). */
export function otpauthUri(secretBase32: string, username: string): string {
  return totpOf(secretBase32, TOTP_DIGITS, username).toString();
}
