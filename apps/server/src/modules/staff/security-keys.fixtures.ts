import type { FastifyInstance } from 'fastify';
import { SoftAuthenticator } from '../../../test/soft-authenticator.js';
import { staffHeaders } from './staff.fixtures.js';

/**
 * Security keys for tests: a software roaming authenticator (a real ES256 key pair from
 * node:crypto, "none" attestation) added through the API by a signed-in staff member, and the two
 * requests of a login step 2 by key.
 */

type Session = { cookie: string; csrfToken: string };

export function softSecurityKey(app: FastifyInstance): SoftAuthenticator {
  const origin = app.ctx.config.publicOrigin;
  return new SoftAuthenticator(origin, new URL(origin).hostname, { attachment: 'cross-platform', transports: ['usb'] });
}

/** Registration options → the authenticator's answer → the key stored; returns the answer and the reply. */
export async function addKey(app: FastifyInstance, who: Session, key: SoftAuthenticator, name = 'YubiKey 5 NFC') {
  const options = await app.inject({ method: 'POST', url: '/api/staff/v1/auth/security-keys/options', headers: staffHeaders(who) });
  if (options.statusCode !== 200) return { options, added: options };
  const { challengeId, options: creation } = options.json() as { challengeId: string; options: { challenge: string } };
  const added = await app.inject({
    method: 'POST',
    url: '/api/staff/v1/auth/security-keys',
    headers: staffHeaders(who),
    payload: { challengeId, name, response: key.register(creation.challenge, { userVerified: false }) },
  });
  return { options, added };
}

export function startKeyLogin(app: FastifyInstance, who: { username: string; password: string }) {
  return app.inject({ method: 'POST', url: '/api/staff/v1/auth/login', payload: { login: who.username, password: who.password } });
}

export async function keyOptions(app: FastifyInstance, loginId: string) {
  return app.inject({ method: 'POST', url: `/api/staff/v1/auth/login/${loginId}/security-key/options` });
}

export function sendAssertion(app: FastifyInstance, loginId: string, challengeId: string, response: unknown) {
  return app.inject({ method: 'POST', url: `/api/staff/v1/auth/login/${loginId}/security-key`, payload: { challengeId, response } });
}

/** Step 1 and step 2 by `key`; `sign` may change the assertion (another origin, an old counter). */
export async function loginWithKey(
  app: FastifyInstance,
  who: { username: string; password: string },
  key: SoftAuthenticator,
  sign: { signCount?: number; origin?: string } = {},
) {
  const started = await startKeyLogin(app, who);
  const { loginId } = started.json() as { loginId: string };
  const options = await keyOptions(app, loginId);
  const { challengeId, options: request } = options.json() as { challengeId: string; options: { challenge: string } };
  const response = key.assert(request.challenge, { userVerified: false, ...sign });
  return { loginId, challengeId, response, reply: await sendAssertion(app, loginId, challengeId, response) };
}
