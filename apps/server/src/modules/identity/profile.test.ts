import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allSms,
  codeIn,
  GOOD_PASSWORD,
  lastCodeSms,
  login,
  registerCustomer,
  uniqueIin,
  uniquePhone,
  web,
} from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { REGISTRATION_CONSENT } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function putLanguage(who: { cookie: string; csrf: string }, language: string, acceptLanguage = 'ru') {
  return t.app.inject({
    method: 'PUT',
    url: '/api/v1/profile/language',
    headers: { ...web(who), 'accept-language': acceptLanguage },
    payload: { language },
  });
}

describe('the profile', () => {
  it('answers 401 to a visitor, for reading and for changing the language', async () => {
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/profile' });
    expect(read.statusCode).toBe(401);
    const write = await t.app.inject({ method: 'PUT', url: '/api/v1/profile/language', payload: { language: 'kk' } });
    expect(write.statusCode).toBe(401);
  });

  it('shows the name, the given name, the phone and IIN masked, the language and the agreements', async () => {
    const customer = await registerCustomer(t.app, { fullName: 'Бекова Айгерим Сакеновна', agreement: 'both' });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/profile', headers: web(customer) });
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    expect(profile.fullName).toBe('Бекова Айгерим Сакеновна');
    expect(profile.givenName).toBe('Айгерим');
    expect(profile.maskedPhone).toBe(`+7 ${customer.phone.slice(2, 5)} *** ** ${customer.phone.slice(-2)}`);
    expect(profile.maskedIin).toBe(`********${customer.iin.slice(-4)}`);
    expect(JSON.stringify(profile)).not.toContain(customer.iin);
    expect(JSON.stringify(profile)).not.toContain(customer.phone);
    expect(profile.language).toBe('ru');
    expect(profile.agreements.map((agreement: { kind: string }) => agreement.kind).sort()).toEqual(['banking', 'emoney']);
    for (const agreement of profile.agreements) {
      expect(agreement.number).toMatch(/^(DBO|EMD)-\d{4}-[0-9A-Z]+$/);
      expect(Number.isNaN(Date.parse(agreement.signedAt))).toBe(false);
    }
  });

  it('greets by the given name in the session too', async () => {
    const customer = await registerCustomer(t.app, { fullName: 'ТУЛЕГЕНОВ ЕРЛАН' });
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: web(customer) });
    expect(session.json().customer.givenName).toBe('Ерлан');
  });

  it('refuses a language outside ru, kk and en with a field error in the caller’s language', async () => {
    const customer = await registerCustomer(t.app);
    for (const [acceptLanguage, words] of [
      ['kk', /қабылданбайды/],
      ['ru', /не принимается/],
      ['en', /not accepted/],
    ] as const) {
      const response = await putLanguage(customer, 'de', acceptLanguage);
      expect(response.statusCode).toBe(400);
      const problem = response.json();
      expect(problem.errors).toEqual([{ pointer: '/language', detail: expect.stringMatching(words) }]);
      expect(JSON.stringify(problem)).not.toMatch(/must be equal|allowed values/);
    }
    const profile = await t.app.inject({ method: 'GET', url: '/api/v1/profile', headers: web(customer) });
    expect(profile.json().language).toBe('ru');
  });

  it('keeps the language the screens were in at registration as the language of messages', async () => {
    const phone = uniquePhone();
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone, language: 'en' } });
    const { registrationId } = started.json();
    const code = codeIn(await lastCodeSms(t.app, phone));
    await t.app.inject({ method: 'POST', url: `/api/v1/registration/${registrationId}/phone`, payload: { code } });
    const completed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/registration/${registrationId}/complete`,
      headers: { 'accept-language': 'ru' },
      payload: {
        iin: uniqueIin(),
        fullName: 'Smagulova Dana',
        password: GOOD_PASSWORD,
        agreement: 'emoney',
        consent: REGISTRATION_CONSENT,
        language: 'en',
      },
    });
    expect(completed.statusCode).toBe(201);
    expect(completed.json().customer.language).toBe('en');
  });

  it('changes the language of the next SMS, audits the change and leaves the screens’ language alone', async () => {
    const customer = await registerCustomer(t.app);
    const changed = await putLanguage(customer, 'kk');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().language).toBe('kk');

    const { rows } = await t.db.query<{ details: { from: string; to: string } }>(
      "SELECT details FROM audit_events WHERE event = 'profile.language_changed' AND customer_id = $1",
      [customer.customerId],
    );
    expect(rows.map((row) => row.details)).toEqual([{ from: 'ru', to: 'kk' }]);

    // The login code is the next SMS: it is written in Kazakh though the request asks for Russian.
    const before = (await allSms(t.app, customer.phone)).length;
    const again = await login(t.app, customer);
    expect(again.status).toBe(200);
    const texts = await allSms(t.app, customer.phone);
    expect(texts.length).toBeGreaterThan(before);
    expect(await lastCodeSms(t.app, customer.phone)).toMatch(/кіру үшін код: \d{6}/);

    // Choosing the same language again changes nothing and audits nothing.
    expect((await putLanguage(customer, 'kk')).statusCode).toBe(200);
    const { rows: after } = await t.db.query("SELECT 1 FROM audit_events WHERE event = 'profile.language_changed' AND customer_id = $1", [
      customer.customerId,
    ]);
    expect(after).toHaveLength(1);
  });
});
