import { ProblemError } from '../../shared/problem.js';
import { findCustomerByPhone, maskName, normalizePhone } from '../identity/index.js';
import { listAccountsByOwner } from '../ledger/index.js';
import { type Draft, draftOf, invalid, newRecord, type Resolving, type TransferDetails } from './draft.js';
import { feeSchedule } from './fees.js';
import { countUnknownPayee, payeeLookupsProblem } from './payee-lookup.js';
import { TransferProblem } from './transfers.errors.js';
import { NOT_A_MOBILE, OWN_PHONE } from './transfers.messages.js';

/** To a customer of the bank by phone number: their current account, else their e-wallet. */
export async function resolvePhone(r: Resolving): Promise<Draft> {
  const phone = r.request.payeePhone ? normalizePhone(r.request.payeePhone) : null;
  if (!phone) throw invalid('/payeePhone', NOT_A_MOBILE);
  // One's own number (one customer per phone) is a mistake in the form, not an operation to
  // decline (issue 12 item 4).
  if (phone === r.customer.phone)
    throw new ProblemError(TransferProblem['transfer-to-own-phone'], { errors: [{ pointer: '/payeePhone', detail: OWN_PHONE }] });
  const record = newRecord(r, 'transfer.phone');
  record.payeeReference = phone;
  const details: TransferDetails = { payeePhone: phone, payeeIban: null, payeeName: null, payeeTaxId: null };
  const recipient = await findCustomerByPhone(r.ctx.db, phone);
  const accounts = recipient && recipient.status === 'active' ? await listAccountsByOwner(r.ctx.db, recipient.id) : [];
  // Prefer the current account, then the e-wallet, in the transfer's currency.
  const target = accounts
    .filter((account) => account.currency === r.request.currency && account.status === 'active')
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'customer_current' ? -1 : 1))[0];
  if (!recipient || !target) {
    // SECURITY.md 36: the decline tells that this number has no account here, so it is a look-up
    // of an unknown number like POST /transfers/payee-lookup's, and counts against the same cap.
    const counted = await countUnknownPayee(r.ctx, {
      customerId: r.customer.id,
      reference: phone,
      via: 'transfer',
      meta: r.meta,
      now: r.now,
    });
    if (!counted.ok) throw payeeLookupsProblem(counted.retryAfterSeconds);
    return draftOf(r, record, details, { declined: 'recipient-not-found' });
  }
  record.payeeAccountId = target.id;
  record.payeeCustomerId = recipient.id;
  record.payeeLabel = maskName(recipient.fullName);
  record.feeMinor = feeSchedule(r.ctx.config).byPhone;
  return draftOf(r, record, details);
}
