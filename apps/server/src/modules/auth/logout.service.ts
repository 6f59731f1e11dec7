import type { AppContext } from '../../context.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { findCustomerById } from '../identity/index.js';
import { queueSms } from '../notifications/index.js';
import { loggedOutEverywhereNotice } from './auth.messages.js';
import { revokeAllDevicesInTx } from './devices.service.js';
import { type ActiveSession, endSessionsInTx } from './sessions.js';

/**
 * "Log out everywhere" (SECURITY.md 6, 16, 32; NIST 800-63B 5.2.1): every session ends, this one
 * too, and every bound device is unbound, since a device bound by whoever had a session would
 * otherwise outlive it. The one exception is the device this request comes from (a session opened
 * by PIN or fingerprint login): the customer is holding it. One SMS tells the customer.
 */
export async function logoutEverywhere(ctx: AppContext, session: ActiveSession, meta: RequestMeta): Promise<{ devicesRevoked: number }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await endSessionsInTx(tx, { customerId: session.customerId, sessionIds: 'all', reason: 'logout-all', meta, now });
    const devicesRevoked = await revokeAllDevicesInTx(tx, {
      customerId: session.customerId,
      exceptDeviceId: session.deviceId,
      reason: 'logout-all',
      meta,
      now,
    });
    const customer = await findCustomerById(tx, session.customerId);
    if (customer)
      await queueSms(tx, {
        to: customer.phone,
        text: loggedOutEverywhereNotice(
          customer.language,
          ctx.config.officialDomain,
          ctx.config.contactCenterPhone,
          session.deviceId !== null,
        ),
        purpose: 'logout-all',
      });
    return { devicesRevoked };
  });
}
