import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { formatDateTime } from '../../shared/datetime.js';
import { formatMoney } from '../../shared/money.js';
import { findCustomerById } from '../identity/index.js';
import { notifyInApp } from '../notifications/index.js';
import { disputeNotice, REJECT_REASON_TEXTS } from './disputes.messages.js';
import type { Dispute, DisputeStatus } from './disputes.types.js';

/**
 * The customer is told of each step of their case in the app (issue 13 item 6), in their
 * language, through the outbox in the step's transaction: the notice exists exactly when the step does.
 */
export async function notifyStep(tx: Tx, ctx: AppContext, dispute: Dispute, step: Exclude<DisputeStatus, 'new'> | 'opened'): Promise<void> {
  const customer = await findCustomerById(tx, dispute.customerId);
  if (!customer) return;
  const language = customer.language;
  const notice = disputeNotice(
    step,
    {
      amount: formatMoney(dispute.operationAmountMinor, dispute.currency, language),
      due: formatDateTime(dispute.dueAt, language, ctx.config.bankTimeZone, 'date'),
      refund: dispute.refundAmountMinor === null ? '' : formatMoney(dispute.refundAmountMinor, dispute.currency, language),
      reason: dispute.rejectReason ? REJECT_REASON_TEXTS[dispute.rejectReason][language] : '',
      contactPhone: ctx.config.contactCenterPhone,
    },
    language,
  );
  await notifyInApp(tx, { customerId: customer.id, kind: `dispute.${step}`, title: notice.title, body: notice.body });
}
