import { describe, expect, it } from 'vitest';
import { newSigningSecret, signatureHeader, verifyKassaSignature } from './signature.js';

// Issue 15 item 6: the receiver's check of Kassa-Signature, t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>.

const NOW = new Date(Date.UTC(2026, 4, 12, 6));
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
const SECRET = newSigningSecret();
const BODY = JSON.stringify({ id: `evt_${'1'.repeat(32)}`, type: 'payment.succeeded', created: NOW_SECONDS, livemode: false, data: {} });

describe('verifyKassaSignature', () => {
  it('accepts the signature of the raw body under the secret within the tolerance', () => {
    const header = signatureHeader(SECRET, NOW_SECONDS, BODY);
    expect(verifyKassaSignature(header, BODY, SECRET, { now: NOW })).toBe(true);
    expect(verifyKassaSignature(header, Buffer.from(BODY), SECRET, { now: new Date(NOW.getTime() + 300_000) })).toBe(true);
  });

  it('refuses another secret, an altered body, and a body parsed and written again', () => {
    const header = signatureHeader(SECRET, NOW_SECONDS, BODY);
    expect(verifyKassaSignature(header, BODY, newSigningSecret(), { now: NOW })).toBe(false);
    expect(verifyKassaSignature(header, BODY.replace('succeeded', 'failed'), SECRET, { now: NOW })).toBe(false);
    expect(verifyKassaSignature(header, JSON.stringify(JSON.parse(BODY), null, 2), SECRET, { now: NOW })).toBe(false);
  });

  it('refuses an old timestamp (a replay) and one from the future, past the tolerance', () => {
    const header = signatureHeader(SECRET, NOW_SECONDS, BODY);
    expect(verifyKassaSignature(header, BODY, SECRET, { now: new Date(NOW.getTime() + 301_000) })).toBe(false);
    expect(verifyKassaSignature(header, BODY, SECRET, { now: new Date(NOW.getTime() - 301_000) })).toBe(false);
    expect(verifyKassaSignature(header, BODY, SECRET, { now: new Date(NOW.getTime() + 30_000), toleranceSeconds: 10 })).toBe(false);
  });

  it('refuses a timestamp changed under the signature', () => {
    const header = signatureHeader(SECRET, NOW_SECONDS, BODY).replace(`t=${NOW_SECONDS}`, `t=${NOW_SECONDS + 1}`);
    expect(verifyKassaSignature(header, BODY, SECRET, { now: NOW })).toBe(false);
  });

  it('accepts any of several v1 signatures (a secret being rotated) and ignores unknown schemes', () => {
    const valid = signatureHeader(SECRET, NOW_SECONDS, BODY).split(',')[1];
    const header = `t=${NOW_SECONDS},v0=abc,v1=${'0'.repeat(64)},${valid}`;
    expect(verifyKassaSignature(header, BODY, SECRET, { now: NOW })).toBe(true);
  });

  it('refuses malformed headers', () => {
    const v1 = signatureHeader(SECRET, NOW_SECONDS, BODY).split(',')[1];
    for (const header of [
      undefined,
      null,
      '',
      v1,
      `t=${NOW_SECONDS}`,
      `t=abc,${v1}`,
      `t=${NOW_SECONDS},t=${NOW_SECONDS},${v1}`,
      `t=${NOW_SECONDS},v1=zz`,
      `t=${NOW_SECONDS},${v1}${','.repeat(2000)}`,
    ]) {
      expect(verifyKassaSignature(header, BODY, SECRET, { now: NOW }), String(header)).toBe(false);
    }
    expect(verifyKassaSignature(signatureHeader(SECRET, NOW_SECONDS, BODY), BODY, '', { now: NOW })).toBe(false);
  });
});
