import type { AppContext } from '../../context.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { queueSms } from '../notifications/index.js';
import {
  checkCodeRateLimit,
  codeSms,
  issueCode,
  rateLimitProblem,
  registrationAttemptSms,
  resendCode,
  resendFailureProblem,
  verifyCode,
  verifyFailureProblem,
} from '../sca/index.js';
import { createCustomer } from './customers.service.js';
import { IdentityProblem } from './identity.errors.js';
import type { AgreementKind } from './identity.repo.js';
import { findCustomerByIin, findCustomerByPhone } from './identity.repo.js';
import { normalizePhone } from './phone.js';

// Long enough to type the details after the code, short enough not to linger.
const REGISTRATION_TTL_MS = 30 * 60_000;

export interface RegistrationStarted {
  registrationId: string;
  expiresAt: Date;
  resendAvailableAt: Date;
}

/**
 * Step 1: a code to the phone. A phone that already belongs to a customer gets a warning SMS
 * instead of a code, and the caller gets the very same answer, so nobody learns who banks here.
 */
export async function startRegistration(
  ctx: AppContext,
  input: { phone: string; language: Language; meta: RequestMeta },
): Promise<RegistrationStarted> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new ProblemError(IdentityProblem['phone-invalid']);
  const now = ctx.clock.now();
  const limit = await checkCodeRateLimit(ctx.db, ctx.config.codeRateLimits, phone, input.meta.ip, now);
  if (!limit.ok) throw rateLimitProblem();
  const existing = await findCustomerByPhone(ctx.db, phone);
  const domain = ctx.config.officialDomain;
  return ctx.db.transaction(async (tx) => {
    const code = await issueCode(
      tx,
      { secretKey: ctx.config.secretKey, now },
      {
        purpose: 'registration',
        phone,
        customerId: null,
        details: { phone },
        smsText: existing ? null : (value) => codeSms({ purpose: 'registration' }, input.language, value, domain),
        meta: input.meta,
      },
    );
    if (existing) {
      await queueSms(tx, {
        to: phone,
        text: registrationAttemptSms(existing.language, domain, ctx.config.contactCenterPhone),
        purpose: 'registration-attempt',
      });
    }
    const registrationId = newId('reg');
    await tx.query(
      'INSERT INTO registrations (id, phone, language, challenge_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [registrationId, phone, input.language, code.challengeId, now, new Date(now.getTime() + REGISTRATION_TTL_MS)],
    );
    await recordAudit(tx, {
      event: 'registration.started',
      customerId: existing?.id ?? null,
      meta: input.meta,
      details: { registrationId, phoneTaken: Boolean(existing) },
      occurredAt: now,
    });
    return { registrationId, expiresAt: code.expiresAt, resendAvailableAt: code.resendAvailableAt };
  });
}

interface RegistrationRow {
  id: string;
  phone: string;
  language: Language;
  challenge_id: string;
  phone_verified_at: Date | null;
  completed_at: Date | null;
  expires_at: Date;
}

async function loadRegistration(ctx: AppContext, registrationId: string): Promise<RegistrationRow> {
  const { rows } = await ctx.db.query<RegistrationRow>(
    'SELECT id, phone, language, challenge_id, phone_verified_at, completed_at, expires_at FROM registrations WHERE id = $1',
    [registrationId],
  );
  const row = rows[0];
  if (!row || row.completed_at || row.expires_at <= ctx.clock.now()) throw new ProblemError(IdentityProblem['registration-not-found']);
  return row;
}

export async function resendRegistrationCode(
  ctx: AppContext,
  input: { registrationId: string; meta: RequestMeta },
): Promise<RegistrationStarted> {
  const registration = await loadRegistration(ctx, input.registrationId);
  const now = ctx.clock.now();
  const taken = await findCustomerByPhone(ctx.db, registration.phone);
  const domain = ctx.config.officialDomain;
  const result = await ctx.db.transaction((tx) =>
    resendCode(
      tx,
      { secretKey: ctx.config.secretKey, now },
      {
        challengeId: registration.challenge_id,
        smsText: taken ? null : (value) => codeSms({ purpose: 'registration' }, registration.language, value, domain),
        limits: ctx.config.codeRateLimits,
        meta: input.meta,
      },
    ),
  );
  if (!result.ok) throw resendFailureProblem(result);
  return { registrationId: registration.id, expiresAt: result.code.expiresAt, resendAvailableAt: result.code.resendAvailableAt };
}

/** Step 2: the code proves the phone. */
export async function verifyRegistrationPhone(
  ctx: AppContext,
  input: { registrationId: string; code: string; meta: RequestMeta },
): Promise<void> {
  const registration = await loadRegistration(ctx, input.registrationId);
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const verified = await verifyCode(
      tx,
      { secretKey: ctx.config.secretKey, now },
      {
        challengeId: registration.challenge_id,
        code: input.code,
        purpose: 'registration',
        details: { phone: registration.phone },
        meta: input.meta,
      },
    );
    if (verified.ok) await tx.query('UPDATE registrations SET phone_verified_at = $2 WHERE id = $1', [registration.id, now]);
    return verified;
  });
  if (!result.ok) throw verifyFailureProblem(result);
}

export interface CompleteRegistrationInput {
  registrationId: string;
  iin: string;
  fullName: string;
  password: string;
  agreement: AgreementKind | 'both';
  language: Language;
  meta: RequestMeta;
}

/** Step 3: details, password, agreement → the customer exists. */
export async function completeRegistration(ctx: AppContext, input: CompleteRegistrationInput): Promise<{ customerId: string }> {
  const registration = await loadRegistration(ctx, input.registrationId);
  if (!registration.phone_verified_at) throw new ProblemError(IdentityProblem['registration-phone-not-verified']);
  const [phoneOwner, iinOwner] = await Promise.all([findCustomerByPhone(ctx.db, registration.phone), findCustomerByIin(ctx.db, input.iin)]);
  const now = ctx.clock.now();
  if (phoneOwner || iinOwner) {
    await ctx.db.transaction(async (tx) => {
      if (iinOwner) {
        await queueSms(tx, {
          to: iinOwner.phone,
          text: registrationAttemptSms(iinOwner.language, ctx.config.officialDomain, ctx.config.contactCenterPhone),
          purpose: 'registration-attempt',
        });
      }
      await recordAudit(tx, {
        event: 'registration.refused',
        customerId: iinOwner?.id ?? phoneOwner?.id ?? null,
        meta: input.meta,
        details: { registrationId: registration.id, reason: iinOwner ? 'iin-taken' : 'phone-taken' },
        occurredAt: now,
      });
    });
    throw new ProblemError(IdentityProblem['registration-refused'], { values: { contactPhone: ctx.config.contactCenterPhone } });
  }
  const customerId = await createCustomer(ctx, {
    phone: registration.phone,
    iin: input.iin,
    fullName: input.fullName,
    password: input.password,
    agreements: input.agreement === 'both' ? ['emoney', 'banking'] : [input.agreement],
    language: input.language,
    meta: input.meta,
    beforeCommit: async (tx) => {
      const { rowCount } = await tx.query('UPDATE registrations SET completed_at = $2 WHERE id = $1 AND completed_at IS NULL', [
        registration.id,
        now,
      ]);
      // Two tabs completing the same registration: only the first creates a customer.
      if (rowCount !== 1) throw new ProblemError(IdentityProblem['registration-not-found']);
    },
  });
  return { customerId };
}
