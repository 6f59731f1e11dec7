import { readFile } from 'node:fs/promises';
import { formatOperationReference } from '@kassa/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GOOD_PASSWORD, login, web } from '../../../test/customers.js';
import { createTestApp, createTestDatabase, type TestApp } from '../../../test/harness.js';
import { migrate } from '../../db/migrate.js';
import { ManualClock } from '../../shared/clock.js';
import { checkLedgerInvariants } from '../ledger/index.js';

/**
 * Migration 0013 moves every transfer into operations + transfer_details, the keys, disputes and
 * limit counters with them. The fixture was written by the code before it (commit 06713b7, the
 * capture test kept as test/fixtures/capture-pre-0013.ts.txt): every row of a database filled
 * through the API with each kind and outcome of transfer, and what the API answered then. Here
 * those rows are loaded at schema 12, migrated, and the API must answer the same, to the byte.
 */

interface Fixture {
  schemaVersion: number;
  clockMs: number;
  tables: Record<string, unknown[]>;
  sequences: Array<{ name: string; value: string | null }>;
  replays: Array<{ customer: string; key: string; payload: unknown; status: number; body: unknown }>;
  expected: Record<
    string,
    {
      phone: string;
      history: Record<string, unknown>;
      details: Record<string, unknown>;
      receipts: Record<string, string>;
      accounts: unknown;
    }
  >;
}

const FIXTURE_URL = new URL('../../../test/fixtures/pre-0013.json', import.meta.url);
// The same settings the capture ran with, and room for the many receipts read here.
const CAPTURE_ENV = { SCA_LOW_VALUE_MAX_MINOR: '100000', RATE_LIMIT_STATEMENTS_PER_CUSTOMER_PER_MINUTE_MAX: '100000' };

/**
 * The rows of a receipt that say what happened, label → value: not the time (its format is the
 * formatting module's), nor an own account's name (the capture printed its English display name),
 * nor the fee and total of an operation that moved no money (the receipt no longer prints them).
 * The operation's number is compared as the reference the receipt prints now.
 */
function receiptFacts(html: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const [, label = '', value = ''] of html.matchAll(/<tr><th>([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)) rows[label] = value;
  const kind = rows.Вид ?? rows.Түрі ?? rows.Type ?? '';
  const ownTransfer = /своими|Өз шоттарыңыз|own accounts/.test(kind);
  const declined = Boolean(rows['Причина отказа'] ?? rows['Бас тарту себебі'] ?? rows['Reason declined']);
  const skipped = ['Дата и время (Алматы)', 'Күні мен уақыты (Алматы)', 'Date and time (Almaty)'];
  // An own account's English display name, or a phone typed for a payee nobody found (now masked).
  const payee = rows.Получатель ?? rows.Алушы ?? rows.To ?? '';
  if (ownTransfer || /^\+\d+$/.test(payee)) skipped.push('Получатель', 'Алушы', 'To');
  if (declined) skipped.push('Комиссия', 'Fee', 'Итого списано', 'Барлығы есептен шығарылды', 'Total debited');
  for (const label of skipped) delete rows[label];
  // The capture printed the raw id; the receipt now prints the operation's reference.
  for (const label of ['Номер операции', 'Операция нөмірі', 'Operation number']) {
    const number = rows[label];
    if (number?.startsWith('op_')) rows[label] = formatOperationReference(number);
  }
  return rows;
}

let fixture: Fixture;
let t: TestApp;
const sessions: Record<string, Awaited<ReturnType<typeof login>>> = {};

beforeAll(async () => {
  fixture = JSON.parse(await readFile(FIXTURE_URL, 'utf8')) as Fixture;
  const database = await createTestDatabase({ empty: true });
  await migrate(database.db, { upTo: fixture.schemaVersion });
  await database.db.transaction(async (tx) => {
    // Foreign keys are checked by the rows' own database; here they arrive table by table.
    await tx.query('SET LOCAL session_replication_role = replica');
    for (const [table, rows] of Object.entries(fixture.tables)) {
      // Rows the migrations seed (the audit chain's head) are in the fixture as they ended up.
      await tx.query(`DELETE FROM ${table}`);
      if (rows.length === 0) continue;
      await tx.query(`INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [
        JSON.stringify(rows),
      ]);
    }
    for (const sequence of fixture.sequences) {
      if (sequence.value !== null) await tx.query('SELECT setval($1, $2::bigint)', [sequence.name, sequence.value]);
    }
  });
  await migrate(database.db);
  t = await createTestApp({ clock: new ManualClock(fixture.clockMs), database, env: CAPTURE_ENV });
  for (const [name, expected] of Object.entries(fixture.expected)) {
    sessions[name] = await login(t.app, { phone: expected.phone, password: GOOD_PASSWORD });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

type Viewed = { kind: string; payee: string } & Record<string, unknown>;

/**
 * What changed on purpose since the capture (issue 12): a move between one's own accounts names
 * the account in the viewer's language with its masked IBAN, where the capture had its English
 * display name. Checked here, then put back as captured for the comparison of everything else.
 */
const OWN_ACCOUNT_NAMES: Record<string, { current: string; wallet: string }> = {
  ru: { current: 'Текущий счёт', wallet: 'Электронный кошелёк' },
  kk: { current: 'Ағымдағы шот', wallet: 'Электрондық әмиян' },
  en: { current: 'Current account', wallet: 'E-wallet' },
};

function asCaptured(viewed: Viewed, language: string): Viewed {
  // The card of a card purchase came after the fixture (migration 0037): null for every transfer.
  const { card, ...item } = viewed as Viewed & { card?: unknown };
  expect(card).toBeNull();
  if (item.kind !== 'own') return item;
  const names = OWN_ACCOUNT_NAMES[language];
  if (!names) throw new Error(`no names in ${language}`);
  if (item.payee === names.wallet) return { ...item, payee: 'E-wallet' };
  expect(item.payee).toMatch(new RegExp(`^${names.current} KZ\\d{2} •••• [0-9A-Z]{4}$`));
  return { ...item, payee: 'Current account' };
}

describe('migration 0013: transfers become operations without loss', () => {
  it('keeps every transfer, its detail, key, dispute and the ledger as they were', async () => {
    const transfers = fixture.tables.transfers as Array<{ id: string; payee_phone: string | null; payee_iban: string | null }>;
    const { rows } = await t.db.query<{ operations: string; details: string; keys: string; disputes: string }>(
      `SELECT (SELECT count(*) FROM operations) AS operations, (SELECT count(*) FROM transfer_details) AS details,
              (SELECT count(*) FROM operation_idempotency_keys) AS keys, (SELECT count(*) FROM disputes) AS disputes`,
    );
    expect(Number(rows[0]?.operations)).toBe(transfers.length);
    expect(Number(rows[0]?.details)).toBe(transfers.filter((row) => row.payee_phone || row.payee_iban).length);
    expect(Number(rows[0]?.keys)).toBe(fixture.tables.idempotency_keys?.length);
    // The reports are cases of modules/disputes since migration 0022.
    expect(Number(rows[0]?.disputes)).toBe(fixture.tables.operation_disputes?.length);
    expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
  });

  it('shows every customer the same history, operations, receipts and balances, in every language', async () => {
    for (const [name, expected] of Object.entries(fixture.expected)) {
      const who = sessions[name];
      if (!who) throw new Error(`no session for ${name}`);
      for (const [language, history] of Object.entries(expected.history)) {
        const response = await t.app.inject({ url: '/api/v1/operations?limit=100', headers: { ...web(who), 'accept-language': language } });
        const items = (response.json() as { items: Viewed[] }).items.map((item) => asCaptured(item, language));
        expect({ ...response.json(), items }, `${name} history in ${language}`).toEqual(history);
      }
      for (const [id, details] of Object.entries(expected.details)) {
        const response = await t.app.inject({ url: `/api/v1/operations/${id}`, headers: { ...web(who), 'accept-language': 'ru' } });
        const { repeat: _added, ...view } = response.json() as Viewed & { repeat: unknown };
        expect(asCaptured(view, 'ru'), `${name} ${id}`).toEqual(details);
      }
      // Receipts were redrawn since the capture (issue 12: bank details, a QR check link, own
      // accounts by kind): each still shows the facts it showed then, row by row.
      for (const [key, html] of Object.entries(expected.receipts)) {
        const [id, language] = key.split('.');
        const response = await t.app.inject({ url: `/api/v1/operations/${id}/receipt?format=html&lang=${language}`, headers: web(who) });
        expect(receiptFacts(response.body), `${name} receipt ${key}`).toEqual(expect.objectContaining(receiptFacts(html)));
      }
      const accounts = await t.app.inject({ url: '/api/v1/accounts', headers: web(who) });
      expect(accounts.json().items, `${name} accounts`).toEqual(expected.accounts);
    }
  });

  it('replays the first answer to every Idempotency-Key sent before the migration', async () => {
    for (const replay of fixture.replays) {
      const who = sessions[replay.customer];
      if (!who) throw new Error(`no session for ${replay.customer}`);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/transfers',
        headers: { ...web(who), 'idempotency-key': replay.key, 'accept-language': 'en' },
        payload: replay.payload as Record<string, unknown>,
      });
      // A 201 is the stored answer, replayed to the byte; a refusal was never stored and is
      // answered again: the same refusal, with a request id of its own.
      const body = response.json();
      const expected = replay.body as Record<string, unknown>;
      if (replay.status !== 201) {
        delete body.requestId;
        delete expected.requestId;
      }
      expect({ status: response.statusCode, body }, `replay ${replay.key}`).toEqual({ status: replay.status, body: expected });
    }
  });

  it('carries the limits: what a customer sent to others today counts toward the day limit', async () => {
    const transfers = fixture.tables.transfers as Array<{ customer_id: string; kind: string; status: string; amount_minor: number }>;
    const customers = fixture.tables.customers as Array<{ id: string; phone: string }>;
    const a = customers.find((customer) => customer.phone === fixture.expected.a?.phone)?.id;
    const sentByA = transfers
      .filter((row) => row.customer_id === a && row.kind !== 'own' && ['completed', 'sent'].includes(row.status))
      .reduce((sum, row) => sum + BigInt(row.amount_minor), 0n);
    expect(sentByA).toBeGreaterThan(0n);
    const { rows } = await t.db.query<{ spent: bigint }>(
      'SELECT sum(spent_minor)::bigint AS spent FROM risk_customer_days WHERE customer_id = $1',
      [a],
    );
    expect(rows[0]?.spent).toBe(sentByA);
  });
});
