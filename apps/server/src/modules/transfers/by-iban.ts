import { ProblemError } from '../../shared/problem.js';
import { findCustomerById, maskName, stripUnsafeCharacters } from '../identity/index.js';
import { getAccountByIban } from '../ledger/index.js';
import { type Draft, draftOf, newRecord, type Resolving, type TransferDetails } from './draft.js';
import { feeSchedule } from './fees.js';
import { checkedIban } from './iban-check.js';
import { TransferProblem } from './transfers.errors.js';
import { OWN_IBAN } from './transfers.messages.js';

/** A payee name is a line on a payment order, not a document. */
const PAYEE_NAME_LENGTH_MAX = 120;

/**
 * By IBAN: an account of this bank, or another bank. One of the customer's own accounts is a
 * mistake in the form (issue 12 item 4): the field error suggests a transfer between own accounts.
 */
export async function resolveIban(r: Resolving): Promise<Draft> {
  const iban = checkedIban(r.request.payeeIban ?? '', '/payeeIban');
  const fees = feeSchedule(r.ctx.config);
  const details: TransferDetails = { payeePhone: null, payeeIban: iban, payeeName: null, payeeTaxId: null };
  const internal = await getAccountByIban(r.ctx.db, iban);
  if (internal) {
    if (internal.id === r.source.id) throw new ProblemError(TransferProblem['transfer-to-same-account']);
    if (internal.ownerId === r.customer.id)
      throw new ProblemError(TransferProblem['transfer-to-own-account'], { errors: [{ pointer: '/payeeIban', detail: OWN_IBAN }] });
    const record = newRecord(r, 'transfer.iban');
    record.payeeReference = iban;
    record.payeeAccountId = internal.id;
    record.payeeCustomerId = internal.ownerId;
    const owner = internal.ownerId ? await findCustomerById(r.ctx.db, internal.ownerId) : null;
    record.payeeLabel = owner ? maskName(owner.fullName) : iban;
    record.feeMinor = fees.ibanThisBank;
    const declined = internal.currency !== r.request.currency ? 'currency-mismatch' : null;
    return draftOf(r, record, details, { declined });
  }
  const name = r.request.payeeName ? stripUnsafeCharacters(r.request.payeeName).trim() : '';
  if (!name || !r.request.payeeTaxId || !r.request.purposeCode) throw new ProblemError(TransferProblem['payee-details-required']);
  const record = newRecord(r, 'transfer.iban');
  record.payeeReference = iban;
  record.payeeLabel = name.slice(0, PAYEE_NAME_LENGTH_MAX);
  record.feeMinor = fees.ibanOtherBank[r.request.currency];
  return draftOf(r, record, { ...details, payeeName: record.payeeLabel, payeeTaxId: r.request.payeeTaxId });
}
