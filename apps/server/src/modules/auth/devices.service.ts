import { createPublicKey, randomBytes, verify as verifySignature } from 'node:crypto';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerById, maskPhoneForDisplay, stripUnsafeCharacters } from '../identity/index.js';
import { queueSms } from '../notifications/index.js';
import {
  checkCodeRateLimit,
  codePolicy,
  codeSms,
  issueCode,
  rateLimitProblem,
  resendCode,
  resendFailureProblem,
  verifyCode,
  verifyFailureProblem,
} from '../sca/index.js';
import { AuthProblem } from './auth.errors.js';
import { boundNotice, revokedNotice } from './auth.messages.js';
import { startSession } from './login.service.js';
import { type ActiveSession, endSessionsInTx, type NewSession, type SessionClient } from './sessions.js';
import { pinHash, pinMatches } from './tokens.js';

// Five wrong PINs and the binding is gone: the thief of an unlocked phone gets five guesses of 10^4.
export const PIN_FAILURES_MAX = 5;
const CHALLENGE_TTL_MS = 2 * 60_000;
const DEVICE_NAME_LENGTH_MAX = 60;
export const DEVICES_LISTED_MAX = 50;

function cleanName(name: string): string {
  // Shown back in SMS texts: no control or bidi characters.
  return stripUnsafeCharacters(name).trim().slice(0, DEVICE_NAME_LENGTH_MAX) || 'device';
}

/** Binding a device is allowed only from a session that used both factors (password + SMS). */
function requireFullLogin(session: ActiveSession): void {
  if (session.method !== 'password_sms') throw new ProblemError(AuthProblem['full-login-required']);
}

async function notifyBound(
  tx: Tx,
  ctx: AppContext,
  customerId: string,
  deviceId: string,
  name: string,
  kind: string,
  meta: RequestMeta,
  now: Date,
): Promise<void> {
  const customer = await findCustomerById(tx, customerId);
  if (!customer) throw new Error('session customer vanished');
  await recordAudit(tx, { event: 'device.bound', customerId, meta, details: { deviceId, kind, name }, occurredAt: now });
  await queueSms(tx, {
    to: customer.phone,
    text: boundNotice(customer.language, ctx.config.officialDomain, ctx.config.contactCenterPhone, name),
    purpose: 'device-bound',
  });
}

export interface P256Jwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

export type DeviceKind = 'pin' | 'webauthn';

function checkedPublicKey(jwk: P256Jwk | undefined): P256Jwk {
  try {
    if (!jwk) throw new Error('missing');
    createPublicKey({ key: { ...jwk }, format: 'jwk' });
  } catch {
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [{ pointer: '/publicKeyJwk', detail: 'not a P-256 public key' }],
    });
  }
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

// ---- Binding is strong authentication (SECURITY.md 32, RTS art. 4) ----
//
// A session token alone never mints a lasting authenticator: whoever holds a stolen token could
// otherwise bind their own phone and keep logging in after the session ends. Binding takes two
// steps: start (from a password + SMS session) → an SMS code that names the device; finish (from
// the same session) with that code and the very name, kind and key it was issued for.

// Long enough for a code, a resend or two and the fingerprint prompt; each code lives CODE_TTL_MS.
const DEVICE_BINDING_TTL_MS = 15 * 60_000;

interface BindingRow {
  id: string;
  customer_id: string;
  session_id: string;
  kind: DeviceKind;
  name: string;
  challenge_id: string;
  status: 'pending' | 'bound' | 'failed';
  expires_at: Date;
}

/**
 * What the code is bound to (dynamic linking, RTS art. 5 applied to an authenticator): this
 * binding, its kind, the name the SMS shows and, for PIN, the device key. The finishing call
 * recomputes it from what it is asked to bind, so any change voids the code.
 */
function bindingDetails(bindingId: string, kind: DeviceKind, name: string, publicKeyJwk: P256Jwk | null): Record<string, unknown> {
  return { bindingId, kind, name, publicKey: publicKeyJwk ? { x: publicKeyJwk.x, y: publicKeyJwk.y } : null };
}

function bindingSms(kind: DeviceKind, name: string, language: Language, domain: string) {
  return (code: string) => codeSms({ purpose: 'device_binding', device: name, kind }, language, code, domain);
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
    await tx.query(
      `INSERT INTO device_bindings (id, customer_id, session_id, kind, name, public_key_jwk, challenge_id, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        bindingId,
        customer.id,
        session.sessionId,
        input.kind,
        name,
        publicKeyJwk ? JSON.stringify(publicKeyJwk) : null,
        code.challengeId,
        now,
        new Date(now.getTime() + DEVICE_BINDING_TTL_MS),
      ],
    );
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

async function readBinding(db: Queryable, bindingId: string, options: { forUpdate: boolean }): Promise<BindingRow | null> {
  const { rows } = await db.query<BindingRow>(
    `SELECT id, customer_id, session_id, kind, name, challenge_id, status, expires_at FROM device_bindings WHERE id = $1${
      options.forUpdate ? ' FOR UPDATE' : ''
    }`,
    [bindingId],
  );
  return rows[0] ?? null;
}

type BindingLookup = { ok: true; binding: BindingRow } | { ok: false; problem: ProblemError | null };

/**
 * A binding belongs to the session that started it: another customer's, or one started in
 * another session, is not found (problem null: 404, audited by the caller after the transaction).
 */
function ownPendingBinding(binding: BindingRow | null, session: ActiveSession, now: Date): BindingLookup {
  if (!binding || binding.customer_id !== session.customerId || binding.session_id !== session.sessionId)
    return { ok: false, problem: null };
  if (binding.status !== 'pending' || binding.expires_at <= now)
    return { ok: false, problem: verifyFailureProblem({ ok: false, reason: 'not-pending' }) };
  return { ok: true, binding };
}

async function bindingNotFound(ctx: AppContext, session: ActiveSession, bindingId: string, meta: RequestMeta): Promise<ProblemError> {
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
  const result = await ctx.db.transaction((tx) =>
    resendCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: binding.challenge_id,
        smsText: bindingSms(binding.kind, binding.name, customer.language, ctx.config.officialDomain),
        limits: ctx.config.codeRateLimits,
        meta: input.meta,
      },
    ),
  );
  if (!result.ok) throw resendFailureProblem(result);
  return {
    bindingId: binding.id,
    kind: binding.kind,
    name: binding.name,
    maskedPhone: maskPhoneForDisplay(customer.phone),
    expiresAt: result.code.expiresAt,
    resendAvailableAt: result.code.resendAvailableAt,
  };
}

/**
 * Checks the binding's code against what is being bound, under the binding's row lock. A wrong
 * code leaves the tries sca allows (3); a code spent, void, expired or issued for another name,
 * kind or key ends the binding. The caller commits the counted attempt before it reports it.
 */
async function confirmBindingCode(
  tx: Tx,
  ctx: AppContext,
  binding: BindingRow,
  input: { code: string; kind: DeviceKind; name: string; publicKeyJwk: P256Jwk | null; meta: RequestMeta; now: Date },
): Promise<{ ok: true } | { ok: false; problem: ProblemError }> {
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
  if (verified.reason !== 'invalid') await tx.query("UPDATE device_bindings SET status = 'failed' WHERE id = $1", [binding.id]);
  return { ok: false, problem: verifyFailureProblem(verified) };
}

async function markBound(tx: Tx, bindingId: string, deviceId: string): Promise<void> {
  await tx.query("UPDATE device_bindings SET status = 'bound', device_id = $2 WHERE id = $1", [bindingId, deviceId]);
}

type BindOutcome = { ok: true; deviceId: string } | { ok: false; problem: ProblemError | null };

// ---- PIN binding: a P-256 key made on the device + a PIN ----

/** Finishes a PIN binding: the code from the SMS, with the same name and key it was issued for. */
export async function bindPinDevice(
  ctx: AppContext,
  session: ActiveSession,
  input: { bindingId: string; code: string; name: string; publicKeyJwk: P256Jwk; pin: string; meta: RequestMeta },
): Promise<{ deviceId: string }> {
  requireFullLogin(session);
  const publicKeyJwk = checkedPublicKey(input.publicKeyJwk);
  const now = ctx.clock.now();
  const deviceId = newId('dev');
  const name = cleanName(input.name);
  const outcome = await ctx.db.transaction(async (tx): Promise<BindOutcome> => {
    const found = ownPendingBinding(await readBinding(tx, input.bindingId, { forUpdate: true }), session, now);
    if (!found.ok) return found;
    const confirmed = await confirmBindingCode(tx, ctx, found.binding, {
      code: input.code,
      kind: 'pin',
      name,
      publicKeyJwk,
      meta: input.meta,
      now,
    });
    if (!confirmed.ok) return confirmed;
    await tx.query(
      `INSERT INTO devices (id, customer_id, kind, name, public_key_jwk, pin_hash, created_at)
       VALUES ($1, $2, 'pin', $3, $4, $5, $6)`,
      [deviceId, session.customerId, name, JSON.stringify(publicKeyJwk), pinHash(ctx.config.keyring, deviceId, input.pin), now],
    );
    await markBound(tx, found.binding.id, deviceId);
    await notifyBound(tx, ctx, session.customerId, deviceId, name, 'pin', input.meta, now);
    return { ok: true, deviceId };
  });
  if (!outcome.ok) throw outcome.problem ?? (await bindingNotFound(ctx, session, input.bindingId, input.meta));
  return { deviceId: outcome.deviceId };
}

async function insertChallenge(
  db: Queryable,
  input: {
    purpose: 'device_login' | 'webauthn_register' | 'webauthn_login';
    customerId: string | null;
    deviceId: string | null;
    challenge: string;
    now: Date;
  },
): Promise<string> {
  const id = newId('ach');
  await db.query(
    'INSERT INTO auth_challenges (id, customer_id, device_id, purpose, challenge, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, input.customerId, input.deviceId, input.purpose, input.challenge, input.now, new Date(input.now.getTime() + CHALLENGE_TTL_MS)],
  );
  return id;
}

/** Single use: the challenge is spent by the first attempt, right or wrong. */
async function spendChallenge(
  tx: Tx,
  id: string,
  purpose: string,
  now: Date,
): Promise<{ challenge: string; customer_id: string | null; device_id: string | null } | null> {
  const { rows } = await tx.query<{
    challenge: string;
    customer_id: string | null;
    device_id: string | null;
    purpose: string;
    expires_at: Date;
    used_at: Date | null;
  }>('SELECT challenge, customer_id, device_id, purpose, expires_at, used_at FROM auth_challenges WHERE id = $1 FOR UPDATE', [id]);
  const row = rows[0];
  if (!row || row.purpose !== purpose || row.used_at || row.expires_at <= now) return null;
  await tx.query('UPDATE auth_challenges SET used_at = $2 WHERE id = $1', [id, now]);
  return row;
}

export async function deviceLoginChallenge(ctx: AppContext, deviceId: string): Promise<{ challengeId: string; challenge: string }> {
  const challenge = randomBytes(32).toString('base64url');
  const challengeId = await insertChallenge(ctx.db, {
    purpose: 'device_login',
    customerId: null,
    deviceId,
    challenge,
    now: ctx.clock.now(),
  });
  return { challengeId, challenge };
}

interface DeviceRow {
  id: string;
  customer_id: string;
  kind: 'pin' | 'webauthn';
  name: string;
  public_key_jwk: P256Jwk | null;
  pin_hash: string | null;
  pin_failures: number;
  credential_id: string | null;
  credential_public_key: string | null;
  sign_count: bigint;
  transports: string[] | null;
  status: 'active' | 'revoked';
}

async function lockDevice(tx: Tx, where: { id?: string; credentialId?: string }): Promise<DeviceRow | null> {
  const { rows } = await tx.query<DeviceRow>(
    `SELECT id, customer_id, kind, name, public_key_jwk, pin_hash, pin_failures, credential_id, credential_public_key, sign_count, transports, status
     FROM devices WHERE ${where.id ? 'id' : 'credential_id'} = $1 FOR UPDATE`,
    [where.id ?? where.credentialId],
  );
  return rows[0] ?? null;
}

export interface DeviceLoginResult {
  customerId: string;
  client: SessionClient;
  session: NewSession;
}

type Outcome = { ok: true; result: DeviceLoginResult } | { ok: false; problem: ProblemError };

/**
 * Quick login: the device proves possession by signing a fresh server challenge with its
 * non-extractable key, and the customer proves knowledge with the PIN. Two factors, bound to
 * this device only (the memo: PIN login only on your own device).
 */
export async function loginWithPin(
  ctx: AppContext,
  input: {
    deviceId: string;
    challengeId: string;
    signature: string;
    pin: string;
    client: SessionClient;
    clientId: string | null;
    meta: RequestMeta;
  },
): Promise<DeviceLoginResult> {
  const now = ctx.clock.now();
  const generic = new ProblemError(AuthProblem['device-login-failed']);
  const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
    const challenge = await spendChallenge(tx, input.challengeId, 'device_login', now);
    const device = await lockDevice(tx, { id: input.deviceId });
    const audit = (reason: string) =>
      recordAudit(tx, {
        event: 'device.login_failed',
        customerId: device?.customer_id ?? null,
        meta: input.meta,
        details: { deviceId: input.deviceId, reason },
        occurredAt: now,
      });
    if (!challenge || challenge.device_id !== input.deviceId || !device || device.kind !== 'pin' || !device.public_key_jwk) {
      await audit('challenge-or-device');
      return { ok: false, problem: generic };
    }
    if (device.status === 'revoked') {
      await audit('revoked');
      return { ok: false, problem: new ProblemError(AuthProblem['device-revoked']) };
    }
    const key = createPublicKey({ key: { ...device.public_key_jwk }, format: 'jwk' });
    const signatureOk = verifySignature(
      'sha256',
      Buffer.from(challenge.challenge),
      { key, dsaEncoding: 'ieee-p1363' },
      Buffer.from(input.signature, 'base64url'),
    );
    if (!signatureOk) {
      await audit('bad-signature');
      return { ok: false, problem: generic };
    }
    // SECURITY.md 39: the PIN is checked under every key of the ring, so a device bound before a
    // new key was put first still logs in.
    if (device.pin_hash === null || !pinMatches(ctx.config.keyring, device.pin_hash, device.id, input.pin)) {
      const failures = device.pin_failures + 1;
      await recordAudit(tx, {
        event: 'device.pin_failed',
        customerId: device.customer_id,
        meta: input.meta,
        details: { deviceId: device.id, failures },
        occurredAt: now,
      });
      if (failures >= PIN_FAILURES_MAX) {
        await revokeDeviceInTx(tx, ctx, { customerId: device.customer_id, device, reason: 'pin-attempts', meta: input.meta, now });
        return { ok: false, problem: new ProblemError(AuthProblem['device-revoked']) };
      }
      await tx.query('UPDATE devices SET pin_failures = $2 WHERE id = $1', [device.id, failures]);
      // The customer is told how many tries remain before the binding goes (RTS 4(4), SECURITY.md 2).
      const attemptsLeft = PIN_FAILURES_MAX - failures;
      return { ok: false, problem: new ProblemError(AuthProblem['device-login-failed'], { extensions: { attemptsLeft } }) };
    }
    // SECURITY.md 38: a lock of the password path (five wrong passwords, perhaps typed by a
    // stranger who knows the phone number) does not lock out the customer's own bound device,
    // which proves possession of its key and the PIN, with its own limit of PIN_FAILURES_MAX.
    const customer = await findCustomerById(tx, device.customer_id);
    if (customer?.status !== 'active') {
      await audit('customer-unavailable');
      return { ok: false, problem: generic };
    }
    // A PIN that matched under an older key is hashed again under the current one, now that it
    // is at hand: each device moves to the new key at its next login, and the older key can go
    // once the devices bound before the rotation have logged in (docs/OPERATIONS.md).
    const currentPinHash = pinHash(ctx.config.keyring, device.id, input.pin);
    await tx.query('UPDATE devices SET pin_failures = 0, last_used_at = $2, pin_hash = $3 WHERE id = $1', [device.id, now, currentPinHash]);
    const result = await startSession(tx, ctx, {
      customer,
      client: input.client,
      method: 'pin',
      deviceId: device.id,
      clientId: input.clientId,
      meta: input.meta,
      now,
    });
    return { ok: true, result };
  });
  if (!outcome.ok) throw outcome.problem;
  return outcome.result;
}

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
  const { rows } = await ctx.db.query<{ credential_id: string }>(
    "SELECT credential_id FROM devices WHERE customer_id = $1 AND kind = 'webauthn' AND status = 'active'",
    [customer.id],
  );
  const webauthn = await loadWebauthn();
  const options = await webauthn.generateRegistrationOptions({
    rpName: 'Kassa',
    rpID: rpId(ctx),
    userName: customer.phone,
    userDisplayName: customer.fullName,
    userID: new TextEncoder().encode(customer.id),
    attestationType: 'none',
    excludeCredentials: rows.map((row) => ({ id: row.credential_id })),
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
    await tx.query(
      `INSERT INTO devices (id, customer_id, kind, name, credential_id, credential_public_key, sign_count, transports, created_at)
       VALUES ($1, $2, 'webauthn', $3, $4, $5, $6, $7, $8)`,
      [
        deviceId,
        session.customerId,
        name,
        credential.id,
        Buffer.from(credential.publicKey).toString('base64url'),
        credential.counter,
        JSON.stringify(credential.transports ?? []),
        now,
      ],
    );
    await markBound(tx, found.binding.id, deviceId);
    await notifyBound(tx, ctx, session.customerId, deviceId, name, 'webauthn', input.meta, now);
    return { ok: true, deviceId };
  });
  if (!outcome.ok) throw outcome.problem ?? (await bindingNotFound(ctx, session, input.bindingId, input.meta));
  return { deviceId: outcome.deviceId };
}

export async function webauthnLoginOptions(ctx: AppContext, input: { deviceId: string | null }) {
  let allowCredentials: Array<{ id: string; transports?: string[] }> = [];
  if (input.deviceId) {
    const { rows } = await ctx.db.query<{ credential_id: string; transports: string[] | null }>(
      "SELECT credential_id, transports FROM devices WHERE id = $1 AND kind = 'webauthn' AND status = 'active'",
      [input.deviceId],
    );
    allowCredentials = rows.map((row) => ({ id: row.credential_id, transports: row.transports ?? [] }));
  }
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
    await tx.query('UPDATE devices SET sign_count = GREATEST(sign_count, $2), last_used_at = $3 WHERE id = $1', [
      device.id,
      newCounter,
      now,
    ]);
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

// ---- Listing and revoking ----

export interface DeviceView {
  id: string;
  kind: 'pin' | 'webauthn';
  name: string;
  status: 'active' | 'revoked';
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listDevices(db: Queryable, customerId: string): Promise<DeviceView[]> {
  const { rows } = await db.query<{
    id: string;
    kind: 'pin' | 'webauthn';
    name: string;
    status: 'active' | 'revoked';
    created_at: Date;
    last_used_at: Date | null;
  }>(
    "SELECT id, kind, name, status, created_at, last_used_at FROM devices WHERE customer_id = $1 AND status = 'active' ORDER BY created_at DESC LIMIT $2",
    [customerId, DEVICES_LISTED_MAX],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }));
}

async function revokeDeviceInTx(
  tx: Tx,
  ctx: AppContext,
  input: { customerId: string; device: { id: string; name: string }; reason: string; meta: RequestMeta | null; now: Date },
): Promise<void> {
  await tx.query("UPDATE devices SET status = 'revoked', revoked_at = $2, revoke_reason = $3 WHERE id = $1 AND status = 'active'", [
    input.device.id,
    input.now,
    input.reason,
  ]);
  const { rows } = await tx.query<{ id: string }>('SELECT id FROM sessions WHERE device_id = $1 AND ended_at IS NULL', [input.device.id]);
  if (rows.length)
    await endSessionsInTx(tx, {
      customerId: input.customerId,
      sessionIds: rows.map((row) => row.id),
      reason: 'device-revoked',
      meta: input.meta,
      now: input.now,
    });
  await recordAudit(tx, {
    event: 'device.revoked',
    customerId: input.customerId,
    meta: input.meta,
    details: { deviceId: input.device.id, reason: input.reason },
    occurredAt: input.now,
  });
  const customer = await findCustomerById(tx, input.customerId);
  if (customer)
    await queueSms(tx, {
      to: customer.phone,
      text: revokedNotice(customer.language, ctx.config.officialDomain, input.device.name),
      purpose: 'device-revoked',
    });
}

/** Another customer's device id answers 404, exactly like a missing one, and is audited. */
export async function revokeDevice(ctx: AppContext, session: ActiveSession, deviceId: string, meta: RequestMeta): Promise<void> {
  const now = ctx.clock.now();
  const found = await ctx.db.transaction(async (tx) => {
    const device = await lockDevice(tx, { id: deviceId });
    if (!device || device.customer_id !== session.customerId || device.status !== 'active') return false;
    await revokeDeviceInTx(tx, ctx, { customerId: session.customerId, device, reason: 'by-customer', meta, now });
    return true;
  });
  if (!found) {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId: session.customerId,
      meta,
      details: { resource: 'device', id: deviceId },
      occurredAt: now,
    });
    throw new ProblemError(CommonProblem['not-found']);
  }
}

/**
 * Lost phone, password reset, password change, "log out everywhere": every binding goes at once
 * (SECURITY.md 6, 32), except `exceptDeviceId`, the device the request came from, if any.
 * The caller ends the sessions and tells the customer, once for all the devices.
 */
export async function revokeAllDevicesInTx(
  tx: Tx,
  input: { customerId: string; exceptDeviceId?: string | null; reason: string; meta: RequestMeta | null; now: Date },
): Promise<number> {
  const { rows } = await tx.query<{ id: string; name: string }>(
    `SELECT id, name FROM devices WHERE customer_id = $1 AND status = 'active' AND ($2::text IS NULL OR id <> $2)
     ORDER BY id FOR UPDATE`,
    [input.customerId, input.exceptDeviceId ?? null],
  );
  for (const device of rows) {
    await tx.query("UPDATE devices SET status = 'revoked', revoked_at = $2, revoke_reason = $3 WHERE id = $1", [
      device.id,
      input.now,
      input.reason,
    ]);
    await recordAudit(tx, {
      event: 'device.revoked',
      customerId: input.customerId,
      meta: input.meta,
      details: { deviceId: device.id, reason: input.reason },
      occurredAt: input.now,
    });
  }
  return rows.length;
}
