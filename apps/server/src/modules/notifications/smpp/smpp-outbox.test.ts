import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestDatabase, testConfig } from '../../../../test/harness.js';
import { queueCodeSms, queueSms, smsDeliveryHandler } from '../notifications.service.js';
import { OutboxWorker } from '../outbox.worker.js';
import { AllowedCountriesSmsSender } from '../sms.js';
import { createSmppSmsSender, type SmppSmsSender } from './index.js';
import { SmscSimulator } from './simulator.js';

const SYSTEM_ID = 'kassa';
const PASSWORD = 'secret12';
const log = pino({ level: 'silent' });
const keyring = testConfig().keyring;
let t: TestDatabase;
let simulator: SmscSimulator;
const senders: SmppSmsSender[] = [];
const workers: OutboxWorker[] = [];

interface SmsRow {
  status: string;
  sms_delivery_status: string | null;
  provider_message_ids: string[] | null;
  delivery_receipt_stat: string | null;
}

beforeAll(async () => {
  t = await createTestDatabase();
  simulator = await SmscSimulator.start({ systemId: SYSTEM_ID, password: PASSWORD });
});
beforeEach(async () => {
  await t.db.query('DELETE FROM outbox_messages');
  simulator.inbox.length = 0;
  simulator.sendReceipts(null);
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  await Promise.all(senders.splice(0).map((sender) => sender.close()));
});
afterAll(async () => {
  await simulator.close();
  await t.drop();
});

/** A worker process as app.ts builds it under SMS_ADAPTER=smpp: its own SMPP session, the real SMS handler. */
function startWorker(): OutboxWorker {
  const sms = createSmppSmsSender(
    {
      host: '127.0.0.1',
      port: simulator.port,
      systemId: SYSTEM_ID,
      password: PASSWORD,
      systemType: '',
      sourceAddr: 'Kassa',
      tls: false,
      windowSize: 10,
      enquireLinkSeconds: 30,
    },
    t.db,
    log,
  );
  senders.push(sms);
  const worker = new OutboxWorker(t.db, log, 10);
  worker.handle(
    'sms',
    smsDeliveryHandler(new AllowedCountriesSmsSender(sms, ['7']), keyring, async () => null),
  );
  workers.push(worker);
  return worker;
}

async function queueCode(text: string): Promise<string> {
  return t.db.transaction((tx) => queueCodeSms(tx, keyring, { to: '+77011234567', text, purpose: 'code:test' }));
}

async function row(id: string): Promise<SmsRow | undefined> {
  const { rows } = await t.db.query<SmsRow>(
    'SELECT status, sms_delivery_status, provider_message_ids, delivery_receipt_stat FROM outbox_messages WHERE id = $1',
    [id],
  );
  return rows[0];
}

async function waitForSmsStatus(id: string, status: string, timeoutMs = 5000): Promise<SmsRow | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await row(id);
    if (current?.sms_delivery_status === status || Date.now() > deadline) return current;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SMPP through the outbox', { timeout: 20_000 }, () => {
  it('marks the row sent with the SMSC message ids, then delivered on a DELIVRD receipt', async () => {
    simulator.sendReceipts('DELIVRD', 100);
    const id = await queueCode('Kassa: код 123456. Никому не сообщайте.');
    await startWorker().drain();
    const [message] = await simulator.waitForInbox(1);
    expect(message?.text).toBe('Kassa: код 123456. Никому не сообщайте.');
    expect(await row(id)).toMatchObject({ status: 'delivered', provider_message_ids: message?.messageIds });
    expect(await waitForSmsStatus(id, 'delivered')).toMatchObject({ sms_delivery_status: 'delivered', delivery_receipt_stat: 'DELIVRD' });
  });

  it('marks the row failed on an UNDELIV receipt', async () => {
    simulator.sendReceipts('UNDELIV', 10);
    const id = await queueCode('Kassa: code 654321');
    await startWorker().drain();
    expect(await waitForSmsStatus(id, 'failed')).toMatchObject({
      status: 'delivered',
      sms_delivery_status: 'failed',
      delivery_receipt_stat: 'UNDELIV',
    });
  });

  it('does not send a message the SMSC already accepted again after a worker restart', async () => {
    const id = await queueCode('Kassa: code 111222');
    await startWorker().drain();
    await simulator.waitForInbox(1);
    const acceptedBefore = simulator.acceptedSubmits;
    const sent = await row(id);
    expect(sent?.sms_delivery_status).toBe('sent');
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await Promise.all(senders.splice(0).map((sender) => sender.close()));

    // The restart: a new worker and a new session, and every lease long over.
    await t.db.query(`UPDATE outbox_messages SET locked_until = now() - interval '1 hour', next_attempt_at = now() - interval '1 hour'`);
    const restarted = startWorker();
    expect(await restarted.runOnce()).toBe(0);
    await restarted.drain();
    expect(simulator.acceptedSubmits).toBe(acceptedBefore);
    expect(simulator.inbox).toHaveLength(1);
    expect((await row(id))?.provider_message_ids).toEqual(sent?.provider_message_ids);
  });

  it('runs behind SMS_ADAPTER=smpp in the app: one bound session carries a long Kazakh text from the outbox', async () => {
    const bindsBefore = simulator.binds;
    const env = { SMPP_HOST: '127.0.0.1', SMPP_PORT: String(simulator.port), SMPP_SYSTEM_ID: SYSTEM_ID, SMPP_PASSWORD: PASSWORD };
    const test = await createTestApp({ env: { SMS_ADAPTER: 'smpp', SMPP_SOURCE_ADDR: 'Kassa', ...env } });
    try {
      const text = 'Kassa: шотыңызға 5 000 ₸ түсті. Әрқашан қауіпсіз: ғ, қ, ң, ө, ұ, ү, һ, і. Кодты ешкімге айтпаңыз, банк оны сұрамайды.';
      await test.db.transaction((tx) => queueSms(tx, { to: '+77011234567', text, purpose: 'test' }));
      await test.app.ctx.worker.drain();
      const [message] = await simulator.waitForInbox(1);
      expect(message?.text).toBe(text);
      expect(message?.messageIds.length).toBeGreaterThan(1);
      expect(simulator.binds).toBe(bindsBefore + 1);
    } finally {
      await test.close();
    }
  });
});
