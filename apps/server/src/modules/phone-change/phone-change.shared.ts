import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { normalizePhone, phoneCallingCode } from '../../shared/phone.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { endSessionsInTx } from '../auth/index.js';
import { changeCustomerPhoneInTx, findCustomerByPhone, isPhoneTakenError } from '../identity/index.js';
import { queueSms } from '../notifications/index.js';
import { codeSmsText, verifyCode, verifyFailureProblem } from '../sca/index.js';
import { PhoneChangeProblem } from './phone-change.errors.js';
import { maskPhoneForSms, numberTakenNotice, phoneChangedNotice, staffChangeCodeSms } from './phone-change.messages.js';
import { markCompleted, markFailed, type PhoneChangeRow, readPhoneChangeRequest } from './phone-change.repo.js';

/**
 * What the app's and the staff's changes share: the new number's rules, its code, and the last
 * transaction, which verifies that code and moves the number.
 */

/** Long enough for both codes, a resend or two and a number typed twice; each code lives 5 minutes (sca). */
export const PHONE_CHANGE_TTL_MS = 15 * 60_000;

// A Kazakh (or any +7) mobile in E.164: the country code and ten digits (migration 0025 checks the same).
const PLUS_SEVEN_E164 = /^\+7\d{10}$/;
const KAZAKHSTAN_CALLING_CODE = '7';

/** The new number as stored, or the problem: a valid +7 mobile (shared/phone.ts), other than the one in use. */
export function checkedNewPhone(input: string, currentPhone: string): string {
  const phone = normalizePhone(input);
  if (!phone || phoneCallingCode(phone) !== KAZAKHSTAN_CALLING_CODE || !PLUS_SEVEN_E164.test(phone))
    throw new ProblemError(PhoneChangeProblem['phone-change-number-invalid']);
  if (phone === currentPhone) throw new ProblemError(PhoneChangeProblem['phone-change-same-number']);
  return phone;
}

/** RTS art. 5 applied to an authenticator: the old number's code names the change and the number it would move to. */
export function oldCodeDetails(request: Pick<PhoneChangeRow, 'id' | 'newPhone'>): Record<string, unknown> {
  return { changeId: request.id, newPhone: request.newPhone };
}

/** The new number's code names the change, the customer it would serve and the number itself. */
export function newCodeDetails(request: Pick<PhoneChangeRow, 'id' | 'customerId' | 'newPhone'>): Record<string, unknown> {
  return { changeId: request.id, customerId: request.customerId, newPhone: request.newPhone };
}

export function oldCodeSms(newPhone: string, language: Language, domain: string) {
  return codeSmsText({ purpose: 'phone_change_old', newPhone: maskPhoneForSms(newPhone) }, language, domain);
}

/**
 * The text of the new number's code, or null when the number belongs to another customer who is
 * not closed: then no code can pass, the number's owner gets a notice instead (queued here), and
 * the one who asked gets the very same answer as with a free number (SECURITY.md 36; codeCaps
 * counts the code per phone either way). Decided in the transaction that issues the code.
 */
export async function newNumberSmsText(
  tx: Tx,
  ctx: AppContext,
  request: Pick<PhoneChangeRow, 'id' | 'customerId' | 'newPhone' | 'channel'>,
  language: Language,
  meta: RequestMeta,
  options: { warnOwner: boolean },
): Promise<((code: string) => string) | null> {
  const { officialDomain, contactCenterPhone } = ctx.config;
  const owner = await findCustomerByPhone(tx, request.newPhone);
  if (owner && owner.id !== request.customerId) {
    if (options.warnOwner) {
      await queueSms(tx, {
        to: request.newPhone,
        text: numberTakenNotice(owner.language, officialDomain, contactCenterPhone),
        purpose: 'phone-change-attempt',
      });
    }
    await recordAudit(tx, {
      event: 'phone_change.refused',
      customerId: request.customerId,
      meta,
      details: { changeId: request.id, reason: 'number-taken', step: 'new-number-code-withheld' },
      occurredAt: ctx.clock.now(),
    });
    return null;
  }
  return request.channel === 'staff'
    ? staffChangeCodeSms(language, officialDomain, contactCenterPhone)
    : codeSmsText({ purpose: 'phone_change_new' }, language, officialDomain);
}

/** A code step's times, without its challenge id (which stays on the server). */
export function timesOf(code: { expiresAt: Date; resendAvailableAt: Date }): { expiresAt: Date; resendAvailableAt: Date } {
  return { expiresAt: code.expiresAt, resendAvailableAt: code.resendAvailableAt };
}

export function refusedProblem(ctx: AppContext): ProblemError {
  return new ProblemError(PhoneChangeProblem['phone-change-refused'], { values: { contactPhone: ctx.config.contactCenterPhone } });
}

/** A request that cannot go on: gone, spent or past its time. */
export function isLive(request: PhoneChangeRow, now: Date): boolean {
  return (request.status === 'awaiting_old_code' || request.status === 'awaiting_new_code') && request.expiresAt > now;
}

export interface PhoneChanged {
  newPhone: string;
  coolingUntil: Date;
}

/**
 * The last step, in one transaction: the new number's code (3 tries, expiry, bound to this change),
 * then the number itself (identity), the cooling period, the audit, the SMS to the old number
 * (outbox: sent after commit) and the end of every session but `keepSessionId` (none for staff).
 * A wrong code is committed as counted before its problem is thrown (sca's verifyCode).
 */
export async function completePhoneChange(
  ctx: AppContext,
  input: {
    changeId: string;
    code: string;
    /** Whether the caller may go on with this request (its session, its staff member); checked under the lock. */
    owns: (request: PhoneChangeRow) => boolean;
    keepSessionId: string | null;
    meta: RequestMeta;
  },
): Promise<PhoneChanged> {
  const now = ctx.clock.now();
  type Outcome = { ok: true; changed: PhoneChanged } | { ok: false; problem: ProblemError };
  const run = () =>
    ctx.db.transaction(async (tx): Promise<Outcome> => {
      const found = await readPhoneChangeRequest(tx, input.changeId, { forUpdate: true });
      const locked = found && input.owns(found) ? found : null;
      if (!locked || !isLive(locked, now) || locked.status !== 'awaiting_new_code' || !locked.newChallengeId)
        return { ok: false, problem: verifyFailureProblem({ ok: false, reason: 'not-pending' }) };
      const verified = await verifyCode(
        tx,
        { keyring: ctx.config.keyring, now },
        {
          challengeId: locked.newChallengeId,
          code: input.code,
          purpose: 'phone_change_new',
          details: newCodeDetails(locked),
          meta: input.meta,
        },
      );
      if (!verified.ok) {
        if (verified.reason !== 'invalid') await markFailed(tx, locked.id);
        return { ok: false, problem: verifyFailureProblem(verified) };
      }
      const written = await changeCustomerPhoneInTx(tx, ctx.config, {
        changeId: locked.id,
        customerId: locked.customerId,
        newPhone: locked.newPhone,
        channel: locked.channel,
        staffId: locked.staffId,
        now,
      });
      if (!written.ok) {
        await markFailed(tx, locked.id);
        await recordAudit(tx, {
          event: 'phone_change.refused',
          customerId: locked.customerId,
          meta: input.meta,
          details: { changeId: locked.id, reason: written.reason, step: 'complete' },
          occurredAt: now,
        });
        return { ok: false, problem: refusedProblem(ctx) };
      }
      await markCompleted(tx, locked.id, now);
      await recordAudit(tx, {
        event: 'customer.phone.changed',
        customerId: locked.customerId,
        meta: input.meta,
        details: {
          changeId: locked.id,
          channel: locked.channel,
          ...(locked.staffId ? { staffId: locked.staffId } : {}),
          ...(locked.callId ? { callId: locked.callId } : {}),
          from: maskPhoneForSms(written.previousPhone),
          to: maskPhoneForSms(locked.newPhone),
          coolingUntil: written.coolingUntil.toISOString(),
        },
        occurredAt: now,
      });
      await queueSms(tx, {
        to: written.previousPhone,
        text: phoneChangedNotice(written.language, {
          domain: ctx.config.officialDomain,
          contactPhone: ctx.config.contactCenterPhone,
          newPhone: locked.newPhone,
          changedAt: now,
          bankTimeZone: ctx.config.bankTimeZone,
        }),
        purpose: 'phone-changed',
      });
      // ASVS 3.3 as for a new password: whoever was signed in elsewhere is signed out; the session
      // that made the change (the app's) stays.
      await endSessionsInTx(tx, {
        customerId: locked.customerId,
        sessionIds: 'all',
        ...(input.keepSessionId ? { exceptSessionId: input.keepSessionId } : {}),
        reason: 'phone-changed',
        meta: input.meta,
        now,
      });
      return { ok: true, changed: { newPhone: locked.newPhone, coolingUntil: written.coolingUntil } };
    });
  let outcome: Outcome;
  try {
    outcome = await run();
  } catch (error) {
    // Another customer took the number between the check and the write (customers_active_phone).
    if (isPhoneTakenError(error)) throw refusedProblem(ctx);
    throw error;
  }
  if (!outcome.ok) throw outcome.problem;
  return outcome.changed;
}
