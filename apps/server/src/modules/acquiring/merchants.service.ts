import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { AcquiringProblem } from './acquiring.errors.js';
import { MERCHANT_FIELD_ERRORS } from './acquiring.messages.js';
import { findMerchant, insertMerchant, listApiKeys, listMerchants, updateMerchantStatus } from './acquiring.repo.js';
import { displayNameOf } from './merchant-display-name.js';
import { checkMerchantFields, type MerchantFieldsInput } from './merchant-fields.js';
import { MERCHANT_TRANSITIONS, type Merchant, type MerchantApiKey, type MerchantStatus } from './merchants.types.js';

/** A page of the staff's merchant list. */
export const MERCHANTS_PAGE_DEFAULT = 50;
export const MERCHANTS_PAGE_MAX = 100;
/** Keys a merchant's file shows: every active one (capped per mode) and the latest revoked ones. */
export const MERCHANT_KEYS_SHOWN_MAX = 50;
/** A new merchant's MDR (migration 0040's default): 1.5 %. */
export const MDR_BPS_DEFAULT = 150;

interface StaffAct {
  staffId: string;
  meta: RequestMeta;
}

/** http://localhost return origins are for a developer's machine, never for the bank in production. */
export function allowLocalHttp(ctx: AppContext): boolean {
  return ctx.config.nodeEnv !== 'production';
}

/** A new merchant, active, in the modes staff chose; 422 naming every bad field, 409 for a BIN on file. */
export async function createMerchant(ctx: AppContext, input: MerchantFieldsInput & StaffAct): Promise<Merchant> {
  const checked = checkMerchantFields(input, { allowLocalHttp: allowLocalHttp(ctx) });
  if (!checked.ok) throw new ProblemError(AcquiringProblem['merchant-invalid'], { errors: checked.failures });
  const now = ctx.clock.now();
  const merchant: Merchant = {
    id: newId('mch'),
    ...checked.fields,
    // Staff change both with PATCH (merchant-settings.ts); until then the DE43 name comes from the legal name.
    displayName: displayNameOf(checked.fields.legalName),
    mdrBps: MDR_BPS_DEFAULT,
    status: 'active',
    statusReason: null,
    createdByStaffId: input.staffId,
    createdAt: now,
    updatedAt: now,
  };
  const created = await ctx.db.transaction(async (tx) => {
    if (!(await insertMerchant(tx, merchant))) return false;
    await recordAudit(tx, {
      event: 'merchant.created',
      meta: input.meta,
      details: {
        staffId: input.staffId,
        merchantId: merchant.id,
        mcc: merchant.mcc,
        returnOrigins: merchant.returnOrigins,
        testModeEnabled: merchant.testModeEnabled,
        liveModeEnabled: merchant.liveModeEnabled,
      },
      occurredAt: now,
    });
    return true;
  });
  if (!created)
    throw new ProblemError(AcquiringProblem['merchant-bin-taken'], {
      errors: [{ pointer: '/bin', detail: MERCHANT_FIELD_ERRORS.binTaken }],
    });
  return merchant;
}

export async function listMerchantsAudited(
  ctx: AppContext,
  input: StaffAct & { limit: number; afterId: string | null },
): Promise<Merchant[]> {
  const merchants = await listMerchants(ctx.db, { limit: input.limit, afterId: input.afterId });
  await recordAuditAlone(ctx.db, {
    event: 'merchants.listed',
    meta: input.meta,
    details: { staffId: input.staffId, count: merchants.length, afterId: input.afterId },
    occurredAt: ctx.clock.now(),
  });
  return merchants;
}

/** The merchant's file for staff: the record and its keys (display prefixes only). */
export async function merchantFile(
  ctx: AppContext,
  input: StaffAct & { merchantId: string },
): Promise<{ merchant: Merchant; keys: MerchantApiKey[] }> {
  const merchant = await findMerchant(ctx.db, input.merchantId);
  if (!merchant) throw new ProblemError(AcquiringProblem['merchant-not-found']);
  const keys = await listApiKeys(ctx.db, merchant.id, MERCHANT_KEYS_SHOWN_MAX);
  await recordAuditAlone(ctx.db, {
    event: 'merchant.viewed',
    meta: input.meta,
    details: { staffId: input.staffId, merchantId: merchant.id },
    occurredAt: ctx.clock.now(),
  });
  return { merchant, keys };
}

/** Suspends or reactivates a merchant, with the reason; 409 when it is in that state already. */
export async function setMerchantStatus(
  ctx: AppContext,
  input: StaffAct & { merchantId: string; status: MerchantStatus; reason: string },
): Promise<Merchant> {
  const now = ctx.clock.now();
  const result = await ctx.db.transaction(async (tx) => {
    const changed = await updateMerchantStatus(tx, {
      merchantId: input.merchantId,
      from: MERCHANT_TRANSITIONS[input.status],
      to: input.status,
      reason: input.reason,
      now,
    });
    if (!changed) return (await findMerchant(tx, input.merchantId)) ? ('refused' as const) : ('not-found' as const);
    await recordAudit(tx, {
      event: input.status === 'suspended' ? 'merchant.suspended' : 'merchant.reactivated',
      meta: input.meta,
      details: { staffId: input.staffId, merchantId: input.merchantId, reason: input.reason },
      occurredAt: now,
    });
    return changed;
  });
  if (result === 'not-found') throw new ProblemError(AcquiringProblem['merchant-not-found']);
  if (result === 'refused') throw new ProblemError(AcquiringProblem['merchant-status-refused']);
  return result;
}
