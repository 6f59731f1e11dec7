import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, type LoggedIn, lastCodeSms, login, registerCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { changePhone, codeTo, freshNumber, profileOf, smsSince, start, step } from './phone-change.fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const masked = (phone: string) => `+7 ${phone.slice(2, 5)} *** ** ${phone.slice(-2)}`;
const forSms = (phone: string) => `+7 ${phone.slice(2, 3)}•• ••• •• ${phone.slice(-2)}`;

async function events(customerId: string, event: string): Promise<Array<Record<string, unknown>>> {
  const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
    'SELECT details FROM audit_events WHERE customer_id = $1 AND event = $2 ORDER BY seq',
    [customerId, event],
  );
  return rows.map((row) => row.details);
}

async function startedTo(customer: LoggedIn, newPhone: string): Promise<string> {
  const started = await start(t.app, customer, { newPhone, password: customer.password });
  expect(started.statusCode).toBe(201);
  return started.json().changeId;
}

describe('changing the phone number from the app', () => {
  it('needs the password, the old number’s code and the new number’s code; then the number is the new one', async () => {
    const customer = await registerCustomer(t.app);
    const newPhone = freshNumber();
    const started = await start(t.app, customer, { newPhone, password: customer.password });
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ step: 'old-code', sentTo: masked(customer.phone) });
    // The old number's SMS names where access would go, masked.
    expect(await lastCodeSms(t.app, customer.phone)).toContain(`смены номера телефона для входа в Kassa на ${forSms(newPhone)}`);

    const changeId = started.json().changeId as string;
    const old = await step(t.app, customer, changeId, 'old-code', await codeTo(t.app, customer.phone));
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ step: 'new-code', sentTo: masked(newPhone) });
    // The old number's code alone changed nothing.
    expect((await profileOf(t.app, customer)).json().maskedPhone).toBe(masked(customer.phone));

    const done = await step(t.app, customer, changeId, 'new-code', await codeTo(t.app, newPhone));
    expect(done.statusCode).toBe(200);
    expect(done.json().maskedPhone).toBe(masked(newPhone));
    const profile = (await profileOf(t.app, customer)).json();
    expect(profile.maskedPhone).toBe(masked(newPhone));
    expect(profile.cooling).toEqual({ until: done.json().coolingUntil, transferMaxPerDayMinor: 5_000_000 });
    expect(await events(customer.customerId, 'customer.phone.changed')).toEqual([
      expect.objectContaining({ changeId, channel: 'app', from: forSms(customer.phone), to: forSms(newPhone) }),
    ]);

    // The new number logs in; the old one no longer does.
    expect((await login(t.app, { phone: newPhone, password: customer.password })).status).toBe(200);
    expect((await login(t.app, { phone: customer.phone, password: customer.password })).status).not.toBe(200);
  });

  it('tells the old number by SMS, in the customer’s language, after the change commits', async () => {
    const customer = await registerCustomer(t.app);
    const newPhone = freshNumber();
    const before = (await allSms(t.app, customer.phone)).length;
    expect((await changePhone(t.app, customer, newPhone)).statusCode).toBe(200);
    const notices = (await smsSince(t.app, customer.phone, before)).filter((text) => !/Код \d{6}/.test(text));
    expect(notices).toHaveLength(1);
    const domain = t.app.ctx.config.officialDomain;
    expect(notices[0]?.startsWith(`${domain}: номер телефона для входа в Kassa изменён на ${forSms(newPhone)} `)).toBe(true);
    expect(notices[0]).toMatch(/ \d\d\.\d\d, \d\d:\d\d\. Если это были не вы, сразу позвоните 595\.$/);
  });

  it('ends every other session of the customer and keeps the one that changed the number', async () => {
    const customer = await registerCustomer(t.app);
    const other = await login(t.app, customer);
    expect((await profileOf(t.app, other)).statusCode).toBe(200);
    expect((await changePhone(t.app, customer, freshNumber())).statusCode).toBe(200);
    expect((await profileOf(t.app, other)).statusCode).toBe(401);
    expect((await profileOf(t.app, customer)).statusCode).toBe(200);
  });

  it('asks the new number’s code only after the old number’s: the new code alone changes nothing', async () => {
    const customer = await registerCustomer(t.app);
    const changeId = await startedTo(customer, freshNumber());
    const early = await step(t.app, customer, changeId, 'new-code', await codeTo(t.app, customer.phone));
    expect(early.statusCode).toBe(409);
    expect(early.json().type).toMatch(/phone-change-old-code-first$/);
    expect((await profileOf(t.app, customer)).json().maskedPhone).toBe(masked(customer.phone));
  });

  it('refuses the old number’s code typed as the new number’s', async () => {
    const customer = await registerCustomer(t.app);
    const newPhone = freshNumber();
    const changeId = await startedTo(customer, newPhone);
    const oldCode = await codeTo(t.app, customer.phone);
    expect((await step(t.app, customer, changeId, 'old-code', oldCode)).statusCode).toBe(200);
    const newCode = await codeTo(t.app, newPhone);
    if (oldCode !== newCode) {
      const wrong = await step(t.app, customer, changeId, 'new-code', oldCode);
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json()).toMatchObject({ attemptsLeft: 2 });
    }
    expect((await profileOf(t.app, customer)).json().maskedPhone).toBe(masked(customer.phone));
    // The right one still passes: a wrong try costs one of the three.
    expect((await step(t.app, customer, changeId, 'new-code', newCode)).statusCode).toBe(200);
  });

  it('refuses codes bound to another new number: the number swapped under a change voids its code', async () => {
    const customer = await registerCustomer(t.app);
    const first = await startedTo(customer, freshNumber());
    const firstCode = await codeTo(t.app, customer.phone);
    const second = await startedTo(customer, freshNumber());
    // The first change's code is no code for the second (another change, another number).
    const crossed = await step(t.app, customer, second, 'old-code', firstCode);
    expect(crossed.statusCode).toBe(422);
    // A number changed behind the code (the details it was bound to) voids it, right code or not.
    await t.db.query('UPDATE phone_change_requests SET new_phone = $2 WHERE id = $1', [first, freshNumber()]);
    const swapped = await step(t.app, customer, first, 'old-code', firstCode);
    expect(swapped.statusCode).toBe(422);
    expect(swapped.json().type).toMatch(/code-not-valid-anymore$/);
    expect((await profileOf(t.app, customer)).json().maskedPhone).toBe(masked(customer.phone));
  });

  it('answers for another customer’s number as for a free one: no code reaches it, its owner is told, nothing passes', async () => {
    const customer = await registerCustomer(t.app);
    const owner = await registerCustomer(t.app);
    const ownerBefore = (await allSms(t.app, owner.phone)).length;
    const taken = await startedTo(customer, owner.phone);
    const takenStep = await step(t.app, customer, taken, 'old-code', await codeTo(t.app, customer.phone));
    expect(takenStep.statusCode).toBe(200);
    const free = await startedTo(customer, freshNumber());
    const freeStep = await step(t.app, customer, free, 'old-code', await codeTo(t.app, customer.phone));
    const shape = (body: Record<string, unknown>) => Object.keys(body).sort();
    expect(shape(takenStep.json())).toEqual(shape(freeStep.json()));
    expect(takenStep.json()).toMatchObject({ step: 'new-code', sentTo: masked(owner.phone) });
    const ownerGot = await smsSince(t.app, owner.phone, ownerBefore);
    expect(ownerGot).toEqual([expect.stringContaining('кто-то пытался сделать ваш номер номером для входа в другой профиль Kassa')]);
    // No code can pass: each guess is a wrong code, as any.
    const guess = await step(t.app, customer, taken, 'new-code', '123456');
    expect(guess.statusCode).toBe(422);
    expect(guess.json().type).toMatch(/code-invalid$/);
    expect((await profileOf(t.app, owner)).json().maskedPhone).toBe(masked(owner.phone));
    expect((await profileOf(t.app, customer)).json().maskedPhone).toBe(masked(customer.phone));
  });

  it('refuses neutrally when another customer takes the new number before its code is typed', async () => {
    const customer = await registerCustomer(t.app);
    const newPhone = freshNumber();
    const changeId = await startedTo(customer, newPhone);
    expect((await step(t.app, customer, changeId, 'old-code', await codeTo(t.app, customer.phone))).statusCode).toBe(200);
    const code = await codeTo(t.app, newPhone);
    await registerCustomer(t.app, { phone: newPhone });
    const refused = await step(t.app, customer, changeId, 'new-code', code);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      title: 'Не удалось сменить номер онлайн на этот. Позвоните в контакт-центр 595',
    });
    expect((await profileOf(t.app, customer)).json().maskedPhone).toBe(masked(customer.phone));
  });

  it('counts a wrong password towards the login lock and sends no code', async () => {
    const customer = await registerCustomer(t.app);
    const before = (await allSms(t.app, customer.phone)).length;
    const wrong = await start(t.app, customer, { newPhone: freshNumber(), password: 'not-the-password-1' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().type).toMatch(/current-password-wrong$/);
    expect(await smsSince(t.app, customer.phone, before)).toEqual([]);
    expect(await events(customer.customerId, 'login.failed')).toEqual([expect.objectContaining({ factor: 'current-password' })]);
  });

  it('refuses a number that is no +7 mobile, and the number already in use', async () => {
    const customer = await registerCustomer(t.app);
    for (const newPhone of ['+44 7700 900123', '+7 727 250 00 00', '12345']) {
      const refused = await start(t.app, customer, { newPhone, password: customer.password });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().type).toMatch(/phone-change-number-invalid$/);
    }
    const same = await start(t.app, customer, { newPhone: `8${customer.phone.slice(2)}`, password: customer.password });
    expect(same.statusCode).toBe(422);
    expect(same.json().type).toMatch(/phone-change-same-number$/);
  });

  it('keeps a change to its own session: another session of the customer, or another customer, finds nothing', async () => {
    const customer = await registerCustomer(t.app);
    const changeId = await startedTo(customer, freshNumber());
    const code = await codeTo(t.app, customer.phone);
    for (const stranger of [await login(t.app, customer), await registerCustomer(t.app)]) {
      const found = await step(t.app, stranger, changeId, 'old-code', code);
      expect(found.statusCode).toBe(404);
    }
    expect((await step(t.app, customer, changeId, 'old-code', code)).statusCode).toBe(200);
  });

  it('resends the code of the step it is at; the earlier one stops working', async () => {
    const customer = await registerCustomer(t.app);
    const changeId = await startedTo(customer, freshNumber());
    const first = await codeTo(t.app, customer.phone);
    t.clock.advance(61_000);
    const resent = await step(t.app, customer, changeId, 'resend');
    expect(resent.statusCode).toBe(200);
    expect(resent.json().step).toBe('old-code');
    const second = codeIn(await lastCodeSms(t.app, customer.phone));
    if (first !== second) expect((await step(t.app, customer, changeId, 'old-code', first)).statusCode).toBe(422);
    expect((await step(t.app, customer, changeId, 'old-code', second)).statusCode).toBe(200);
  });

  it('ends a change after 15 minutes', async () => {
    const customer = await registerCustomer(t.app);
    const changeId = await startedTo(customer, freshNumber());
    // The session is kept alive (5 idle minutes end it) while the change runs out.
    for (let minutes = 0; minutes < 16; minutes += 4) {
      t.clock.advance(4 * 60_000);
      expect((await profileOf(t.app, customer)).statusCode).toBe(200);
    }
    const late = await step(t.app, customer, changeId, 'old-code', '123456');
    expect(late.statusCode).toBe(404);
    expect(late.json().type).toMatch(/phone-change-not-found$/);
  });

  it('purges a change once the challenges’ window is past', async () => {
    const customer = await registerCustomer(t.app);
    const changeId = await startedTo(customer, freshNumber());
    t.clock.advance(25 * 3_600_000);
    await t.app.ctx.retention.runOnce();
    const { rows } = await t.db.query('SELECT 1 FROM phone_change_requests WHERE id = $1', [changeId]);
    expect(rows).toEqual([]);
  });
});
