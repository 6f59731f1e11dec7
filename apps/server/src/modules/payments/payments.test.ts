import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { accountBalance, checkLedgerInvariants, getAccount, providerAccountId } from '../ledger/index.js';
import { selectProviderBySlug } from './catalogue.repo.js';
import type { Provider } from './catalogue.types.js';
import { startDemoProviders } from './demo.js';
import type { ProviderSimulator } from './simulator/index.js';
import { utilityLines } from './simulator/index.js';

/**
 * Paying for services through the API (issue 16 item 3), against the provider simulator over
 * real HTTP: the check, the bill paid in part, the code bound to the provider and account, the
 * money on the provider's settlement account, the provider told once, and the refusals.
 */

const TIMEOUT_MS = 400;
let t: TestApp;
let simulator: ProviderSimulator;
let closeProviders: () => Promise<void>;
async function balanceOf(accountId: string): Promise<bigint> {
  return (await accountBalance(t.db, accountId))?.balanceMinor ?? 0n;
}

beforeAll(async () => {
  t = await createTestApp({ env: { PAYMENT_PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS) } });
  ({ simulator, close: closeProviders } = await startDemoProviders(t.app.ctx));
});
afterEach(async () => {
  for (const slug of ['kcell', 'erc', 'fines']) simulator.behave(slug, null);
  const report = await checkLedgerInvariants(t.db);
  expect(report.violations).toEqual([]);
});
afterAll(async () => {
  await closeProviders();
  await t.close();
});

async function provider(slug: string): Promise<Provider> {
  const found = await selectProviderBySlug(t.db, slug);
  if (!found) throw new Error(`no demo provider ${slug}`);
  return found;
}

async function payer(amountMinor: bigint): Promise<{ who: LoggedIn; accountId: string }> {
  const who = await registerCustomer(t.app, { agreement: 'banking' });
  const [account] = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{ id: string }>;
  if (!account) throw new Error('no account');
  const opened = await getAccount(t.db, account.id);
  if (!opened) throw new Error('no account');
  await t.db.transaction((tx) => depositFromSettlement(tx, opened, amountMinor, 'test'));
  return { who, accountId: account.id };
}

function check(who: LoggedIn, providerId: string, fields: Record<string, string>) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/payments/providers/${providerId}/check`,
    headers: { ...web(who), 'accept-language': 'en' },
    payload: { fields },
  });
}

function pay(who: LoggedIn, payload: Record<string, unknown>, key: string = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/payments',
    headers: { ...web(who), 'idempotency-key': key, 'accept-language': 'en' },
    payload,
  });
}

async function confirm(who: LoggedIn, paymentId: string) {
  const code = codeIn(await lastCodeSms(t.app, who.phone));
  return t.app.inject({ method: 'POST', url: `/api/v1/payments/${paymentId}/confirm`, headers: web(who), payload: { code } });
}

async function paymentView(who: LoggedIn, paymentId: string) {
  return (await t.app.inject({ url: `/api/v1/payments/${paymentId}`, headers: { ...web(who), 'accept-language': 'en' } })).json();
}

describe('the catalogue', () => {
  it('lists categories and active providers without endpoints or secrets, and finds a name typed on the wrong layout', async () => {
    const catalogue = await t.app.inject({ url: '/api/v1/payments/catalogue' });
    expect(catalogue.statusCode).toBe(200);
    const body = catalogue.json();
    expect(body.categories.map((category: { id: string }) => category.id)).toContain('mobile');
    expect(body.providers.map((item: { slug: string }) => item.slug)).toEqual(expect.arrayContaining(['kcell', 'erc', 'onay', 'fines']));
    expect(catalogue.body).not.toMatch(/127\.0\.0\.1|psk_demo|endpoint/);
    // "лсудд" is "kcell" typed with the Russian layout on.
    const found = (await t.app.inject({ url: `/api/v1/payments/search?q=${encodeURIComponent('лсудд')}` })).json();
    expect(found.providers[0]?.slug).toBe('kcell');
  });
});

describe('paying a mobile operator (validate)', () => {
  it('checks the number, asks for a code naming the operator and the number, posts to the provider account and tells the provider once', async () => {
    const kcell = await provider('kcell');
    const { who, accountId } = await payer(5_000_000n);
    const checked = await check(who, kcell.id, { phone: '8 701 555 12 34' });
    expect(checked.statusCode).toBe(200);
    const { checkId, warnings } = checked.json();
    expect(warnings).toEqual([]);
    const before = await balanceOf(providerAccountId(kcell.id, 'KZT'));

    const created = await pay(who, {
      providerId: kcell.id,
      sourceAccountId: accountId,
      amountMinor: 2_000_000,
      currency: 'KZT',
      fields: { phone: '+7 701 555 12 34' },
      checkId,
    });
    expect(created.statusCode).toBe(201);
    const operation = created.json();
    expect(operation).toMatchObject({ kind: 'service', status: 'awaiting_confirmation' });
    const sms = await lastCodeSms(t.app, who.phone);
    expect(sms).toMatch(/Kcell, \+7 701 555 12 34/);

    const confirmed = await confirm(who, operation.id);
    expect(confirmed.json().status).toBe('sent');
    expect((await balanceOf(providerAccountId(kcell.id, 'KZT'))) - before).toBe(2_000_000n);
    await t.app.ctx.providerNotifier.runOnce();
    const view = await paymentView(who, operation.id);
    expect(view).toMatchObject({ providerStatus: 'confirmed', accountLabel: '+7 701 555 12 34', provider: { slug: 'kcell' } });
    expect(view.providerReference).toEqual(expect.any(String));
    expect(simulator.stats.paymentsAccepted('kcell')).toBeGreaterThanOrEqual(1);

    const receipt = await t.app.inject({ url: `/api/v1/operations/${operation.id}/receipt?format=html&lang=en`, headers: web(who) });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain(kcell.bin);
    expect(receipt.body).toContain('+7 701 555 12 34');
    expect(receipt.body).toContain('Accepted by the provider');
  });

  it('warns, and does not refuse, a number that looks like another operator’s', async () => {
    const kcell = await provider('kcell');
    const { who } = await payer(1_000_000n);
    const checked = await check(who, kcell.id, { phone: '+7 705 555 12 34' });
    expect(checked.statusCode).toBe(200);
    expect(checked.json().warnings).toEqual([expect.objectContaining({ field: 'phone', code: 'other-operator' })]);
  });

  it('refuses a payment without the check, or with another customer’s check', async () => {
    const kcell = await provider('kcell');
    const first = await payer(1_000_000n);
    const second = await payer(1_000_000n);
    const { checkId } = (await check(first.who, kcell.id, { phone: '+77015551234' })).json();
    const payload = {
      providerId: kcell.id,
      sourceAccountId: second.accountId,
      amountMinor: 100_000,
      currency: 'KZT',
      fields: { phone: '+77015551234' },
    };
    expect((await pay(second.who, payload)).json().type).toMatch(/check-required$/);
    expect((await pay(second.who, { ...payload, checkId })).json().type).toMatch(/check-required$/);
  });

  it('a provider that does not answer the check gets a clear 503 and no money moves', async () => {
    const kcell = await provider('kcell');
    const { who, accountId } = await payer(1_000_000n);
    simulator.behave('kcell', { answer: 'hang', paths: ['check'] });
    const started = Date.now();
    const checked = await check(who, kcell.id, { phone: '+77015559876' });
    expect(checked.statusCode).toBe(503);
    expect(checked.json().title).toMatch(/No money was taken/);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 10);
    expect(await balanceOf(accountId)).toBe(1_000_000n);
  });
});

describe('paying a fetched bill (fetch)', () => {
  it('pays two of the bill’s lines, and refuses amounts that do not add up', async () => {
    const erc = await provider('erc');
    const { who, accountId } = await payer(10_000_000n);
    const account = '4402123456';
    const checked = await check(who, erc.id, { account });
    expect(checked.statusCode).toBe(200);
    const { checkId, bill } = checked.json();
    const expected = utilityLines(account);
    expect(bill.lines).toHaveLength(expected.length);
    const [first, second] = bill.lines;
    const payload = {
      providerId: erc.id,
      sourceAccountId: accountId,
      currency: 'KZT',
      fields: { account },
      checkId,
      lines: [first, second].map((line) => ({ id: line.id, amountMinor: line.amountMinor })),
    };
    const wrongTotal = await pay(who, { ...payload, amountMinor: first.amountMinor });
    expect(wrongTotal.statusCode).toBe(422);
    expect(wrongTotal.json().errors[0].pointer).toBe('/amountMinor');
    const created = await pay(who, { ...payload, amountMinor: first.amountMinor + second.amountMinor });
    expect(created.statusCode, created.body).toBe(201);
    const operation = created.json();
    const confirmed = operation.status === 'awaiting_confirmation' ? (await confirm(who, operation.id)).json() : operation;
    expect(confirmed.status).toBe('sent');
    await t.app.ctx.providerNotifier.runOnce();
    const view = await paymentView(who, operation.id);
    expect(view.lines.map((line: { id: string }) => line.id)).toEqual([first.id, second.id]);
    expect(view.providerStatus).toBe('confirmed');
  });

  it('names each wrong field: an IIN with a wrong check digit', async () => {
    const fines = await provider('fines');
    const { who } = await payer(1_000_000n);
    const checked = await check(who, fines.id, { iin: '900415400001' });
    expect(checked.statusCode).toBe(422);
    expect(checked.json().errors).toEqual([expect.objectContaining({ pointer: '/fields/iin' })]);
  });
});

describe('a replay and the hot account', () => {
  it('answers a retry under the same Idempotency-Key with the first answer and pays once', async () => {
    const kindergarten = await provider('kindergarten');
    const { who, accountId } = await payer(1_000_000n);
    const payload = {
      providerId: kindergarten.id,
      sourceAccountId: accountId,
      amountMinor: 50_000,
      currency: 'KZT',
      fields: { account: '123456' },
    };
    const key = randomUUID();
    const [a, b] = await Promise.all([pay(who, payload, key), pay(who, payload, key)]);
    expect(a.json().id).toBe(b.json().id);
  });

  it('50 payments at once into one provider’s account keep the ledger’s invariants and add up', async () => {
    const kindergarten = await provider('kindergarten');
    const payers = await Promise.all(Array.from({ length: 50 }, () => payer(1_000_000n)));
    const before = await balanceOf(providerAccountId(kindergarten.id, 'KZT'));
    const answers = await Promise.all(
      payers.map(({ who, accountId }) =>
        pay(who, {
          providerId: kindergarten.id,
          sourceAccountId: accountId,
          amountMinor: 10_000,
          currency: 'KZT',
          fields: { account: '654321' },
        }),
      ),
    );
    // Under the low-value exemption (RTS art. 16) each goes at once, without a code.
    expect(answers.map((answer) => answer.json().status)).toEqual(Array(50).fill('sent'));
    expect((await balanceOf(providerAccountId(kindergarten.id, 'KZT'))) - before).toBe(500_000n);
  });
});
