import type { AppContext } from '../../context.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { callFailureProblem } from './calls.errors.js';
import { readCall } from './calls.repo.js';
import { type CallStaff, isLive } from './calls.types.js';

/**
 * The customer an inbound call's look-up matched, for the staff member's own live call: what the
 * emergency block on weaker identification (issue 13 item 4 (b), modules/blocks) checks the
 * caller's answers against, when no SMS can reach a lost phone. Server-side only: the answer of
 * the route that uses it never says whom the look-up matched, nor whether it matched anyone.
 *
 * Another staff member's call, an outbound call, a closed one or one past the maximum duration is
 * not found (404, audited as a denied access): a call is worked by the one who took it, while it
 * lasts. `customerId` is null when the last look-up matched nobody, or no one alone.
 */
export async function liveCallMatch(
  ctx: AppContext,
  staff: CallStaff,
  callId: string,
  meta: RequestMeta,
): Promise<{ callId: string; customerId: string | null }> {
  const call = await readCall(ctx.db, callId);
  const live =
    call !== null &&
    call.staffId === staff.staffId &&
    call.direction === 'inbound' &&
    isLive(call, ctx.clock.now(), ctx.config.callDurationMaxMinutes);
  if (!live || !call) {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId: null,
      meta,
      details: { resource: 'call', staffId: staff.staffId, role: staff.role, callId, reason: 'no-live-inbound-call' },
      occurredAt: ctx.clock.now(),
    });
    throw callFailureProblem('call-not-found');
  }
  // An identified call names its customer; an open one the customer its last look-up matched.
  return { callId: call.id, customerId: call.customerId ?? call.matchedCustomerId };
}
