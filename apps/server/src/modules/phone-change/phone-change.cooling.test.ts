import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, type LoggedIn, lastCodeSms, login, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { getAccount } from '../ledger/index.js';
import { changePhone, freshNumber, profileOf } from './phone-change.fixtures.js';

/**
 * The cooling period after a phone number change: transfers to others capped per day, no new
 * trusted payee, no new device, each refused in the customer's words; all of it passes again once
 * PHONE_CHANGE_COOLING_HOURS are over (the test clock moves past them).
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { PHONE_CHANGE_COOLING_HOURS: '24', PHONE_CHANGE_COOLING_TRANSFER_MAX_MINOR: '5000000' } });
});
afterAll(async () => {
  await t.close();
});

const DAY_MS = 24 * 3_600_000;

async function fundedCustomer(): Promise<{ customer: LoggedIn; walletId: string }> {
  const customer = await registerCustomer(t.app, { agreement: 'banking' });
  const accounts = (await t.app.inject({ url: '/api/v1/accounts', headers: web(customer) })).json().items as Array<{ id: string }>;
  const account = await getAccount(t.db, accounts[0]?.id ?? '');
  if (!account) throw new Error('no account');
  await t.db.transaction((tx) => depositFromSettlement(tx, account, 50_000_000n, 'test'));
  return { customer, walletId: account.id };
}

function send(who: LoggedIn, sourceAccountId: string, payeePhone: string, amountMinor: number) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/transfers',
    headers: { ...web(who), 'idempotency-key': randomUUID(), 'accept-language': 'en' },
    payload: { kind: 'phone', sourceAccountId, payeePhone, amountMinor, currency: 'KZT' },
  });
}

function addPayee(who: LoggedIn, phone: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/trusted-payees',
    headers: { ...web(who), 'accept-language': 'kk' },
    payload: { kind: 'phone', phone, label: 'Мама' },
  });
}

function startBinding(who: LoggedIn) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/devices/bindings',
    headers: web(who),
    payload: { kind: 'webauthn', name: 'Pixel 8' },
  });
}

describe('the cooling period after a phone number change', () => {
  it('caps transfers to others per day, refuses new trusted payees and devices, and lifts all of it when it ends', async () => {
    const { customer, walletId } = await fundedCustomer();
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    const newPhone = freshNumber();
    const changed = await changePhone(t.app, customer, newPhone);
    expect(changed.statusCode).toBe(200);
    const coolingUntil = Date.parse(changed.json().coolingUntil);
    expect(coolingUntil - t.clock.now().getTime()).toBe(DAY_MS);
    expect((await profileOf(t.app, customer)).json().cooling).toMatchObject({ transferMaxPerDayMinor: 5_000_000 });
    const terms = await t.app.inject({ url: '/api/v1/profile/phone-change', headers: web(customer) });
    expect(terms.json()).toEqual({ coolingHours: 24, coolingTransferMaxPerDayMinor: 5_000_000, coolingUntil: changed.json().coolingUntil });

    // 60 000 ₸ is within the usual day limit (3 000 000 ₸) and above the cooling one (50 000 ₸).
    const over = await send(customer, walletId, payee.phone, 6_000_000);
    expect(over.statusCode).toBe(201);
    expect(over.json()).toMatchObject({
      status: 'declined',
      declineReason: 'limit-phone-change',
      declineReasonText: 'The phone number was changed recently: a lower daily transfer limit applies for now',
    });
    // Below it a transfer goes (10 000 ₸: low value, no code), and counts towards it.
    expect((await send(customer, walletId, payee.phone, 1_000_000)).json().status).toBe('completed');
    expect((await send(customer, walletId, payee.phone, 4_500_000)).json().declineReason).toBe('limit-phone-change');

    const payeeRefused = await addPayee(customer, payee.phone);
    expect(payeeRefused.statusCode).toBe(409);
    expect(payeeRefused.json()).toMatchObject({
      title: 'Телефон нөмірі жақында өзгертілді: жаңа сенімді алушыны әзірге қосуға болмайды',
      coolingUntil: changed.json().coolingUntil,
    });
    expect(payeeRefused.json().detail).toMatch(/^Қауіпсіздігіңіз үшін мұны \d\d\.\d\d, \d\d:\d\d кейін қайта жасауға болады\.$/);

    const deviceRefused = await startBinding(customer);
    expect(deviceRefused.statusCode).toBe(409);
    expect(deviceRefused.json()).toMatchObject({ title: 'Номер телефона недавно изменён: новое устройство пока нельзя привязать' });
    expect(deviceRefused.json().detail).toMatch(/^Для вашей безопасности это снова можно будет сделать после \d\d\.\d\d, \d\d:\d\d\.$/);

    // A day later (a new session: the old one idled out long ago) everything passes again.
    t.clock.advance(DAY_MS + 1000);
    const later = await login(t.app, { phone: newPhone, password: customer.password });
    expect(later.status).toBe(200);
    expect((await profileOf(t.app, later)).json().cooling).toBeNull();
    const big = await send(later, walletId, payee.phone, 6_000_000);
    expect(big.json().status).toBe('awaiting_confirmation');
    expect((await addPayee(later, payee.phone)).statusCode).toBe(201);
    expect((await startBinding(later)).statusCode).toBe(201);
  });

  it('refuses to finish a device binding or a trusted payee started before the change', async () => {
    const { customer } = await fundedCustomer();
    const payee = await registerCustomer(t.app);
    const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    const publicKeyJwk = { kty: 'EC', crv: 'P-256', x: keys.x, y: keys.y };
    const binding = await t.app.inject({
      method: 'POST',
      url: '/api/v1/devices/bindings',
      headers: web(customer),
      payload: { kind: 'pin', name: 'Pixel 8', publicKeyJwk },
    });
    expect(binding.statusCode).toBe(201);
    const bindingCode = codeIn(await lastCodeSms(t.app, customer.phone));
    const pending = await addPayee(customer, payee.phone);
    expect(pending.statusCode).toBe(201);
    const payeeCode = codeIn(await lastCodeSms(t.app, customer.phone));
    expect((await changePhone(t.app, customer, freshNumber())).statusCode).toBe(200);

    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/trusted-payees/${pending.json().id}/confirm`,
      headers: web(customer),
      payload: { code: payeeCode },
    });
    expect(confirmed.statusCode).toBe(409);
    expect(confirmed.json().type).toMatch(/phone-cooling-no-new-trusted-payee$/);
    const bound = await t.app.inject({
      method: 'POST',
      url: '/api/v1/devices/pin',
      headers: web(customer),
      payload: { bindingId: binding.json().bindingId, code: bindingCode, name: 'Pixel 8', pin: '2580', publicKeyJwk },
    });
    expect(bound.statusCode).toBe(409);
    expect(bound.json().type).toMatch(/phone-cooling-no-new-device$/);
    expect((await t.app.inject({ url: '/api/v1/devices', headers: web(customer) })).json().items).toEqual([]);
  });

  it('caps a transfer confirmed during the cooling period that was created before it', async () => {
    const { customer, walletId } = await fundedCustomer();
    const payee = await registerCustomer(t.app, { agreement: 'banking' });
    const created = await send(customer, walletId, payee.phone, 6_000_000);
    expect(created.json().status).toBe('awaiting_confirmation');
    const code = codeIn(await lastCodeSms(t.app, customer.phone));
    expect((await changePhone(t.app, customer, freshNumber())).statusCode).toBe(200);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${created.json().id}/confirm`,
      headers: web(customer),
      payload: { code },
    });
    expect(confirmed.json()).toMatchObject({ status: 'declined', declineReason: 'limit-phone-change' });
  });
});
