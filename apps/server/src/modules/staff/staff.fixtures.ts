import type { FastifyInstance } from 'fastify';
import type { StaffRole } from './permissions.js';
import { createStaffUser } from './staff.service.js';
import { STAFF_COOKIE } from './staff-authenticate.js';
import { totpCode } from './totp.js';

/**
 * Staff for tests of any module (the lint lets tests import *.fixtures.ts): a new staff member of a
 * role, enrolled and logged in through the API as a person would (password, QR secret, first code).
 * A second login of the same staff member within one 30-second step is refused as a code reuse:
 * move the test clock on by TOTP_PERIOD_S first (loginStaff does not).
 */

export const STAFF_TEST_PASSWORD = 'Quiet-Archive-Lantern-57';

export interface TestStaff {
  staffId: string;
  username: string;
  password: string;
  /** The TOTP secret (base32) enrolled at the first login. */
  secret: string;
  cookie: string;
  csrfToken: string;
}

let serial = 0;

function cookieFrom(setCookie: string | string[] | number | undefined): string {
  const list = Array.isArray(setCookie) ? setCookie : typeof setCookie === 'string' ? [setCookie] : [];
  for (const header of list) {
    const match = new RegExp(`^${STAFF_COOKIE}=([^;]+)`).exec(header);
    if (match?.[1]) return match[1];
  }
  throw new Error('no staff cookie was set');
}

/** Password + TOTP through the API; the code is the current step's unless `code` is given. */
export async function loginStaff(
  app: FastifyInstance,
  who: { username: string; password: string; secret: string },
  code?: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const started = await app.inject({
    method: 'POST',
    url: '/api/staff/v1/auth/login',
    payload: { login: who.username, password: who.password },
  });
  if (started.statusCode !== 200) throw new Error(`staff login: ${started.statusCode} ${started.body}`);
  const { loginId } = started.json() as { loginId: string };
  const confirmed = await app.inject({
    method: 'POST',
    url: `/api/staff/v1/auth/login/${loginId}/totp`,
    payload: { code: code ?? totpCode(who.secret, app.ctx.clock.now().getTime()) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`staff TOTP: ${confirmed.statusCode} ${confirmed.body}`);
  return { cookie: cookieFrom(confirmed.headers['set-cookie']), csrfToken: (confirmed.json() as { csrfToken: string }).csrfToken };
}

/** A new staff member of `role`, enrolled at a first login through the API, with a live session. */
export async function createTestStaff(
  app: FastifyInstance,
  role: StaffRole,
  options: { displayName?: string; language?: 'ru' | 'kk' | 'en' } = {},
): Promise<TestStaff> {
  serial += 1;
  const username = `t.${role.replace('_', '-')}.${process.pid}.${serial}`;
  const staff = await createStaffUser(app.ctx.db, {
    username,
    displayName: options.displayName ?? 'Айгерим Тестова',
    role,
    language: options.language ?? 'ru',
    password: STAFF_TEST_PASSWORD,
    createdBy: null,
    meta: null,
    now: app.ctx.clock.now(),
  });
  const started = await app.inject({
    method: 'POST',
    url: '/api/staff/v1/auth/login',
    payload: { login: username, password: STAFF_TEST_PASSWORD },
  });
  const body = started.json() as { loginId: string; next: string; otpauthUri?: string };
  const secret = body.otpauthUri ? new URL(body.otpauthUri).searchParams.get('secret') : null;
  if (started.statusCode !== 200 || body.next !== 'enroll-totp' || !secret)
    throw new Error(`staff enrolment: ${started.statusCode} ${started.body}`);
  const confirmed = await app.inject({
    method: 'POST',
    url: `/api/staff/v1/auth/login/${body.loginId}/totp`,
    payload: { code: totpCode(secret, app.ctx.clock.now().getTime()) },
  });
  if (confirmed.statusCode !== 200) throw new Error(`staff TOTP: ${confirmed.statusCode} ${confirmed.body}`);
  return {
    staffId: staff.id,
    username,
    password: STAFF_TEST_PASSWORD,
    secret,
    cookie: cookieFrom(confirmed.headers['set-cookie']),
    csrfToken: (confirmed.json() as { csrfToken: string }).csrfToken,
  };
}

/** Headers of a staff request: the cookie, and the CSRF token that writes need. */
export function staffHeaders(who: { cookie: string; csrfToken: string }): Record<string, string> {
  return { cookie: `${STAFF_COOKIE}=${who.cookie}`, 'x-csrf-token': who.csrfToken };
}
