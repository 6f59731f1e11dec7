import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkKassaSignature, SIGNATURE_TOLERANCE_SECONDS } from './signature.js';

const SECRET = 'whsec_demo-shop-test-secret';
const NOW = new Date('2026-05-12T10:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
const BODY = Buffer.from('{"id":"evt_1","type":"payment.succeeded","created":1,"livemode":false,"data":{"id":"pay_1"}}');

/** Signs as Kassa documents it, independently of the code under test. */
function sign(body: Buffer, secret = SECRET, timestampSeconds = NOW_SECONDS): string {
  return `t=${timestampSeconds},v1=${createHmac('sha256', secret)
    .update(`${timestampSeconds}.${body.toString('utf8')}`)
    .digest('hex')}`;
}

describe('the shop’s check of Kassa-Signature', () => {
  it('accepts a body signed with the shop’s secret just now', () => {
    expect(checkKassaSignature(sign(BODY), BODY, SECRET, NOW)).toBe('valid');
  });

  it('refuses a body signed with another secret', () => {
    expect(checkKassaSignature(sign(BODY, 'whsec_someone-else'), BODY, SECRET, NOW)).toBe('mismatch');
  });

  it('refuses a body altered after signing, even by one byte or by re-serialising it', () => {
    const header = sign(BODY);
    const altered = Buffer.from(BODY.toString('utf8').replace('payment.succeeded', 'payment.succeedee'));
    expect(checkKassaSignature(header, altered, SECRET, NOW)).toBe('mismatch');
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString('utf8')), null, 1));
    expect(checkKassaSignature(header, reserialised, SECRET, NOW)).toBe('mismatch');
  });

  it('refuses a correctly signed request older than five minutes, or from five minutes ahead', () => {
    const old = NOW_SECONDS - SIGNATURE_TOLERANCE_SECONDS - 1;
    expect(checkKassaSignature(sign(BODY, SECRET, old), BODY, SECRET, NOW)).toBe('stale');
    expect(checkKassaSignature(sign(BODY, SECRET, NOW_SECONDS + SIGNATURE_TOLERANCE_SECONDS + 1), BODY, SECRET, NOW)).toBe('stale');
    // The edge of the window is still inside it.
    expect(checkKassaSignature(sign(BODY, SECRET, NOW_SECONDS - SIGNATURE_TOLERANCE_SECONDS), BODY, SECRET, NOW)).toBe('valid');
  });

  it('refuses an old request whose timestamp was rewritten to now (the timestamp is under the MAC)', () => {
    const old = sign(BODY, SECRET, NOW_SECONDS - 3600);
    const rewritten = old.replace(/^t=\d+/, `t=${NOW_SECONDS}`);
    expect(checkKassaSignature(rewritten, BODY, SECRET, NOW)).toBe('mismatch');
  });

  it('accepts one good v1 among several (a secret rotation) and refuses two timestamps', () => {
    const good = sign(BODY);
    const wrong = sign(BODY, 'whsec_old').split(',')[1];
    expect(checkKassaSignature(`${good.split(',')[0]},${wrong},${good.split(',')[1]}`, BODY, SECRET, NOW)).toBe('valid');
    expect(checkKassaSignature(`t=1,${good}`, BODY, SECRET, NOW)).toBe('malformed');
  });

  it('refuses a missing, empty, garbled or oversized header and an empty secret', () => {
    for (const header of [undefined, '', 'v1=abc', `t=${NOW_SECONDS}`, 'garbage', `t=${NOW_SECONDS},v1=${'0'.repeat(2000)}`]) {
      expect(checkKassaSignature(header, BODY, SECRET, NOW)).toBe('malformed');
    }
    expect(checkKassaSignature(sign(BODY, ''), BODY, '', NOW)).toBe('malformed');
    expect(checkKassaSignature(`${sign(BODY)},${'x'.repeat(1100)}`, BODY, SECRET, NOW)).toBe('malformed');
  });
});
