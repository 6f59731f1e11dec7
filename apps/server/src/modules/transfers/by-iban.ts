import { isValidIBAN } from 'ibantools';
import { ProblemError } from '../../shared/problem.js';
import { findCustomerById, maskName, stripUnsafeCharacters } from '../identity/index.js';
import { getAccountByIban, normalizeIban } from '../ledger/index.js';
import { type Draft, draftOf, newRecord, type Resolving, type TransferDetails } from './draft.js';
import { feeSchedule } from './fees.js';
import { TransferProblem } from './transfers.errors.js';

/** A payee name is a line on a payment order, not a document. */
const PAYEE_NAME_LENGTH_MAX = 120;

/** By IBAN: an account of this bank (the customer's own makes it an own transfer), or another bank. */
export async function resolveIban(r: Resolving): Promise<Draft> {
  const iban = r.request.payeeIban ? normalizeIban(r.request.payeeIban) : null;
  if (!iban || !isValidIBAN(iban)) throw new ProblemError(TransferProblem['iban-invalid']);
  const fees = feeSchedule(r.ctx.config);
  const details: TransferDetails = { payeePhone: null, payeeIban: iban, payeeName: null, payeeTaxId: null };
  const internal = await getAccountByIban(r.ctx.db, iban);
  if (internal) {
    if (internal.id === r.source.id) throw new ProblemError(TransferProblem['transfer-to-same-account']);
    const own = internal.ownerId === r.customer.id;
    const record = newRecord(r, own ? 'transfer.own' : 'transfer.iban');
    record.payeeReference = iban;
    record.payeeAccountId = internal.id;
    record.payeeCustomerId = internal.ownerId;
    const owner = internal.ownerId ? await findCustomerById(r.ctx.db, internal.ownerId) : null;
    record.payeeLabel = owner ? maskName(owner.fullName) : iban;
    record.feeMinor = own ? fees.ownAccounts : fees.ibanThisBank;
    if (own) record.scaExemption = 'own';
    const declined = internal.currency !== r.request.currency ? 'currency-mismatch' : null;
    return draftOf(r, record, details, {
      declined,
      ownAccounts: new Map([[r.source.id, r.source], ...(own ? [[internal.id, internal] as const] : [])]),
    });
  }
  const name = r.request.payeeName ? stripUnsafeCharacters(r.request.payeeName).trim() : '';
  if (!name || !r.request.payeeTaxId || !r.request.purposeCode) throw new ProblemError(TransferProblem['payee-details-required']);
  const record = newRecord(r, 'transfer.iban');
  record.payeeReference = iban;
  record.payeeLabel = name.slice(0, PAYEE_NAME_LENGTH_MAX);
  record.feeMinor = fees.ibanOtherBank[r.request.currency];
  return draftOf(r, record, { ...details, payeeName: record.payeeLabel, payeeTaxId: r.request.payeeTaxId });
}
