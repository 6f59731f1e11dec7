import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, type LoggedIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { depositFromSettlement } from '../accounts/index.js';
import { checkLedgerInvariants, getAccount } from '../ledger/index.js';

let t: TestApp;
beforeAll(async () => {
  // The transfers here ask for a code whatever their amount (a payee not yet trusted, e-money
  // caps); the low-value exemption is off and has its own tests in low-value.test.ts.
  t = await createTestApp({ env: { SCA_LOW_VALUE_MAX_MINOR: '0' } });
});
afterAll(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
  await t.close();
});

async function funded(amountMinor: bigint, agreement: 'emoney' | 'banking' | 'both' = 'banking') {
  const who = await registerCustomer(t.app, { agreement });
  const accounts = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items as Array<{
    id: string;
    kind: string;
    iban: string | null;
  }>;
  for (const item of accounts) {
    const account = await getAccount(t.db, item.id);
    if (account) await t.db.transaction((tx) => depositFromSettlement(tx, account, amountMinor, 'Пополнение'));
  }
  return { who, accounts };
}

function transfer(who: LoggedIn, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/transfers', headers: { ...web(who), 'idempotency-key': randomUUID() }, payload });
}

describe('receipts and statements', () => {
  it('gives a receipt as HTML (no script allowed) and as PDF, and only to its parties', async () => {
    const { who, accounts } = await funded(100_000n, 'both');
    const [first, second] = accounts;
    const done = (
      await transfer(who, {
        kind: 'own',
        sourceAccountId: first?.id,
        destinationAccountId: second?.id,
        amountMinor: 12_345,
        currency: 'KZT',
      })
    ).json();
    const html = await t.app.inject({ url: `/api/v1/operations/${done.id}/receipt?format=html&lang=kk`, headers: web(who) });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.body).toContain('Операция түбіртегі');
    expect(html.body).toMatch(/123,45/);
    const pdf = await t.app.inject({ url: `/api/v1/operations/${done.id}/receipt?format=pdf`, headers: web(who) });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.includes(Buffer.from('DejaVuSans'))).toBe(true);
    const stranger = await registerCustomer(t.app);
    expect((await t.app.inject({ url: `/api/v1/operations/${done.id}/receipt?format=html`, headers: web(stranger) })).statusCode).toBe(404);
  });

  it('builds a statement with opening and closing balances as CSV and PDF, and refuses another customer', async () => {
    const { who, accounts } = await funded(50_000n, 'both');
    const [first, second] = accounts;
    await transfer(who, { kind: 'own', sourceAccountId: first?.id, destinationAccountId: second?.id, amountMinor: 1_000, currency: 'KZT' });
    const today = new Date(Date.now() + 5 * 3_600_000).toISOString().slice(0, 10);
    const csv = await t.app.inject({
      url: `/api/v1/accounts/${first?.id}/statement?from=${today}&to=${today}&format=csv&lang=en`,
      headers: web(who),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    // The header block (the bank, the holder, the account, the totals) ends at the first blank line.
    const lines = csv.body.replace('\ufeff', '').trim().split('\r\n');
    const table = lines.slice(lines.indexOf('') + 1);
    expect(table[0]).toBe('Date,Counterparty,Purpose,Amount,Balance,Currency');
    expect(table.slice(1).map((line) => line.split(',').at(-3))).toEqual(['500.00', '-10.00']);
    expect(table.at(-1)?.split(',').at(-2)).toBe('490.00');
    const pdf = await t.app.inject({ url: `/api/v1/accounts/${first?.id}/statement?from=${today}&to=${today}`, headers: web(who) });
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const stranger = await registerCustomer(t.app);
    expect(
      (await t.app.inject({ url: `/api/v1/accounts/${first?.id}/statement?from=${today}&to=${today}&format=csv`, headers: web(stranger) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/v1/accounts/${first?.id}/statement?from=2020-01-01&to=2026-01-01&format=csv`, headers: web(who) }))
        .statusCode,
    ).toBe(400);
  });
});

describe('notifications', () => {
  it('tells the customer in the app and by SMS as chosen, counts unread, and marks them read', async () => {
    const { who: sender, accounts } = await funded(1_000_000n);
    const recipient = await registerCustomer(t.app, { agreement: 'emoney' });
    const settings = (await t.app.inject({ url: '/api/v1/notification-settings', headers: web(recipient) })).json();
    expect(settings.sms.credits).toBe(true);
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notification-settings',
      headers: web(recipient),
      payload: { ...settings, sms: { ...settings.sms, credits: false } },
    });
    expect(changed.json().sms.credits).toBe(false);
    const created = (
      await transfer(sender, {
        kind: 'phone',
        sourceAccountId: accounts[0]?.id,
        payeePhone: recipient.phone,
        amountMinor: 5_000,
        currency: 'KZT',
      })
    ).json();
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${created.id}/confirm`,
      headers: web(sender),
      payload: { code: codeIn(await lastCodeSms(t.app, sender.phone)) },
    });
    await t.app.ctx.worker.drain();
    expect((await allSms(t.app, recipient.phone)).join('\n')).not.toMatch(/Зачисление/);
    const inbox = (await t.app.inject({ url: '/api/v1/notifications', headers: { ...web(recipient), 'x-kassa-passive': '1' } })).json();
    expect(inbox.unreadCount).toBe(1);
    expect(inbox.items[0].body).toMatch(/Зачисление 50,00/);
    const senderInbox = (await t.app.inject({ url: '/api/v1/notifications', headers: web(sender) })).json();
    expect(senderInbox.items[0].title).toBe('Операция выполнена');
    // Another customer cannot mark these read.
    await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: web(sender), payload: { ids: [inbox.items[0].id] } });
    expect((await t.app.inject({ url: '/api/v1/notifications', headers: web(recipient) })).json().unreadCount).toBe(1);
    await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: web(recipient), payload: { all: true } });
    expect((await t.app.inject({ url: '/api/v1/notifications', headers: web(recipient) })).json().unreadCount).toBe(0);
  });
});

describe('trusted payees', () => {
  it('needs a code to add a payee; afterwards transfers to it need none', async () => {
    const { who, accounts } = await funded(1_000_000n);
    const payee = await registerCustomer(t.app, { agreement: 'emoney' });
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trusted-payees',
      headers: web(who),
      payload: { kind: 'phone', phone: payee.phone, label: 'Мама' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().status).toBe('awaiting_confirmation');
    // Not yet trusted: the transfer still asks for a code.
    const before = (
      await transfer(who, { kind: 'phone', sourceAccountId: accounts[0]?.id, payeePhone: payee.phone, amountMinor: 100, currency: 'KZT' })
    ).json();
    expect(before.status).toBe('awaiting_confirmation');
    const sms = (await allSms(t.app, who.phone)).find((text) => text.includes('Мама')) ?? '';
    expect(sms).toMatch(/доверенного получателя/);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/trusted-payees/${added.json().id}/confirm`,
      headers: web(who),
      payload: { code: codeIn(sms) },
    });
    expect(confirmed.json().status).toBe('active');
    const after = (
      await transfer(who, { kind: 'phone', sourceAccountId: accounts[0]?.id, payeePhone: payee.phone, amountMinor: 100, currency: 'KZT' })
    ).json();
    expect(after.status).toBe('completed');
    const { rows } = await t.db.query("SELECT 1 FROM audit_events WHERE event = 'trusted_payee.added' AND customer_id = $1", [
      who.customerId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('sends a new code for a payee after the cooldown; the old code stops working; not for a stranger', async () => {
    const { who } = await funded(1_000n);
    const added = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/trusted-payees',
        headers: web(who),
        payload: { kind: 'iban', iban: 'KZ86125KZT5004100100', label: 'Аренда' },
      })
    ).json();
    const resend = (as: LoggedIn) => t.app.inject({ method: 'POST', url: `/api/v1/trusted-payees/${added.id}/resend`, headers: web(as) });
    const old = codeIn(await lastCodeSms(t.app, who.phone));
    expect((await resend(who)).statusCode).toBe(429);
    const stranger = await registerCustomer(t.app);
    t.clock.advance(61_000);
    expect((await resend(stranger)).statusCode).toBe(404);
    const again = await resend(who);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      id: added.id,
      status: 'awaiting_confirmation',
      confirmation: { resendAvailableAt: expect.any(String) },
    });
    const sms = await lastCodeSms(t.app, who.phone);
    expect(sms).toMatch(/Аренда/);
    const fresh = codeIn(sms);
    const confirm = (code: string) =>
      t.app.inject({ method: 'POST', url: `/api/v1/trusted-payees/${added.id}/confirm`, headers: web(who), payload: { code } });
    // One-in-a-million: the new code may equal the old one; then only the last step is meaningful.
    if (old !== fresh) expect((await confirm(old)).statusCode).toBe(422);
    expect((await confirm(fresh)).json().status).toBe('active');
    expect((await resend(who)).statusCode).toBe(409);
  });

  it("refuses a wrong code, and another customer's payee is 404", async () => {
    const { who } = await funded(1_000n);
    const added = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/trusted-payees',
        headers: web(who),
        payload: { kind: 'iban', iban: 'KZ86125KZT5004100100', label: 'ТОО' },
      })
    ).json();
    const real = codeIn(await lastCodeSms(t.app, who.phone));
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/trusted-payees/${added.id}/confirm`,
      headers: web(who),
      payload: { code: real === '000000' ? '000001' : '000000' },
    });
    expect(wrong.statusCode).toBe(422);
    expect((await t.app.inject({ url: '/api/v1/trusted-payees', headers: web(who) })).json().items).toEqual([]);
    const stranger = await registerCustomer(t.app);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/trusted-payees/${added.id}/confirm`,
          headers: web(stranger),
          payload: { code: real },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/trusted-payees/${added.id}`, headers: web(stranger) })).statusCode).toBe(
      404,
    );
  });
});

describe('e-money limits by identification level', () => {
  it('holds an unidentified wallet to 3 MCI per operation, per day and in balance', async () => {
    const { who, accounts } = await funded(5_000_000n, 'banking');
    const owner = await registerCustomer(t.app, { agreement: 'emoney' });
    await t.db.query("UPDATE customers SET identification_level = 'none' WHERE id = $1", [owner.customerId]);
    // 3 MCI = 12 975,00 ₸ = 1 297 500 tiyn; the credit would leave 13 000,00 ₸ in the wallet.
    const tooMuch = (
      await transfer(who, {
        kind: 'phone',
        sourceAccountId: accounts[0]?.id,
        payeePhone: owner.phone,
        amountMinor: 1_300_000,
        currency: 'KZT',
      })
    ).json();
    // SECURITY.md 33: the bank would refuse it at confirmation, so it is declined now, without a code.
    expect(tooMuch).toMatchObject({ status: 'declined', declineReason: 'recipient-wallet-limit', confirmation: null });
    const fits = (
      await transfer(who, {
        kind: 'phone',
        sourceAccountId: accounts[0]?.id,
        payeePhone: owner.phone,
        amountMinor: 1_297_500,
        currency: 'KZT',
      })
    ).json();
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/transfers/${fits.id}/confirm`,
      headers: web(who),
      payload: { code: codeIn(await lastCodeSms(t.app, who.phone)) },
    });
    expect(ok.json().status).toBe('completed');
  });
});

describe('resends and the hourly code caps', () => {
  it("stops resending a trusted-payee code at the customer's hourly cap of payment codes, as any other payment code", async () => {
    const capped = await createTestApp({ env: { PAYMENT_CODES_PER_CUSTOMER_PER_HOUR_MAX: '4' } });
    try {
      const who = await registerCustomer(capped.app);
      const added = (
        await capped.app.inject({
          method: 'POST',
          url: '/api/v1/trusted-payees',
          headers: web(who),
          payload: { kind: 'iban', iban: 'KZ86125KZT5004100100', label: 'ТОО' },
        })
      ).json();
      const statuses: number[] = [];
      let lastType = '';
      for (let resend = 0; resend < 6; resend += 1) {
        capped.clock.advance(61_000);
        const answer = await capped.app.inject({ method: 'POST', url: `/api/v1/trusted-payees/${added.id}/resend`, headers: web(who) });
        statuses.push(answer.statusCode);
        if (answer.statusCode === 429) lastType = answer.json().type;
      }
      // The first payee code counts too: three resends, then 429 for good.
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
      expect(lastType).toMatch(/code-limit-reached$/);
    } finally {
      await capped.close();
    }
  });
});
