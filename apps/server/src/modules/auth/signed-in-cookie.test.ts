import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIn, lastCodeSms, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

// The web app reads __Host-kassa_signed_in to know whether a session is worth asking for; it
// must come and go with the session cookie and never carry anything secret.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

function cookies(setCookie: string | string[] | undefined): string[] {
  return setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
}

/** A web login through the API, with the Set-Cookie headers of its confirmation. */
async function webLogin(who: { phone: string; password: string }) {
  const started = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: who.phone, password: who.password, client: 'web' },
  });
  expect(started.statusCode).toBe(200);
  const code = codeIn(await lastCodeSms(t.app, who.phone));
  const confirmed = await t.app.inject({ method: 'POST', url: `/api/v1/auth/login/${started.json().loginId}/confirm`, payload: { code } });
  expect(confirmed.statusCode).toBe(200);
  const set = cookies(confirmed.headers['set-cookie']);
  const session = set.find((cookie) => cookie.startsWith('__Host-kassa_session=')) ?? '';
  return { set, session, csrf: String(confirmed.json().csrfToken), cookie: /^__Host-kassa_session=([^;]+)/.exec(session)?.[1] ?? '' };
}

describe('the signed-in marker cookie', () => {
  it('comes beside the httpOnly session cookie, holds only "1", and is readable by the page, Secure and SameSite=Strict', async () => {
    const who = await registerCustomer(t.app, { agreement: 'banking' });
    const { set, session } = await webLogin(who);
    const marker = set.find((cookie) => cookie.startsWith('__Host-kassa_signed_in='));
    expect(session).toMatch(/HttpOnly/i);
    expect(marker).toMatch(/^__Host-kassa_signed_in=1;/);
    expect(marker).not.toMatch(/HttpOnly/i);
    expect(marker).toMatch(/Secure/i);
    expect(marker).toMatch(/SameSite=Strict/i);
  });

  it('is cleared with the session cookie at logout', async () => {
    const who = await registerCustomer(t.app, { agreement: 'banking' });
    const signedIn = await webLogin(who);
    const loggedOut = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: web(signedIn) });
    expect(loggedOut.statusCode).toBe(204);
    const cleared = cookies(loggedOut.headers['set-cookie']);
    expect(cleared.find((cookie) => cookie.startsWith('__Host-kassa_session=;'))).toBeDefined();
    expect(cleared.find((cookie) => cookie.startsWith('__Host-kassa_signed_in=;'))).toBeDefined();
  });
});
