import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSms, registerCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ManualClock } from '../../shared/clock.js';
import { formatDateTime } from '../../shared/datetime.js';
import { lockNotice } from './auth.messages.js';
import { LOGIN_FAILURES_MAX } from './lockout.js';

// The lock SMS says until when the password path is closed, on the bank's clock: BANK_TIME_ZONE,
// not a zone written in the code. Tokyo is four hours from Almaty, so the two never agree.
const BANK_TIME_ZONE = 'Asia/Tokyo';
const LOCK_AT = Date.parse('2026-03-02T03:00:00Z');

describe('the lock notice (SECURITY.md 38)', () => {
  it('prints the end of the lock in the time zone it is given', () => {
    const until = new Date('2026-03-02T03:05:00Z');
    expect(lockNotice('en', 'mykassa.kz', '+7 727 000 00 00', until, 'Asia/Tokyo')).toContain('12:05');
    expect(lockNotice('en', 'mykassa.kz', '+7 727 000 00 00', until, 'Asia/Almaty')).toContain('08:05');
  });

  describe(`with BANK_TIME_ZONE=${BANK_TIME_ZONE}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { BANK_TIME_ZONE }, clock: new ManualClock(LOCK_AT) });
    });
    afterAll(async () => {
      await t.close();
    });

    it(`tells the customer locked after ${LOGIN_FAILURES_MAX} wrong passwords until when, on the bank's clock`, async () => {
      const customer = await registerCustomer(t.app);
      for (let attempt = 0; attempt < LOGIN_FAILURES_MAX; attempt += 1) {
        const answer = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { login: customer.phone, password: `Wrong-Password-${attempt}-x` },
        });
        expect(answer.statusCode).toBe(200);
      }
      const { rows } = await t.db.query<{ locked_until: Date }>('SELECT locked_until FROM auth_lockouts WHERE customer_id = $1', [
        customer.customerId,
      ]);
      const lockedUntil = rows[0]?.locked_until as Date;
      const notice = (await allSms(t.app, customer.phone)).find((text) => text.includes('неудачных'));
      expect(notice).toContain(`закрыт до ${formatDateTime(lockedUntil, 'ru', BANK_TIME_ZONE, 'short')}.`);
      expect(notice).not.toContain(formatDateTime(lockedUntil, 'ru', 'Asia/Almaty', 'short'));
    });
  });
});
