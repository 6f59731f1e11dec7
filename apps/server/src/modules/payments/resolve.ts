import type { AppContext } from '../../context.js';
import { format, type Language, type Localized } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { formatMoney } from '../../shared/money.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { findCustomerById } from '../identity/index.js';
import { type Account, type Currency, getAccount, providerAccountId } from '../ledger/index.js';
import type { OperationDraft, OperationRecord } from '../operations/index.js';
import { selectProvider } from './catalogue.repo.js';
import type { Provider } from './catalogue.types.js';
import { checkAmount, serviceFee } from './fees.js';
import { readFields } from './fields.js';
import { PAYMENT_TEXTS } from './paying.messages.js';
import { PaymentsProblem } from './payments.errors.js';
import { AMOUNT_ERROR_MESSAGES } from './payments.messages.js';
import { type PaidLine, type ServiceCheck, selectCheck } from './payments.repo.js';
import { fieldsProblem, notYoursProblem } from './problems.js';

/** A service payment as the API validated it (payments.routes.ts CreateServicePayment). */
export interface CreateServicePaymentInput {
  providerId: string;
  sourceAccountId: string;
  amountMinor: bigint;
  currency: Currency;
  fields: Record<string, string>;
  /** The provider's answer for the account (validate and fetch modes): the bill and the name come from there. */
  checkId?: string;
  /** Which lines of the fetched bill, and how much of each (fetch mode). */
  lines?: Array<{ id: string; amountMinor: bigint }>;
  /** A run of the customer's scheduled payment (schedule-runner.ts; never from the API): exempt from a code as a series (RTS art. 14). */
  scheduleId?: string;
}

/** What only a service payment has (table service_payments). */
export interface ServicePaymentDetails {
  providerId: string;
  checkId: string | null;
  accountLabel: string;
  fields: Record<string, string>;
  lines: PaidLine[] | null;
  /** The series this payment is a run of (not kept: the operation's exemption says it). */
  scheduleId: string | null;
}

export type ServicePaymentDraft = OperationDraft<ServicePaymentDetails>;

/**
 * Reads what a payment request names and prices it: the customer, their account in the payment's
 * currency, an active provider, the account at the provider by the provider's field rules, the
 * provider's answer for it (never the client's word for what is owed), the amount by the rule, the
 * fee. A request the API refuses throws (4xx, nothing recorded); risk and the ledger decide the rest.
 */
export async function resolveServicePayment(
  ctx: AppContext,
  input: { customerId: string; request: CreateServicePaymentInput; meta: RequestMeta; now: Date },
): Promise<ServicePaymentDraft> {
  const { request, now } = input;
  const [customer, source, provider] = await Promise.all([
    findCustomerById(ctx.db, input.customerId),
    getAccount(ctx.db, request.sourceAccountId),
    selectProvider(ctx.db, request.providerId),
  ]);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  if (!source || source.ownerId !== customer.id)
    throw await notYoursProblem(ctx, customer.id, input.meta, 'account', request.sourceAccountId);
  const active = activeProvider(provider);
  if (source.currency !== request.currency || active.currency !== request.currency) throw currencyProblem(active.currency);
  const priced = await pricePayment(ctx, { provider: active, payerId: customer.id, request, now });
  const record = newRecord({ customerId: customer.id, source, provider: active, request, now, language: input.meta.language });
  record.payeeReference = priced.accountLabel;
  const details: ServicePaymentDetails = {
    providerId: active.id,
    checkId: priced.check?.id ?? null,
    accountLabel: priced.accountLabel,
    fields: priced.values,
    lines: priced.lines,
    scheduleId: request.scheduleId ?? null,
  };
  return { customer, record, details, declined: null, ownAccounts: new Map([[source.id, source]]), batchPostings: null };
}

/** A payment to a provider as its rules and its answer make it (pricePayment). */
export interface PricedPayment {
  values: Record<string, string>;
  accountLabel: string;
  check: ServiceCheck | null;
  lines: PaidLine[] | null;
  feeMinor: bigint;
}

/**
 * The payment's account at the provider by the provider's field rules, the provider's answer for
 * it (the payer's own check: a customer's, or a guest's, whose payerId is null), the lines paid,
 * the amount by the rule and the fee. Shared by customers' payments and guests' (guest/).
 */
export async function pricePayment(
  ctx: AppContext,
  input: {
    provider: Provider;
    payerId: string | null;
    request: Pick<CreateServicePaymentInput, 'fields' | 'checkId' | 'lines' | 'amountMinor'>;
    now: Date;
  },
): Promise<PricedPayment> {
  const { provider, request } = input;
  const read = readFields(provider.fields, request.fields);
  if (!read.ok) throw fieldsProblem(read.errors);
  const check = await checkFor(ctx, provider, input.payerId, read.values, request.checkId, input.now);
  const lines = paidLines(provider, check, request);
  // A bill is paid in part by choosing lines: the rule applies to what the chosen lines owe.
  const amount = checkAmount(provider.amountRule, request.amountMinor, lines ? dueOf(check, lines) : null);
  if (!amount.ok) throw amountProblem(amount.code, amount.limitMinor, provider.currency);
  return {
    values: read.values,
    accountLabel: read.accountLabel,
    check,
    lines,
    feeMinor: serviceFee(provider.feeRule, request.amountMinor),
  };
}

/** A suspended provider takes no new payment; an unknown one is not found. */
export function activeProvider(provider: Provider | null): Provider {
  if (!provider) throw new ProblemError(PaymentsProblem['provider-not-found']);
  if (provider.status !== 'active') throw new ProblemError(PaymentsProblem['provider-suspended']);
  return provider;
}

/** The payer's own check of this account at this provider, still fresh; ad-hoc providers need none. */
async function checkFor(
  ctx: AppContext,
  provider: Provider,
  payerId: string | null,
  values: Record<string, string>,
  checkId: string | undefined,
  now: Date,
): Promise<ServiceCheck | null> {
  if (provider.mode === 'ad-hoc') return null;
  if (!checkId) throw new ProblemError(PaymentsProblem['check-required']);
  const check = await selectCheck(ctx.db, checkId);
  // Another customer's check is no check of this customer's, nor a guest's of a customer's: the same answer as none.
  if (!check || check.customerId !== payerId || check.providerId !== provider.id || !sameFields(check.fields, values)) {
    throw new ProblemError(PaymentsProblem['check-required']);
  }
  if (check.expiresAt <= now) throw new ProblemError(PaymentsProblem['check-expired']);
  return check;
}

function sameFields(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * The bill's lines the customer pays (fetch mode): each at most once, each one of the bill's, at
 * exactly its amount when the provider takes only exact payments, and adding up to the amount.
 */
function paidLines(
  provider: Provider,
  check: ServiceCheck | null,
  request: Pick<CreateServicePaymentInput, 'lines' | 'amountMinor'>,
): PaidLine[] | null {
  if (provider.mode !== 'fetch') {
    if (request.lines?.length) throw amountInvalid('/lines', PAYMENT_TEXTS.linesNotExpected);
    return null;
  }
  const bill = check?.bill;
  if (!bill) throw new ProblemError(PaymentsProblem['check-required']);
  const chosen = request.lines ?? [];
  if (chosen.length === 0) throw amountInvalid('/lines', PAYMENT_TEXTS.linesRequired);
  const seen = new Set<string>();
  const lines = chosen.map((line, index) => {
    const billed = bill.lines.find((candidate) => candidate.id === line.id);
    if (!billed || seen.has(line.id)) throw amountInvalid(`/lines/${index}/id`, PAYMENT_TEXTS.lineUnknown);
    seen.add(line.id);
    if (provider.amountRule.kind === 'exact' && line.amountMinor !== billed.amountMinor) {
      throw amountInvalid(`/lines/${index}/amountMinor`, PAYMENT_TEXTS.lineNotExact);
    }
    return { id: billed.id, name: billed.name, amountMinor: line.amountMinor };
  });
  const total = lines.reduce((sum, line) => sum + line.amountMinor, 0n);
  if (total !== request.amountMinor) throw amountInvalid('/amountMinor', PAYMENT_TEXTS.linesDoNotAddUp);
  return lines;
}

/** What the bill says the chosen lines owe. */
function dueOf(check: ServiceCheck | null, lines: readonly PaidLine[]): bigint {
  const chosen = new Set(lines.map((line) => line.id));
  return check?.bill?.lines.filter((line) => chosen.has(line.id)).reduce((sum, line) => sum + line.amountMinor, 0n) ?? 0n;
}

function newRecord(input: {
  customerId: string;
  source: Account;
  provider: Provider;
  request: CreateServicePaymentInput;
  now: Date;
  language: Language;
}): OperationRecord {
  const { provider, request } = input;
  return {
    id: newId('op'),
    customerId: input.customerId,
    kind: 'payment.service',
    status: 'created',
    sourceAccountId: input.source.id,
    // The provider's settlement account, opened on the first payment to it (payment-kind.ts postings).
    payeeAccountId: providerAccountId(provider.id, provider.currency),
    payeeCustomerId: null,
    // The provider as the customer saw it in the catalogue.
    payeeLabel: provider.name[input.language],
    payeeReference: null,
    amountMinor: request.amountMinor,
    feeMinor: serviceFee(provider.feeRule, request.amountMinor),
    currency: request.currency,
    purposeCode: null,
    description: null,
    scaExemption: null,
    challengeId: null,
    declineReason: null,
    ledgerOperationId: null,
    idempotencyKey: null,
    createdAt: input.now,
    expiresAt: null,
    completedAt: null,
  };
}

function currencyProblem(currency: Currency): ProblemError {
  return amountInvalid('/currency', {
    ru: `Поставщик принимает платежи в ${currency}`,
    kk: `Жеткізуші төлемдерді ${currency} валютасында қабылдайды`,
    en: `The provider takes payments in ${currency}`,
  });
}

function amountInvalid(pointer: string, detail: Localized): ProblemError {
  return new ProblemError(PaymentsProblem['payment-amount-invalid'], { errors: [{ pointer, detail }] });
}

function amountProblem(code: 'below-minimum' | 'above-maximum' | 'not-exact', limitMinor: bigint, currency: Currency): ProblemError {
  const text = AMOUNT_ERROR_MESSAGES[code];
  const limit = (language: Language) => formatMoney(limitMinor, currency, language);
  const detail = {
    ru: format(text.ru, { limit: limit('ru') }),
    kk: format(text.kk, { limit: limit('kk') }),
    en: format(text.en, { limit: limit('en') }),
  };
  return new ProblemError(PaymentsProblem['payment-amount-invalid'], { errors: [{ pointer: '/amountMinor', detail }] });
}
