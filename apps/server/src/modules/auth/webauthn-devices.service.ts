import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { findCustomerById } from '../identity/index.js';
import { AuthProblem } from './auth.errors.js';
import { type BindOutcome, bindingNotFound, confirmBindingCode, ownPendingBinding } from './device-binding.service.js';
import {
  activeCredentialIds,
  activeCredentialsOfDevice,
  insertWebauthnDevice,
  markBound,
  readBinding,
  recordWebauthnLogin,
} from './devices.repo.js';
import {
  cleanName,
  type DeviceLoginResult,
  insertChallenge,
  lockDevice,
  notifyBound,
  requireFullLogin,
  spendChallenge,
} from './devices.shared.js';
import { startSession } from './login.service.js';
import type { ActiveSession, SessionClient } from './sessions.js';

// ---- WebAuthn: fingerprint / face as a platform credential ----

// @simplewebauthn/server and its CBOR, COSE and ASN.1 dependencies take ~150 ms to load, a tenth
// of the start-up budget (docs/OPERATIONS.md), for a sign-in most requests never use. It is loaded
// at the first WebAuthn request, and always before a transaction opens, so that no row lock is
// held while it loads; later requests find it in the module cache.
const loadWebauthn = () => import('@simplewebauthn/server');

function rpId(ctx: AppContext): string {
  return new URL(ctx.config.publicOrigin).hostname;
}

/** Registration options for a pending fingerprint binding of this session (its code comes with the result). */
export async function webauthnRegistrationOptions(
  ctx: AppContext,
  session: ActiveSession,
  input: { bindingId: string; meta: RequestMeta },
) {
  requireFullLogin(session);
  const found = ownPendingBinding(await readBinding(ctx.db, input.bindingId, { forUpdate: false }), session, ctx.clock.now());
  if (!found.ok) throw found.problem ?? (await bindingNotFound(ctx, session, input.bindingId, input.meta));
  if (found.binding.kind !== 'webauthn')
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [{ pointer: '/bindingId', detail: 'not a fingerprint binding' }],
    });
  const customer = await findCustomerById(ctx.db, session.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const registered = await activeCredentialIds(ctx.db, customer.id);
  const webauthn = await loadWebauthn();
  const options = await webauthn.generateRegistrationOptions({
    rpName: 'Kassa',
    rpID: rpId(ctx),
    userName: customer.phone,
    userDisplayName: customer.fullName,
    userID: new TextEncoder().encode(customer.id),
    attestationType: 'none',
    excludeCredentials: registered.map((id) => ({ id })),
    // SECURITY.md 4: the biometric check happens on the device, and we require proof it did.
    authenticatorSelection: { authenticatorAttachment: 'platform', userVerification: 'required', residentKey: 'preferred' },
    supportedAlgorithmIDs: [-7, -257],
  });
  const challengeId = await insertChallenge(ctx.db, {
    purpose: 'webauthn_register',
    customerId: customer.id,
    deviceId: null,
    challenge: options.challenge,
    now: ctx.clock.now(),
  });
  return { challengeId, options };
}

/**
 * Finishes a fingerprint binding: the authenticator's answer and the code from the SMS, for the
 * name it was issued for. The credential is checked first, so a cancelled or failed prompt
 * leaves the code's tries untouched and the customer can try the prompt again.
 */
export async function bindWebauthnDevice(
  ctx: AppContext,
  session: ActiveSession,
  input: { bindingId: string; code: string; challengeId: string; name: string; response: RegistrationResponseJSON; meta: RequestMeta },
): Promise<{ deviceId: string }> {
  requireFullLogin(session);
  const webauthn = await loadWebauthn();
  const now = ctx.clock.now();
  const name = cleanName(input.name);
  const webauthnFailed = new ProblemError(AuthProblem['webauthn-failed']);
  const outcome = await ctx.db.transaction(async (tx): Promise<BindOutcome> => {
    const found = ownPendingBinding(await readBinding(tx, input.bindingId, { forUpdate: true }), session, now);
    if (!found.ok) return found;
    const challenge = await spendChallenge(tx, input.challengeId, 'webauthn_register', now);
    if (!challenge || challenge.customer_id !== session.customerId) return { ok: false, problem: webauthnFailed };
    const verification = await webauthn
      .verifyRegistrationResponse({
        response: input.response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: ctx.config.publicOrigin,
        expectedRPID: rpId(ctx),
        requireUserVerification: true,
      })
      .catch(() => null);
    if (!verification?.verified || !verification.registrationInfo) return { ok: false, problem: webauthnFailed };
    const confirmed = await confirmBindingCode(tx, ctx, found.binding, {
      code: input.code,
      kind: 'webauthn',
      name,
      publicKeyJwk: null,
      meta: input.meta,
      now,
    });
    if (!confirmed.ok) return confirmed;
    const { credential } = verification.registrationInfo;
    const deviceId = newId('dev');
    await insertWebauthnDevice(tx, {
      id: deviceId,
      customerId: session.customerId,
      name,
      credentialId: credential.id,
      credentialPublicKey: Buffer.from(credential.publicKey).toString('base64url'),
      signCount: credential.counter,
      transports: credential.transports ?? [],
      now,
    });
    await markBound(tx, found.binding.id, deviceId);
    await notifyBound(tx, ctx, session.customerId, deviceId, name, 'webauthn', input.meta, now);
    return { ok: true, deviceId };
  });
  if (!outcome.ok) throw outcome.problem ?? (await bindingNotFound(ctx, session, input.bindingId, input.meta));
  return { deviceId: outcome.deviceId };
}

export async function webauthnLoginOptions(ctx: AppContext, input: { deviceId: string | null }) {
  let allowCredentials: Array<{ id: string; transports?: string[] }> = [];
  if (input.deviceId) allowCredentials = await activeCredentialsOfDevice(ctx.db, input.deviceId);
  const webauthn = await loadWebauthn();
  const options = await webauthn.generateAuthenticationOptions({ rpID: rpId(ctx), allowCredentials, userVerification: 'required' });
  const challengeId = await insertChallenge(ctx.db, {
    purpose: 'webauthn_login',
    customerId: null,
    deviceId: input.deviceId,
    challenge: options.challenge,
    now: ctx.clock.now(),
  });
  return { challengeId, options };
}

export async function loginWithWebauthn(
  ctx: AppContext,
  input: { challengeId: string; response: AuthenticationResponseJSON; client: SessionClient; clientId: string | null; meta: RequestMeta },
): Promise<DeviceLoginResult> {
  const webauthn = await loadWebauthn();
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx): Promise<DeviceLoginResult | null> => {
    const challenge = await spendChallenge(tx, input.challengeId, 'webauthn_login', now);
    const device = await lockDevice(tx, { credentialId: input.response.id });
    const fail = async (reason: string) => {
      await recordAudit(tx, {
        event: 'device.login_failed',
        customerId: device?.customer_id ?? null,
        meta: input.meta,
        details: { reason, deviceId: device?.id ?? null },
        occurredAt: now,
      });
      return null;
    };
    if (!challenge || !device || device.kind !== 'webauthn' || device.status !== 'active' || !device.credential_public_key)
      return fail('challenge-or-device');
    if (challenge.device_id && challenge.device_id !== device.id) return fail('other-device');
    let counterRegressed = false;
    const verification = await webauthn
      .verifyAuthenticationResponse({
        response: input.response,
        expectedChallenge: challenge.challenge,
        expectedOrigin: ctx.config.publicOrigin,
        expectedRPID: rpId(ctx),
        requireUserVerification: true,
        credential: {
          id: device.credential_id as string,
          publicKey: Buffer.from(device.credential_public_key, 'base64url'),
          counter: Number(device.sign_count),
          transports: device.transports ?? [],
        },
      })
      .catch((error: unknown) => {
        counterRegressed = error instanceof Error && /counter/i.test(error.message);
        return null;
      });
    // A counter that goes backwards may mean a cloned authenticator: refused, and recorded as a risk signal.
    if (counterRegressed) {
      await recordAudit(tx, {
        event: 'device.sign_count_regressed',
        customerId: device.customer_id,
        meta: input.meta,
        details: { deviceId: device.id, stored: device.sign_count.toString() },
        occurredAt: now,
      });
      return fail('sign-count-regressed');
    }
    if (!verification?.verified || !verification.authenticationInfo.userVerified) return fail('verification');
    const newCounter = verification.authenticationInfo.newCounter;
    // SECURITY.md 38: as for PIN login, the password-path lock does not close the bound device.
    const customer = await findCustomerById(tx, device.customer_id);
    if (customer?.status !== 'active') return fail('customer-unavailable');
    await recordWebauthnLogin(tx, device.id, newCounter, now);
    return startSession(tx, ctx, {
      customer,
      client: input.client,
      method: 'webauthn',
      deviceId: device.id,
      clientId: input.clientId,
      meta: input.meta,
      now,
    });
  });
  if (!outcome) throw new ProblemError(AuthProblem['webauthn-failed']);
  return outcome;
}
