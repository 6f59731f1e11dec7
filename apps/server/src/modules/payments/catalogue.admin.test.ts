import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { PROBLEM_BASE } from '../../shared/problem.js';
import { depositFromSettlement } from '../accounts/index.js';
import { verifyAuditChain } from '../audit/index.js';
import { getAccount } from '../ledger/index.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import {
  createTestProvider,
  OTHER_SETTLEMENT,
  providerBody,
  seedCatalogueSections,
  TEST_ENDPOINT_SECRET,
  TEST_SETTLEMENT,
} from './catalogue.admin.fixtures.js';

/**
 * Staff manage the service-provider catalogue (issue 16 item 1): admins create, edit, suspend;
 * operators read; the settlement details change only when a second staff member approves.
 */

const BASE = '/api/staff/v1/payment-providers';
let t: TestApp;
let admin: TestStaff;
let secondAdmin: TestStaff;
let officer: TestStaff;
let operator: TestStaff;

beforeAll(async () => {
  t = await createTestApp();
  await seedCatalogueSections(t.app);
  admin = await createTestStaff(t.app, 'admin');
  secondAdmin = await createTestStaff(t.app, 'admin');
  officer = await createTestStaff(t.app, 'security_officer');
  operator = await createTestStaff(t.app, 'operator');
});
afterAll(async () => {
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  await t.close();
});

function send(who: TestStaff, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method, url, headers: { ...staffHeaders(who), 'accept-language': 'en' }, payload });
}

async function staffView(who: TestStaff, providerId: string) {
  const response = await send(who, 'GET', `${BASE}/${providerId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function auditDetails(event: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
    'SELECT details FROM audit_events WHERE event = $1 ORDER BY seq',
    [event],
  );
  return rows.map((row) => row.details);
}

async function catalogueSlugs(): Promise<string[]> {
  const catalogue = (await t.app.inject({ url: '/api/v1/payments/catalogue' })).json() as { providers: Array<{ slug: string }> };
  return catalogue.providers.map((provider) => provider.slug);
}

async function payer(amountMinor: bigint): Promise<{ who: LoggedIn; accountId: string }> {
  const who = await registerCustomer(t.app, { agreement: 'banking' });
  const [account] = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{ id: string }>;
  const opened = account ? await getAccount(t.db, account.id) : null;
  if (!account || !opened) throw new Error('no account');
  await t.db.transaction((tx) => depositFromSettlement(tx, opened, amountMinor, 'test'));
  return { who, accountId: account.id };
}

function pay(who: LoggedIn, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/payments',
    headers: { ...web(who), 'idempotency-key': randomUUID(), 'accept-language': 'en' },
    payload,
  });
}

describe('creating a provider', () => {
  it('by an admin: it is in the customers’ catalogue at once, with its settlement account, and audited', async () => {
    const body = providerBody({ settlementIban: 'kz54 826k zt70 0002 2334', legalName: '  ГККП   «Ясли-сад № 12 «Балапан» ' });
    const created = await send(admin, 'POST', BASE, body);
    expect(created.statusCode, created.body).toBe(201);
    const provider = created.json();
    expect(provider).toMatchObject({
      slug: body.slug,
      status: 'active',
      version: 1,
      ...TEST_SETTLEMENT,
      endpointUrl: body.endpointUrl,
      amountRule: { kind: 'any', minMinor: 10_000, maxMinor: 5_000_000 },
      pendingSettlementChange: null,
    });
    expect(created.body).not.toContain(TEST_ENDPOINT_SECRET);
    expect(await catalogueSlugs()).toContain(body.slug);
    const form = await t.app.inject({ url: `/api/v1/payments/providers/${provider.id}` });
    expect(form.statusCode).toBe(200);
    expect(form.json().fields[0]).toMatchObject({ name: 'account', kind: 'digits', minLength: 6 });
    const account = await t.db.query('SELECT id FROM ledger_accounts WHERE owner_id = $1', [provider.id]);
    expect(account.rows).toHaveLength(1);
    expect((await auditDetails('payments.provider_created')).some((d) => d.providerId === provider.id && d.staffId === admin.staffId)).toBe(
      true,
    );
  });

  it('refuses every fault of the definition in one 422, each under its JSON pointer', async () => {
    const body = providerBody({
      slug: 'Bad Slug',
      categoryId: 'no-such-section',
      bin: '123456789012',
      settlementIban: 'KZ00000KZT0000000000',
      logo: { text: 'ABCD', color: 'green' },
      amountRule: { kind: 'any', minMinor: 500, maxMinor: 100 },
      feeRule: { fixedMinor: 500, percentBasisPoints: 0, capMinor: 100 },
      endpointUrl: 'ftp://billing',
      endpointSecret: 'short',
      fields: [
        { ...(providerBody().fields as Array<Record<string, unknown>>)[0], pattern: '(a+)+$', main: false },
        { ...(providerBody().fields as Array<Record<string, unknown>>)[0], kind: 'iin', checkDigit: 'luhn', main: false },
      ],
    });
    const refused = await send(admin, 'POST', BASE, body);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().type).toBe(`${PROBLEM_BASE}provider-invalid`);
    const pointers = (refused.json().errors as Array<{ pointer: string; detail: string }>).map((error) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/slug',
        '/categoryId',
        '/bin',
        '/settlementIban',
        '/logo/text',
        '/logo/color',
        '/amountRule/minMinor',
        '/feeRule/capMinor',
        '/endpointUrl',
        '/endpointSecret',
        '/fields/0/pattern',
        '/fields/1/minLength',
        '/fields/1/checkDigit',
        '/fields/1/name',
        '/fields',
      ]),
    );
    expect((refused.json().errors as Array<{ detail: string }>).every((error) => error.detail.length > 0)).toBe(true);
    expect(await catalogueSlugs()).not.toContain('Bad Slug');
  });

  it('names a section that does not exist, and a slug taken is a 409 under /slug', async () => {
    const unknown = await send(admin, 'POST', BASE, providerBody({ categoryId: 'gardening' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ pointer: '/categoryId' })]);
    const body = providerBody();
    expect((await send(admin, 'POST', BASE, body)).statusCode).toBe(201);
    const taken = await send(admin, 'POST', BASE, { ...body, name: { ru: 'Другой', kk: 'Басқа', en: 'Another' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ type: `${PROBLEM_BASE}provider-slug-taken`, errors: [{ pointer: '/slug' }] });
  });

  it('is refused to an operator and a security officer (403), who read providers but never the endpoint or its secret', async () => {
    for (const who of [operator, officer]) {
      expect((await send(who, 'POST', BASE, providerBody())).statusCode).toBe(403);
    }
    const providerId = await createTestProvider(t.app, admin);
    for (const who of [operator, officer]) {
      const view = await send(who, 'GET', `${BASE}/${providerId}`);
      expect(view.statusCode).toBe(200);
      expect(view.json().endpointUrl).toBeNull();
      expect(view.body).not.toContain('billing.aigolek');
      expect(view.body).not.toContain(TEST_ENDPOINT_SECRET);
      const list = await send(who, 'GET', `${BASE}?q=${encodeURIComponent('айгөлек')}`);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((item: { id: string }) => item.id)).toContain(providerId);
      expect(list.body).not.toContain(TEST_ENDPOINT_SECRET);
    }
    const asAdmin = await staffView(admin, providerId);
    expect(asAdmin.endpointUrl).toBe('https://billing.aigolek.example.kz/kassa');
    expect(JSON.stringify(asAdmin)).not.toContain(TEST_ENDPOINT_SECRET);
    const sealed = await t.db.query<{ endpoint_secret_sealed: string }>(
      'SELECT endpoint_secret_sealed FROM service_providers WHERE id = $1',
      [providerId],
    );
    expect(sealed.rows[0]?.endpoint_secret_sealed).not.toContain(TEST_ENDPOINT_SECRET);
    expect(
      (await auditDetails('payments.provider_viewed')).some((d) => d.providerId === providerId && d.staffId === operator.staffId),
    ).toBe(true);
  });

  it('lists by status, section and mode', async () => {
    const providerId = await createTestProvider(t.app, admin, { categoryId: 'utilities', mode: 'validate' });
    const listed = await send(operator, 'GET', `${BASE}?category=utilities&mode=validate&status=active`);
    const items = listed.json().items as Array<{ id: string; categoryId: string; mode: string }>;
    expect(items.map((item) => item.id)).toContain(providerId);
    expect(items.every((item) => item.categoryId === 'utilities' && item.mode === 'validate')).toBe(true);
    expect(listed.json().categories.map((category: { id: string }) => category.id)).toContain('utilities');
    const suspended = await send(operator, 'GET', `${BASE}?status=suspended&category=utilities&mode=validate`);
    expect(suspended.json().items.map((item: { id: string }) => item.id)).not.toContain(providerId);
  });
});

describe('editing a provider', () => {
  it('changes what was sent on the version read; a stale version is a 409 and changes nothing', async () => {
    const providerId = await createTestProvider(t.app, admin);
    const fields = [
      { ...(providerBody().fields as Array<Record<string, unknown>>)[0], minLength: 8 },
      {
        name: 'child',
        label: { ru: 'ИИН ребёнка', kk: 'Баланың ЖСН', en: 'Child’s IIN' },
        hint: null,
        kind: 'iin',
        minLength: 12,
        maxLength: 12,
        pattern: null,
        checkDigit: 'iin',
        phonePrefixes: null,
        main: false,
      },
    ];
    const edited = await send(admin, 'PATCH', `${BASE}/${providerId}`, {
      version: 1,
      fields,
      position: 5,
      endpointSecret: 'psk_rotated_1234567890',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, position: 5, fields: [{ minLength: 8 }, { name: 'child', checkDigit: 'iin' }] });
    expect(edited.body).not.toContain('psk_rotated');
    const audit = (await auditDetails('payments.provider_updated')).find((d) => d.providerId === providerId);
    expect(audit).toMatchObject({ staffId: admin.staffId, version: 2, endpointSecretChanged: true, endpointChanged: true });
    expect(Object.keys(audit?.after as object).sort()).toEqual(['fields', 'position']);
    expect(JSON.stringify(audit)).not.toContain('psk_rotated');

    const stale = await send(secondAdmin, 'PATCH', `${BASE}/${providerId}`, { version: 1, position: 9 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe(`${PROBLEM_BASE}provider-version-stale`);
    expect((await staffView(admin, providerId)).position).toBe(5);
  });

  it('refuses a bad edit with its pointers, and an operator’s edit with 403', async () => {
    const providerId = await createTestProvider(t.app, admin);
    const bad = await send(admin, 'PATCH', `${BASE}/${providerId}`, {
      version: 1,
      amountRule: { kind: 'exact', minMinor: 100, maxMinor: 200 },
      logo: { text: 'A', color: '#GGGGGG' },
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(['/amountRule/maxMinor', '/logo/color']);
    expect((await send(operator, 'PATCH', `${BASE}/${providerId}`, { version: 1, position: 1 })).statusCode).toBe(403);
    expect((await staffView(admin, providerId)).version).toBe(1);
  });

  it('cannot change the BIN, the IBAN or the legal name', async () => {
    const providerId = await createTestProvider(t.app, admin);
    for (const part of [
      { bin: OTHER_SETTLEMENT.bin },
      { settlementIban: OTHER_SETTLEMENT.settlementIban },
      { legalName: 'ТОО «Другое»' },
    ]) {
      const refused = await send(admin, 'PATCH', `${BASE}/${providerId}`, { version: 1, ...part });
      expect(refused.statusCode).toBe(400);
    }
    expect(await staffView(admin, providerId)).toMatchObject({ ...TEST_SETTLEMENT, version: 1 });
  });
});

describe('changing the settlement details (maker-checker)', () => {
  async function ask(maker: TestStaff, providerId: string, version: number, to = OTHER_SETTLEMENT) {
    return send(maker, 'POST', `${BASE}/${providerId}/settlement-change`, { version, ...to, reason: 'Письмо поставщика о смене банка' });
  }

  it('waits for another staff member: the maker cannot approve it, a second one does, and it is written and audited', async () => {
    const providerId = await createTestProvider(t.app, admin);
    const asked = await ask(admin, providerId, 1);
    expect(asked.statusCode, asked.body).toBe(202);
    const { approvalId } = asked.json();
    expect((await staffView(operator, providerId)).pendingSettlementChange).toMatchObject({ approvalId, to: OTHER_SETTLEMENT });
    expect((await ask(officer, providerId, 1)).statusCode).toBe(409);

    const own = await send(admin, 'POST', `/api/staff/v1/approvals/${approvalId}/approve`, {});
    expect(own.statusCode).toBe(403);
    expect(own.json().type).toBe(`${PROBLEM_BASE}approval-own-request`);
    expect(await staffView(admin, providerId)).toMatchObject({ ...TEST_SETTLEMENT, version: 1 });

    const queued = await send(officer, 'GET', `/api/staff/v1/approvals/${approvalId}`);
    expect(queued.json()).toMatchObject({
      kind: 'provider_settlement',
      subject: { type: 'provider', label: 'Детский сад «Айгөлек»' },
      payload: { from: TEST_SETTLEMENT, to: OTHER_SETTLEMENT },
      canDecide: true,
    });
    const approved = await send(officer, 'POST', `/api/staff/v1/approvals/${approvalId}/approve`, {});
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await staffView(admin, providerId)).toMatchObject({ ...OTHER_SETTLEMENT, version: 2, pendingSettlementChange: null });
    const form = (await t.app.inject({ url: `/api/v1/payments/providers/${providerId}` })).json();
    expect(form).toMatchObject({ bin: OTHER_SETTLEMENT.bin, legalName: OTHER_SETTLEMENT.legalName });
    const changed = (await auditDetails('payments.provider_settlement_changed')).find((d) => d.approvalId === approvalId);
    expect(changed).toMatchObject({
      makerStaffId: admin.staffId,
      checkerStaffId: officer.staffId,
      before: TEST_SETTLEMENT,
      after: OTHER_SETTLEMENT,
    });
  });

  it('refuses a request made before the provider changed, and leaves the details as they are', async () => {
    const providerId = await createTestProvider(t.app, admin);
    const { approvalId } = (await ask(officer, providerId, 1)).json();
    expect((await send(admin, 'PATCH', `${BASE}/${providerId}`, { version: 1, keywords: 'ясли' })).statusCode).toBe(200);
    const stale = await send(secondAdmin, 'POST', `/api/staff/v1/approvals/${approvalId}/approve`, {});
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe(`${PROBLEM_BASE}provider-settlement-stale`);
    expect(await staffView(admin, providerId)).toMatchObject({ ...TEST_SETTLEMENT, version: 2 });
    // Undone with the decision: still pending, so the checker can reject it.
    expect((await send(secondAdmin, 'POST', `/api/staff/v1/approvals/${approvalId}/reject`, { note: 'Устарел' })).statusCode).toBe(200);
  });

  it('checks the new details when asked: 422 with pointers, a stale version 409, an operator 403', async () => {
    const providerId = await createTestProvider(t.app, admin);
    const bad = await ask(admin, providerId, 1, { legalName: 'Я', bin: '000000000000', settlementIban: 'KZ12' });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((error: { pointer: string }) => error.pointer)
        .sort(),
    ).toEqual(['/bin', '/legalName', '/settlementIban']);
    expect((await ask(admin, providerId, 1, TEST_SETTLEMENT)).json().type).toBe(`${PROBLEM_BASE}provider-settlement-unchanged`);
    expect((await ask(admin, providerId, 7)).statusCode).toBe(409);
    expect((await ask(operator, providerId, 1)).statusCode).toBe(403);
  });
});

describe('suspending a provider', () => {
  it('takes it out of the catalogue and refuses a payment to it at once; reactivating brings it back', async () => {
    const providerId = await createTestProvider(t.app, admin);
    const { who, accountId } = await payer(1_000_000n);
    const payment = { providerId, sourceAccountId: accountId, amountMinor: 50_000, currency: 'KZT', fields: { account: '12345678' } };
    const before = await pay(who, payment);
    expect(before.statusCode, before.body).toBe(201);

    expect((await send(operator, 'POST', `${BASE}/${providerId}/suspend`, { reason: 'Договор приостановлен' })).statusCode).toBe(403);
    const suspended = await send(admin, 'POST', `${BASE}/${providerId}/suspend`, { reason: 'Договор приостановлен' });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', version: 2 });
    const { slug } = suspended.json();
    expect(await catalogueSlugs()).not.toContain(slug);
    expect((await t.app.inject({ url: `/api/v1/payments/providers/${providerId}` })).statusCode).toBe(422);
    const refused = await pay(who, payment);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toBe(`${PROBLEM_BASE}provider-suspended`);
    expect((await send(admin, 'POST', `${BASE}/${providerId}/suspend`, { reason: 'Ещё раз' })).statusCode).toBe(409);
    expect((await auditDetails('payments.provider_suspended')).find((d) => d.providerId === providerId)).toMatchObject({
      staffId: admin.staffId,
      reason: 'Договор приостановлен',
    });

    const back = await send(admin, 'POST', `${BASE}/${providerId}/reactivate`, { reason: 'Договор продлён' });
    expect(back.json()).toMatchObject({ status: 'active', version: 3 });
    expect(await catalogueSlugs()).toContain(slug);
  });
});
