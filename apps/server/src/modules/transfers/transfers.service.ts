import { isValidIBAN } from 'ibantools';
import type { AppContext } from '../../context.js';
import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { formatMoney } from '../../shared/money.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { findCustomerById, findCustomerByPhone, maskName, normalizePhone, stripUnsafeCharacters } from '../identity/index.js';
import {
  type Account,
  accountBalance,
  type BalanceCeiling,
  type Currency,
  ensureSystemAccounts,
  getAccount,
  getAccountByIban,
  getSystemAccount,
  LedgerProblemError,
  listAccountsByOwner,
  normalizeIban,
  postOperation,
} from '../ledger/index.js';
import { notifyCustomer } from '../notifications/index.js';
import {
  codePolicy,
  codeSms,
  type IssueResult,
  issueFailureProblem,
  resendCode,
  resendFailureProblem,
  tryIssueCode,
  verifyCode,
  verifyFailureProblem,
} from '../sca/index.js';
import { submitOwnTransfer } from './batcher.js';
import { claimIdempotencyKey, releaseIdempotencyKey, requestHash, type StoredResponse, storeIdempotentResponse } from './idempotency.js';
import {
  lowValueAllowanceFits,
  resetLowValueAllowance,
  type ScaExemption,
  spendLowValueAllowance,
  withinLowValueCap,
} from './low-value.js';
import { countUnknownPayee, payeeLookupsProblem } from './payee-lookup.js';
import { DECLINE_REASONS, type DeclineReason, TransferProblem } from './transfers.errors.js';
import { isTrustedPayee } from './trusted-payees.js';

export type TransferKind = 'own' | 'phone' | 'iban';
export type TransferStatus = 'awaiting_confirmation' | 'completed' | 'sent' | 'declined' | 'expired';

type IssueRefusal = Exclude<IssueResult, { ok: true }>;

export interface CreateTransferInput {
  kind: TransferKind;
  sourceAccountId: string;
  amountMinor: bigint;
  currency: Currency;
  destinationAccountId?: string;
  payeePhone?: string;
  payeeIban?: string;
  payeeName?: string;
  payeeTaxId?: string;
  purposeCode?: string;
  description?: string;
}

interface TransferRow {
  id: string;
  customer_id: string;
  kind: TransferKind;
  status: TransferStatus;
  source_account_id: string;
  destination_account_id: string | null;
  recipient_customer_id: string | null;
  amount_minor: bigint;
  fee_minor: bigint;
  currency: Currency;
  payee_phone: string | null;
  payee_name_masked: string | null;
  payee_iban: string | null;
  payee_name: string | null;
  payee_tax_id: string | null;
  purpose_code: string | null;
  description: string | null;
  challenge_id: string | null;
  decline_reason: DeclineReason | null;
  ledger_operation_id: string | null;
  /** Why no code was asked of a transfer to another person; own-account transfers leave it null (migration 0006). */
  sca_exemption: Exclude<ScaExemption, 'own'> | null;
  created_at: Date;
  expires_at: Date | null;
  completed_at: Date | null;
}

export interface TransferView {
  id: string;
  kind: TransferKind;
  direction: 'outgoing' | 'incoming';
  status: TransferStatus;
  sourceAccountId: string | null;
  destinationAccountId: string | null;
  amountMinor: number;
  feeMinor: number;
  currency: string;
  payee: string;
  payer: string | null;
  purposeCode: string | null;
  description: string | null;
  declineReason: string | null;
  declineReasonText: string | null;
  createdAt: string;
  completedAt: string | null;
  /** The sender's view only: why the bank asked no SMS code (RTS art. 13, 15, 16); null when it asked one. */
  scaExemption: ScaExemption | null;
  confirmation: { expiresAt: string; resendAvailableAt: string } | null;
}

function scaExemptionOf(row: TransferRow): ScaExemption | null {
  // Own-account transfers are exempt by their kind; the batcher does not write the column.
  if (row.kind === 'own') return 'own';
  return row.sca_exemption;
}

function payeeLabel(row: TransferRow, ownAccount: Account | null): string {
  if (row.kind === 'own') return ownAccount?.displayName ?? row.destination_account_id ?? '';
  if (row.kind === 'phone') return row.payee_name_masked ?? row.payee_phone ?? '';
  return row.payee_name_masked ?? row.payee_iban ?? '';
}

export function toView(
  row: TransferRow,
  viewerId: string,
  language: Language,
  extra: { destination?: Account | null; payerName?: string | null; confirmation?: TransferView['confirmation'] } = {},
): TransferView {
  const outgoing = row.customer_id === viewerId;
  return {
    id: row.id,
    kind: row.kind,
    direction: outgoing ? 'outgoing' : 'incoming',
    status: row.status,
    sourceAccountId: outgoing ? row.source_account_id : null,
    destinationAccountId: outgoing || row.recipient_customer_id === viewerId ? row.destination_account_id : null,
    amountMinor: Number(row.amount_minor),
    feeMinor: outgoing ? Number(row.fee_minor) : 0,
    currency: row.currency,
    payee: payeeLabel(row, extra.destination ?? null),
    payer: outgoing ? null : (extra.payerName ?? null),
    purposeCode: row.purpose_code,
    description: row.description,
    declineReason: row.decline_reason,
    declineReasonText: row.decline_reason ? DECLINE_REASONS[row.decline_reason][language] : null,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    scaExemption: outgoing ? scaExemptionOf(row) : null,
    confirmation: extra.confirmation ?? null,
  };
}

/** What the code is bound to (RTS art. 5): change any of it and the code is void. */
function linkedDetails(
  row: Pick<
    TransferRow,
    'id' | 'amount_minor' | 'currency' | 'destination_account_id' | 'payee_iban' | 'payee_phone' | 'source_account_id'
  >,
) {
  return {
    transferId: row.id,
    amountMinor: row.amount_minor.toString(),
    currency: row.currency,
    source: row.source_account_id,
    payee: row.destination_account_id ?? row.payee_iban ?? row.payee_phone,
  };
}

async function ownedAccount(q: Queryable, customerId: string, accountId: string): Promise<Account | null> {
  const account = await getAccount(q, accountId);
  return account && account.ownerId === customerId ? account : null;
}

/**
 * The per-customer limit lock, held to the end of the transaction: the sums of a customer's
 * transfers (day, month, a wallet's day turnover) are read after it, so a parallel transfer of the
 * same customer either has committed and is counted or waits here. Lock order: after the
 * low-value counters (low-value.ts), before the ledger's accounts.
 */
async function lockTransferLimits(tx: Tx, customerId: string): Promise<void> {
  await tx.query('INSERT INTO transfer_limit_locks (customer_id) VALUES ($1) ON CONFLICT DO NOTHING', [customerId]);
  await tx.query('SELECT customer_id FROM transfer_limit_locks WHERE customer_id = $1 FOR UPDATE', [customerId]);
}

/** Limits for transfers to others, checked under a per-customer lock in the posting transaction. */
async function limitDecline(tx: Tx, ctx: AppContext, customerId: string, amountMinor: bigint, now: Date): Promise<DeclineReason | null> {
  const policy = ctx.config.transfers;
  if (amountMinor > policy.perOperationMaxMinor) return 'limit-per-operation';
  await lockTransferLimits(tx, customerId);
  // Calendar day and month in Almaty time: what a customer reads as "today".
  const { rows } = await tx.query<{ day: bigint | null; month: bigint | null }>(
    `SELECT (sum(amount_minor) FILTER (WHERE completed_at >= date_trunc('day', $2::timestamptz AT TIME ZONE 'Asia/Almaty') AT TIME ZONE 'Asia/Almaty'))::bigint AS day,
            sum(amount_minor)::bigint AS month
     FROM transfers
     WHERE customer_id = $1 AND status IN ('completed', 'sent') AND kind <> 'own'
       AND completed_at >= date_trunc('month', $2::timestamptz AT TIME ZONE 'Asia/Almaty') AT TIME ZONE 'Asia/Almaty'`,
    [customerId, now],
  );
  const day = rows[0]?.day ?? 0n;
  const month = rows[0]?.month ?? 0n;
  if (day + amountMinor > policy.perDayMaxMinor) return 'limit-per-day';
  if (month + amountMinor > policy.perMonthMaxMinor) return 'limit-per-month';
  return null;
}

async function identificationLevel(tx: Tx, customerId: string | null): Promise<'none' | 'simplified' | 'full'> {
  const customer = customerId ? await findCustomerById(tx, customerId) : null;
  return customer?.identificationLevel ?? 'full';
}

/**
 * E-money caps by the wallet owner's identification level on money leaving a wallet: per
 * operation and per Almaty day. Checked in the posting transaction under the owner's limit lock,
 * so parallel transfers out of one wallet cannot together pass the day's cap: transfers to others
 * took the lock in limitDecline already, and own-account ones take it here.
 */
async function walletDecline(tx: Tx, ctx: AppContext, row: TransferRow, now: Date): Promise<DeclineReason | null> {
  const source = await getAccount(tx, row.source_account_id);
  if (source?.kind !== 'ewallet') return null;
  const caps = ctx.config.emoneyLimits[await identificationLevel(tx, source.ownerId)];
  if (!caps) return null;
  if (row.amount_minor + row.fee_minor > caps.perOperationMaxMinor) return 'wallet-limit';
  if (row.kind === 'own') await lockTransferLimits(tx, row.customer_id);
  const { rows } = await tx.query<{ day: bigint | null }>(
    `SELECT sum(amount_minor + fee_minor)::bigint AS day FROM transfers
     WHERE source_account_id = $1 AND status IN ('completed', 'sent')
       AND completed_at >= date_trunc('day', $2::timestamptz AT TIME ZONE 'Asia/Almaty') AT TIME ZONE 'Asia/Almaty'`,
    [source.id, now],
  );
  if ((rows[0]?.day ?? 0n) + row.amount_minor + row.fee_minor > caps.perDayMaxMinor) return 'wallet-limit';
  return null;
}

/**
 * The balance an e-wallet may hold after a credit, by its owner's identification level, as a
 * ceiling the ledger checks under the wallet's lock (BalanceCeiling). A balance read here, before
 * the lock, would let parallel credits into one wallet together pass the cap.
 */
async function walletCeiling(tx: Tx, ctx: AppContext, row: TransferRow): Promise<BalanceCeiling | null> {
  const destination = row.destination_account_id ? await getAccount(tx, row.destination_account_id) : null;
  if (destination?.kind !== 'ewallet') return null;
  const caps = ctx.config.emoneyLimits[await identificationLevel(tx, destination.ownerId)];
  return caps ? { accountId: destination.id, balanceMaxMinor: caps.balanceMaxMinor } : null;
}

const LEDGER_DECLINES: Record<string, DeclineReason> = {
  'insufficient-funds': 'insufficient-funds',
  'account-frozen': 'account-frozen',
  'account-closed': 'account-closed',
  'currency-mismatch': 'currency-mismatch',
};

/**
 * Moves the money for a transfer row in the caller's transaction: limits, then one balanced
 * ledger operation (payee, fee). Returns the decline reason instead of throwing, so the caller
 * can record the declined operation in the same transaction.
 */
async function execute(
  tx: Tx,
  ctx: AppContext,
  row: TransferRow,
  now: Date,
): Promise<{ status: 'completed' | 'sent' } | { status: 'declined'; reason: DeclineReason }> {
  if (row.kind !== 'own') {
    const limit = await limitDecline(tx, ctx, row.customer_id, row.amount_minor, now);
    if (limit) return { status: 'declined', reason: limit };
  }
  const wallet = await walletDecline(tx, ctx, row, now);
  if (wallet) return { status: 'declined', reason: wallet };
  const ceiling = await walletCeiling(tx, ctx, row);
  const toOtherBank = row.kind === 'iban' && !row.destination_account_id;
  let payeeAccountId = row.destination_account_id;
  if (toOtherBank) {
    await ensureSystemAccounts(tx);
    payeeAccountId = (await getSystemAccount(tx, 'bank_clearing', row.currency)).id;
  }
  if (!payeeAccountId) throw new Error(`transfer ${row.id} has no payee account`);
  const postings = [
    { accountId: row.source_account_id, currency: row.currency, amountMinor: -(row.amount_minor + row.fee_minor) },
    { accountId: payeeAccountId, currency: row.currency, amountMinor: row.amount_minor },
  ];
  if (row.fee_minor > 0n) {
    await ensureSystemAccounts(tx);
    postings.push({
      accountId: (await getSystemAccount(tx, 'bank_fees', row.currency)).id,
      currency: row.currency,
      amountMinor: row.fee_minor,
    });
  }
  const operationId = newId('op');
  try {
    await postOperation(tx, {
      operationId,
      kind: `transfer.${row.kind}`,
      description: row.description,
      postings,
      ...(ceiling ? { balanceCeilings: [ceiling] } : {}),
    });
  } catch (error) {
    // The only ceiling is the payee wallet's: one's own wallet, or someone else's.
    if (error instanceof LedgerProblemError && error.code === 'balance-cap-exceeded')
      return { status: 'declined', reason: row.kind === 'own' ? 'wallet-limit' : 'recipient-wallet-limit' };
    if (error instanceof LedgerProblemError && LEDGER_DECLINES[error.code])
      return { status: 'declined', reason: LEDGER_DECLINES[error.code] as DeclineReason };
    throw error;
  }
  const status = toOtherBank ? 'sent' : 'completed';
  await tx.query('UPDATE transfers SET status = $2, ledger_operation_id = $3, completed_at = $4 WHERE id = $1', [
    row.id,
    status,
    operationId,
    now,
  ]);
  row.status = status;
  row.ledger_operation_id = operationId;
  row.completed_at = now;
  return { status };
}

/**
 * SECURITY.md 33: no code is sent for a transfer the bank will refuse anyway. Before a code is
 * asked, the checks that execute() makes at confirmation are made once on today's data, in the
 * same order: the limits per operation, day and month (under the customer's limit lock), the
 * e-wallet caps, the source account's state and spendable money, the payee account's state and an
 * e-wallet payee's ceiling. Money can still move before the code comes back, so execute() checks
 * all of it again, under the ledger's locks, when it does.
 */
async function foreseeableDecline(tx: Tx, ctx: AppContext, row: TransferRow, now: Date): Promise<DeclineReason | null> {
  assert(row.kind !== 'own', 'own-account transfers need no code');
  const limit = await limitDecline(tx, ctx, row.customer_id, row.amount_minor, now);
  if (limit) return limit;
  const wallet = await walletDecline(tx, ctx, row, now);
  if (wallet) return wallet;
  const [source, spendable] = await Promise.all([getAccount(tx, row.source_account_id), accountBalance(tx, row.source_account_id)]);
  if (source?.status === 'closed') return 'account-closed';
  if (source?.status === 'frozen') return 'account-frozen';
  if (spendable && spendable.spendableMinor < row.amount_minor + row.fee_minor) return 'insufficient-funds';
  const destination = row.destination_account_id ? await getAccount(tx, row.destination_account_id) : null;
  if (destination?.status === 'closed') return 'account-closed';
  const ceiling = await walletCeiling(tx, ctx, row);
  if (ceiling && destination && destination.balanceMinor + row.amount_minor > ceiling.balanceMaxMinor) return 'recipient-wallet-limit';
  return null;
}

async function decline(tx: Tx, row: TransferRow, reason: DeclineReason, now: Date): Promise<void> {
  await tx.query("UPDATE transfers SET status = 'declined', decline_reason = $2, completed_at = $3 WHERE id = $1", [row.id, reason, now]);
  row.status = 'declined';
  row.decline_reason = reason;
  row.completed_at = now;
}

/**
 * SMS-informing and in-app notices (memo: "review accepted and declined operations"): the sender
 * hears of accepted and declined operations, the payee of credits, each on the channels chosen.
 */
async function notifyOutcome(tx: Tx, ctx: AppContext, row: TransferRow): Promise<void> {
  if (row.status === 'awaiting_confirmation') return;
  const sender = await findCustomerById(tx, row.customer_id);
  if (!sender) return;
  const language = sender.language;
  const amount = formatMoney(row.amount_minor, row.currency, language);
  const payee = row.payee_name_masked ?? row.payee_iban ?? '';
  const domain = ctx.config.officialDomain;
  const reason = row.decline_reason ? DECLINE_REASONS[row.decline_reason][language] : '';
  const declined = row.status === 'declined' || row.status === 'expired';
  const title = declined
    ? { ru: 'Операция отклонена', kk: 'Операция қабылданбады', en: 'Operation declined' }[language]
    : { ru: 'Операция выполнена', kk: 'Операция орындалды', en: 'Operation completed' }[language];
  const body = declined
    ? {
        ru: `Перевод ${amount} ${payee}: ${reason}.`,
        kk: `${payee} алушысына ${amount} аударым: ${reason}.`,
        en: `Transfer of ${amount} to ${payee}: ${reason}.`,
      }[language]
    : {
        ru: `Перевод ${amount} ${payee} выполнен.`,
        kk: `${payee} алушысына ${amount} аударым орындалды.`,
        en: `Transfer of ${amount} to ${payee} completed.`,
      }[language];
  const notYou = {
    ru: `Не вы? Позвоните ${ctx.config.contactCenterPhone}.`,
    kk: `Сіз емес пе? ${ctx.config.contactCenterPhone} нөміріне қоңырау шалыңыз.`,
    en: `Not you? Call ${ctx.config.contactCenterPhone}.`,
  }[language];
  // Moving money between one's own accounts is not news worth an SMS unless it failed.
  if (row.kind !== 'own' || declined) {
    await notifyCustomer(tx, {
      customerId: sender.id,
      phone: sender.phone,
      language,
      event: declined ? 'declined' : 'accepted',
      kind: `transfer.${row.status}`,
      title,
      body,
      sms: `${domain}: ${body}${declined ? '' : ` ${notYou}`}`,
    });
  }
  if (row.status === 'completed' && row.recipient_customer_id && row.recipient_customer_id !== row.customer_id) {
    const recipient = await findCustomerById(tx, row.recipient_customer_id);
    if (recipient) {
      const credited = formatMoney(row.amount_minor, row.currency, recipient.language);
      const from = maskName(sender.fullName);
      const text = {
        ru: `Зачисление ${credited} от ${from}.`,
        kk: `${from} жіберген ${credited} түсті.`,
        en: `You received ${credited} from ${from}.`,
      }[recipient.language];
      await notifyCustomer(tx, {
        customerId: recipient.id,
        phone: recipient.phone,
        language: recipient.language,
        event: 'credits',
        kind: 'transfer.credit',
        title: { ru: 'Зачисление', kk: 'Түсім', en: 'Money received' }[recipient.language],
        body: text,
        sms: `${domain}: ${text}`,
      });
    }
  }
}

async function insertTransfer(tx: Tx, row: TransferRow): Promise<void> {
  await tx.query(
    `INSERT INTO transfers (id, customer_id, kind, status, source_account_id, destination_account_id, recipient_customer_id, amount_minor, fee_minor,
       currency, payee_phone, payee_name_masked, payee_iban, payee_name, payee_tax_id, purpose_code, description, challenge_id, decline_reason, created_at, expires_at,
       sca_exemption)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)`,
    [
      row.id,
      row.customer_id,
      row.kind,
      row.status,
      row.source_account_id,
      row.destination_account_id,
      row.recipient_customer_id,
      row.amount_minor,
      row.fee_minor,
      row.currency,
      row.payee_phone,
      row.payee_name_masked,
      row.payee_iban,
      row.payee_name,
      row.payee_tax_id,
      row.purpose_code,
      row.description,
      row.challenge_id,
      row.decline_reason,
      row.created_at,
      row.expires_at,
      row.sca_exemption,
    ],
  );
}

/**
 * The fee schedule, one place for what createTransfer charges and what the API publishes.
 * Own accounts, phone transfers and this bank's IBANs are free; another bank costs a configured
 * fee in the transfer's currency.
 */
export function feeSchedule(config: AppContext['config']) {
  return {
    bankCode: config.transfers.bankCode,
    ownAccounts: 0n,
    byPhone: 0n,
    ibanThisBank: 0n,
    ibanOtherBank: config.transfers.feeOtherBankMinor,
  };
}

/**
 * Creates a transfer under an Idempotency-Key, in one transaction: resolve the payee, then either
 * ask for a code bound to the amount and payee, or (own accounts, trusted payees, low value) move
 * the money at once. A transfer the bank refuses is still recorded, as declined with its reason,
 * and answered 201.
 */
export async function createTransfer(
  ctx: AppContext,
  input: { customerId: string; idempotencyKey: string; body: CreateTransferInput; rawBody: unknown; meta: RequestMeta },
): Promise<{ status: number; body: unknown }> {
  const now = ctx.clock.now();
  const body = input.body;
  const fees = feeSchedule(ctx.config);
  // The reads every kind needs, at once: each is a coalesced statement (db/coalesce.ts), and in
  // sequence they were most of a transfer's latency. Checked below in the order they matter.
  const [customer, sourceAccount, destinationAccount] = await Promise.all([
    findCustomerById(ctx.db, input.customerId),
    ownedAccount(ctx.db, input.customerId, body.sourceAccountId),
    body.kind === 'own' && body.destinationAccountId ? ownedAccount(ctx.db, input.customerId, body.destinationAccountId) : null,
  ]);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const notFound = async (resource: string, id: string) => {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId: input.customerId,
      meta: input.meta,
      details: { resource, id },
      occurredAt: now,
    });
    return new ProblemError(CommonProblem['not-found']);
  };
  const source = sourceAccount;
  if (!source) throw await notFound('account', body.sourceAccountId);
  if (source.currency !== body.currency)
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [{ pointer: '/currency', detail: `the source account is in ${source.currency}` }],
    });

  const row: TransferRow = {
    id: newId('op'),
    customer_id: customer.id,
    kind: body.kind,
    status: 'awaiting_confirmation',
    source_account_id: source.id,
    destination_account_id: null,
    recipient_customer_id: null,
    amount_minor: body.amountMinor,
    fee_minor: 0n, // set by kind below, from feeSchedule
    currency: body.currency,
    payee_phone: null,
    payee_name_masked: null,
    payee_iban: null,
    payee_name: null,
    payee_tax_id: null,
    purpose_code: body.purposeCode ?? null,
    description: body.description ? stripUnsafeCharacters(body.description).slice(0, 140) : null,
    challenge_id: null,
    decline_reason: null,
    ledger_operation_id: null,
    sca_exemption: null,
    created_at: now,
    expires_at: null,
    completed_at: null,
  };
  let preDecline: DeclineReason | null = null;
  // Own-transfer batching (docs/BENCHMARKS.md): accounts without e-wallet caps may share a transaction.
  let batchable = false;
  if (body.kind === 'own') {
    if (!body.destinationAccountId)
      throw new ProblemError(CommonProblem['validation-failed'], { errors: [{ pointer: '/destinationAccountId', detail: 'required' }] });
    const destination = destinationAccount;
    if (!destination) throw await notFound('account', body.destinationAccountId);
    if (destination.id === source.id) throw new ProblemError(TransferProblem['transfer-to-same-account']);
    if (destination.currency !== source.currency)
      throw new ProblemError(CommonProblem['validation-failed'], {
        errors: [{ pointer: '/destinationAccountId', detail: 'another currency' }],
      });
    row.destination_account_id = destination.id;
    row.recipient_customer_id = customer.id;
    row.fee_minor = fees.ownAccounts;
    batchable = source.kind !== 'ewallet' && destination.kind !== 'ewallet';
  } else if (body.kind === 'phone') {
    const phone = body.payeePhone ? normalizePhone(body.payeePhone) : null;
    if (!phone)
      throw new ProblemError(CommonProblem['validation-failed'], { errors: [{ pointer: '/payeePhone', detail: 'not a mobile number' }] });
    row.payee_phone = phone;
    const recipient = await findCustomerByPhone(ctx.db, phone);
    const accounts = recipient && recipient.status === 'active' ? await listAccountsByOwner(ctx.db, recipient.id) : [];
    // Prefer the current account, then the e-wallet, in the transfer's currency.
    const target = accounts
      .filter((account) => account.currency === body.currency && account.status === 'active')
      .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'customer_current' ? -1 : 1))[0];
    if (recipient?.id === customer.id) preDecline = 'transfer-to-self';
    else if (!recipient || !target) {
      // SECURITY.md 36: the decline tells that this number has no account here, so it is a look-up
      // of an unknown number like POST /transfers/payee-lookup's, and counts against the same cap.
      const counted = await countUnknownPayee(ctx, { customerId: customer.id, phone, via: 'transfer', meta: input.meta, now });
      if (!counted.ok) throw payeeLookupsProblem(counted.retryAfterSeconds);
      preDecline = 'recipient-not-found';
    } else {
      row.destination_account_id = target.id;
      row.recipient_customer_id = recipient.id;
      row.payee_name_masked = maskName(recipient.fullName);
      row.fee_minor = fees.byPhone;
    }
  } else {
    const iban = body.payeeIban ? normalizeIban(body.payeeIban) : null;
    if (!iban || !isValidIBAN(iban)) throw new ProblemError(TransferProblem['iban-invalid']);
    row.payee_iban = iban;
    const internal = await getAccountByIban(ctx.db, iban);
    if (internal) {
      if (internal.id === source.id) throw new ProblemError(TransferProblem['transfer-to-same-account']);
      if (internal.currency !== body.currency) preDecline = 'currency-mismatch';
      row.destination_account_id = internal.id;
      row.recipient_customer_id = internal.ownerId;
      const owner = internal.ownerId ? await findCustomerById(ctx.db, internal.ownerId) : null;
      row.payee_name_masked = owner ? maskName(owner.fullName) : iban;
      if (internal.ownerId === customer.id) row.kind = 'own';
      row.fee_minor = row.kind === 'own' ? fees.ownAccounts : fees.ibanThisBank;
    } else {
      const name = body.payeeName ? stripUnsafeCharacters(body.payeeName).trim() : '';
      if (!name || !body.payeeTaxId || !body.purposeCode) throw new ProblemError(TransferProblem['payee-details-required']);
      row.payee_name = name.slice(0, 120);
      row.payee_name_masked = name.slice(0, 120);
      row.payee_tax_id = body.payeeTaxId;
      row.fee_minor = fees.ibanOtherBank[body.currency];
    }
  }

  // RTS art. 15 (own accounts) and art. 13 (trusted payees): no code needed.
  const exemptByPayee: ScaExemption | null =
    row.kind === 'own'
      ? 'own'
      : !preDecline && (await isTrustedPayee(ctx.db, customer.id, { phone: row.payee_phone, iban: row.payee_iban }))
        ? 'trusted-payee'
        : null;
  // RTS art. 16: a low-value transfer may go without a code as well; whether the customer's
  // allowance still has room is decided under its lock in the transaction below.
  const lowValuePolicy = ctx.config.transfers.scaLowValue;
  const totalMinor = row.amount_minor + row.fee_minor;
  const lowValueCandidate =
    exemptByPayee === null &&
    !preDecline &&
    withinLowValueCap(lowValuePolicy, { currency: row.currency, amountMinor: row.amount_minor, feeMinor: row.fee_minor });
  const hash = requestHash(input.rawBody);
  // Own-transfer batching (docs/BENCHMARKS.md), begin: the exempt branch below for own accounts,
  // run in one transaction with concurrent own transfers (batcher.ts). E-wallets keep the branch.
  if (batchable && !preDecline) {
    return submitOwnTransfer(ctx.db, {
      customerId: customer.id,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      row,
      now,
      view: (final) => toView(final, customer.id, input.meta.language),
      onDeclined: (tx, final) => notifyOutcome(tx, ctx, final),
    });
  }
  // Own-transfer batching, end.
  const outcome = await ctx.db.transaction(async (tx): Promise<{ ok: true; response: StoredResponse } | IssueRefusal> => {
    const replay = await claimIdempotencyKey(tx, { customerId: customer.id, key: input.idempotencyKey, hash, now });
    if (replay) return { ok: true, response: replay };
    let confirmation: TransferView['confirmation'] = null;
    const exemption: ScaExemption | null =
      exemptByPayee ??
      (lowValueCandidate && (await lowValueAllowanceFits(tx, lowValuePolicy, customer.id, totalMinor)) ? 'low-value' : null);
    // SECURITY.md 33: a transfer that needs a code but would be refused at confirmation anyway is
    // declined now, and no SMS is sent for it.
    const declineNow = preDecline ?? (exemption ? null : await foreseeableDecline(tx, ctx, row, now));
    if (declineNow) {
      row.status = 'declined';
      row.decline_reason = declineNow;
      row.completed_at = now;
      await insertTransfer(tx, row);
      await notifyOutcome(tx, ctx, row);
    } else if (exemption) {
      row.status = 'completed';
      if (exemption !== 'own') row.sca_exemption = exemption;
      await insertTransfer(tx, { ...row, status: 'awaiting_confirmation' });
      const outcome = await execute(tx, ctx, row, now);
      if (outcome.status === 'declined') await decline(tx, row, outcome.reason, now);
      // Only money that moved uses up the allowance: a declined transfer leaves it as it was.
      else if (exemption === 'low-value') await spendLowValueAllowance(tx, customer.id, totalMinor);
      await notifyOutcome(tx, ctx, row);
    } else {
      // The code counts against the customer's hourly cap of payment codes (sca's codeCaps).
      const issued = await tryIssueCode(
        tx,
        { keyring: ctx.config.keyring, now },
        {
          purpose: 'transfer',
          phone: customer.phone,
          customerId: customer.id,
          details: linkedDetails(row),
          smsText: (value) =>
            codeSms(
              {
                purpose: 'transfer',
                amount: formatMoney(row.amount_minor + row.fee_minor, row.currency, customer.language),
                payee: row.payee_name_masked ?? row.payee_iban ?? '',
              },
              customer.language,
              value,
              ctx.config.officialDomain,
            ),
          meta: input.meta,
          policy: codePolicy(ctx.config),
        },
      );
      if (!issued.ok) {
        // Refused before anything happened: the refusal's audit row commits, and the key is free
        // again, so a retry after the wait is a new request rather than a replay of the 429.
        await releaseIdempotencyKey(tx, { customerId: customer.id, key: input.idempotencyKey });
        return issued;
      }
      row.challenge_id = issued.code.challengeId;
      row.expires_at = issued.code.expiresAt;
      await insertTransfer(tx, row);
      confirmation = { expiresAt: issued.code.expiresAt.toISOString(), resendAvailableAt: issued.code.resendAvailableAt.toISOString() };
    }
    const response = { status: 201, body: toView(row, customer.id, input.meta.language, { confirmation }) };
    await storeIdempotentResponse(tx, { customerId: customer.id, key: input.idempotencyKey, response });
    return { ok: true, response };
  });
  if (!outcome.ok) throw issueFailureProblem(outcome);
  return outcome.response;
}

async function lockOwnTransfer(tx: Tx, customerId: string, transferId: string): Promise<TransferRow | null> {
  const { rows } = await tx.query<TransferRow>('SELECT * FROM transfers WHERE id = $1 FOR UPDATE', [transferId]);
  const row = rows[0];
  return row && row.customer_id === customerId ? row : null;
}

/**
 * The code confirms exactly this transfer: its amount, currency and payee (dynamic linking).
 * Three wrong codes or five minutes decline it with that reason.
 */
export async function confirmTransfer(
  ctx: AppContext,
  input: { customerId: string; transferId: string; code: string; meta: RequestMeta },
): Promise<TransferView> {
  const now = ctx.clock.now();
  const outcome = await ctx.db.transaction(async (tx) => {
    const row = await lockOwnTransfer(tx, input.customerId, input.transferId);
    if (!row) return { ok: false as const, problem: new ProblemError(TransferProblem['transfer-not-found']), audit: true };
    if (row.status !== 'awaiting_confirmation' || !row.challenge_id)
      return { ok: false as const, problem: new ProblemError(TransferProblem['transfer-not-awaiting-confirmation']), audit: false };
    const verified = await verifyCode(
      tx,
      { keyring: ctx.config.keyring, now },
      { challengeId: row.challenge_id, code: input.code, purpose: 'transfer', details: linkedDetails(row), meta: input.meta },
    );
    if (!verified.ok) {
      if (
        verified.reason === 'attempts-exceeded' ||
        verified.reason === 'expired' ||
        verified.reason === 'not-pending' ||
        verified.reason === 'details-changed'
      ) {
        await decline(tx, row, verified.reason === 'expired' ? 'expired' : 'wrong-code', now);
        await notifyOutcome(tx, ctx, row);
      }
      return { ok: false as const, problem: verifyFailureProblem(verified), audit: false };
    }
    // The customer has just authenticated strongly: low-value exemptions count again from zero
    // (RTS art. 16), whatever the bank then makes of the transfer itself.
    await resetLowValueAllowance(tx, row.customer_id, now);
    const result = await execute(tx, ctx, row, now);
    if (result.status === 'declined') await decline(tx, row, result.reason, now);
    await notifyOutcome(tx, ctx, row);
    return { ok: true as const, row };
  });
  if (!outcome.ok) {
    if (outcome.audit)
      await recordAuditAlone(ctx.db, {
        event: 'access.denied',
        customerId: input.customerId,
        meta: input.meta,
        details: { resource: 'transfer', id: input.transferId },
        occurredAt: now,
      });
    throw outcome.problem;
  }
  return toView(outcome.row, input.customerId, input.meta.language);
}

export async function resendTransferCode(
  ctx: AppContext,
  input: { customerId: string; transferId: string; meta: RequestMeta },
): Promise<TransferView> {
  const now = ctx.clock.now();
  const customer = await findCustomerById(ctx.db, input.customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  const result = await ctx.db.transaction(async (tx) => {
    const row = await lockOwnTransfer(tx, input.customerId, input.transferId);
    if (!row) return { row: null, resend: null };
    if (row.status !== 'awaiting_confirmation' || !row.challenge_id) return { row, resend: null };
    const resend = await resendCode(
      tx,
      { keyring: ctx.config.keyring, now },
      {
        challengeId: row.challenge_id,
        smsText: (value) =>
          codeSms(
            {
              purpose: 'transfer',
              amount: formatMoney(row.amount_minor + row.fee_minor, row.currency, customer.language),
              payee: row.payee_name_masked ?? row.payee_iban ?? '',
            },
            customer.language,
            value,
            ctx.config.officialDomain,
          ),
        limits: ctx.config.codeRateLimits,
        meta: input.meta,
      },
    );
    if (resend.ok) await tx.query('UPDATE transfers SET expires_at = $2 WHERE id = $1', [row.id, resend.code.expiresAt]);
    return { row, resend };
  });
  if (!result.row) throw new ProblemError(TransferProblem['transfer-not-found']);
  if (!result.resend) throw new ProblemError(TransferProblem['transfer-not-awaiting-confirmation']);
  if (!result.resend.ok) throw resendFailureProblem(result.resend);
  return toView(result.row, input.customerId, input.meta.language, {
    confirmation: {
      expiresAt: result.resend.code.expiresAt.toISOString(),
      resendAvailableAt: result.resend.code.resendAvailableAt.toISOString(),
    },
  });
}

/** Transfers left unconfirmed past their code's life are declined as expired (run by history reads and the worker). */
export async function expireStaleTransfers(ctx: AppContext, customerId: string): Promise<void> {
  await ctx.db.query(
    "UPDATE transfers SET status = 'expired', decline_reason = 'expired', completed_at = expires_at WHERE customer_id = $1 AND status = 'awaiting_confirmation' AND expires_at < $2",
    [customerId, ctx.clock.now()],
  );
}

export interface HistoryFilter {
  from?: Date;
  to?: Date;
  accountId?: string;
  kind?: TransferKind;
  status?: TransferStatus;
  search?: string;
  cursor?: string;
  limit: number;
}

function encodeCursor(row: { created_at: Date; id: string }): string {
  return Buffer.from(`${row.created_at.toISOString()}|${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(at ?? '');
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

/** Every operation of the customer, sent or received, accepted or declined, newest first. */
export async function listHistory(
  ctx: AppContext,
  customerId: string,
  filter: HistoryFilter,
  language: Language,
): Promise<{ items: TransferView[]; nextCursor: string | null }> {
  await expireStaleTransfers(ctx, customerId);
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
  const { rows } = await ctx.db.query<TransferRow & { payer_name: string | null }>(
    `SELECT t.*, c.full_name AS payer_name FROM transfers t JOIN customers c ON c.id = t.customer_id
     WHERE (t.customer_id = $1 OR (t.recipient_customer_id = $1 AND t.status = 'completed'))
       AND ($2::timestamptz IS NULL OR t.created_at >= $2) AND ($3::timestamptz IS NULL OR t.created_at < $3)
       AND ($4::text IS NULL OR t.source_account_id = $4 OR t.destination_account_id = $4)
       AND ($5::text IS NULL OR t.kind = $5) AND ($6::text IS NULL OR t.status = $6)
       AND ($7::text IS NULL OR t.payee_name_masked ILIKE '%' || $7 || '%' OR t.payee_phone LIKE '%' || $7 || '%' OR t.payee_iban LIKE '%' || $7 || '%')
       AND ($8::timestamptz IS NULL OR (t.created_at, t.id) < ($8, $9))
     ORDER BY t.created_at DESC, t.id DESC LIMIT $10`,
    [
      customerId,
      filter.from ?? null,
      filter.to ?? null,
      filter.accountId ?? null,
      filter.kind ?? null,
      filter.status ?? null,
      filter.search?.replace(/[%_\\]/g, '') || null,
      cursor?.createdAt ?? null,
      cursor?.id ?? null,
      filter.limit + 1,
    ],
  );
  const page = rows.slice(0, filter.limit);
  const accounts = new Map((await listAccountsByOwner(ctx.db, customerId)).map((account) => [account.id, account]));
  return {
    items: page.map((row) =>
      toView(row, customerId, language, {
        destination: row.destination_account_id ? (accounts.get(row.destination_account_id) ?? null) : null,
        payerName: maskName(row.payer_name ?? ''),
      }),
    ),
    nextCursor: rows.length > filter.limit ? encodeCursor(page[page.length - 1] as TransferRow) : null,
  };
}

export async function getTransfer(ctx: AppContext, customerId: string, transferId: string, meta: RequestMeta): Promise<TransferView> {
  await expireStaleTransfers(ctx, customerId);
  const { rows } = await ctx.db.query<TransferRow & { payer_name: string | null }>(
    'SELECT t.*, c.full_name AS payer_name FROM transfers t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1',
    [transferId],
  );
  const row = rows[0];
  if (!row || (row.customer_id !== customerId && !(row.recipient_customer_id === customerId && row.status === 'completed'))) {
    await recordAuditAlone(ctx.db, {
      event: 'access.denied',
      customerId,
      meta,
      details: { resource: 'transfer', id: transferId },
      occurredAt: ctx.clock.now(),
    });
    throw new ProblemError(TransferProblem['transfer-not-found']);
  }
  const destination = row.destination_account_id ? await ownedAccount(ctx.db, customerId, row.destination_account_id) : null;
  return toView(row, customerId, meta.language, { destination, payerName: maskName(row.payer_name ?? '') });
}

/** "This wasn't me": stored for the back office, confirmed to the customer. */
export async function openDispute(
  ctx: AppContext,
  input: { customerId: string; transferId: string; comment: string | null; meta: RequestMeta },
): Promise<{ disputeId: string; createdAt: string }> {
  await getTransfer(ctx, input.customerId, input.transferId, input.meta);
  const now = ctx.clock.now();
  const disputeId = newId('dsp');
  const created = await ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string; created_at: Date }>(
      `INSERT INTO operation_disputes (id, customer_id, transfer_id, comment, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id, transfer_id) DO UPDATE SET comment = coalesce(EXCLUDED.comment, operation_disputes.comment) RETURNING id, created_at`,
      [disputeId, input.customerId, input.transferId, input.comment ? stripUnsafeCharacters(input.comment).slice(0, 1000) : null, now],
    );
    await recordAudit(tx, {
      event: 'dispute.opened',
      customerId: input.customerId,
      meta: input.meta,
      details: { transferId: input.transferId },
      occurredAt: now,
    });
    return rows[0] as { id: string; created_at: Date };
  });
  return { disputeId: created.id, createdAt: created.created_at.toISOString() };
}
