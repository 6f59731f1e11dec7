import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { startOfDay } from '../../../shared/datetime.js';
import { PROBLEM_BASE } from '../../../shared/problem.js';
import { depositFromSettlement } from '../../accounts/index.js';
import { verifyAuditChain } from '../../audit/index.js';
import { checkLedgerInvariants, getAccount } from '../../ledger/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../../staff/staff.fixtures.js';
import { createTestProvider } from '../catalogue.admin.fixtures.js';
import { selectProviderBySlug, selectProviders } from '../catalogue.repo.js';
import { providerEndpoint } from '../catalogue.service.js';
import type { Provider } from '../catalogue.types.js';
import { startDemoProviders } from '../demo.js';
import { addDays } from '../schedule-dates.js';
import type { ProviderSimulator } from '../simulator/index.js';
import { makeDueRegistries } from './registry.js';
import { REGISTRY_COLUMNS } from './registry-csv.js';

/**
 * The provider's side (issue 16 item 6), through the staff API and the retention schedule, against
 * the provider simulator over real HTTP: a day's registry made once with its trailer and checksum,
 * and a reconciliation that finds exactly what the simulator was told to get wrong.
 */

const HOUR_MS = 3_600_000;
const BASE = '/api/staff/v1/payment-providers';
// A day of the test's own clock; the payments are made at 09:00 of it in the bank's zone.
const DAY = '2030-03-11';
const NEXT_DAY = addDays(DAY, 1);
let t: TestApp;
let simulator: ProviderSimulator;
let closeProviders: () => Promise<void>;
const zone = () => t.app.ctx.config.bankTimeZone;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

beforeAll(async () => {
  t = await createTestApp({ env: { PAYMENT_PROVIDER_TIMEOUT_MS: '2000' } });
  t.clock.advance(startOfDay(DAY, zone()).getTime() + 9 * HOUR_MS - t.clock.now().getTime());
  ({ simulator, close: closeProviders } = await startDemoProviders(t.app.ctx));
});
afterEach(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
});
afterAll(async () => {
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await closeProviders();
  await t.close();
});

/** Moves the clock to `hours` past the start of `day` in the bank's zone. */
function setClock(day: string, hours: number): void {
  t.clock.advance(startOfDay(day, zone()).getTime() + hours * HOUR_MS - t.clock.now().getTime());
}

async function provider(slug: string): Promise<Provider> {
  const found = await selectProviderBySlug(t.db, slug);
  if (!found) throw new Error(`no demo provider ${slug}`);
  return found;
}

async function payer(amountMinor: bigint): Promise<{ who: LoggedIn; accountId: string }> {
  const who = await registerCustomer(t.app, { agreement: 'banking' });
  const [account] = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{ id: string }>;
  const opened = account ? await getAccount(t.db, account.id) : null;
  if (!account || !opened) throw new Error('no account');
  await t.db.transaction((tx) => depositFromSettlement(tx, opened, amountMinor, 'test'));
  return { who, accountId: account.id };
}

/** A payment to a mobile operator through the API, its code entered when one is asked; `cancel` leaves it unconfirmed and cancels it. */
async function payMobile(slug: string, phone: string, amountMinor: number, options: { cancel?: boolean } = {}): Promise<string> {
  // A minute apart, so the registry's order (by the time each was made) is the order they were made in.
  t.clock.advance(60_000);
  const to = await provider(slug);
  const { who, accountId } = await payer(10_000_000n);
  const checked = await t.app.inject({
    method: 'POST',
    url: `/api/v1/payments/providers/${to.id}/check`,
    headers: web(who),
    payload: { fields: { phone } },
  });
  expect(checked.statusCode, checked.body).toBe(200);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/payments',
    headers: { ...web(who), 'idempotency-key': randomUUID() },
    payload: {
      providerId: to.id,
      sourceAccountId: accountId,
      amountMinor,
      currency: 'KZT',
      fields: { phone },
      checkId: checked.json().checkId,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const operation = created.json() as { id: string; status: string };
  if (options.cancel) {
    expect(operation.status).toBe('awaiting_confirmation');
    const cancelled = await t.app.inject({ method: 'POST', url: `/api/v1/payments/${operation.id}/cancel`, headers: web(who) });
    expect(cancelled.json().status).toBe('cancelled');
  } else if (operation.status === 'awaiting_confirmation') {
    const code = codeIn(await lastCodeSms(t.app, who.phone));
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/payments/${operation.id}/confirm`,
      headers: web(who),
      payload: { code },
    });
    expect(confirmed.json().status).toBe('sent');
  } else expect(operation.status).toBe('sent');
  return operation.id;
}

function asStaff(who: TestStaff, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url, headers: { ...staffHeaders(who), 'accept-language': 'en' }, payload });
}

describe('the daily registry', () => {
  const paid: string[] = [];
  const amounts = [150_000, 260_000, 2_000_000];
  let voided = '';

  it('is not made before the day ends in the bank’s zone', async () => {
    for (const [index, amountMinor] of amounts.entries()) paid.push(await payMobile('kcell', `+7701555000${index + 1}`, amountMinor));
    voided = await payMobile('kcell', '+77015550009', 2_500_000, { cancel: true });
    await t.app.ctx.providerNotifier.runOnce();
    expect(await makeDueRegistries(t.app.ctx, t.clock.now())).toBe(0);
  });

  it('lists the day’s three payments and not the cancelled one, with its trailer and checksums, made once by two passes at once', async () => {
    setClock(NEXT_DAY, 0.5);
    const providers = await selectProviders(t.db, { activeOnly: false });
    const [byRetention, byHand] = await Promise.all([t.app.ctx.retention.runOnce(), makeDueRegistries(t.app.ctx, t.clock.now())]);
    // Every provider gets its day's file, an empty one too; whichever pass wrote it first, the other wrote nothing.
    expect((byRetention.service_registries ?? 0) + byHand).toBe(providers.length);
    expect((await t.app.ctx.retention.runOnce()).service_registries).toBe(0);
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM service_registries WHERE day = $1', [DAY]);
    expect(rows[0]?.count).toBe(providers.length);

    const admin = await createTestStaff(t.app, 'admin');
    const kcell = await provider('kcell');
    const listed = await asStaff(admin, 'GET', `${BASE}/${kcell.id}/registries`);
    expect(listed.statusCode, listed.body).toBe(200);
    const total = amounts.reduce((sum, amount) => sum + amount, 0);
    expect(listed.json().items).toEqual([expect.objectContaining({ day: DAY, paymentCount: 3, totalMinor: total, currency: 'KZT' })]);

    const file = await asStaff(admin, 'GET', `${BASE}/${kcell.id}/registries/${DAY}.csv`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.headers['content-type']).toMatch(/^text\/csv/);
    expect(file.headers['content-disposition']).toBe(`attachment; filename="registry-${kcell.id}-${DAY}.csv"`);
    expect(sha256(file.body)).toBe(listed.json().items[0].sha256);
    expect(file.headers['x-kassa-registry-sha256']).toBe(sha256(file.body));

    const lines = file.body.split('\r\n');
    expect(lines.pop()).toBe('');
    const checksum = lines.pop() ?? '';
    expect(checksum).toBe(`#sha256=${sha256(lines.map((line) => `${line}\r\n`).join(''))}`);
    expect(lines[0]).toBe(REGISTRY_COLUMNS.join(','));
    expect(lines.at(-1)).toBe(`#trailer,provider=${kcell.id},day=${DAY},count=3,total_minor=${total},currency=KZT`);
    const body = lines.slice(1, -1).map((line) => line.split(','));
    expect(body.map((cells) => cells[0])).toEqual(paid);
    expect(file.body).not.toContain(voided);
    for (const [index, cells] of body.entries()) {
      expect(cells[1]).toMatch(new RegExp(`^${DAY}T09:0${index + 1}:00[+-]\\d{2}:\\d{2}$`));
      expect(cells.slice(2)).toEqual([
        `+7 701 555 00 0${index + 1}`,
        String(amounts[index]),
        'KZT',
        expect.stringMatching(/^mobile-/),
        'confirmed',
      ]);
    }
  });
});

describe('the reconciliation', () => {
  it('lists the payment the provider dropped, the one it has that the bank has not, and the one with another amount', async () => {
    const beeline = await provider('beeline');
    const [kept, dropped, misstated, alsoKept] = [
      await payMobile('beeline', '+77051230001', 120_000),
      await payMobile('beeline', '+77051230002', 130_000),
      await payMobile('beeline', '+77051230003', 140_000),
      await payMobile('beeline', '+77051230004', 150_000),
    ];
    await t.app.ctx.providerNotifier.runOnce();
    simulator.misreport('beeline', dropped, 'drop');
    simulator.misreport('beeline', misstated, { amountMinor: 140_001 });
    const endpoint = await providerEndpoint(t.app.ctx, beeline.id);
    if (!endpoint) throw new Error('no endpoint');
    const stranger = `op_${randomUUID().replaceAll('-', '')}`;
    const notice = { paymentId: stranger, fields: { phone: '+77051239999' }, amountMinor: 77_700n, currency: 'KZT' as const };
    expect((await t.app.ctx.paymentProviders.notifyPaid(endpoint, { ...notice, lines: null, paidAt: t.clock.now() })).kind).toBe(
      'accepted',
    );

    const early = await asStaff(await createTestStaff(t.app, 'admin'), 'POST', `${BASE}/${beeline.id}/reconciliations`, { day: NEXT_DAY });
    expect(early.statusCode).toBe(422);
    expect(early.json().type).toBe(`${PROBLEM_BASE}reconciliation-day-open`);

    setClock(addDays(NEXT_DAY, 1), 2);
    const admin = await createTestStaff(t.app, 'admin');
    const run = await asStaff(admin, 'POST', `${BASE}/${beeline.id}/reconciliations`, { day: NEXT_DAY });
    expect(run.statusCode, run.body).toBe(201);
    const report = run.json();
    expect(report).toMatchObject({
      day: NEXT_DAY,
      matchedCount: 2,
      missingAtProviderCount: 1,
      missingAtBankCount: 1,
      amountMismatchCount: 1,
      missingAtProvider: [{ paymentId: dropped, amountMinor: 130_000 }],
      missingAtBank: [{ paymentId: stranger, amountMinor: 77_700, providerReference: expect.any(String) }],
      amountMismatches: [{ paymentId: misstated, bankAmountMinor: 140_000, providerAmountMinor: 140_001 }],
    });
    expect(JSON.stringify(report)).not.toContain(kept);
    expect(JSON.stringify(report)).not.toContain(alsoKept);

    const listed = await asStaff(admin, 'GET', `${BASE}/${beeline.id}/reconciliations`);
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([report.id]);
    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'payments.reconciliation_run'",
    );
    expect(rows.map((row) => row.details)).toEqual([
      expect.objectContaining({ staffId: admin.staffId, providerId: beeline.id, reconciliationId: report.id, missingAtProvider: 1 }),
    ]);
  });

  it('answers 503 and stores nothing when the provider does not give its confirmations', async () => {
    const beeline = await provider('beeline');
    simulator.behave('beeline', { answer: 'error', paths: ['confirmations'], times: 1 });
    const admin = await createTestStaff(t.app, 'admin');
    const run = await asStaff(admin, 'POST', `${BASE}/${beeline.id}/reconciliations`, { day: NEXT_DAY });
    expect(run.statusCode).toBe(503);
    expect(run.json().type).toBe(`${PROBLEM_BASE}reconciliation-provider-unavailable`);
    expect((await asStaff(admin, 'GET', `${BASE}/${beeline.id}/reconciliations`)).json().items).toHaveLength(1);
  });
});

describe('who sees what', () => {
  it('lets an operator read registries and reports, and not run a reconciliation', async () => {
    const operator = await createTestStaff(t.app, 'operator');
    const kcell = await provider('kcell');
    expect((await asStaff(operator, 'GET', `${BASE}/${kcell.id}/registries`)).statusCode).toBe(200);
    expect((await asStaff(operator, 'GET', `${BASE}/${kcell.id}/registries/${DAY}.csv`)).statusCode).toBe(200);
    expect((await asStaff(operator, 'GET', `${BASE}/${kcell.id}/reconciliations`)).statusCode).toBe(200);
    const run = await asStaff(operator, 'POST', `${BASE}/${kcell.id}/reconciliations`, { day: DAY });
    expect(run.statusCode).toBe(403);
    const { rows } = await t.db.query('SELECT 1 FROM service_reconciliations WHERE provider_id = $1', [kcell.id]);
    expect(rows).toHaveLength(0);
  });

  it('answers 404 for another provider’s day and for an unknown provider', async () => {
    const admin = await createTestStaff(t.app, 'admin');
    const kcell = await provider('kcell');
    // Created today: it has no registry of DAY, which kcell has.
    const newcomer = await createTestProvider(t.app, admin);
    expect((await asStaff(admin, 'GET', `${BASE}/${kcell.id}/registries/${DAY}.csv`)).statusCode).toBe(200);
    const theirs = await asStaff(admin, 'GET', `${BASE}/${newcomer}/registries/${DAY}.csv`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().type).toBe(`${PROBLEM_BASE}registry-not-found`);
    expect((await asStaff(admin, 'GET', `${BASE}/${newcomer}/registries`)).json().items).toEqual([]);
    const unknown = `prv_${randomUUID().replaceAll('-', '')}`;
    expect((await asStaff(admin, 'GET', `${BASE}/${unknown}/registries/${DAY}.csv`)).statusCode).toBe(404);
    expect((await asStaff(admin, 'GET', `${BASE}/${unknown}/registries`)).statusCode).toBe(404);
  });
});
