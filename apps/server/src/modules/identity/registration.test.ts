import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, GOOD_PASSWORD, lastCodeSms, registerCustomer, uniqueIin, uniquePhone } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { REGISTRATION_CONSENT } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function start(app: TestApp, phone: string, remoteAddress = '127.0.0.1') {
  return app.app.inject({
    method: 'POST',
    url: '/api/v1/registration',
    payload: { phone, language: 'en' },
    headers: { 'accept-language': 'en' },
    remoteAddress,
  });
}

/** SMS the dev inbox received for these phones, once the outbox has been delivered. */
async function smsCount(app: TestApp, phones: string[]): Promise<number> {
  await app.app.ctx.worker.drain();
  const { rows } = await app.db.query<{ count: bigint }>('SELECT count(*) AS count FROM dev_sms_messages WHERE phone = ANY($1::text[])', [
    phones,
  ]);
  return Number(rows[0]?.count ?? 0);
}

/** Steps 1 and 2: a registration whose phone is proven, ready for step 3. */
async function verifiedRegistration(phone = uniquePhone()): Promise<{ registrationId: string; phone: string }> {
  const started = await start(t, phone);
  expect(started.statusCode).toBe(201);
  const { registrationId } = started.json();
  const code = codeIn(await lastCodeSms(t.app, phone));
  const verified = await t.app.inject({ method: 'POST', url: `/api/v1/registration/${registrationId}/phone`, payload: { code } });
  expect(verified.statusCode).toBe(204);
  return { registrationId, phone };
}

function complete(registrationId: string, iin: string, password = GOOD_PASSWORD) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/registration/${registrationId}/complete`,
    headers: { 'accept-language': 'en' },
    payload: { iin, fullName: 'Бекова Айгерим', password, agreement: 'emoney', consent: REGISTRATION_CONSENT },
  });
}

/** What a refusal says, without what differs from request to request. */
function shape(body: Record<string, unknown>) {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  return rest;
}

describe('registration codes and caps (SECURITY.md 10, 33)', () => {
  it('sends exactly the per-phone cap of codes when 20 registrations for one phone start at once', async () => {
    const phone = uniquePhone();
    const answers = await Promise.all(Array.from({ length: 20 }, () => start(t, phone)));
    const statuses = answers.map((answer) => answer.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(6);
    expect(statuses.filter((status) => status === 429)).toHaveLength(14);
    expect(await smsCount(t, [phone])).toBe(6);
    const refused = answers.find((answer) => answer.statusCode === 429);
    expect(refused?.json().type).toMatch(/code-limit-reached$/);
    // The wait is until the oldest of the six codes is an hour old.
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThan(3500);
    expect(Number(refused?.headers['retry-after'])).toBeLessThanOrEqual(3600);
  });

  it('sends exactly 30 codes when 60 registrations from one IP start at once with a cap of 30 per IP', async () => {
    const capped = await createTestApp({ env: { CODES_PER_IP_PER_HOUR_MAX: '30' } });
    try {
      const phones = Array.from({ length: 60 }, () => uniquePhone());
      const answers = await Promise.all(phones.map((phone) => start(capped, phone, '10.20.30.40')));
      expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(30);
      expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(30);
      expect(await smsCount(capped, phones)).toBe(30);
      // Another address is not held to this one's cap.
      expect((await start(capped, uniquePhone(), '10.20.30.41')).statusCode).toBe(201);
    } finally {
      await capped.close();
    }
  });

  it('lets a registration for a phone again once its oldest code is an hour old', async () => {
    const phone = uniquePhone();
    for (let index = 0; index < 6; index += 1) {
      expect((await start(t, phone)).statusCode).toBe(201);
      t.clock.advance(9 * 60_000);
    }
    // 54 minutes after the first: still six in the last hour, a sliding one.
    expect((await start(t, phone)).statusCode).toBe(429);
    t.clock.advance(6 * 60_000 + 1);
    expect((await start(t, phone)).statusCode).toBe(201);
    t.clock.advance(3_600_001);
  });

  it('refuses a +44 and a +881 number at registration with a translated problem, and sends them nothing', async () => {
    for (const phone of ['+447911123456', '+881631234567']) {
      const answer = await start(t, phone);
      expect(answer.statusCode).toBe(422);
      expect(answer.json()).toMatchObject({
        type: expect.stringMatching(/sms-country-not-allowed$/),
        title: 'Codes are sent by SMS only to numbers with the country code +7',
      });
      const russian = await t.app.inject({
        method: 'POST',
        url: '/api/v1/registration',
        payload: { phone },
        headers: { 'accept-language': 'ru' },
      });
      expect(russian.json().title).toBe('SMS с кодами отправляются только на номера с кодом страны +7');
      const { rows } = await t.db.query<{ count: bigint }>('SELECT count(*) AS count FROM sca_challenges WHERE phone = $1', [phone]);
      expect(Number(rows[0]?.count)).toBe(0);
      expect(await smsCount(t, [phone])).toBe(0);
    }
  });

  it('registers a number of another allowed country when SMS_ALLOWED_COUNTRY_CODES lists it', async () => {
    const wider = await createTestApp({ env: { SMS_ALLOWED_COUNTRY_CODES: '7,998' } });
    try {
      expect((await start(wider, '+998901234567')).statusCode).toBe(201);
      expect((await start(wider, '+447911123456')).statusCode).toBe(422);
    } finally {
      await wider.close();
    }
  });
});

describe('registration step 3 is no IIN oracle (SECURITY.md 36)', () => {
  it('binds the first IIN to the registration: a second IIN on it is refused with the answer a taken IIN gets', async () => {
    const taken = await registerCustomer(t.app);
    const probe = await verifiedRegistration();
    const takenAnswer = await complete(probe.registrationId, taken.iin);
    expect(takenAnswer.statusCode).toBe(422);

    const { registrationId } = await verifiedRegistration();
    const firstIin = uniqueIin();
    // The first IIN is bound even though the password is refused: the customer fixes the password, not the IIN.
    expect((await complete(registrationId, firstIin, 'short')).statusCode).toBe(400);
    const secondIin = await complete(registrationId, uniqueIin());
    expect(secondIin.statusCode).toBe(422);
    expect(shape(secondIin.json())).toEqual(shape(takenAnswer.json()));
    expect(secondIin.json().type).toMatch(/registration-refused$/);
    // The IIN bound first still completes it.
    expect((await complete(registrationId, firstIin)).statusCode).toBe(201);
  });

  it('answers a too-short password the same way for a taken IIN and a free one', async () => {
    const taken = await registerCustomer(t.app);
    const onTaken = await complete((await verifiedRegistration()).registrationId, taken.iin, 'short');
    const onFree = await complete((await verifiedRegistration()).registrationId, uniqueIin(), 'short');
    expect(onTaken.statusCode).toBe(400);
    expect(shape(onTaken.json())).toEqual(shape(onFree.json()));
  });

  it('lets one phone try at most 3 different IINs a day over all its registrations, with the same refusal', async () => {
    const phone = uniquePhone();
    const iins = [uniqueIin(), uniqueIin(), uniqueIin()];
    for (const iin of iins) {
      const { registrationId } = await verifiedRegistration(phone);
      // A short password: each try tells whether the IIN is taken without creating a customer.
      expect((await complete(registrationId, iin, 'short')).statusCode).toBe(400);
      // The same IIN again costs nothing.
      expect((await complete(registrationId, iin, 'short')).statusCode).toBe(400);
    }
    const { registrationId } = await verifiedRegistration(phone);
    const fourth = await complete(registrationId, uniqueIin());
    expect(fourth.statusCode).toBe(422);
    expect(fourth.json().type).toMatch(/registration-refused$/);
    // A day later the phone may try again.
    t.clock.advance(24 * 3_600_000 + 1);
    const nextDay = await verifiedRegistration(phone);
    expect((await complete(nextDay.registrationId, uniqueIin())).statusCode).toBe(201);
  });
});

describe('the agreement and the personal-data consent (issue 12 item 6)', () => {
  function completeWith(registrationId: string, consent: unknown, language = 'en') {
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/registration/${registrationId}/complete`,
      headers: { 'accept-language': language },
      payload: { iin: uniqueIin(), fullName: 'Бекова Айгерим', password: GOOD_PASSWORD, agreement: 'both', consent },
    });
  }

  it('records each agreement and the consent, in the version the customer was shown, with the audit event', async () => {
    const { registrationId } = await verifiedRegistration();
    const answer = await completeWith(registrationId, REGISTRATION_CONSENT);
    expect(answer.statusCode).toBe(201);
    const customerId = answer.json().customer.id as string;
    const { rows } = await t.db.query<{ document: string; version: string }>(
      'SELECT document, version FROM consents WHERE customer_id = $1 ORDER BY document',
      [customerId],
    );
    expect(rows).toEqual([
      { document: 'banking', version: REGISTRATION_CONSENT.version },
      { document: 'emoney', version: REGISTRATION_CONSENT.version },
      { document: 'personal-data', version: REGISTRATION_CONSENT.version },
    ]);
    const audit = await t.db.query<{ details: { accepted: string[]; documentsVersion: string } }>(
      "SELECT details FROM audit_events WHERE customer_id = $1 AND event = 'registration.completed'",
      [customerId],
    );
    expect(audit.rows[0]?.details).toMatchObject({
      accepted: ['emoney', 'banking', 'personal-data'],
      documentsVersion: REGISTRATION_CONSENT.version,
    });
  });

  it('creates no customer without the personal-data consent or without the agreement accepted', async () => {
    for (const consent of [
      undefined,
      { ...REGISTRATION_CONSENT, personalData: false },
      { version: REGISTRATION_CONSENT.version, agreement: true },
      { ...REGISTRATION_CONSENT, agreement: false },
    ]) {
      const { registrationId, phone } = await verifiedRegistration();
      const answer = await completeWith(registrationId, consent);
      expect(answer.statusCode).toBe(400);
      const { rows } = await t.db.query('SELECT 1 FROM customers WHERE phone = $1', [phone]);
      expect(rows).toHaveLength(0);
    }
  });

  it('refuses texts of another version with a translated 409 and creates no customer', async () => {
    const { registrationId, phone } = await verifiedRegistration();
    const answer = await completeWith(registrationId, { ...REGISTRATION_CONSENT, version: '2025-06-01' }, 'kk');
    expect(answer.statusCode).toBe(409);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.json().type).toMatch(/documents-outdated$/);
    expect(answer.json().title).toMatch(/Бетті жаңартып/);
    const { rows } = await t.db.query('SELECT 1 FROM customers WHERE phone = $1', [phone]);
    expect(rows).toHaveLength(0);
    // The registration is still good: the customer reloads, reads and accepts the current version.
    expect((await completeWith(registrationId, REGISTRATION_CONSENT)).statusCode).toBe(201);
  });
});
