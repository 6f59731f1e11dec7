import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { queueSms } from './notifications.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('SMS to other countries (SECURITY.md 33)', () => {
  it('hands no SMS for a number outside the allowed calling codes to the gateway, whoever queued it: it goes dead at once', async () => {
    const foreign = ['+447911123456', '+881631234567'];
    await t.db.transaction(async (tx) => {
      for (const to of [...foreign, '+77017654321']) await queueSms(tx, { to, text: `notice to ${to}`, purpose: 'test-notice' });
    });
    await t.app.ctx.worker.drain();
    const { rows: sent } = await t.db.query<{ phone: string }>('SELECT phone FROM dev_sms_messages WHERE phone = ANY($1::text[])', [
      [...foreign, '+77017654321'],
    ]);
    expect(sent.map((row) => row.phone)).toEqual(['+77017654321']);
    const { rows: ended } = await t.db.query<{ status: string; attempts: number; last_error: string }>(
      "SELECT status, attempts, last_error FROM outbox_messages WHERE payload->>'to' = ANY($1::text[])",
      [foreign],
    );
    expect(ended).toHaveLength(2);
    for (const message of ended) {
      expect(message).toMatchObject({ status: 'dead', attempts: 1 });
      expect(message.last_error).toMatch(/allowed calling codes/);
    }
  });
});
