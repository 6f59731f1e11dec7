import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerById, maskPhoneForDisplay, phoneCoolingOf, phoneCoolingProblem, refuseDuringPhoneCooling } from '../identity/index.js';
import {
  checkCodeRateLimit,
  codePolicy,
  codeSmsText,
  issueCode,
  rateLimitProblem,
  resendStepCode,
  verifyCode,
  verifyFailureProblem,
} from '../sca/index.js';
import { type BindingRow, type DeviceKind, insertBinding, markBindingFailed, type P256Jwk, readBinding } from './devices.repo.js';
import { checkedPublicKey, cleanName, requireFullLogin } from './devices.shared.js';
import type { ActiveSession } from './sessions.js';

// ---- Binding is strong authentication (SECURITY.md 32, RTS art. 4) ----
//
// A session token alone never mints a lasting authenticator: whoever holds a stolen token could
// otherwise bind their own phone and keep logging in after the session ends. Binding takes two
// steps: start (from a password + SMS session) → an SMS code that names the device; finish (from
// the same session) with that code and the very name, kind and key it was issued for.

// Long enough for a code, a resend or two and the fingerprint prompt; each code lives CODE_TTL_MS.
const DEVICE_BINDING_TTL_MS = 15 * 60_000;

/**
 * What the code is bound to (dynamic linking, RTS art. 5 applied to an authenticator): this
 * binding, its kind, the name the SMS shows and, for PIN, the device key. The finishing call
 * recomputes it from what it is asked to bind, so any change voids the code.
 */
function bindingDetails(bindingId: string, kind: DeviceKind, name: string, publicKeyJwk: P256Jwk | null): Record<string, unknown> {
  return { bindingId, kind, name, publicKey: publicKeyJwk ? { x: publicKeyJwk.x, y: publicKeyJwk.y } : null };
}

function bindingSms(kind: DeviceKind, name: string, language: Language, domain: string) {
  return codeSmsText({ purpose: 'device_binding', device: name, kind }, language, domain);
}

export interface BindingStarted {
  bindingId: string;
  kind: DeviceKind;
  name: string;
  maskedPhone: string;
  expiresAt: Date;
  resendAvailableAt: Date;
}

export async function startDeviceBinding(
  ctx: AppContext,
  session: ActiveSession,
  input: { kind: DeviceKind; name: string; publicKeyJwk?: P256Jwk; meta: RequestMeta },
): Promise<BindingStarted> {
  requireFullLogin(session);
  if (input.kind === 'webauthn' && input.publicKeyJwk)
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [{ pointer: '/publicKeyJwk', detail: 'only a PIN device brings its own key' }],
    });
  const publicKeyJwk = input.kind === 'pin' ? checkedPublicKey(input.publicKeyJwk) : null;
  const customer = await findCustomerById(ctx.db, session.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const name = cleanName(input.name);
  const now = ctx.clock.now();
  // After a phone number change no new device is bound until the cooling period ends (identity's
  // phone-number.ts): a thief who moved the number must not also get a lasting way in. Refused
  // before a code is sent (SECURITY.md 33).
  await refuseDuringPhoneCooling(ctx.db, ctx.config, customer.id, 'new-device', now);
  const limit = await checkCodeRateLimit(ctx.db, ctx.config.codeRateLimits, customer.phone, input.meta.ip, now);
  if (!limit.ok) throw rateLimitProblem();
  return ctx.db.transaction(async (tx) => {
    const bindingId = newId('dbn');
    const code = await issueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'device_binding',
        phone: customer.phone,
        customerId: customer.id,
        details: bindingDetails(bindingId, input.kind, name, publicKeyJwk),
        smsText: bindingSms(input.kind, name, customer.language, ctx.config.officialDomain),
        meta: input.meta,
        policy: codePolicy(ctx.config),
      },
    );
    await insertBinding(tx, {
      id: bindingId,
      customerId: customer.id,
      sessionId: session.sessionId,
      kind: input.kind,
      name,
      publicKeyJwk,
      challengeId: code.challengeId,
      now,
      expiresAt: new Date(now.getTime() + DEVICE_BINDING_TTL_MS),
    });
    await recordAudit(tx, {
      event: 'device.binding_started',
      customerId: customer.id,
      meta: input.meta,
      details: { bindingId, kind: input.kind, name },
      occurredAt: now,
    });
    return {
      bindingId,
      kind: input.kind,
      name,
      maskedPhone: maskPhoneForDisplay(customer.phone),
      expiresAt: code.expiresAt,
      resendAvailableAt: code.resendAvailableAt,
    };
  });
}

type BindingLookup = { ok: true; binding: BindingRow } | { ok: false; problem: ProblemError | null };

/**
 * A binding belongs to the session that started it: another customer's, or one started in
 * another session, is not found (problem null: 404, audited by the caller after the transaction).
 */
export function ownPendingBinding(binding: BindingRow | null, session: ActiveSession, now: Date): BindingLookup {
  if (!binding || binding.customer_id !== session.customerId || binding.session_id !== session.sessionId)
    return { ok: false, problem: null };
  if (binding.status !== 'pending' || binding.expires_at <= now)
    return { ok: false, problem: verifyFailureProblem({ ok: false, reason: 'not-pending' }) };
  return { ok: true, binding };
}

export async function bindingNotFound(
  ctx: AppContext,
  session: ActiveSession,
  bindingId: string,
  meta: RequestMeta,
): Promise<ProblemError> {
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId: session.customerId,
    meta,
    details: { resource: 'device_binding', id: bindingId },
    occurredAt: ctx.clock.now(),
  });
  return new ProblemError(CommonProblem['not-found']);
}

/** A new code for a binding (the SMS did not arrive): the old one stops working; cooldown and hourly caps as for any code. */
export async function resendDeviceBindingCode(
  ctx: AppContext,
  session: ActiveSession,
  input: { bindingId: string; meta: RequestMeta },
): Promise<BindingStarted> {
  requireFullLogin(session);
  const now = ctx.clock.now();
  const found = ownPendingBinding(await readBinding(ctx.db, input.bindingId, { forUpdate: false }), session, now);
  if (!found.ok) throw found.problem ?? (await bindingNotFound(ctx, session, input.bindingId, input.meta));
  const { binding } = found;
  const customer = await findCustomerById(ctx.db, session.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const resent = await resendStepCode(
    ctx.db,
    { keyring: ctx.config.keyring, now },
    {
      challengeId: binding.challenge_id,
      smsText: async () => bindingSms(binding.kind, binding.name, customer.language, ctx.config.officialDomain),
      limits: ctx.config.codeRateLimits,
      meta: input.meta,
    },
  );
  return {
    bindingId: binding.id,
    kind: binding.kind,
    name: binding.name,
    maskedPhone: maskPhoneForDisplay(customer.phone),
    expiresAt: resent.expiresAt,
    resendAvailableAt: resent.resendAvailableAt,
  };
}

/**
 * Checks the binding's code against what is being bound, under the binding's row lock. A wrong
 * code leaves the tries sca allows (3); a code spent, void, expired or issued for another name,
 * kind or key ends the binding. The caller commits the counted attempt before it reports it.
 */
export async function confirmBindingCode(
  tx: Tx,
  ctx: AppContext,
  binding: BindingRow,
  input: { code: string; kind: DeviceKind; name: string; publicKeyJwk: P256Jwk | null; meta: RequestMeta; now: Date },
): Promise<{ ok: true } | { ok: false; problem: ProblemError }> {
  // A binding started before a phone number change is not finished during its cooling period.
  const cooling = await phoneCoolingOf(tx, ctx.config, binding.customer_id, input.now);
  if (cooling) return { ok: false, problem: phoneCoolingProblem('new-device', cooling, ctx.config.bankTimeZone) };
  const verified = await verifyCode(
    tx,
    { keyring: ctx.config.keyring, now: input.now },
    {
      challengeId: binding.challenge_id,
      code: input.code,
      purpose: 'device_binding',
      details: bindingDetails(binding.id, input.kind, input.name, input.publicKeyJwk),
      meta: input.meta,
    },
  );
  if (verified.ok) return { ok: true };
  if (verified.reason !== 'invalid') await markBindingFailed(tx, binding.id);
  return { ok: false, problem: verifyFailureProblem(verified) };
}

export type BindOutcome = { ok: true; deviceId: string } | { ok: false; problem: ProblemError | null };
