import type { AppContext } from '../../context.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { normalizePhone, smsCountryAllowed } from '../../shared/phone.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { queueSms } from '../notifications/index.js';
import {
  capItem,
  chargeCaps,
  codePolicy,
  codeSmsText,
  codesHeldFor,
  issueFailureProblem,
  resendStepCode,
  smsCountryProblem,
  tryIssueCode,
  verifyCode,
  verifyFailureProblem,
} from '../sca/index.js';
import { createPreparedCustomer, prepareCustomer } from './customers.service.js';
import { IdentityProblem } from './identity.errors.js';
import { registrationAttemptSms } from './identity.messages.js';
import { type AgreementKind, findCustomerByPhone } from './identity.repo.js';
import { parseIin } from './iin.js';
import { findCustomerByIin } from './iin-at-rest.js';
import { LEGAL_DOCUMENTS_VERSION } from './legal-documents.js';
import {
  bindRegistrationIin,
  insertRegistration,
  lockRegistrationIin,
  markPhoneVerified,
  markRegistrationCompleted,
  type RegistrationRow,
  readRegistration,
} from './registrations.repo.js';

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
 * SECURITY.md 33: a number outside the allowed calling codes is refused before anything is
 * written, and the hourly caps are checked and counted with the code (sca's tryIssueCode).
 */
export async function startRegistration(
  ctx: AppContext,
  input: { phone: string; language: Language; meta: RequestMeta },
): Promise<RegistrationStarted> {
  const phone = normalizePhone(input.phone);
  if (!phone) throw new ProblemError(IdentityProblem['phone-invalid']);
  const now = ctx.clock.now();
  if (!smsCountryAllowed(phone, ctx.config.smsAllowedCountryCodes)) {
    await recordAuditAlone(ctx.db, {
      event: 'code.country_refused',
      customerId: null,
      meta: input.meta,
      details: { purpose: 'registration' },
      occurredAt: now,
    });
    throw smsCountryProblem(ctx.config.smsAllowedCountryCodes);
  }
  const existing = await findCustomerByPhone(ctx.db, phone);
  const domain = ctx.config.officialDomain;
  const outcome = await ctx.db.transaction(async (tx) => {
    const issued = await tryIssueCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        purpose: 'registration',
        phone,
        customerId: null,
        details: { phone },
        smsText: existing ? null : codeSmsText({ purpose: 'registration' }, input.language, domain),
        meta: input.meta,
        policy: codePolicy(ctx.config),
      },
    );
    // A refusal commits only its audit row: no registration, no SMS.
    if (!issued.ok) return issued;
    const code = issued.code;
    // A blocked customer's lost phone gets nothing, this warning neither (sca's hold on codes).
    if (existing && !(await codesHeldFor(tx, { phone, customerId: existing.id }))) {
      await queueSms(tx, {
        to: phone,
        text: registrationAttemptSms(existing.language, domain, ctx.config.contactCenterPhone),
        purpose: 'registration-attempt',
      });
    }
    const registrationId = newId('reg');
    await insertRegistration(tx, {
      id: registrationId,
      phone,
      language: input.language,
      challengeId: code.challengeId,
      now,
      expiresAt: new Date(now.getTime() + REGISTRATION_TTL_MS),
    });
    await recordAudit(tx, {
      event: 'registration.started',
      customerId: existing?.id ?? null,
      meta: input.meta,
      details: { registrationId, phoneTaken: Boolean(existing) },
      occurredAt: now,
    });
    return { ok: true as const, started: { registrationId, expiresAt: code.expiresAt, resendAvailableAt: code.resendAvailableAt } };
  });
  if (!outcome.ok) throw issueFailureProblem(outcome);
  return outcome.started;
}

async function loadRegistration(ctx: AppContext, registrationId: string): Promise<RegistrationRow> {
  const row = await readRegistration(ctx.db, registrationId);
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
  const resent = await resendStepCode(
    ctx.db,
    { keyring: ctx.config.keyring, now },
    {
      challengeId: registration.challenge_id,
      smsText: async () => (taken ? null : codeSmsText({ purpose: 'registration' }, registration.language, ctx.config.officialDomain)),
      limits: ctx.config.codeRateLimits,
      meta: input.meta,
    },
  );
  return { registrationId: registration.id, expiresAt: resent.expiresAt, resendAvailableAt: resent.resendAvailableAt };
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
      { keyring: ctx.config.keyring, now },
      {
        challengeId: registration.challenge_id,
        code: input.code,
        purpose: 'registration',
        details: { phone: registration.phone },
        meta: input.meta,
      },
    );
    if (verified.ok) await markPhoneVerified(tx, registration.id, now);
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
  /** What the customer ticked: the agreement's text and the personal-data consent, in the version shown. */
  consent: { version: string; agreement: true; personalData: true };
  language: Language;
  meta: RequestMeta;
}

const DAY_MS = 24 * 3_600_000;

function refused(ctx: AppContext): ProblemError {
  return new ProblemError(IdentityProblem['registration-refused'], { values: { contactPhone: ctx.config.contactCenterPhone } });
}

/**
 * SECURITY.md 36: step 3 must not tell whether an IIN belongs to a customer, so it can be asked
 * only a few times. One IIN per registration: the first IIN given is bound to it (a keyed hash),
 * and another on the same registration is refused; and one phone may try at most
 * REGISTRATION_IINS_PER_PHONE_PER_DAY_MAX different IINs a day, over all its registrations (the
 * same IIN again, after a too-short password, costs nothing). Each refusal is the same answer as a
 * taken IIN's, and is audited. Lock order: the registration, then the cap (sca/caps.ts).
 */
async function admitIin(
  ctx: AppContext,
  registration: RegistrationRow,
  iin: string,
  meta: RequestMeta,
  now: Date,
): Promise<'admitted' | 'refused' | 'gone'> {
  const iinItem = capItem(ctx.config.keyring, 'registration-iin', iin);
  return ctx.db.transaction(async (tx) => {
    const row = await lockRegistrationIin(tx, registration.id);
    if (!row || row.completed_at) return 'gone';
    const charged = await chargeCaps(
      tx,
      [
        {
          scope: 'registration-iin',
          key: registration.phone,
          item: iinItem,
          max: ctx.config.lookupCaps.registrationIinsPerPhonePerDayMax,
          windowMs: DAY_MS,
        },
      ],
      now,
    );
    // SECURITY.md 39: the IIN bound before a new key was put first is still this registration's own.
    const otherIin = row.iin_hash !== null && !iinItem.candidates.includes(row.iin_hash);
    if (!charged.ok || otherIin) {
      await recordAudit(tx, {
        event: 'registration.refused',
        customerId: null,
        meta,
        details: { registrationId: registration.id, reason: otherIin ? 'another-iin' : 'iin-attempts-exceeded' },
        occurredAt: now,
      });
      return 'refused';
    }
    if (row.iin_hash === null) await bindRegistrationIin(tx, registration.id, iinItem.hash);
    return 'admitted';
  });
}

/**
 * Step 3: details, password, agreement → the customer exists. The cheap checks come first and
 * the Argon2 hash after them (SECURITY.md 37); whether the phone or the IIN is taken is looked at
 * only once every other check has passed, so no other answer (a too-short password, a bad name)
 * can tell a taken IIN from a free one.
 */
export async function completeRegistration(ctx: AppContext, input: CompleteRegistrationInput): Promise<{ customerId: string }> {
  const registration = await loadRegistration(ctx, input.registrationId);
  if (!registration.phone_verified_at) throw new ProblemError(IdentityProblem['registration-phone-not-verified']);
  if (input.consent.version !== LEGAL_DOCUMENTS_VERSION) throw new ProblemError(IdentityProblem['documents-outdated']);
  const now = ctx.clock.now();
  // A typo the check digit catches says nothing about anyone: it binds nothing and counts nothing.
  if (!parseIin(input.iin, now)) throw new ProblemError(IdentityProblem['iin-invalid']);
  const admitted = await admitIin(ctx, registration, input.iin, input.meta, now);
  if (admitted === 'gone') throw new ProblemError(IdentityProblem['registration-not-found']);
  if (admitted === 'refused') throw refused(ctx);
  const prepared = await prepareCustomer(ctx, {
    phone: registration.phone,
    iin: input.iin,
    fullName: input.fullName,
    password: input.password,
    agreements: input.agreement === 'both' ? ['emoney', 'banking'] : [input.agreement],
    documentsVersion: input.consent.version,
    language: input.language,
    meta: input.meta,
  });
  const [phoneOwner, iinOwner] = await Promise.all([
    findCustomerByPhone(ctx.db, registration.phone),
    findCustomerByIin(ctx.db, ctx.config.keyring, input.iin),
  ]);
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
    throw refused(ctx);
  }
  const customerId = await createPreparedCustomer(ctx, prepared, async (tx) => {
    // Two tabs completing the same registration: only the first creates a customer.
    if (!(await markRegistrationCompleted(tx, registration.id, now))) throw new ProblemError(IdentityProblem['registration-not-found']);
  });
  return { customerId };
}
