import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { formatMoney } from '../../shared/money.js';
import { type Customer, findCustomerById, maskName } from '../identity/index.js';
import { notifyCustomer } from '../notifications/index.js';
import { creditBody, creditTitle, DECLINE_REASON_TEXTS, notYouLine, outcomeBody, outcomeTitle } from './operations.messages.js';
import { isFinal, type OperationRecord } from './operations.types.js';

/**
 * The parties as the caller read them before its transaction: read again inside it they would
 * cost a round trip each while the operation's account locks are held.
 */
export interface KnownParties {
  sender?: Customer;
  recipient?: Customer | null;
}

/**
 * SMS-informing and in-app notices (memo: "review accepted and declined operations"): the
 * customer hears of accepted and declined operations, the payee of credits, each on the channels
 * they chose. Written to the outbox in the operation's transaction, delivered after commit.
 */
export async function notifyOutcome(tx: Tx, ctx: AppContext, record: OperationRecord, known: KnownParties = {}): Promise<void> {
  // A transfer the customer cancelled is news to nobody: they did it on the screen (cancel.ts).
  if (!isFinal(record.status) || record.status === 'cancelled') return;
  const sender = known.sender?.id === record.customerId ? known.sender : await findCustomerById(tx, record.customerId);
  if (!sender) return;
  const language = sender.language;
  const declined = record.status === 'declined' || record.status === 'expired';
  const words = {
    amount: formatMoney(record.amountMinor, record.currency, language),
    payee: record.payeeLabel ?? (record.payeeCustomerId === record.customerId ? '' : (record.payeeReference ?? '')),
    reason: record.declineReason ? DECLINE_REASON_TEXTS[record.declineReason][language] : '',
  };
  const body = outcomeBody(record.kind, declined, words, language);
  const domain = ctx.config.officialDomain;
  const betweenOwnAccounts = record.payeeCustomerId === record.customerId;
  // Moving money between one's own accounts is not news worth an SMS unless it failed.
  if (!betweenOwnAccounts || declined) {
    await notifyCustomer(tx, {
      customerId: sender.id,
      phone: sender.phone,
      language,
      event: declined ? 'declined' : 'accepted',
      kind: `transfer.${record.status}`,
      title: outcomeTitle(declined, language),
      body,
      sms: `${domain}: ${body}${declined ? '' : ` ${notYouLine(ctx.config.contactCenterPhone, language)}`}`,
    });
  }
  if (record.status !== 'completed' || !record.payeeCustomerId || betweenOwnAccounts) return;
  const recipient = known.recipient?.id === record.payeeCustomerId ? known.recipient : await findCustomerById(tx, record.payeeCustomerId);
  if (!recipient) return;
  const text = creditBody(
    formatMoney(record.amountMinor, record.currency, recipient.language),
    maskName(sender.fullName),
    recipient.language,
  );
  await notifyCustomer(tx, {
    customerId: recipient.id,
    phone: recipient.phone,
    language: recipient.language,
    event: 'credits',
    kind: 'transfer.credit',
    title: creditTitle(recipient.language),
    body: text,
    sms: `${domain}: ${text}`,
  });
}
