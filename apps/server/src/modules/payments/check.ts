import type { AppContext } from '../../context.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import { selectProvider } from './catalogue.repo.js';
import { providerEndpoint } from './catalogue.service.js';
import type { Provider } from './catalogue.types.js';
import { type FieldWarning, readFields } from './fields.js';
import { PaymentsProblem } from './payments.errors.js';
import { type CheckedBill, insertCheck, type ServiceCheck } from './payments.repo.js';
import { fieldsProblem } from './problems.js';
import { activeProvider } from './resolve.js';

/** How long the provider's answer stands for a payment: long enough to read the bill and confirm. */
export const CHECK_TTL_MS = 15 * 60_000;

export interface CheckAnswer {
  /** Null for an ad-hoc provider: nothing was asked, nothing to name in the payment. */
  check: ServiceCheck | null;
  warnings: FieldWarning[];
}

/**
 * The "check the account" step before paying (issue 16 item 3): the fields by the provider's
 * rules, then the provider's own answer (validate: that the account exists; fetch: its bill),
 * kept so the payment takes the bill from here. The call to the provider is outside any
 * transaction and bounded by its timeout; a provider that does not answer is a clear 503 and no
 * money moves, since nothing has been created yet.
 */
export async function checkAccount(
  ctx: AppContext,
  input: { customerId: string | null; providerId: string; fields: Record<string, string> },
): Promise<CheckAnswer> {
  const provider = activeProvider(await selectProvider(ctx.db, input.providerId));
  const read = readFields(provider.fields, input.fields);
  if (!read.ok) throw fieldsProblem(read.errors);
  if (provider.mode === 'ad-hoc') return { check: null, warnings: read.warnings };
  const answer = await askProvider(ctx, provider, read.values, read.mainField);
  const now = ctx.clock.now();
  const check: ServiceCheck = {
    id: newId('chk'),
    customerId: input.customerId,
    providerId: provider.id,
    fields: read.values,
    holderName: answer.holderName,
    bill: answer.bill,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHECK_TTL_MS),
  };
  await insertCheck(ctx.db, check);
  return { check, warnings: read.warnings };
}

async function askProvider(
  ctx: AppContext,
  provider: Provider,
  values: Record<string, string>,
  mainField: string,
): Promise<{ holderName: string | null; bill: CheckedBill | null }> {
  const endpoint = await providerEndpoint(ctx, provider.id);
  if (!endpoint) throw new ProblemError(PaymentsProblem['provider-not-found']);
  const notFound = () =>
    new ProblemError(PaymentsProblem['provider-account-not-found'], {
      errors: [{ pointer: `/fields/${mainField}`, detail: PaymentsNotFoundDetail }],
    });
  if (provider.mode === 'validate') {
    const answer = await ctx.paymentProviders.check(endpoint, values);
    if (answer.kind === 'not-found') throw notFound();
    if (answer.kind === 'unavailable') throw unavailable(ctx, provider, answer.reason);
    return { holderName: answer.holderName, bill: null };
  }
  const answer = await ctx.paymentProviders.fetchBill(endpoint, values);
  if (answer.kind === 'not-found') throw notFound();
  if (answer.kind === 'nothing-due') throw new ProblemError(PaymentsProblem['nothing-due']);
  if (answer.kind === 'unavailable') throw unavailable(ctx, provider, answer.reason);
  const { bill } = answer;
  return {
    holderName: bill.holderName,
    bill: { providerBillId: bill.providerBillId, period: bill.period, dueDate: bill.dueDate, lines: bill.lines },
  };
}

const PaymentsNotFoundDetail = {
  ru: 'Проверьте номер: поставщик его не знает',
  kk: 'Нөмірді тексеріңіз: жеткізуші оны білмейді',
  en: 'Check the number: the provider does not know it',
};

function unavailable(ctx: AppContext, provider: Provider, reason: string): ProblemError {
  ctx.log.warn({ providerId: provider.id, reason }, 'service provider did not answer a check');
  return new ProblemError(PaymentsProblem['provider-unavailable'], { headers: { 'retry-after': '60' } });
}
