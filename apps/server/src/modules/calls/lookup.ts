import type { AppContext } from '../../context.js';
import { normalizePhone } from '../../shared/phone.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { type Customer, findCustomerByIin, findCustomerByPhone, findCustomersByFullName, normalizeFullName } from '../identity/index.js';
import { chargeCaps, voidCode } from '../sca/index.js';
import { CallProblem, lookupRateLimitProblem } from './calls.errors.js';
import { recordLookup } from './calls.repo.js';
import { type CallStep, lockOwnLiveCall, unwrapStep } from './calls.service.js';
import {
  type CallStaff,
  LOOKUP_WINDOW_MS,
  LOOKUPS_PER_CALL_MAX,
  LOOKUPS_PER_STAFF_PER_HOUR_MAX,
  NAME_MATCHES_READ_MAX,
} from './calls.types.js';

/** What the caller gives to be found: one of the phone on file, the IIN, the full name. */
export type LookupQuery = { phone: string } | { iin: string } | { name: string };

/**
 * The only answer a staff member gets before the caller is identified (issue 13 item 2): whether
 * a customer matches, in the same shape either way, with no name and no id. `ambiguous`: several
 * customers have this name, none is chosen, and the staff member asks for the phone or the IIN.
 */
export interface LookupAnswer {
  exists: boolean;
  ambiguous: boolean;
}

const IIN_PATTERN = /^\d{12}$/;

function lookupKind(query: LookupQuery): 'phone' | 'iin' | 'name' {
  if ('phone' in query) return 'phone';
  if ('iin' in query) return 'iin';
  return 'name';
}

/** The customers the query matches, at most NAME_MATCHES_READ_MAX; a malformed query is the staff member's 400. */
async function matchingCustomers(ctx: AppContext, query: LookupQuery): Promise<Customer[]> {
  if ('phone' in query) {
    const phone = normalizePhone(query.phone);
    if (!phone) throw new ProblemError(CallProblem['call-phone-invalid']);
    const customer = await findCustomerByPhone(ctx.db, phone);
    return customer ? [customer] : [];
  }
  if ('iin' in query) {
    if (!IIN_PATTERN.test(query.iin)) throw new ProblemError(CallProblem['call-iin-invalid']);
    const customer = await findCustomerByIin(ctx.db, ctx.config.keyring, query.iin);
    return customer ? [customer] : [];
  }
  const name = normalizeFullName(query.name);
  if (!name) throw new ProblemError(CallProblem['call-name-invalid']);
  return findCustomersByFullName(ctx.db, name, NAME_MATCHES_READ_MAX);
}

/**
 * Finds the caller among the customers and binds the match to the call, server-side: the code is
 * later sent to the phone on file of that customer, never to a number the caller gives, so only
 * the customer can read it back. A new look-up replaces the match and voids a code already sent.
 *
 * SECURITY.md 36: "exists or not" is an oracle, so every look-up is counted (per call,
 * LOOKUPS_PER_CALL_MAX; per staff member and hour, LOOKUPS_PER_STAFF_PER_HOUR_MAX, atomically
 * through sca's caps) and audited with the customer it matched, whoever asked.
 */
export async function lookupCaller(
  ctx: AppContext,
  staff: CallStaff,
  callId: string,
  query: LookupQuery,
  meta: RequestMeta,
): Promise<LookupAnswer> {
  const matches = await matchingCustomers(ctx, query);
  const matched = matches.length === 1 ? (matches[0] ?? null) : null;
  const answer: LookupAnswer = { exists: matches.length > 0, ambiguous: matches.length > 1 };
  const now = ctx.clock.now();
  const step = await ctx.db.transaction(async (tx): Promise<CallStep<LookupAnswer | { retryAfterSeconds: number }>> => {
    const locked = await lockOwnLiveCall(ctx, tx, staff, callId, meta);
    if (!locked.ok) return locked;
    const call = locked.value;
    if (call.status !== 'open') return { ok: false, failure: 'call-already-identified' };
    if (call.lookups >= LOOKUPS_PER_CALL_MAX) return { ok: false, failure: 'call-lookups-exhausted' };
    const charged = await chargeCaps(
      tx,
      [{ scope: 'staff-lookup', key: staff.staffId, max: LOOKUPS_PER_STAFF_PER_HOUR_MAX, windowMs: LOOKUP_WINDOW_MS }],
      now,
    );
    if (!charged.ok) return { ok: true, value: { retryAfterSeconds: charged.retryAfterSeconds } };
    // A code sent for the previous match must not identify the new one.
    if (call.challengeId) await voidCode(tx, { now }, { challengeId: call.challengeId, reason: 'cancelled', meta });
    await recordLookup(tx, call.id, matched?.id ?? null, call.lookups + 1);
    await recordAudit(tx, {
      event: 'call.customer_looked_up',
      customerId: matched?.id ?? null,
      meta,
      details: { staffId: staff.staffId, callId: call.id, by: lookupKind(query), ...answer },
      occurredAt: now,
    });
    return { ok: true, value: answer };
  });
  const value = unwrapStep(step);
  if ('retryAfterSeconds' in value) throw lookupRateLimitProblem(value.retryAfterSeconds);
  return value;
}
