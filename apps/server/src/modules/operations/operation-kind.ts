import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import type { Customer } from '../identity/index.js';
import type { Account, PostingInput } from '../ledger/index.js';
import type { MoneyOut } from '../risk/index.js';
import type { DeclineReason, OperationKind, OperationRecord, PayeeExemption } from './operations.types.js';

/**
 * How a kind of money operation plugs into the one life cycle (lifecycle.ts):
 *
 *   resolve   → read the request: accounts, the payee, the fee; a record in state `created`
 *   exemption → whether the payee spares the customer a code (own accounts, a trusted payee, a
 *               run of a recurring series set up with a code);
 *               the low-value exemption and every limit are risk's, the same for all kinds
 *   moneyOut  → the money leaving, as risk checks and counts it
 *   postings  → the ledger legs when the money moves, and the state it ends in
 *   saveDetails → the kind's own row (transfer_details…), written with the record
 *
 * The history, receipts and notices read the record only; they never ask the kind.
 */
export interface OperationDraft<Details> {
  customer: Customer;
  record: OperationRecord;
  details: Details | null;
  /** Refused while resolving (no such payee, to oneself): recorded as declined, answered 201. */
  declined: DeclineReason | null;
  /** The customer's accounts the draft names, so the answer can name them. */
  ownAccounts: ReadonlyMap<string, Account>;
  /**
   * Set when no risk check applies and the legs are known without the database (own accounts
   * without e-money caps): the operation may then run in the shared transaction of batcher.ts.
   */
  batchPostings: PostingInput[] | null;
}

export interface OperationKindHandler<Request, Details> {
  /** The kinds this handler runs (its confirm and resend routes refuse the others). */
  readonly kinds: readonly OperationKind[];
  resolve(ctx: AppContext, input: { customerId: string; request: Request; meta: RequestMeta; now: Date }): Promise<OperationDraft<Details>>;
  exemption(ctx: AppContext, draft: OperationDraft<Details>): Promise<PayeeExemption | null>;
  moneyOut(record: OperationRecord): MoneyOut;
  postings(tx: Tx, record: OperationRecord): Promise<{ postings: PostingInput[]; settles: 'completed' | 'sent' }>;
  saveDetails(tx: Tx, record: OperationRecord, details: Details): Promise<void>;
}
