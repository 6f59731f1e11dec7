import { Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret, otpauthUri, TOTP_PERIOD_S, totpCode, totpStepAt } from './totp.js';

// RFC 6238 appendix B: the SHA-1 rows, seed "12345678901234567890" (ASCII), 8 digits, 30 s steps.
const RFC_SEED_BASE32 = Secret.fromLatin1('12345678901234567890').base32;
const RFC_SHA1_VECTORS = [
  { unixSeconds: 59, code: '94287082' },
  { unixSeconds: 1_111_111_109, code: '07081804' },
  { unixSeconds: 1_111_111_111, code: '14050471' },
  { unixSeconds: 1_234_567_890, code: '89005924' },
  { unixSeconds: 2_000_000_000, code: '69279037' },
  { unixSeconds: 20_000_000_000, code: '65353130' },
] as const;

const STEP_MS = TOTP_PERIOD_S * 1000;

describe('TOTP (RFC 6238)', () => {
  it('makes the codes of the RFC 6238 appendix B SHA-1 vectors', () => {
    for (const vector of RFC_SHA1_VECTORS)
      expect(totpCode(RFC_SEED_BASE32, vector.unixSeconds * 1000, 8), String(vector.unixSeconds)).toBe(vector.code);
  });

  it('accepts each vector at its own time through the same check the login uses, naming its step', () => {
    for (const vector of RFC_SHA1_VECTORS) {
      const atMs = vector.unixSeconds * 1000;
      expect(matchTotp(RFC_SEED_BASE32, vector.code, atMs, 8)).toBe(totpStepAt(atMs));
    }
  });

  it('accepts a code one step early or late and refuses one two steps away', () => {
    const secret = newTotpSecret();
    const nowMs = 1_700_000_000_000;
    const step = totpStepAt(nowMs);
    expect(matchTotp(secret, totpCode(secret, nowMs - STEP_MS), nowMs)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, nowMs + STEP_MS), nowMs)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, nowMs - 2 * STEP_MS), nowMs)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, nowMs + 2 * STEP_MS), nowMs)).toBeNull();
  });

  it('refuses a code of the wrong length or of another secret', () => {
    const secret = newTotpSecret();
    const nowMs = Date.now();
    const code = totpCode(secret, nowMs);
    expect(code).toMatch(/^\d{6}$/);
    expect(matchTotp(secret, code.slice(1), nowMs)).toBeNull();
    expect(matchTotp(newTotpSecret(), code, nowMs)).toBeNull();
  });

  it('writes the enrolment URI every authenticator app reads: SHA1, 6 digits, 30 s, the issuer', () => {
    const secret = newTotpSecret();
    const uri = new URL(otpauthUri(secret, 'a.bekova'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(uri.searchParams.get('issuer')).toBe('Kassa');
    expect(decodeURIComponent(uri.pathname)).toContain('a.bekova');
    // A 160-bit secret: 32 base32 characters.
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  });
});
