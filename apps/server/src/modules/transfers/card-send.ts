import { randomInt } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { formatMoney } from '../../shared/money.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import type { OutboundAnswer, OutboundMessage } from '../card-network/index.js';
import { findCustomerById, maskName } from '../identity/index.js';
import { CURRENCIES } from '../ledger/index.js';
import { notifyCustomer } from '../notifications/index.js';
import { creditFromBank, type OperationRecord, type OperationView, operationRecord } from '../operations/index.js';
import { SEAL_PURPOSE } from './card-number.js';
import { cardTransferRefundBody, cardTransferRefundTitle } from './card-send.messages.js';
import { claimSealedPan, hasSealedPan, recordNetworkAnswer } from './card-transfers.repo.js';

/**
 * The credit to another bank's card (issue 14 item 7), after the transfer's own transaction
 * committed its money to the clearing account (status `sent`). STYLE.md 4: never inside a
 * transaction; in three steps instead:
 *
 *   1. claim: the sealed number leaves its row (card-transfers.repo.ts claimSealedPan), once;
 *   2. send: an original credit (0100, processing code 26) through ctx.cardNetwork;
 *   3. record the answer; a refusal returns the money to the payer in one ledger operation: the
 *      amount from clearing (where the transfer put it) and the fee from the bank's fee income
 *      (where the transfer posted it), so neither account keeps a trace of a credit never made
 *      (refund.card_transfer, exactly once per transfer: creditFromBank derives its ids from it);
 *      the payer is told, by SMS and in the app, in their language, in the same transaction.
 *
 * A send that throws (no answer) leaves the answer empty: the money is in clearing, the number is
 * gone, and the day's clearing reconciliation settles it with the network (docs/card-network.md).
 */

/** DE3 26xxxx: an original credit (a payment to a card), from a default account to a default account. */
const ORIGINAL_CREDIT_PROCESSING_CODE = '260000';
const APPROVED = '00';
/** DE37 (retrieval reference number) and DE11 (system trace audit number): fresh for each credit. */
const RRN_DIGITS = 12;
const STAN_DIGITS = 6;

function digits(length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += String(randomInt(10));
  return text;
}

export async function sendIfToOtherBankCard(ctx: AppContext, view: OperationView, meta: RequestMeta): Promise<void> {
  if (view.kind !== 'card-number' || view.status !== 'sent') return;
  if (!(await hasSealedPan(ctx.db, view.id))) return;
  const record = await operationRecord(ctx.db, view.id);
  assert(record?.kind === 'transfer.card' && record.status === 'sent', `operation ${view.id} is no sent card transfer`);
  const rrn = digits(RRN_DIGITS);
  const stan = digits(STAN_DIGITS);
  const claimed = await ctx.db.transaction((tx) => claimSealedPan(tx, { operationId: record.id, rrn, stan }));
  if (!claimed) return;
  const pan = ctx.config.keyring.open(SEAL_PURPOSE, claimed.sealed, record.id);
  const sender = await findCustomerById(ctx.db, record.customerId);
  const message: OutboundMessage = {
    mti: '0100',
    pan,
    processingCode: ORIGINAL_CREDIT_PROCESSING_CODE,
    amountMinor: Number(record.amountMinor),
    currency: CURRENCIES[record.currency].numericCode,
    stan,
    rrn,
    transmittedAt: ctx.clock.now().toISOString(),
    senderName: sender ? maskName(sender.fullName) : '',
  };
  let answer: OutboundAnswer;
  try {
    answer = await ctx.cardNetwork.send(message);
  } catch (error) {
    // Never the message in the log: it holds the number.
    ctx.log.error(
      { operationId: record.id, rrn, error: error instanceof Error ? error.name : 'unknown' },
      'card network did not answer a card transfer',
    );
    return;
  }
  await recordAnswer(ctx, record, { ...answer, last4: claimed.last4 }, meta);
}

async function recordAnswer(
  ctx: AppContext,
  record: OperationRecord,
  answer: { responseCode: string; authorisationCode: string | null; last4: string },
  meta: RequestMeta,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const refund =
      answer.responseCode === APPROVED
        ? null
        : await creditFromBank(tx, {
            kind: 'refund.card_transfer',
            reference: record.id,
            customerId: record.customerId,
            accountId: requiredSource(record),
            currency: record.currency,
            amountMinor: record.amountMinor,
            // The bank delivered nothing, so its fee comes back too, from the fee income it went to.
            feeRefundMinor: record.feeMinor,
            now,
          });
    const refundOperationId = refund?.ok ? refund.operationId : null;
    if (refundOperationId) await notifyRefund(tx, ctx, record);
    await recordNetworkAnswer(tx, {
      operationId: record.id,
      responseCode: answer.responseCode,
      authorisationCode: answer.authorisationCode,
      refundOperationId,
      at: now,
    });
    await recordAudit(tx, {
      event: 'card_transfer.sent',
      customerId: record.customerId,
      meta,
      details: { operationId: record.id, last4: answer.last4, responseCode: answer.responseCode, refundOperationId },
      occurredAt: now,
    });
  });
}

/** SMS-informing and the in-app notice of the money coming back (SECURITY.md 30: a declined operation is told). */
async function notifyRefund(tx: Tx, ctx: AppContext, record: OperationRecord): Promise<void> {
  const customer = await findCustomerById(tx, record.customerId);
  if (!customer) return;
  const language = customer.language;
  const body = cardTransferRefundBody(
    {
      amount: formatMoney(record.amountMinor, record.currency, language),
      returned: formatMoney(record.amountMinor + record.feeMinor, record.currency, language),
      card: record.payeeReference ?? '',
      withFee: record.feeMinor > 0n,
    },
    language,
  );
  await notifyCustomer(tx, {
    customerId: customer.id,
    phone: customer.phone,
    language,
    event: 'declined',
    kind: 'refund.card_transfer',
    title: cardTransferRefundTitle(language),
    body,
    sms: `${ctx.config.officialDomain}: ${body}`,
  });
}

function requiredSource(record: OperationRecord): string {
  assert(record.sourceAccountId !== null, `card transfer ${record.id} has no source account`);
  return record.sourceAccountId;
}
