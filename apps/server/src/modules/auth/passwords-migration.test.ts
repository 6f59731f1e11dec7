import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, login, uniqueIin, uniquePhone } from '../../../test/customers.js';
import { createTestApp, createTestDatabase, type TestApp } from '../../../test/harness.js';
import { migrate } from '../../db/migrate.js';
import { newId } from '../../shared/ids.js';
import { hashPassword } from './passwords.js';

// Migration 0014 moves customers.password_hash to auth_passwords: a customer registered before it
// logs in after it with the same password, and the customers table no longer holds any hash.
const BEFORE_AUTH_PASSWORDS = 13;

describe('migration 0014 (auth_passwords)', () => {
  let t: TestApp;
  const customer = { id: newId('cus'), phone: uniquePhone(), iin: uniqueIin() };
  let storedHash: string;

  beforeAll(async () => {
    const database = await createTestDatabase({ empty: true });
    await migrate(database.db, { upTo: BEFORE_AUTH_PASSWORDS });
    storedHash = await hashPassword(GOOD_PASSWORD);
    // A customer as the schema before 0014 stored one: the hash on the customer's row. The IIN in
    // plaintext, as before 0012; buildApp seals it at start (identity/iin-at-rest.ts).
    await database.db.query(
      `INSERT INTO customers (id, full_name, iin, phone, language, password_hash, created_at, updated_at)
       VALUES ($1, 'Бекова Айгерим', $2, $3, 'ru', $4, now(), now())`,
      [customer.id, customer.iin, customer.phone, storedHash],
    );
    expect((await migrate(database.db)).applied).toContain('0014_auth_passwords');
    t = await createTestApp({ database });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("keeps every customer's password: one registered before the migration logs in after it", async () => {
    const session = await login(t.app, { phone: customer.phone, password: GOOD_PASSWORD });
    expect(session.status).toBe(200);
    expect(session.customerId).toBe(customer.id);
    const wrong = await login(t.app, { phone: customer.phone, password: `${GOOD_PASSWORD}-not` });
    expect(wrong.status).toBe(401);
  });

  it('moves the hash as it was to auth_passwords and leaves none in customers', async () => {
    const { rows } = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM auth_passwords WHERE customer_id = $1', [
      customer.id,
    ]);
    expect(rows).toEqual([{ password_hash: storedHash }]);
    const { rows: columns } = await t.db.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'password_hash'",
    );
    expect(columns).toEqual([]);
  });
});
