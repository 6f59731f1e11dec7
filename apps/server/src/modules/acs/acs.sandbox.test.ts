import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { answerCode, authenticationInput } from './acs.fixtures.js';
import { SANDBOX_CODE } from './decision.js';
import { authenticate, challengeResultOf } from './three-ds-server.js';

// Issue 15 item 4: other banks' sandbox cards through the directory server double to the sandbox
// ACS, the outcome chosen by the number; its challenges use the same API, with no SMS.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function sandbox(pan: string) {
  return authenticate(t.app.ctx, authenticationInput({ pan, expiry: '3012' }, 400_000n));
}

describe('the sandbox ACS', () => {
  it('is frictionless Y with ECI 05 and a value for …0002 and …0309', async () => {
    for (const pan of ['4000000000000002', '4000000000000309']) {
      const outcome = await sandbox(pan);
      expect(outcome).toMatchObject({ kind: 'result', result: { status: 'Y', eci: '05' } });
      if (outcome.kind === 'result') expect(outcome.result.authenticationValue).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    }
  });

  it('rejects …0408 (R) before any challenge', async () => {
    expect(await sandbox('4000000000000408')).toMatchObject({ kind: 'result', result: { status: 'R', authenticationValue: null } });
  });

  it('challenges …0101 with no SMS, and the sandbox code passes it', async () => {
    const outcome = await sandbox('4000000000000101');
    if (outcome.kind !== 'challenge') throw new Error('…0101 is challenged');
    const page = await t.app.inject({ url: `/api/acs/v1/challenges/${outcome.acsTransID}` });
    expect(page.json()).toMatchObject({ sandbox: true, maskedPhone: null, maskedPan: '400000••••••0101', triesLeft: 3 });
    expect((await answerCode(t, outcome.acsTransID, SANDBOX_CODE)).json()).toEqual({ transStatus: 'Y', done: true, triesLeft: 0 });
    expect(await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID)).toMatchObject({ status: 'Y', eci: '05' });
  });

  it('challenges …0200 and no code passes it: N after three tries', async () => {
    const outcome = await sandbox('4000000000000200');
    if (outcome.kind !== 'challenge') throw new Error('…0200 is challenged');
    await answerCode(t, outcome.acsTransID, SANDBOX_CODE);
    await answerCode(t, outcome.acsTransID, SANDBOX_CODE);
    expect((await answerCode(t, outcome.acsTransID, SANDBOX_CODE)).json()).toEqual({ transStatus: 'N', done: true, triesLeft: 0 });
    expect(await challengeResultOf(t.app.ctx, outcome.threeDSServerTransID)).toMatchObject({ status: 'N', authenticationValue: null });
  });

  it('sends no SMS for a sandbox challenge', async () => {
    const before = await t.db.query("SELECT count(*)::int AS n FROM outbox_messages WHERE payload->>'purpose' = 'code:3ds'");
    await sandbox('4000000000000101');
    const after = await t.db.query("SELECT count(*)::int AS n FROM outbox_messages WHERE payload->>'purpose' = 'code:3ds'");
    expect(after.rows).toEqual(before.rows);
  });
});
