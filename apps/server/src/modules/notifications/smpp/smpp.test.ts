import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SmppBindError } from './connection.js';
import { DATA_CODING_GSM7, DATA_CODING_UCS2 } from './parts.js';
import { SmscSimulator } from './simulator.js';
import { type SmppSenderOptions, SmppSmsSender } from './smpp-sender.js';

const SYSTEM_ID = 'kassa';
const PASSWORD = 'secret12';
const log = pino({ level: 'silent' });
let simulator: SmscSimulator;
const senders: SmppSmsSender[] = [];

beforeAll(async () => {
  simulator = await SmscSimulator.start({ systemId: SYSTEM_ID, password: PASSWORD });
});
afterEach(async () => {
  await Promise.all(senders.splice(0).map((sender) => sender.close()));
  simulator.inbox.length = 0;
  simulator.throttleNext(0);
});
afterAll(async () => {
  await simulator.close();
});

function sender(overrides: Partial<SmppSenderOptions> = {}): SmppSmsSender {
  const created = new SmppSmsSender({
    host: '127.0.0.1',
    port: simulator.port,
    tls: false,
    systemId: SYSTEM_ID,
    password: PASSWORD,
    systemType: '',
    sourceAddr: 'Kassa',
    windowSize: 10,
    enquireLinkMs: 1000,
    onReceipt: async () => true,
    log,
    reconnectBaseMs: 10,
    reconnectMaxMs: 100,
    throttleBackoffBaseMs: 10,
    sendTimeoutMs: 5000,
    ...overrides,
  });
  senders.push(created);
  return created;
}

const KAZAKH =
  'Құрметті клиент, сіздің шотыңызға 15 000 ₸ түсті. Әрбір операция туралы хабарлама келеді: ' +
  'ғимаратта, қалада, өңірде, ұлттық банкте, үйде, һәм інімде де. Кодты ешкімге айтпаңыз.';

describe('SMPP adapter against the simulator', { timeout: 15_000 }, () => {
  it('binds as a transceiver with the configured system id and password', async () => {
    const bindsBefore = simulator.binds;
    const client = sender();
    await client.connect();
    expect(client.isBound).toBe(true);
    expect(simulator.binds).toBe(bindsBefore + 1);
  });

  it('refuses to bind with a wrong password (ESME_RBINDFAIL)', async () => {
    const client = sender({ password: 'wrong' });
    const failure = await client.connect().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SmppBindError);
    expect(failure instanceof SmppBindError && failure.commandStatus).toBe(0x0d);
    expect(client.isBound).toBe(false);
  });

  it('sends a Latin text as one GSM-7 part and answers with its message id', async () => {
    const text = 'Kassa: code 123456 for mykassa.kz. Never tell it to anyone {bank} €5';
    const accepted = await sender().send({ to: '+77011234567', text });
    const [message] = await simulator.waitForInbox(1);
    expect(message).toMatchObject({ from: 'Kassa', to: '77011234567', text, dataCoding: DATA_CODING_GSM7 });
    expect(accepted.providerMessageIds).toEqual(message?.messageIds);
    expect(accepted.providerMessageIds).toHaveLength(1);
  });

  it('splits a long Kazakh text into UCS-2 parts of 67 characters that reassemble whole', async () => {
    expect(KAZAKH.length).toBeGreaterThan(134);
    const accepted = await sender().send({ to: '+77011234567', text: KAZAKH });
    const [message] = await simulator.waitForInbox(1);
    expect(message?.text).toBe(KAZAKH);
    expect(message?.dataCoding).toBe(DATA_CODING_UCS2);
    expect(accepted.providerMessageIds).toHaveLength(Math.ceil(KAZAKH.length / 67));
    expect(message?.messageIds).toEqual(accepted.providerMessageIds);
  });

  it('sends a Russian text in UCS-2', async () => {
    const text = 'Kassa: перевод 5 000 ₸ Айгерим Н. выполнен. Код 654321 никому не сообщайте.';
    await sender().send({ to: '+77011234567', text });
    const [message] = await simulator.waitForInbox(1);
    expect(message).toMatchObject({ text, dataCoding: DATA_CODING_UCS2 });
    expect(message?.messageIds).toHaveLength(2);
  });

  it('backs off when the SMSC throttles and then delivers', async () => {
    const throttledBefore = simulator.throttledSubmits;
    simulator.throttleNext(3);
    const started = Date.now();
    await sender().send({ to: '+77011234567', text: 'after the throttle' });
    const [message] = await simulator.waitForInbox(1);
    expect(message?.text).toBe('after the throttle');
    expect(simulator.throttledSubmits - throttledBefore).toBe(3);
    // Backoff of 10, 20 and 40 ms: the retries waited rather than hammered.
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('reconnects after the connection drops mid-window and delivers every message once', async () => {
    const client = sender({ windowSize: 4 });
    await client.connect();
    const bindsBefore = simulator.binds;
    simulator.dropConnectionAfter(3);
    const texts = Array.from({ length: 12 }, (_, index) => `message ${index + 1}`);
    await Promise.all(texts.map((text) => client.send({ to: '+77011234567', text })));
    const inbox = await simulator.waitForInbox(texts.length);
    expect(simulator.binds).toBeGreaterThan(bindsBefore);
    expect(inbox.map((message) => message.text).sort()).toEqual([...texts].sort());
  });

  it('drops a link whose enquire_link goes unanswered and binds again', async () => {
    const client = sender({ enquireLinkMs: 40 });
    await client.connect();
    const bindsBefore = simulator.binds;
    simulator.ignoreEnquireLinks(1);
    const deadline = Date.now() + 3000;
    while (simulator.binds === bindsBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(simulator.binds).toBe(bindsBefore + 1);
    await client.send({ to: '+77011234567', text: 'after the keep-alive' });
    expect((await simulator.waitForInbox(1))[0]?.text).toBe('after the keep-alive');
  });

  it('answers a receipt it cannot record yet with a temporary error, so the SMSC sends it again', async () => {
    const seen: string[] = [];
    const client = sender({
      onReceipt: async (receipt) => {
        seen.push(`${receipt.messageId} ${receipt.outcome}`);
        return seen.length >= 3;
      },
    });
    simulator.sendReceipts('DELIVRD', 5);
    try {
      const { providerMessageIds } = await client.send({ to: '+77011234567', text: 'receipt please' });
      const deadline = Date.now() + 3000;
      while (seen.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 150));
      // Two refusals (ESME_RX_T_APPN), then accepted: three deliveries of one receipt, and no more.
      expect(seen).toEqual(Array.from({ length: 3 }, () => `${providerMessageIds[0]} delivered`));
    } finally {
      simulator.sendReceipts(null);
    }
  });
});
