import type { AppContext } from '../../../context.js';
import { calendarDay } from '../../../shared/datetime.js';
import { newId } from '../../../shared/ids.js';
import { ProblemError } from '../../../shared/problem.js';
import { recordAudit, recordAuditAlone } from '../../audit/index.js';
import type { StaffAct } from '../catalogue.admin.js';
import { selectProvider } from '../catalogue.repo.js';
import { providerEndpoint } from '../catalogue.service.js';
import { paymentsMoney } from '../money-state.js';
import { PaymentsProblem } from '../payments.errors.js';
import type { ProviderConfirmation } from '../provider/index.js';
import { RegistryProblem } from './registry.errors.js';
import { dayPayments } from './registry.js';
import {
  type AmountMismatch,
  insertReconciliation,
  type MissingAtBank,
  type MissingAtProvider,
  type ReconciliationRow,
  selectProviderPaymentIds,
  selectReconciliations,
} from './registry.repo.js';
import type { RegistryLine } from './registry-csv.js';

/**
 * The reconciliation of a provider's day (issue 16 item 6; docs/payments-providers.md): what the
 * provider says it received (GET /confirmations, through the port, outside any transaction)
 * against the ledger's payments of that day (the registry's lines, read afresh from the
 * operations), by payment id:
 *   matched              the same id and amount on both sides;
 *   missing at provider  the bank's money moved, the provider lists nothing (a notice not yet
 *                        acknowledged, a rejected payment, or one the provider lost);
 *   missing at bank      the provider lists an id the bank has no payment of to it;
 *   amount mismatch      both have it, with different amounts.
 * A payment the provider lists under this day that the bank made the day before or after (a
 * payment confirmed across midnight) is matched against the bank's own record of it, wherever its
 * day; the bank's side of it shows on the bank's day's report as missing at the provider.
 */

/** Each list of a stored report keeps at most this many entries; the counts are always exact. */
export const RECONCILIATION_LIST_MAX = 1000;
/** Ids looked up at once among the bank's payments of other days. */
const LOOKUP_CHUNK = 500;

interface Matched {
  matchedCount: number;
  missingAtProvider: MissingAtProvider[];
  missingAtBank: MissingAtBank[];
  amountMismatches: AmountMismatch[];
}

/** The day's lines against the provider's list; what the provider lists beyond the day is returned to be looked up. */
export function matchDay(lines: readonly RegistryLine[], confirmations: readonly ProviderConfirmation[]) {
  const bank = new Map(lines.map((line) => [line.paymentId, line]));
  const matched: Matched = { matchedCount: 0, missingAtProvider: [], missingAtBank: [], amountMismatches: [] };
  const elsewhere: ProviderConfirmation[] = [];
  const listed = new Set<string>();
  for (const confirmation of confirmations) {
    listed.add(confirmation.paymentId);
    const line = bank.get(confirmation.paymentId);
    if (!line) elsewhere.push(confirmation);
    else if (line.amountMinor === confirmation.amountMinor) matched.matchedCount += 1;
    else
      matched.amountMismatches.push({
        paymentId: line.paymentId,
        bankAmountMinor: line.amountMinor,
        providerAmountMinor: confirmation.amountMinor,
      });
  }
  for (const line of lines)
    if (!listed.has(line.paymentId)) matched.missingAtProvider.push({ paymentId: line.paymentId, amountMinor: line.amountMinor });
  return { matched, elsewhere };
}

/** The provider's ids not among the day's: matched or mismatched against the bank's payment of another day, else missing at the bank. */
async function lookUpElsewhere(ctx: AppContext, providerId: string, elsewhere: readonly ProviderConfirmation[], into: Matched) {
  for (let start = 0; start < elsewhere.length; start += LOOKUP_CHUNK) {
    const chunk = elsewhere.slice(start, start + LOOKUP_CHUNK);
    const ours = await selectProviderPaymentIds(
      ctx.db,
      providerId,
      chunk.map((confirmation) => confirmation.paymentId),
    );
    const moneys = await paymentsMoney(ctx.db, ours);
    for (const confirmation of chunk) {
      const money = moneys.get(confirmation.paymentId);
      if (money?.state !== 'moved') into.missingAtBank.push({ ...confirmation });
      else if (money.amountMinor === confirmation.amountMinor) into.matchedCount += 1;
      else
        into.amountMismatches.push({
          paymentId: confirmation.paymentId,
          bankAmountMinor: money.amountMinor,
          providerAmountMinor: confirmation.amountMinor,
        });
    }
  }
}

/**
 * Runs and stores a reconciliation of a day that is over in the bank's zone. The provider is
 * asked before anything is written and outside any transaction (STYLE.md habit 4); the report and
 * its audit entry are written together.
 */
export async function runReconciliation(
  ctx: AppContext,
  input: StaffAct & { providerId: string; day: string },
): Promise<ReconciliationRow> {
  const provider = await selectProvider(ctx.db, input.providerId);
  const endpoint = provider ? await providerEndpoint(ctx, provider.id) : null;
  if (!provider || !endpoint) throw new ProblemError(PaymentsProblem['provider-not-found']);
  const now = ctx.clock.now();
  if (input.day >= calendarDay(now, ctx.config.bankTimeZone)) throw new ProblemError(RegistryProblem['reconciliation-day-open']);
  const [bank, answer] = await Promise.all([
    dayPayments(ctx, provider.id, input.day),
    ctx.paymentProviders.confirmations(endpoint, input.day),
  ]);
  if (answer.kind === 'unavailable') throw new ProblemError(RegistryProblem['reconciliation-provider-unavailable']);
  const { matched, elsewhere } = matchDay(bank.lines, answer.confirmations);
  await lookUpElsewhere(ctx, provider.id, elsewhere, matched);
  const report: ReconciliationRow = {
    id: newId('rcn'),
    providerId: provider.id,
    day: input.day,
    staffId: input.staffId,
    matchedCount: matched.matchedCount,
    missingAtProviderCount: matched.missingAtProvider.length,
    missingAtBankCount: matched.missingAtBank.length,
    amountMismatchCount: matched.amountMismatches.length,
    missingAtProvider: matched.missingAtProvider.slice(0, RECONCILIATION_LIST_MAX),
    missingAtBank: matched.missingAtBank.slice(0, RECONCILIATION_LIST_MAX),
    amountMismatches: matched.amountMismatches.slice(0, RECONCILIATION_LIST_MAX),
    createdAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await insertReconciliation(tx, report);
    await recordAudit(tx, {
      event: 'payments.reconciliation_run',
      meta: input.meta,
      details: {
        staffId: input.staffId,
        providerId: provider.id,
        day: input.day,
        reconciliationId: report.id,
        matched: report.matchedCount,
        missingAtProvider: report.missingAtProviderCount,
        missingAtBank: report.missingAtBankCount,
        amountMismatches: report.amountMismatchCount,
      },
      occurredAt: now,
    });
  });
  return report;
}

/** Staff see at most this many reports at once, newest first. */
export const RECONCILIATIONS_PAGE_MAX = 50;

export async function listReconciliationsAudited(
  ctx: AppContext,
  input: StaffAct & { providerId: string; limit: number },
): Promise<ReconciliationRow[]> {
  if (!(await selectProvider(ctx.db, input.providerId))) throw new ProblemError(PaymentsProblem['provider-not-found']);
  const reports = await selectReconciliations(ctx.db, input.providerId, input.limit);
  await recordAuditAlone(ctx.db, {
    event: 'payments.reconciliations_listed',
    meta: input.meta,
    details: { staffId: input.staffId, providerId: input.providerId, count: reports.length },
    occurredAt: ctx.clock.now(),
  });
  return reports;
}
