import type { AppContext } from '../../../context.js';
import { ProblemError } from '../../../shared/problem.js';
import type { RequestMeta } from '../../../shared/request-meta.js';
import { holdAuditChain, recordAudit } from '../../audit/index.js';
import { stripUnsafeCharacters } from '../../identity/index.js';
import type { MerchantPrincipal } from '../merchant-auth.js';
import { ChargebackProblem } from './chargebacks.errors.js';
import { listMerchantChargebacks, lockMerchantChargeback, selectMerchantChargeback, updateResponse } from './chargebacks.repo.js';
import { tell } from './chargebacks.service.js';
import { type Chargeback, OPEN_CHARGEBACK_STATUSES, RESPONSE_TEXT_LENGTH_MAX, type ResponseKind } from './chargebacks.types.js';

/**
 * The merchant's side of its chargebacks (the payment API, Bearer sk_live_…): read them, and answer
 * one while it is open and before its time — evidence that the cardholder made the purchase, or
 * that it accepts the chargeback. The answer goes to the bank's staff on the case; the bank
 * decides. Chargebacks are live only (a test payment has no cardholder): a test key sees none.
 */

export const CHARGEBACKS_PAGE_DEFAULT = 20;
export const CHARGEBACKS_PAGE_MAX = 100;

export async function merchantChargebacks(
  ctx: AppContext,
  scope: Pick<MerchantPrincipal, 'merchantId' | 'mode'>,
  page: { limit: number; afterId: string | null },
): Promise<Chargeback[]> {
  if (scope.mode !== 'live') return [];
  return listMerchantChargebacks(ctx.db, scope.merchantId, page);
}

export async function merchantChargeback(
  ctx: AppContext,
  scope: Pick<MerchantPrincipal, 'merchantId' | 'mode'>,
  chargebackId: string,
): Promise<Chargeback> {
  const found = scope.mode === 'live' ? await selectMerchantChargeback(ctx.db, scope.merchantId, chargebackId) : null;
  if (!found) throw new ProblemError(ChargebackProblem['chargeback-not-found']);
  return found;
}

/** Evidence keeps its lines (a delivery log, an order's history); each line loses its invisible characters. */
function cleanText(text: string | undefined): string | null {
  const lines = (text ?? '').split(/\r?\n/).map((line) => stripUnsafeCharacters(line).trimEnd());
  const cleaned = lines.join('\n').trim().slice(0, RESPONSE_TEXT_LENGTH_MAX);
  return cleaned === '' ? null : cleaned;
}

/** Records the merchant's answer (a new one replaces the last) and tells its endpoints (dispute.updated). */
export async function respondToChargeback(
  ctx: AppContext,
  act: MerchantPrincipal & { meta: RequestMeta },
  chargebackId: string,
  input: { kind: ResponseKind; text?: string },
): Promise<Chargeback> {
  const text = cleanText(input.text);
  if (input.kind === 'evidence' && !text) throw new ProblemError(ChargebackProblem['chargeback-evidence-required']);
  if (act.mode !== 'live') throw new ProblemError(ChargebackProblem['chargeback-not-found']);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // The audit chain's lock first, as the case's steps take it before this row's.
    await holdAuditChain(tx);
    const chargeback = await lockMerchantChargeback(tx, act.merchantId, chargebackId);
    if (!chargeback) throw new ProblemError(ChargebackProblem['chargeback-not-found']);
    if (!OPEN_CHARGEBACK_STATUSES.includes(chargeback.status))
      throw new ProblemError(ChargebackProblem['chargeback-closed'], { values: { status: chargeback.status } });
    if (now.getTime() > chargeback.respondBy.getTime())
      throw new ProblemError(ChargebackProblem['chargeback-response-late'], { values: { respondBy: chargeback.respondBy.toISOString() } });
    const moved = await updateResponse(tx, { id: chargeback.id, kind: input.kind, text, now });
    if (!moved) throw new ProblemError(ChargebackProblem['chargeback-closed'], { values: { status: chargeback.status } });
    const answered: Chargeback = { ...chargeback, status: 'under_review', response: { kind: input.kind, text, at: now }, updatedAt: now };
    await tell(tx, answered, 'dispute.updated', now);
    await recordAudit(tx, {
      event: 'merchant.chargeback_responded',
      meta: act.meta,
      details: {
        merchantId: act.merchantId,
        keyId: act.keyId,
        chargebackId: chargeback.id,
        disputeId: chargeback.disputeId,
        kind: input.kind,
      },
      occurredAt: now,
    });
    return answered;
  });
}
