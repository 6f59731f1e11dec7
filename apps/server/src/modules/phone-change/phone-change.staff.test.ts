import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, codeIn, lastCodeSms, login, registerCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { freshNumber, profileOf, smsSince } from './phone-change.fixtures.js';
import { changePhoneByStaff, confirmPhoneChangeByStaff, resendPhoneChangeCodeByStaff } from './phone-change.staff.js';

/** A change by staff after identifying the caller: a code to the new number only, read back to the operator. */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const meta: RequestMeta = { ip: '10.0.0.7', userAgent: 'backoffice', requestId: 'req-staff-test', language: 'ru' };
const OPERATOR = 'stf_00000000000000000000000000000001';
const OTHER_OPERATOR = 'stf_00000000000000000000000000000002';
const masked = (phone: string) => `+7 ${phone.slice(2, 5)} *** ** ${phone.slice(-2)}`;

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a refusal');
}

describe('changing the phone number by staff', () => {
  it('needs the code sent to the new number, and then changes it, ends every session and tells the old number', async () => {
    const customer = await registerCustomer(t.app);
    const newPhone = freshNumber();
    const oldSmsBefore = (await allSms(t.app, customer.phone)).length;
    const started = await changePhoneByStaff(t.app.ctx, {
      customerId: customer.customerId,
      newPhone,
      staffId: OPERATOR,
      callId: 'cal_1',
      meta,
    });
    expect(started.sentTo).toBe(masked(newPhone));
    const sms = await lastCodeSms(t.app, newPhone);
    // The one code a customer may tell the bank: to the operator of a call they made themselves.
    expect(sms).toContain('Назовите его только оператору, которому вы сами позвонили на 595');
    // Nothing went to the old number: it may be the lost one.
    expect(await smsSince(t.app, customer.phone, oldSmsBefore)).toEqual([]);

    // A wrong code, or another staff member, changes nothing.
    expect(
      await problemOf(confirmPhoneChangeByStaff(t.app.ctx, { changeId: started.changeId, code: '000000', staffId: OPERATOR, meta })),
    ).toMatch(/^code-/);
    const code = codeIn(sms);
    expect(await problemOf(confirmPhoneChangeByStaff(t.app.ctx, { changeId: started.changeId, code, staffId: OTHER_OPERATOR, meta }))).toBe(
      'not-found',
    );
    expect((await profileOf(t.app, customer)).json().maskedPhone).toBe(masked(customer.phone));

    const changed = await confirmPhoneChangeByStaff(t.app.ctx, { changeId: started.changeId, code, staffId: OPERATOR, meta });
    expect(changed.newPhone).toBe(newPhone);
    // No session of the customer's made this change: every one ends.
    expect((await profileOf(t.app, customer)).statusCode).toBe(401);
    const notices = await smsSince(t.app, customer.phone, oldSmsBefore);
    expect(notices).toEqual([expect.stringContaining('номер телефона для входа в Kassa изменён на')]);
    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE customer_id = $1 AND event = 'customer.phone.changed'",
      [customer.customerId],
    );
    expect(rows.map((row) => row.details)).toEqual([expect.objectContaining({ channel: 'staff', staffId: OPERATOR, callId: 'cal_1' })]);
    const after = await login(t.app, { phone: newPhone, password: customer.password });
    expect(after.status).toBe(200);
    expect((await profileOf(t.app, after)).json().cooling).not.toBeNull();
  });

  it('resends the new number’s code; the earlier one stops working', async () => {
    const customer = await registerCustomer(t.app);
    const newPhone = freshNumber();
    const started = await changePhoneByStaff(t.app.ctx, { customerId: customer.customerId, newPhone, staffId: OPERATOR, meta });
    const first = codeIn(await lastCodeSms(t.app, newPhone));
    t.clock.advance(61_000);
    await resendPhoneChangeCodeByStaff(t.app.ctx, { changeId: started.changeId, staffId: OPERATOR, meta });
    const second = codeIn(await lastCodeSms(t.app, newPhone));
    if (first !== second) {
      expect(
        await problemOf(confirmPhoneChangeByStaff(t.app.ctx, { changeId: started.changeId, code: first, staffId: OPERATOR, meta })),
      ).toBe('code-invalid');
    }
    expect(
      (await confirmPhoneChangeByStaff(t.app.ctx, { changeId: started.changeId, code: second, staffId: OPERATOR, meta })).newPhone,
    ).toBe(newPhone);
  });

  it('answers for another customer’s number as for a free one, and no code reaches it', async () => {
    const customer = await registerCustomer(t.app);
    const owner = await registerCustomer(t.app);
    const before = (await allSms(t.app, owner.phone)).length;
    const started = await changePhoneByStaff(t.app.ctx, {
      customerId: customer.customerId,
      newPhone: owner.phone,
      staffId: OPERATOR,
      meta,
    });
    expect(Object.keys(started).sort()).toEqual(['changeId', 'expiresAt', 'resendAvailableAt', 'sentTo']);
    const sent = await smsSince(t.app, owner.phone, before);
    expect(sent).toEqual([expect.stringContaining('кто-то пытался сделать ваш номер номером для входа в другой профиль Kassa')]);
    expect(sent.join(' ')).not.toMatch(/\d{6}/);
    expect(
      await problemOf(confirmPhoneChangeByStaff(t.app.ctx, { changeId: started.changeId, code: '123456', staffId: OPERATOR, meta })),
    ).toBe('code-invalid');
  });
});
