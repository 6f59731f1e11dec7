import type { Static } from 'typebox';
import type { AppContext } from '../../context.js';
import type { Language } from '../../shared/i18n.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { viewOperation } from '../operations/index.js';
import { selectProvider } from './catalogue.repo.js';
import type { Provider, ServiceCategory } from './catalogue.types.js';
import type { CheckAnswer } from './check.js';
import { PROVIDER_STATUS_TEXTS } from './paying.messages.js';
import { selectServicePayment } from './payments.repo.js';
import type { CategoryView, CheckView, ProviderSummary, ProviderView, ServicePaymentView } from './payments.schemas.js';

/** The JSON of the catalogue and of a payment: amounts as integers of minor units, never an endpoint or a secret. */

export function categoryView(category: ServiceCategory): Static<typeof CategoryView> {
  return { id: category.id, name: category.name, icon: category.icon };
}

export function providerSummary(provider: Provider): Static<typeof ProviderSummary> {
  return {
    id: provider.id,
    slug: provider.slug,
    categoryId: provider.categoryId,
    name: provider.name,
    logo: provider.logo,
    mode: provider.mode,
  };
}

export function providerView(provider: Provider): Static<typeof ProviderView> {
  const { amountRule, feeRule } = provider;
  return {
    ...providerSummary(provider),
    legalName: provider.legalName,
    bin: provider.bin,
    currency: provider.currency,
    fields: provider.fields,
    amountRule: { kind: amountRule.kind, minMinor: Number(amountRule.minMinor), maxMinor: Number(amountRule.maxMinor) },
    feeRule: {
      fixedMinor: Number(feeRule.fixedMinor),
      percentBasisPoints: feeRule.percentBasisPoints,
      capMinor: feeRule.capMinor === null ? null : Number(feeRule.capMinor),
    },
  };
}

export function checkView(answer: CheckAnswer, language: Language): Static<typeof CheckView> {
  const { check } = answer;
  const bill = check?.bill ?? null;
  return {
    checkId: check?.id ?? null,
    holderName: check?.holderName ?? null,
    bill: bill && {
      period: bill.period,
      dueDate: bill.dueDate,
      lines: bill.lines.map((line) => ({ id: line.id, name: line.name, amountMinor: Number(line.amountMinor) })),
      totalMinor: Number(bill.lines.reduce((sum, line) => sum + line.amountMinor, 0n)),
    },
    warnings: answer.warnings.map((warning) => ({ field: warning.field, code: warning.code, message: warning.detail[language] })),
    expiresAt: check?.expiresAt.toISOString() ?? null,
  };
}

/** One payment as its customer sees it: the operation, the provider, the account and lines paid, the provider's side. */
export async function servicePaymentView(
  ctx: AppContext,
  input: { customerId: string; paymentId: string; meta: RequestMeta },
): Promise<Static<typeof ServicePaymentView>> {
  // visibleOperation (inside viewOperation) answers 404 and audits another customer's id.
  const operation = await viewOperation(ctx, input.customerId, input.paymentId, input.meta);
  const payment = operation.kind === 'service' ? await selectServicePayment(ctx.db, input.paymentId) : null;
  const provider = payment ? await selectProvider(ctx.db, payment.providerId) : null;
  if (!payment || !provider) throw new ProblemError(CommonProblem['not-found']);
  return {
    operation,
    provider: providerSummary(provider),
    accountLabel: payment.accountLabel,
    fields: payment.fields,
    lines: payment.lines?.map((line) => ({ id: line.id, name: line.name, amountMinor: Number(line.amountMinor) })) ?? null,
    providerStatus: payment.providerStatus,
    providerStatusText: PROVIDER_STATUS_TEXTS[payment.providerStatus][input.meta.language],
    providerReference: payment.providerReference,
  };
}
