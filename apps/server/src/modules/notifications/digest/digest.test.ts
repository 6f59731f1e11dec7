import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, type LoggedIn, registerCustomer, web } from '../../../../test/customers.js';
import { createTestApp, createTestDatabase, type TestApp, type TestDatabase } from '../../../../test/harness.js';
import { ManualClock } from '../../../shared/clock.js';
import { depositFromSettlement } from '../../accounts/index.js';
import { getAccount } from '../../ledger/index.js';
import { DIGEST_SMS_CHARACTERS_MAX, digestSms } from './digest.messages.js';

// Asia/Almaty is UTC+5: 10:00 there on 10 March is 05:00 UTC, and 08:00 on 11 March is 03:00 UTC.
const DAY_ONE_AT_TEN = Date.parse('2026-03-10T05:00:00Z');
const NEXT_MORNING_07_59 = Date.parse('2026-03-11T02:59:00Z');
const NEXT_MORNING_08_00 = Date.parse('2026-03-11T03:00:00Z');
const MINUTE_MS = 60_000;

let database: TestDatabase;
let clock: ManualClock;
let first: TestApp;
let sender: { who: LoggedIn; accountId: string };
let smsReader: LoggedIn;
let optedOut: LoggedIn;
let quiet: LoggedIn;

/** An app on the shared database; closing it leaves the database (a server that stops, or a second one). */
const server = () => createTestApp({ clock, database: { db: database.db, drop: async () => undefined } });

async function funded(app: TestApp, amountMinor: bigint): Promise<{ who: LoggedIn; accountId: string }> {
  const who = await registerCustomer(app.app, { agreement: 'banking' });
  const [item] = (await app.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{ id: string }>;
  const account = item ? await getAccount(app.db, item.id) : null;
  if (!account) throw new Error('no account');
  await app.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'test'));
  return { who, accountId: account.id };
}

function byPhone(app: TestApp, from: { who: LoggedIn; accountId: string }, payeePhone: string, amountMinor: number) {
  return app.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(from.who), 'idempotency-key': randomUUID() },
    payload: { kind: 'phone', sourceAccountId: from.accountId, payeePhone, amountMinor, currency: 'KZT' },
  });
}

async function chooseDigest(app: TestApp, who: LoggedIn, digest: { enabled: boolean; channel: 'sms' | 'inApp' }) {
  const settings = (await app.app.inject({ url: '/api/v1/notification-settings', headers: web(who) })).json();
  const changed = await app.app.inject({
    method: 'PUT',
    url: '/api/v1/notification-settings',
    headers: web(who),
    payload: { ...settings, digest },
  });
  expect(changed.statusCode).toBe(200);
  expect(changed.json().digest).toEqual(digest);
}

async function digestRows(): Promise<Array<{ customer_id: string; channel: string; accepted_count: number; declined_count: number }>> {
  const { rows } = await database.db.query<{ customer_id: string; channel: string; accepted_count: number; declined_count: number }>(
    'SELECT customer_id, channel, accepted_count, declined_count FROM notification_digests ORDER BY customer_id',
  );
  return rows;
}

async function digestMessages(channel: 'sms' | 'in_app'): Promise<Array<Record<string, string>>> {
  const { rows } = await database.db.query<{ payload: Record<string, string> }>(
    `SELECT payload FROM outbox_messages WHERE channel = $1 AND (payload->>'purpose' = 'digest' OR payload->>'kind' = 'digest')`,
    [channel],
  );
  return rows.map((row) => row.payload);
}

/** The digests in a customer's in-app inbox, as the outbox worker delivered them (a session would have ended overnight). */
async function inboxDigests(customerId: string): Promise<Array<{ title: string; body: string }>> {
  await first.app.ctx.worker.drain();
  const { rows } = await database.db.query<{ title: string; body: string }>(
    "SELECT title, body FROM notifications WHERE customer_id = $1 AND kind = 'digest' ORDER BY created_at",
    [customerId],
  );
  return rows;
}

beforeAll(async () => {
  database = await createTestDatabase();
  clock = new ManualClock(DAY_ONE_AT_TEN);
  first = await server();
  sender = await funded(first, 1_000_000n);
  smsReader = await registerCustomer(first.app, { agreement: 'banking' });
  optedOut = await registerCustomer(first.app, { agreement: 'banking' });
  quiet = await registerCustomer(first.app, { agreement: 'banking' });
  // One accepted (5 000 ₸ to the SMS reader) and one declined (more than the balance).
  expect((await byPhone(first, sender, smsReader.phone, 500_000)).json()).toMatchObject({ status: 'completed' });
  expect((await byPhone(first, sender, smsReader.phone, 900_000)).json()).toMatchObject({
    status: 'declined',
    declineReason: 'insufficient-funds',
  });
  await chooseDigest(first, smsReader, { enabled: true, channel: 'sms' });
  await chooseDigest(first, optedOut, { enabled: false, channel: 'inApp' });
});

afterAll(async () => {
  await first?.close();
  await database?.drop();
});

describe('the daily digest', () => {
  it('starts in the app and not by SMS for a customer who chose nothing', async () => {
    const settings = (await first.app.inject({ url: '/api/v1/notification-settings', headers: web(quiet) })).json();
    expect(settings.digest).toEqual({ enabled: true, channel: 'inApp' });
  });

  it('makes nothing before 08:00 in Almaty, though the day has ended', async () => {
    clock.advance(NEXT_MORNING_07_59 - clock.now().getTime());
    const purged = await first.app.ctx.retention.runOnce();
    expect(purged.notification_digests).toBe(0);
    expect(await digestRows()).toEqual([]);
  });

  it('is made once per customer and day by two servers passing at once', async () => {
    clock.advance(NEXT_MORNING_08_00 - clock.now().getTime());
    const second = await server();
    try {
      const runs = await Promise.all([first.app.ctx.retention.runOnce(), second.app.ctx.retention.runOnce()]);
      // The sender, the SMS reader and the quiet one; not the customer who turned it off.
      expect(runs.reduce((sum, run) => sum + (run.notification_digests ?? 0), 0)).toBe(3);
    } finally {
      await second.close();
    }
    const rows = await digestRows();
    expect(rows.map((row) => row.customer_id).sort()).toEqual([sender.who.customerId, smsReader.customerId, quiet.customerId].sort());
    expect(rows.some((row) => row.customer_id === optedOut.customerId)).toBe(false);
    expect(await digestMessages('sms')).toHaveLength(1);
    expect(await digestMessages('in_app')).toHaveLength(2);
  });

  it('is not made again by a server started later the same day', async () => {
    clock.advance(90 * MINUTE_MS);
    const restarted = await server();
    try {
      expect((await restarted.app.ctx.retention.runOnce()).notification_digests).toBe(0);
      // Even without the day's progress mark (only a shortcut), the digests' primary key holds.
      await database.db.query('DELETE FROM notification_digest_days');
      expect((await restarted.app.ctx.retention.runOnce()).notification_digests).toBe(0);
    } finally {
      await restarted.close();
    }
    expect(await digestRows()).toHaveLength(3);
    expect((await digestMessages('sms')).length + (await digestMessages('in_app')).length).toBe(3);
  });

  it('tells the sender in the app the counts, the total out and the declined one with its reason', async () => {
    const [digest, ...more] = await inboxDigests(sender.who.customerId);
    expect(more).toEqual([]);
    expect(digest?.title).toBe('Итоги дня 10.03.2026');
    expect(digest?.body).toContain('принято 1, отклонено 1');
    expect(digest?.body).toMatch(/списано 5\s000,00\s₸/);
    expect(digest?.body).toMatch(/— 9\s000,00\s₸: Недостаточно средств/);
    expect(digest?.body).toContain('http://localhost');
    expect(digest?.body).toContain('/history');
  });

  it('sends the SMS reader a short SMS with the money in and no in-app copy', async () => {
    await first.app.ctx.worker.drain();
    const digests = (await allSms(first.app, smsReader.phone)).filter((text) => text.startsWith('Kassa Вчера'));
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatch(
      /^Kassa Вчера, 10\.03\.2026: принято 1, отклонено 0\. Поступило 5\s000,00\s₸, списано 0,00\s₸\. http\S+\/history$/,
    );
    expect(digests[0]?.length).toBeLessThanOrEqual(201);
    expect(await inboxDigests(smsReader.customerId)).toEqual([]);
  });

  it('says "nothing happened" to a customer with a silent day', async () => {
    const [digest] = await inboxDigests(quiet.customerId);
    expect(digest?.body).toContain('Вчера операций не было.');
    expect(digest?.body).not.toContain('Отклонены');
  });

  it('catches up only yesterday: the next morning makes that day, not the one before again', async () => {
    clock.advance(24 * 60 * MINUTE_MS);
    const purged = await first.app.ctx.retention.runOnce();
    // Three customers again, for 11 March; 10 March keeps its three.
    expect(purged.notification_digests).toBe(3);
    const { rows } = await database.db.query<{ day: string; count: number }>(
      "SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS count FROM notification_digests GROUP BY day ORDER BY day",
    );
    expect(rows).toEqual([
      { day: '2026-03-10', count: 3 },
      { day: '2026-03-11', count: 3 },
    ]);
  });

  it('names the first declined reason in the SMS, cut so the text stays within three UCS-2 parts', () => {
    const facts = {
      dayLabel: '10.03.2026',
      acceptedCount: 12,
      declinedCount: 3,
      totals: [{ currency: 'KZT', incomingMinor: 123_456_700n, outgoingMinor: 98_765_400n }],
      declined: [
        { reason: 'Карта операциясы үшін 3-D Secure растауы қажет болды, бірақ ол жасалмады'.repeat(3), amountMinor: 1n, currency: 'KZT' },
      ],
      historyUrl: 'https://mykassa.kz/history',
      contactPhone: '595',
    };
    const kk = digestSms(facts, 'kk');
    expect(kk).toMatch(
      /^Kassa Кеше, 10\.03\.2026: қабылданды 12, қабылданбады 3\. .* 3 қабылд\.: Карта операциясы .*… https:\/\/mykassa\.kz\/history$/,
    );
    expect(kk.length).toBeLessThanOrEqual(DIGEST_SMS_CHARACTERS_MAX);
    expect(digestSms({ ...facts, declined: [{ reason: 'Insufficient funds', amountMinor: 1n, currency: 'KZT' }] }, 'en')).toContain(
      '3 declined: Insufficient funds… https://mykassa.kz/history',
    );
    expect(digestSms({ ...facts, acceptedCount: 0, declinedCount: 0, totals: [], declined: [] }, 'ru')).toBe(
      'Kassa 10.03.2026: Вчера операций не было. https://mykassa.kz/history',
    );
  });
});
