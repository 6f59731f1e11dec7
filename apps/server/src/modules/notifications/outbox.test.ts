import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.js';
import { queueSms } from './notifications.service.js';
import { OUTBOX_ATTEMPTS_MAX, OutboxWorker, retryDelayMs } from './outbox.worker.js';
import { DevInboxSmsSender } from './sms.js';

let t: TestDatabase;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});
beforeEach(async () => {
  await t.db.query('DELETE FROM outbox_messages');
  await t.db.query('DELETE FROM dev_sms_messages');
});

async function statuses(): Promise<Array<{ status: string; attempts: number }>> {
  const { rows } = await t.db.query<{ status: string; attempts: number }>(
    'SELECT status, attempts FROM outbox_messages ORDER BY created_at',
  );
  return rows;
}

describe('outbox', () => {
  it('keeps a message only when the business transaction commits', async () => {
    await t.db.transaction((tx) => queueSms(tx, { to: '+77011234567', text: 'committed', purpose: 'test' }));
    await expect(
      t.db.transaction(async (tx) => {
        await queueSms(tx, { to: '+77011234567', text: 'rolled back', purpose: 'test' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const { rows } = await t.db.query<{ payload: { text: string } }>('SELECT payload FROM outbox_messages');
    expect(rows.map((row) => row.payload.text)).toEqual(['committed']);
  });

  it('delivers after commit through the SMS port and marks the message delivered', async () => {
    const worker = new OutboxWorker(t.db, log, 10);
    const sms = new DevInboxSmsSender(t.db);
    worker.handle('sms', (payload) => sms.send({ to: String(payload.to), text: String(payload.text) }));
    await t.db.transaction((tx) => queueSms(tx, { to: '+77011234567', text: 'Код 123456', purpose: 'test' }));
    await worker.drain();
    expect(await statuses()).toEqual([{ status: 'delivered', attempts: 1 }]);
    const { rows } = await t.db.query<{ phone: string; text: string }>('SELECT phone, text FROM dev_sms_messages');
    expect(rows).toEqual([{ phone: '+77011234567', text: 'Код 123456' }]);
  });

  it('retries a failed delivery later and dead-letters it after the last attempt', async () => {
    const worker = new OutboxWorker(t.db, log, 10);
    let calls = 0;
    worker.handle('sms', async () => {
      calls += 1;
      throw new Error('gateway down');
    });
    await t.db.transaction((tx) => queueSms(tx, { to: '+77011234567', text: 'x', purpose: 'test' }));
    await worker.runOnce();
    const [first] = await statuses();
    expect(first).toEqual({ status: 'pending', attempts: 1 });
    // Not due yet: the backoff holds it back.
    expect(await worker.runOnce()).toBe(0);
    for (let attempt = 2; attempt <= OUTBOX_ATTEMPTS_MAX; attempt += 1) {
      await t.db.query("UPDATE outbox_messages SET next_attempt_at = now() - interval '1 second'");
      await worker.runOnce();
    }
    expect(calls).toBe(OUTBOX_ATTEMPTS_MAX);
    const { rows } = await t.db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM outbox_messages');
    expect(rows).toEqual([{ status: 'dead', last_error: 'gateway down' }]);
  });

  it('delivers at least once: a message claimed by a worker that died is delivered after its lease', async () => {
    await t.db.transaction((tx) => queueSms(tx, { to: '+77011234567', text: 'x', purpose: 'test' }));
    // A worker claimed it and died before marking it delivered.
    await t.db.query("UPDATE outbox_messages SET locked_until = now() + interval '1 hour', attempts = 1");
    const worker = new OutboxWorker(t.db, log, 10);
    const delivered: string[] = [];
    worker.handle('sms', async (payload) => {
      delivered.push(String(payload.text));
    });
    expect(await worker.runOnce()).toBe(0);
    await t.db.query("UPDATE outbox_messages SET locked_until = now() - interval '1 second'");
    await worker.drain();
    expect(delivered).toEqual(['x']);
  });

  it('lets two workers share the table without delivering a message twice at once', async () => {
    for (let index = 0; index < 30; index += 1) {
      await t.db.transaction((tx) => queueSms(tx, { to: '+77011234567', text: `m${index}`, purpose: 'test' }));
    }
    const delivered: string[] = [];
    const workers = [new OutboxWorker(t.db, log, 10), new OutboxWorker(t.db, log, 10)];
    for (const worker of workers) {
      worker.handle('sms', async (payload) => {
        delivered.push(String(payload.text));
      });
    }
    await Promise.all(workers.map((worker) => worker.drain()));
    expect(delivered.sort()).toEqual(Array.from({ length: 30 }, (_, index) => `m${index}`).sort());
  });

  it('backs off exponentially within bounds', () => {
    for (let attempt = 1; attempt < 30; attempt += 1) {
      const delay = retryDelayMs(attempt);
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(10 * 60_000);
    }
  });
});
