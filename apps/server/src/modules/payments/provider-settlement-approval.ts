import type { AppContext } from '../../context.js';
import { assert } from '../../shared/assert.js';
import { type FieldError, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { type Approval, type ApprovalExecutor, type ApprovalPreLock, requestApproval, requestFailureProblem } from '../approvals/index.js';
import { recordAudit } from '../audit/index.js';
import type { StaffPrincipal } from '../staff/index.js';
import { lockProvider, selectProviderEndpoint, updateProvider } from './catalogue.repo.js';
import { normalizedLegalName, settlementIbanOf } from './catalogue.staff-schemas.js';
import type { Provider } from './catalogue.types.js';
import { CATALOGUE_ADMIN_FIELD_MESSAGES } from './catalogue-admin.messages.js';
import { checkProviderDefinition } from './catalogue-rules.js';
import { PaymentsProblem } from './payments.errors.js';

/**
 * A provider's settlement details (legal name, BIN, settlement IBAN) change only by maker-checker
 * (issue 16 item 1): a new IBAN would send every customer's payment elsewhere, so one staff member
 * asks with a reason (approvals kind provider_settlement) and another of an allowed role approves
 * it in the approvals queue (APPROVAL_DECIDERS); the executor registered here writes them in the
 * decision's transaction, audited with the maker and the checker.
 *
 * The request names the provider's version when it was asked. Any change to the provider since
 * (an edit, a suspension, another settlement change) makes it stale: approving it is refused, and
 * the checker rejects it so the maker asks again on the provider as it is now.
 */

const SETTLEMENT_POINTERS = new Set(['/legalName', '/bin', '/settlementIban']);

type SettlementDetails = Pick<Provider, 'legalName' | 'bin' | 'settlementIban'>;

export interface SettlementChangeInput {
  staff: Pick<StaffPrincipal, 'staffId' | 'role'>;
  providerId: string;
  version: number;
  legalName: string;
  bin: string;
  settlementIban: string;
  reason: string;
  meta: RequestMeta;
}

function detailsOf(provider: SettlementDetails): SettlementDetails {
  return { legalName: provider.legalName, bin: provider.bin, settlementIban: provider.settlementIban };
}

// Compared part by part: the payload comes back from jsonb, which keeps its keys in an order of its own.
function sameDetails(one: SettlementDetails, other: SettlementDetails): boolean {
  return one.legalName === other.legalName && one.bin === other.bin && one.settlementIban === other.settlementIban;
}

/** The catalogue's rules for the three details only: the rest of a stored provider passed them already. */
function settlementProblems(provider: Provider, to: SettlementDetails, endpointUrl: string): FieldError[] {
  return checkProviderDefinition({ ...provider, ...to }, endpointUrl)
    .filter((problem) => SETTLEMENT_POINTERS.has(problem.pointer))
    .map((problem) => ({ pointer: problem.pointer, detail: problem.message }));
}

/**
 * The maker's step: the provider locked at the version the maker read (409 otherwise), the new
 * details checked (422 naming each), then the request, in one transaction. A request like it
 * already pending is a 409 with its id.
 */
export async function requestSettlementChange(ctx: AppContext, input: SettlementChangeInput): Promise<Approval> {
  const to: SettlementDetails = {
    legalName: normalizedLegalName(input.legalName),
    bin: input.bin.trim(),
    settlementIban: settlementIbanOf(input.settlementIban),
  };
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const provider = await lockProvider(tx, input.providerId);
    if (!provider) throw new ProblemError(PaymentsProblem['provider-not-found']);
    if (provider.version !== input.version) throw new ProblemError(PaymentsProblem['provider-version-stale']);
    const endpoint = await selectProviderEndpoint(tx, provider.id);
    assert(endpoint, 'a locked provider has its endpoint');
    const problems = settlementProblems(provider, to, endpoint.url);
    if (problems.length > 0) throw new ProblemError(PaymentsProblem['provider-invalid'], { errors: problems });
    const from = detailsOf(provider);
    if (sameDetails(from, to))
      throw new ProblemError(PaymentsProblem['provider-settlement-unchanged'], {
        errors: [{ pointer: '/settlementIban', detail: CATALOGUE_ADMIN_FIELD_MESSAGES.settlementUnchanged }],
      });
    const result = await requestApproval(tx, {
      kind: 'provider_settlement',
      subjectId: provider.id,
      payload: { providerName: provider.name.ru, providerVersion: provider.version, from, to },
      makerStaffId: input.staff.staffId,
      reason: input.reason,
      now,
      ttlHours: ctx.config.approvals.ttlHours,
      meta: input.meta,
    });
    if (!result.ok) throw requestFailureProblem(result);
    await recordAudit(tx, {
      event: 'payments.provider_settlement_requested',
      meta: input.meta,
      details: { staffId: input.staff.staffId, role: input.staff.role, providerId: provider.id, approvalId: result.approval.id },
      occurredAt: now,
    });
    return result.approval;
  });
}

/**
 * The decision takes the audit chain's lock before the request's; a staff edit takes the
 * provider's row first and the chain after (catalogue.admin.ts). Locking the row here, before the
 * chain, keeps one order for both.
 */
const lockTheProvider: ApprovalPreLock<'provider_settlement'> = async (tx, request) => {
  await lockProvider(tx, request.subjectId);
};

/**
 * The executor of an approved provider_settlement, in the decision's transaction: the provider
 * must still be at the version asked about (else stale, which undoes the decision), and the new
 * details are written as the next version.
 */
const settlementExecutor: ApprovalExecutor<'provider_settlement'> = async (tx, request) => {
  assert(request.checkerStaffId && request.decidedAt, 'an executed request is approved, with its checker');
  const { providerVersion, from, to } = request.payload;
  const provider = await lockProvider(tx, request.subjectId);
  if (!provider) throw new ProblemError(PaymentsProblem['provider-not-found']);
  if (provider.version !== providerVersion) throw new ProblemError(PaymentsProblem['provider-settlement-stale']);
  assert(sameDetails(provider, from), 'the version asked about holds the details asked about');
  const after: Provider = { ...provider, ...detailsOf(to), version: provider.version + 1, updatedAt: request.decidedAt };
  assert(await updateProvider(tx, after, provider.version), 'the locked row is at the version read');
  await recordAudit(tx, {
    event: 'payments.provider_settlement_changed',
    meta: null,
    details: {
      staffId: request.checkerStaffId,
      makerStaffId: request.makerStaffId,
      checkerStaffId: request.checkerStaffId,
      approvalId: request.id,
      providerId: provider.id,
      version: after.version,
      before: from,
      after: to,
    },
    occurredAt: request.decidedAt,
  });
  return { providerId: provider.id, version: after.version, ...detailsOf(to) };
};

/** Puts payments' executor of provider_settlement in the app's registry (app.ts, at start); returns the undo. */
export function registerProviderSettlementExecutor(ctx: AppContext): () => void {
  return ctx.approvalExecutors.register('provider_settlement', settlementExecutor, { preLock: lockTheProvider });
}
