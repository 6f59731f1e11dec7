import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, GOOD_PASSWORD, lastCodeSms, login, registerCustomer, uniqueIin, uniquePhone } from '../../../test/customers.js';
import { createTestDatabase, type TestDatabase, testConfig } from '../../../test/harness.js';
import { columnsHolding } from '../../../test/text-search.js';
import { buildApp } from '../../app.js';
import type { Database } from '../../db/database.js';
import { ManualClock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { Keyring, SealedValueError } from '../../shared/keyring.js';
import { verifyAuditChain } from '../audit/index.js';
import { customerIinMatches, findCustomerByIin, IIN_REWRITE_BATCH_ROWS, rekeyIins, revealIin, sealPlaintextIins } from './iin-at-rest.js';
import { REGISTRATION_CONSENT } from './index.js';

/**
 * SECURITY.md 39 (issue 9 item 9): no IIN in plaintext at rest, look-ups by keyed hash under any
 * key of the ring, and a key rotation that finds and opens what the old key sealed.
 */
const OLD_HEX = 'c3'.repeat(32);
const NEW_HEX = 'd4'.repeat(32);
const OLD_ONLY = `${OLD_HEX}`; // a single key: k0
const NEW_FIRST = `k1:${NEW_HEX},k0:${OLD_HEX}`;
const NEW_ONLY = `k1:${NEW_HEX}`;

let t: TestDatabase;
let app: FastifyInstance;
const clock = new ManualClock();

beforeAll(async () => {
  t = await createTestDatabase();
  app = await buildApp(testConfig({ SECRET_KEY: OLD_ONLY }), { db: t.db, clock });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

/** A customer row as migration 0012 found it: the IIN in plaintext, nothing sealed (and no password: auth's, since 0014). */
async function insertPlaintextCustomers(db: Database, count: number): Promise<Array<{ id: string; iin: string }>> {
  const customers = Array.from({ length: count }, () => ({ id: newId('cus'), iin: uniqueIin(), phone: uniquePhone() }));
  await db.query(
    `INSERT INTO customers (id, full_name, iin, phone, language)
     SELECT id, 'Старый Клиент', iin, phone, 'ru' FROM unnest($1::text[], $2::text[], $3::text[]) AS c(id, iin, phone)`,
    [customers.map((c) => c.id), customers.map((c) => c.iin), customers.map((c) => c.phone)],
  );
  return customers;
}

async function plaintextIinRows(db: Database): Promise<number> {
  const { rows } = await db.query<{ count: bigint }>('SELECT count(*) AS count FROM customers WHERE iin IS NOT NULL');
  return Number(rows[0]?.count);
}

/** Registration steps 1–3 through the API, returning the answer of step 3. */
async function completeRegistration(target: FastifyInstance, iin: string) {
  const phone = uniquePhone();
  const { registrationId } = (await target.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone } })).json();
  const code = codeIn(await lastCodeSms(target, phone));
  await target.inject({ method: 'POST', url: `/api/v1/registration/${registrationId}/phone`, payload: { code } });
  return target.inject({
    method: 'POST',
    url: `/api/v1/registration/${registrationId}/complete`,
    payload: { iin, fullName: 'Сапарова Жанар', password: GOOD_PASSWORD, agreement: 'emoney', consent: REGISTRATION_CONSENT },
  });
}

describe('IINs at rest', () => {
  it('keeps no IIN in plaintext in any table after registration, and still finds the customer by it', async () => {
    const customer = await registerCustomer(app);
    expect(await columnsHolding(t.db, customer.iin, 'substring')).toEqual([]);
    const { rows } = await t.db.query<{ iin: string | null; iin_sealed: string; iin_hash: string }>(
      'SELECT iin, iin_sealed, iin_hash FROM customers WHERE id = $1',
      [customer.customerId],
    );
    expect(rows[0]?.iin).toBeNull();
    expect(rows[0]?.iin_sealed).toMatch(/^ks1\.k0\./);
    const keyring = app.ctx.config.keyring;
    expect((await findCustomerByIin(t.db, keyring, customer.iin))?.id).toBe(customer.customerId);
    expect(await customerIinMatches(t.db, keyring, customer.customerId, customer.iin)).toBe(true);
    expect(await customerIinMatches(t.db, keyring, customer.customerId, uniqueIin())).toBe(false);
    expect(await revealIin(t.db, keyring, customer.customerId)).toBe(customer.iin);
    // The uniqueness of the IIN among customers holds through its hash.
    const again = await completeRegistration(app, customer.iin);
    expect(again.statusCode).toBe(422);
    expect(again.json().type).toMatch(/registration-refused/);
  });

  it('seals the IINs stored in plaintext before migration 0012 at start, and the customers are found as before', async () => {
    const old = await insertPlaintextCustomers(t.db, 3);
    expect(await plaintextIinRows(t.db)).toBe(3);
    const restarted = await buildApp(testConfig({ SECRET_KEY: OLD_ONLY }), { db: t.db, clock });
    await restarted.close();
    expect(await plaintextIinRows(t.db)).toBe(0);
    for (const customer of old) {
      expect(await columnsHolding(t.db, customer.iin, 'substring')).toEqual([]);
      expect((await findCustomerByIin(t.db, app.ctx.config.keyring, customer.iin))?.id).toBe(customer.id);
      expect(await revealIin(t.db, app.ctx.config.keyring, customer.id)).toBe(customer.iin);
    }
    const { rows: audit } = await t.db.query<{ details: unknown }>(
      "SELECT details FROM audit_events WHERE event = 'keys.rewritten' ORDER BY seq DESC LIMIT 1",
    );
    expect(audit[0]?.details).toMatchObject({ what: 'customers.iin', keyId: 'k0', rows: 3, fromPlaintext: 3 });
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    // A second start finds nothing to do.
    expect(await sealPlaintextIins(t.db, app.ctx.config.keyring, clock.now())).toBe(0);
  });

  it('resumes after a crash half-way: the committed batches stay sealed and the next start seals the rest', async () => {
    const old = await insertPlaintextCustomers(t.db, IIN_REWRITE_BATCH_ROWS + 20);
    let transactions = 0;
    const transaction: Database['transaction'] = (work, options) => {
      transactions += 1;
      return transactions === 2 ? Promise.reject(new Error('killed')) : t.db.transaction(work, options);
    };
    // The database, but the process "dies" when the second batch begins.
    const crashingOnTheSecondBatch = new Proxy(t.db, {
      get: (target, property) => (property === 'transaction' ? transaction : Reflect.get(target, property, target)),
    });
    await expect(sealPlaintextIins(crashingOnTheSecondBatch, app.ctx.config.keyring, clock.now())).rejects.toThrowError('killed');
    expect(await plaintextIinRows(t.db)).toBe(20);
    expect(await sealPlaintextIins(t.db, app.ctx.config.keyring, clock.now())).toBe(20);
    expect(await plaintextIinRows(t.db)).toBe(0);
    const last = old.at(-1) as { id: string; iin: string };
    expect(await revealIin(t.db, app.ctx.config.keyring, last.id)).toBe(last.iin);
  });

  it('finds and opens a customer sealed under the old key once a new key is first; keys:rotate moves it to the new key', async () => {
    const customer = await registerCustomer(app);
    const rotatedConfig = testConfig({ SECRET_KEY: NEW_FIRST });
    const rotated = await buildApp(rotatedConfig, { db: t.db, clock });
    try {
      const newFirst = rotatedConfig.keyring;
      expect((await findCustomerByIin(t.db, newFirst, customer.iin))?.id).toBe(customer.customerId);
      expect(await revealIin(t.db, newFirst, customer.customerId)).toBe(customer.iin);
      // Through the API: the IIN is still taken, and a password reset still recognises it.
      expect((await completeRegistration(rotated, customer.iin)).statusCode).toBe(422);
      clock.advance(61_000);
      const reset = (
        await rotated.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: customer.phone } })
      ).json();
      const code = codeIn(await lastCodeSms(rotated, customer.phone));
      const done = await rotated.inject({
        method: 'POST',
        url: `/api/v1/auth/password-reset/${reset.resetId}/complete`,
        payload: { code, iin: customer.iin, newPassword: 'Rotated-Key-Password-3' },
      });
      expect(done.statusCode).toBe(204);
      expect((await login(rotated, { phone: customer.phone, password: 'Rotated-Key-Password-3' })).status).toBe(200);

      // Without the old key, nothing made under it is found: that is what keys:rotate is for, and
      // until it has run a server refuses to start without the old key.
      const newOnly = Keyring.parse(NEW_ONLY);
      expect(await findCustomerByIin(t.db, newOnly, customer.iin)).toBeNull();
      await expect(buildApp(testConfig({ SECRET_KEY: NEW_ONLY }), { db: t.db, clock })).rejects.toThrowError(
        /SECRET_KEY: customers' IINs are sealed under key k0, which SECRET_KEY does not hold/,
      );
      expect(await rekeyIins(t.db, newFirst, clock.now())).toBeGreaterThanOrEqual(1);
      expect(await rekeyIins(t.db, newFirst, clock.now())).toBe(0);
      const { rows } = await t.db.query<{ count: bigint }>("SELECT count(*) AS count FROM customers WHERE iin_sealed NOT LIKE 'ks1.k1.%'");
      expect(Number(rows[0]?.count)).toBe(0);
      expect((await findCustomerByIin(t.db, newOnly, customer.iin))?.id).toBe(customer.customerId);
      expect(await revealIin(t.db, newOnly, customer.customerId)).toBe(customer.iin);
      const afterRotation = await buildApp(testConfig({ SECRET_KEY: NEW_ONLY }), { db: t.db, clock });
      await afterRotation.close();
      expect(await columnsHolding(t.db, customer.iin, 'substring')).toEqual([]);
    } finally {
      await rotated.close();
    }
  });

  it('refuses to rotate an IIN sealed under a key the ring no longer holds, and leaves it as it was', async () => {
    const customer = await registerCustomer(app);
    const { rows: before } = await t.db.query<{ iin_sealed: string }>('SELECT iin_sealed FROM customers WHERE id = $1', [
      customer.customerId,
    ]);
    const stranger = Keyring.parse(`k2:${'e5'.repeat(32)}`);
    await expect(rekeyIins(t.db, stranger, clock.now())).rejects.toThrowError(SealedValueError);
    await expect(rekeyIins(t.db, stranger, clock.now())).rejects.toThrowError(/no longer holds/);
    const { rows: after } = await t.db.query<{ iin_sealed: string }>('SELECT iin_sealed FROM customers WHERE id = $1', [
      customer.customerId,
    ]);
    expect(after[0]?.iin_sealed).toBe(before[0]?.iin_sealed);
  });

  it('refuses to start with a key replaced under the same id, and seals nothing with it', async () => {
    await registerCustomer(app);
    const plaintext = await insertPlaintextCustomers(t.db, 1);
    // The usual mistake: a new 64-hex SECRET_KEY in place of the old one, so both are "k0".
    const started = buildApp(testConfig({ SECRET_KEY: 'f6'.repeat(32) }), { db: t.db, clock });
    await expect(started).rejects.toThrowError(/SECRET_KEY: the key SECRET_KEY holds as k0 does not open the IINs sealed under k0/);
    expect(await plaintextIinRows(t.db)).toBe(1);
    expect(await sealPlaintextIins(t.db, app.ctx.config.keyring, clock.now())).toBe(1);
    expect((await findCustomerByIin(t.db, app.ctx.config.keyring, plaintext[0]?.iin ?? ''))?.id).toBe(plaintext[0]?.id);
  });

  it('does not open a sealed IIN copied onto another customer', async () => {
    const [victim, other] = [await registerCustomer(app), await registerCustomer(app)];
    await t.db.query('UPDATE customers SET iin_sealed = (SELECT iin_sealed FROM customers WHERE id = $1) WHERE id = $2', [
      victim.customerId,
      other.customerId,
    ]);
    await expect(revealIin(t.db, app.ctx.config.keyring, other.customerId)).rejects.toThrowError(/does not open/);
  });
});
