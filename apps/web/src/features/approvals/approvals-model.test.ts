import { beforeEach, describe, expect, it, vi } from 'vitest';
import { generateDeviceKeyPair } from '../auth/deviceStore';
import { approvePurchase, declinePurchase } from './approvals-api';
import { byExpiry, canApproveHere, outcomeOfFailure } from './approvals-model';

/** What the approvals API sends in a body (approve: all three; start and decline: none). */
type SentBody = { challengeId?: string; signature?: string; pin?: string };

/** What the fake API answers next, per path, and every request it was sent. */
const server = vi.hoisted(() => ({
  answers: new Map<string, Array<{ status: number; body: unknown }>>(),
  sent: [] as Array<{ path: string; body: SentBody | undefined }>,
}));

// The typed client's calls, answered in memory: the flow under test (a fresh challenge, the
// device key's signature over it, the PIN) is the real one; only the network is not.
vi.mock('../../api/client', () => {
  async function answer(path: string, options: { body?: SentBody } = {}) {
    server.sent.push({ path, body: options.body });
    const next = server.answers.get(path)?.shift();
    if (!next) throw new Error(`no answer queued for ${path}`);
    const response = new Response(JSON.stringify(next.body), { status: next.status });
    return next.status < 400 ? { data: next.body, response } : { error: next.body, response };
  }
  return { api: { GET: answer, POST: answer }, PASSIVE_HEADERS: {} };
});

const START = '/api/v1/3ds/approvals/{acsTransID}/start';
const APPROVE = '/api/v1/3ds/approvals/{acsTransID}/approve';
const DECLINE = '/api/v1/3ds/approvals/{acsTransID}/decline';
const ACS_TRANS_ID = '6f1c9a52-8f0e-4a55-9d7e-2b1f3c4d5e6f';

function queue(path: string, status: number, body: unknown): void {
  server.answers.set(path, [...(server.answers.get(path) ?? []), { status, body }]);
}

function problem(code: string, status: number, extensions: Record<string, unknown> = {}) {
  return { type: `https://mykassa.kz/problems/${code}`, title: code, status, requestId: 'req_1', ...extensions };
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

describe('approving a purchase with the PIN device', () => {
  beforeEach(() => {
    server.answers.clear();
    server.sent.length = 0;
  });

  it('signs the challenge that names the purchase with the device key and sends it with the PIN', async () => {
    const keyPair = await generateDeviceKeyPair();
    const challenge = `3ds:${ACS_TRANS_ID}:700000:398:DEMO SHOP\nbm9uY2U`;
    queue(START, 200, { challengeId: 'chl_1', challenge });
    queue(APPROVE, 200, { status: 'approved' });

    expect(await approvePurchase(ACS_TRANS_ID, keyPair.privateKey, '2580')).toEqual({ kind: 'approved' });

    const sent = server.sent.find((request) => request.path === APPROVE)?.body ?? {};
    expect(sent.challengeId).toBe('chl_1');
    expect(sent.pin).toBe('2580');
    // IEEE P1363 (r || s), 64 bytes, base64url: what the server's PIN check verifies.
    const signature = fromBase64url(sent.signature ?? '');
    expect(signature.byteLength).toBe(64);
    const verified = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      keyPair.publicKey,
      signature,
      new TextEncoder().encode(challenge),
    );
    expect(verified).toBe(true);
  });

  it('asks for a new challenge on every try: a wrong PIN spends the old one', async () => {
    const keyPair = await generateDeviceKeyPair();
    queue(START, 200, { challengeId: 'chl_1', challenge: 'one' });
    queue(APPROVE, 401, problem('device-login-failed', 401, { attemptsLeft: 3 }));
    queue(START, 200, { challengeId: 'chl_2', challenge: 'two' });
    queue(APPROVE, 200, { status: 'approved' });

    expect(await approvePurchase(ACS_TRANS_ID, keyPair.privateKey, '1111')).toEqual({ kind: 'wrong-pin', attemptsLeft: 3 });
    expect(await approvePurchase(ACS_TRANS_ID, keyPair.privateKey, '2580')).toEqual({ kind: 'approved' });
    expect(server.sent.map((request) => request.path)).toEqual([START, APPROVE, START, APPROVE]);
    expect(server.sent.filter((request) => request.path === APPROVE).map((request) => request.body?.challengeId)).toEqual([
      'chl_1',
      'chl_2',
    ]);
  });

  it('stops before the PIN when the session was not opened by the bound device', async () => {
    const keyPair = await generateDeviceKeyPair();
    queue(START, 409, problem('device-approval-unavailable', 409));
    expect(await approvePurchase(ACS_TRANS_ID, keyPair.privateKey, '2580')).toEqual({ kind: 'unavailable' });
    expect(server.sent.map((request) => request.path)).toEqual([START]);
  });

  it('says revoked after the fifth wrong PIN, and gone for a purchase that no longer waits', async () => {
    const keyPair = await generateDeviceKeyPair();
    queue(START, 200, { challengeId: 'chl_1', challenge: 'one' });
    queue(APPROVE, 401, problem('device-revoked', 401));
    expect(await approvePurchase(ACS_TRANS_ID, keyPair.privateKey, '1111')).toEqual({ kind: 'revoked' });
    queue(START, 404, problem('acs-challenge-not-found', 404));
    expect(await approvePurchase(ACS_TRANS_ID, keyPair.privateKey, '2580')).toEqual({ kind: 'gone' });
  });

  it('declines with an empty body and reports a purchase already ended as gone', async () => {
    queue(DECLINE, 200, { status: 'declined' });
    expect(await declinePurchase(ACS_TRANS_ID)).toEqual({ kind: 'declined' });
    queue(DECLINE, 404, problem('acs-challenge-not-found', 404));
    expect(await declinePurchase(ACS_TRANS_ID)).toEqual({ kind: 'gone' });
  });
});

describe('the approval model', () => {
  it('keeps an unknown failure as the server worded it', () => {
    const failure = { status: 500, body: problem('internal', 500) };
    expect(outcomeOfFailure(failure)).toEqual({ kind: 'failed', failure });
    expect(outcomeOfFailure({ status: null, body: null })).toEqual({ kind: 'failed', failure: { status: null, body: null } });
  });

  it('reads a wrong PIN without a count as an unknown count', () => {
    expect(outcomeOfFailure({ status: 401, body: problem('device-login-failed', 401) })).toEqual({ kind: 'wrong-pin', attemptsLeft: null });
  });

  it('offers approval only to a PIN session on a browser holding the PIN device', () => {
    expect(canApproveHere('pin', true)).toBe(true);
    expect(canApproveHere('pin', false)).toBe(false);
    expect(canApproveHere('password_sms', true)).toBe(false);
    expect(canApproveHere('webauthn', true)).toBe(false);
  });

  it('puts the purchase that runs out first at the top', () => {
    const items = [
      { id: 'b', expiresAt: '2030-01-01T10:05:00.000Z' },
      { id: 'a', expiresAt: '2030-01-01T10:01:00.000Z' },
    ];
    expect(byExpiry(items).map((item) => item.id)).toEqual(['a', 'b']);
    expect(items[0]?.id).toBe('b');
  });
});
