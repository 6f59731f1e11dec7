import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, login, registerCustomer, uniquePhone, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { columnsHolding } from '../../../test/text-search.js';
import { ConfigError, loadConfig, type RetentionWindows } from '../../config.js';
import { PURGE_BATCH_ROWS_MAX } from '../../db/purge.js';
import { depositFromSettlement } from '../accounts/index.js';
import { verifyAuditChain } from '../audit/index.js';
import { getAccount } from '../ledger/index.js';
import { queueSms } from '../notifications/index.js';
import { RetentionWorker } from './retention.worker.js';

let t: TestApp;
const MS_PER_HOUR = 3_600_000;
const MINUTE_MS = 60_000;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function windows(): RetentionWindows {
  return t.app.ctx.config.retention;
}

async function accounts(who: LoggedIn): Promise<Array<{ id: string; kind: string }>> {
  return (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
}

/** A customer with money and two in-app notifications, a low-value transfer (no code) sent with an Idempotency-Key. */
async function customersWhoPaid(): Promise<{ payer: LoggedIn; payee: LoggedIn }> {
  const payer = await registerCustomer(t.app, { agreement: 'emoney' });
  const payee = await registerCustomer(t.app, { agreement: 'emoney' });
  const [wallet] = await accounts(payer);
  const account = wallet ? await getAccount(t.db, wallet.id) : null;
  if (!account) throw new Error('no wallet');
  await t.db.transaction((tx) => depositFromSettlement(tx, account, 500_000n, 'test'));
  for (let index = 0; index < 2; index += 1) {
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/transfers',
      headers: { ...web(payer), 'idempotency-key': randomUUID() },
      payload: { kind: 'phone', sourceAccountId: account.id, payeePhone: payee.phone, amountMinor: 10_000, currency: 'KZT' },
    });
    if (sent.statusCode !== 201) throw new Error(`transfer: ${sent.statusCode} ${sent.body}`);
  }
  await t.app.ctx.worker.drain();
  return { payer, payee };
}

async function untouchable(): Promise<Record<string, unknown>> {
  const { rows } = await t.db.query<Record<string, bigint>>(
    `SELECT (SELECT count(*) FROM audit_events) AS audit_events, (SELECT count(*) FROM ledger_operations) AS ledger_operations,
            (SELECT count(*) FROM ledger_postings) AS ledger_postings, (SELECT count(*) FROM ledger_accounts) AS ledger_accounts,
            (SELECT count(*) FROM operations) AS operations, (SELECT count(*) FROM customers) AS customers`,
  );
  return { ...rows[0], chain: await verifyAuditChain(t.db) };
}

/**
 * One kind of row with a window: which rows, how to name one, and how to make it `ageMs` past
 * the moment its window starts counting from.
 */
interface Case {
  name: string;
  table: string;
  identity: string;
  filter: string;
  hours: (w: RetentionWindows) => number;
  /** SQL that sets the row's window start to $1. */
  age: string;
}

const CASES: Case[] = [
  {
    name: 'registrations',
    table: 'registrations',
    identity: 'id',
    filter: 'true',
    hours: (w) => w.registrationsHours,
    age: 'expires_at = $1',
  },
  {
    name: 'code challenges',
    table: 'sca_challenges',
    identity: 'id',
    filter: 'true',
    hours: (w) => w.challengesHours,
    age: 'expires_at = $1',
  },
  {
    name: 'login attempts',
    table: 'login_attempts',
    identity: 'id',
    filter: 'true',
    hours: (w) => w.challengesHours,
    age: 'expires_at = $1',
  },
  {
    name: 'password resets',
    table: 'password_resets',
    identity: 'id',
    filter: 'true',
    hours: (w) => w.challengesHours,
    age: 'expires_at = $1',
  },
  {
    name: 'device challenges',
    table: 'auth_challenges',
    identity: 'id',
    filter: 'true',
    hours: (w) => w.challengesHours,
    age: 'expires_at = $1',
  },
  {
    name: 'ended sessions',
    table: 'sessions',
    identity: 'id',
    filter: 'ended_at IS NOT NULL',
    hours: (w) => w.sessionsHours,
    age: 'ended_at = $1',
  },
  {
    name: 'sessions nobody ended',
    table: 'sessions',
    identity: 'id',
    filter: 'ended_at IS NULL',
    hours: (w) => w.sessionsHours,
    age: 'expires_at = $1',
  },
  {
    name: 'idempotency keys',
    table: 'operation_idempotency_keys',
    identity: "customer_id || ' ' || key",
    filter: 'true',
    hours: (w) => w.idempotencyHours,
    age: 'created_at = $1',
  },
  {
    name: 'delivered outbox messages',
    table: 'outbox_messages',
    identity: 'id',
    filter: "status = 'delivered'",
    hours: (w) => w.outboxDeliveredHours,
    age: 'delivered_at = $1',
  },
  {
    name: 'dead outbox messages',
    table: 'outbox_messages',
    identity: 'id',
    filter: "status = 'dead'",
    hours: (w) => w.outboxDeadHours,
    age: 'created_at = $1',
  },
  {
    name: 'in-app notifications',
    table: 'notifications',
    identity: 'id',
    filter: 'true',
    hours: (w) => w.notificationsHours,
    age: 'created_at = $1',
  },
  {
    name: 'dev inbox messages',
    table: 'dev_sms_messages',
    identity: 'id',
    filter: 'true',
    hours: (w) => w.devInboxHours,
    age: 'created_at = $1',
  },
];

async function identities(c: Case): Promise<string[]> {
  const { rows } = await t.db.query<{ identity: string }>(
    `SELECT ${c.identity} AS identity FROM ${c.table} WHERE ${c.filter} ORDER BY ${c.identity}`,
  );
  return rows.map((row) => row.identity);
}

async function setWindowStart(c: Case, identity: string, at: Date): Promise<void> {
  await t.db.query(`UPDATE ${c.table} SET ${c.age} WHERE ${c.identity} = $2`, [at, identity]);
}

describe('retention', () => {
  it('purges each kind of row a minute past its window and keeps the one a minute inside it', async () => {
    // Rows of every kind, made the way customers make them.
    const { payer } = await customersWhoPaid();
    await t.app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone: uniquePhone(), language: 'kk' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone: uniquePhone(), language: 'ru' } });
    const again = await login(t.app, payer);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: web(again) });
    const third = await login(t.app, payer);
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: web(third) });
    for (let index = 0; index < 2; index += 1) {
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: payer.phone } });
    }
    // Device-key challenges: the login ceremony of a bound device is another suite's journey; two
    // rows of its shape stand in here.
    const now = t.clock.now();
    for (let index = 0; index < 2; index += 1) {
      await t.db.query(
        `INSERT INTO auth_challenges (id, customer_id, device_id, purpose, challenge, created_at, expires_at)
         VALUES ($1, $2, NULL, 'webauthn_login', $3, $4, $4)`,
        [`ach_${randomUUID()}`, payer.customerId, randomUUID(), now],
      );
    }
    // Two messages the gateway gave up on.
    await t.db.query(
      "UPDATE outbox_messages SET status = 'dead' WHERE id IN (SELECT id FROM outbox_messages WHERE status = 'delivered' ORDER BY id LIMIT 2)",
    );

    const expected: Array<{ c: Case; purged: string; kept: string }> = [];
    for (const c of CASES) {
      const [purged, kept] = await identities(c);
      if (!purged || !kept) throw new Error(`the journey made fewer than two ${c.name}`);
      const windowMs = c.hours(windows()) * MS_PER_HOUR;
      await setWindowStart(c, purged, new Date(now.getTime() - windowMs - MINUTE_MS));
      await setWindowStart(c, kept, new Date(now.getTime() - windowMs + MINUTE_MS));
      expected.push({ c, purged, kept });
    }
    const before = await untouchable();

    await t.app.ctx.retention.runOnce();

    for (const { c, purged: gone, kept } of expected) {
      const left = await identities(c);
      expect(left, `${c.name}: past the window`).not.toContain(gone);
      expect(left, `${c.name}: inside the window`).toContain(kept);
    }
    expect(await untouchable()).toEqual(before);
    expect(before.chain).toMatchObject({ ok: true });
  });

  it("forgets a non-customer's phone number everywhere once the windows have passed, and keeps the audit log, the ledger and pending SMS", async () => {
    const { payer } = await customersWhoPaid();
    const stranger = uniquePhone();
    // A registration never finished, a login and a password reset for a number that is nobody's.
    await t.app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone: stranger, language: 'ru' } });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: stranger, password: 'Not-a-customer-1234', client: 'web' },
    });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { phone: stranger } });
    await t.app.ctx.worker.drain();
    expect(await columnsHolding(t.db, stranger, 'substring')).not.toEqual([]);
    // A message still waiting for the gateway is never purged, however old.
    const waitingPhone = uniquePhone();
    await t.db.transaction((tx) => queueSms(tx, { to: waitingPhone, text: 'waiting', purpose: 'test' }));
    await t.db.query(
      "UPDATE outbox_messages SET created_at = now() - interval '10 years', next_attempt_at = now() + interval '1 hour' WHERE payload->>'to' = $1",
      [waitingPhone],
    );
    const before = await untouchable();

    // Past the longest window.
    const { purgeIntervalMs: _interval, ...hours } = t.app.ctx.config.retention;
    const longestHours = Math.max(...Object.values(hours));
    t.clock.advance(longestHours * MS_PER_HOUR + MS_PER_HOUR);
    await t.app.ctx.retention.runOnce();

    expect(await columnsHolding(t.db, stranger, 'substring')).toEqual([]);
    expect(await untouchable()).toEqual(before);
    expect(before.chain).toMatchObject({ ok: true });
    const { rows: customers } = await t.db.query('SELECT id FROM customers WHERE id = $1', [payer.customerId]);
    expect(customers).toHaveLength(1);
    const { rows: waiting } = await t.db.query("SELECT status FROM outbox_messages WHERE payload->>'to' = $1", [waitingPhone]);
    expect(waiting).toEqual([{ status: 'pending' }]);
  });

  it('works through a backlog in bounded batches, and two servers purging at once delete each row once', async () => {
    const backlog = PURGE_BATCH_ROWS_MAX * 2 + 7;
    const long = new Date(t.clock.now().getTime() - 400 * 24 * MS_PER_HOUR);
    await t.db.query(
      `INSERT INTO registrations (id, phone, language, challenge_id, created_at, expires_at)
       SELECT 'reg_backlog_' || n, '+7700' || lpad(n::text, 7, '0'), 'ru', 'chl_none', $1, $1 FROM generate_series(1, $2) AS n`,
      [long, backlog],
    );
    const log = pino({ level: 'silent' });
    const servers = [0, 1].map(() => new RetentionWorker(t.db, log, t.clock, t.app.ctx.config.retention));
    const runs = await Promise.all(servers.map((server) => server.runOnce()));
    expect(runs.reduce((sum, run) => sum + (run.registrations ?? 0), 0)).toBe(backlog);
    const { rows } = await t.db.query("SELECT count(*)::int AS left FROM registrations WHERE id LIKE 'reg_backlog_%'");
    expect(rows).toEqual([{ left: 0 }]);
  });

  it('refuses windows shorter than the rules allow: idempotency records and code challenges under 24 h', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', RETENTION_IDEMPOTENCY_HOURS: '23' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', RETENTION_CHALLENGES_HOURS: '1' })).toThrow(ConfigError);
    expect(loadConfig({ NODE_ENV: 'test', RETENTION_IDEMPOTENCY_HOURS: '24' }).retention.idempotencyHours).toBe(24);
  });
});
