import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { codeIn, GOOD_PASSWORD, uniqueIin, uniquePhone } from '../../../test/customers.js';
import { createTestDatabase, type TestDatabase, testConfig } from '../../../test/harness.js';
import { columnsHolding } from '../../../test/text-search.js';
import { buildApp } from '../../app.js';
import { ManualClock } from '../../shared/clock.js';
import { REGISTRATION_CONSENT } from '../identity/index.js';
import { queueCodeSms, queueSms } from './notifications.service.js';
import { OUTBOX_ATTEMPTS_MAX } from './outbox.worker.js';
import type { SmsSender } from './sms.js';

/**
 * SECURITY.md 35: an SMS text that carries a code is never in the database in plaintext, before
 * delivery or after. The app here sends through a gateway stand-in that keeps texts in memory, so
 * every table, the dev inbox's included, must be free of the codes.
 */
class GatewayStandIn implements SmsSender {
  readonly name = 'gateway-stand-in';
  readonly sent: Array<{ to: string; text: string }> = [];
  /** Texts the gateway saw but refused (it was "down"); the outbox retries them. */
  readonly refused: Array<{ to: string; text: string }> = [];
  down = false;

  async send(message: { to: string; text: string }): Promise<void> {
    if (this.down) {
      this.refused.push(message);
      throw new Error('gateway down');
    }
    this.sent.push(message);
  }
}

let t: TestDatabase;
let app: FastifyInstance;
const gateway = new GatewayStandIn();
const config = testConfig();

beforeAll(async () => {
  t = await createTestDatabase();
  app = await buildApp(config, { db: t.db, clock: new ManualClock(), sms: gateway });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.drop();
});
beforeEach(() => {
  gateway.down = false;
  gateway.sent.length = 0;
  gateway.refused.length = 0;
});

async function outboxPayloads(to: string): Promise<Array<{ status: string; payload: Record<string, unknown> }>> {
  const { rows } = await t.db.query<{ status: string; payload: Record<string, unknown> }>(
    "SELECT status, payload FROM outbox_messages WHERE payload->>'to' = $1 ORDER BY created_at, id",
    [to],
  );
  return rows;
}

/** Makes every pending message due now, as if its backoff had passed. */
async function makeDue(): Promise<void> {
  await t.db.query("UPDATE outbox_messages SET next_attempt_at = now() - interval '1 second' WHERE status = 'pending'");
}

describe('no live secret at rest', () => {
  it('keeps an SMS code sealed while it waits and erases it once delivered: no table holds it in plaintext', async () => {
    const phone = uniquePhone();
    const started = await app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone, language: 'ru' } });
    expect(started.statusCode).toBe(201);

    // The gateway is down: the code SMS stays in the outbox, pending, for as long as it takes.
    gateway.down = true;
    await app.ctx.worker.runOnce();
    const waiting = gateway.refused.find((message) => message.to === phone);
    const code = codeIn(waiting?.text ?? null);
    const [pending] = await outboxPayloads(phone);
    expect(pending?.status).toBe('pending');
    expect(pending?.payload).not.toHaveProperty('text');
    // The keyring's sealed format, naming the key that sealed it (SECURITY.md 39).
    expect(pending?.payload.sealedText).toEqual(expect.stringMatching(/^ks1\.k0\./));
    expect(await columnsHolding(t.db, code, 'number')).toEqual([]);
    expect(await columnsHolding(t.db, waiting?.text ?? '', 'substring')).toEqual([]);

    // The gateway is back: the worker opens the text at send time, and the row forgets it.
    gateway.down = false;
    await makeDue();
    await app.ctx.worker.drain();
    expect(gateway.sent).toEqual([{ to: phone, text: waiting?.text }]);
    const [delivered] = await outboxPayloads(phone);
    expect(delivered?.status).toBe('delivered');
    expect(delivered?.payload).toEqual({ to: phone, purpose: 'code:registration' });

    // The rest of the journey: the code proves the phone, then a login sends a second code.
    const { registrationId } = started.json();
    const verified = await app.inject({ method: 'POST', url: `/api/v1/registration/${registrationId}/phone`, payload: { code } });
    expect(verified.statusCode).toBe(204);
    const completed = await app.inject({
      method: 'POST',
      url: `/api/v1/registration/${registrationId}/complete`,
      payload: {
        iin: uniqueIin(),
        fullName: 'Бекова Айгерим',
        password: GOOD_PASSWORD,
        agreement: 'emoney',
        consent: REGISTRATION_CONSENT,
        client: 'web',
      },
    });
    expect(completed.statusCode).toBe(201);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: phone, password: GOOD_PASSWORD, client: 'web' },
    });
    await app.ctx.worker.drain();
    const loginSms = gateway.sent.findLast(
      (message) => message.to === phone && message.text !== waiting?.text && /Код \d{6}/.test(message.text),
    );
    const loginCode = codeIn(loginSms?.text ?? null);
    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/v1/auth/login/${login.json().loginId}/confirm`,
      payload: { code: loginCode },
    });
    expect(confirmed.statusCode).toBe(200);
    await app.ctx.worker.drain();

    for (const sms of [waiting, loginSms]) {
      expect(await columnsHolding(t.db, codeIn(sms?.text ?? null), 'number')).toEqual([]);
      expect(await columnsHolding(t.db, sms?.text ?? '', 'substring')).toEqual([]);
    }
    for (const row of await outboxPayloads(phone)) {
      expect(row.status).toBe('delivered');
      expect(row.payload).not.toHaveProperty('text');
      expect(row.payload).not.toHaveProperty('sealedText');
    }
  });

  it('erases the sealed text of a message that goes dead', async () => {
    const phone = uniquePhone();
    await t.db.transaction((tx) => queueCodeSms(tx, config.keyring, { to: phone, text: 'Код 482913 для входа', purpose: 'code:login' }));
    gateway.down = true;
    for (let attempt = 1; attempt <= OUTBOX_ATTEMPTS_MAX; attempt += 1) {
      await makeDue();
      await app.ctx.worker.runOnce();
    }
    expect(gateway.refused.filter((message) => message.to === phone)).toHaveLength(OUTBOX_ATTEMPTS_MAX);
    const [dead] = await outboxPayloads(phone);
    expect(dead?.status).toBe('dead');
    expect(dead?.payload).toEqual({ to: phone, purpose: 'code:login' });
  });

  it('does not open a sealed text copied into a message for another phone: that message goes dead, its text erased', async () => {
    const victim = uniquePhone();
    const attacker = uniquePhone();
    await t.db.transaction(async (tx) => {
      await queueCodeSms(tx, config.keyring, { to: victim, text: 'Код 771204 для входа', purpose: 'code:login' });
      await queueCodeSms(tx, config.keyring, { to: attacker, text: 'Код 000000 для входа', purpose: 'code:login' });
    });
    // Someone who can write to the table moves the victim's sealed code to their own message.
    await t.db.query(
      `UPDATE outbox_messages SET payload = jsonb_set(payload, '{sealedText}', (SELECT payload->'sealedText' FROM outbox_messages WHERE payload->>'to' = $1))
       WHERE payload->>'to' = $2`,
      [victim, attacker],
    );
    await app.ctx.worker.runOnce();
    expect(gateway.sent.map((message) => message.to)).toEqual([victim]);
    const [refused] = await t.db
      .query<{ status: string; last_error: string; payload: Record<string, unknown> }>(
        "SELECT status, last_error, payload FROM outbox_messages WHERE payload->>'to' = $1",
        [attacker],
      )
      .then((result) => result.rows);
    // It would never open on a retry: dead at once, and the copied text goes with it.
    expect(refused).toMatchObject({ status: 'dead', last_error: expect.stringMatching(/does not open \(does-not-open\)/) });
    expect(refused?.payload).toEqual({ to: attacker, purpose: 'code:login' });
  });

  it('refuses to queue a code SMS unsealed', async () => {
    await expect(
      t.db.transaction((tx) => queueSms(tx, { to: uniquePhone(), text: 'Код 123456 для входа', purpose: 'code:login' })),
    ).rejects.toThrow('queued sealed');
  });
});
