import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { type Customer, findCustomerById } from '../identity/index.js';
import { foreseeDecline, lowValueAllowanceFits, spendLowValueAllowance, takeLock, withinLowValueCap } from '../risk/index.js';
import { codePolicy, type IssueResult, issueFailureProblem, tryIssueCode } from '../sca/index.js';
import { submitImmediate } from './batcher.js';
import { linkedDetails, operationCodeSms } from './code-sms.js';
import { operationsEnded } from './ended.js';
import { applySettlement, execute } from './execute.js';
import { claimKey, findStoredResponse, releaseKey, requestHash, type StoredResponse, storeResponse } from './idempotency.repo.js';
import { type KnownParties, notifyOutcome } from './notify.js';
import type { OperationDraft, OperationKindHandler } from './operation-kind.js';
import { OperationProblem } from './operations.errors.js';
import { insertOperation } from './operations.repo.js';
import type { ConfirmationView, OperationView } from './operations.schemas.js';
import type { PayeeExemption, ScaExemption } from './operations.types.js';
import { toView } from './view.js';

type IssueRefusal = Exclude<IssueResult, { ok: true }>;

export interface CreateOperationInput<Request> {
  customerId: string;
  idempotencyKey: string;
  request: Request;
  /** The body as sent: its hash tells a retry from another request under the same key. */
  rawBody: unknown;
  meta: RequestMeta;
}

/**
 * Creates an operation of any kind under an Idempotency-Key, in one transaction:
 *   resolve → exemption → decline now, or move the money, or ask for a code → answer.
 * An operation the bank refuses is still recorded, as declined with its reason, and answered 201.
 */
/** The answer to a create: 201 with the operation, the same for a retry under the same key. */
export interface OperationAnswer {
  status: 201;
  body: OperationView;
}

/** A stored answer is the view as first sent, written by this module in the same transaction. */
function storedAnswer(response: StoredResponse): OperationAnswer {
  assert(response.status === 201, `a stored operation answer is a 201, not ${response.status}`);
  return response as OperationAnswer;
}

export async function createOperation<Request, Details>(
  ctx: AppContext,
  kind: OperationKindHandler<Request, Details>,
  input: CreateOperationInput<Request>,
): Promise<OperationAnswer> {
  const now = ctx.clock.now();
  // Issue 13 item 4: while the customer's access is blocked (a lost phone) no money leaves, of any
  // kind. Refused before anything is resolved, recorded or sent; asked again in the transaction,
  // for a block that lands in between. Money coming in is never refused for it.
  const blocked = await ctx.blocks.outgoingRefusal(ctx.db, input.customerId);
  if (blocked) throw blocked;
  const hash = requestHash(input.rawBody);
  const draft = await resolveOrReplay(ctx, kind, input, hash, now);
  if ('status' in draft) return draft;
  const exemptByPayee = await kind.exemption(ctx, draft);
  const language = input.meta.language;
  if (draft.batchPostings && !draft.declined) {
    return submitImmediate(ctx.db, {
      customerId: draft.customer.id,
      idempotencyKey: input.idempotencyKey,
      requestHash: hash,
      record: draft.record,
      postings: draft.batchPostings,
      now,
      view: (record) => toView(record, draft.customer.id, language, { ownAccounts: draft.ownAccounts }),
      onDeclined: async (tx, record) => {
        await operationsEnded(tx, ctx, [record]);
        await notifyOutcome(tx, ctx, record);
      },
    }).then(storedAnswer);
  }
  // Who hears of an operation that moves at once, read before its transaction (notify.ts).
  const parties: KnownParties = { sender: draft.customer, recipient: await payeeIfMovingNow(ctx, draft, exemptByPayee) };
  const outcome = await ctx.db.transaction(async (tx): Promise<{ ok: true; response: StoredResponse } | IssueRefusal> => {
    const blockedNow = await ctx.blocks.outgoingRefusal(tx, draft.customer.id);
    if (blockedNow) throw blockedNow;
    takeLock(tx, 'idempotency-key');
    const claim = await claimKey(tx, { customerId: draft.customer.id, key: input.idempotencyKey, hash, now });
    if (!claim.claimed) {
      if (claim.hash !== hash) throw new ProblemError(OperationProblem['idempotency-key-reused']);
      return { ok: true, response: claim.response };
    }
    const decided = await decide(tx, ctx, kind, draft, { exemptByPayee, parties }, input.meta, now);
    if (!decided.ok) {
      // Refused before anything happened: the refusal's audit row commits, and the key is free
      // again, so a retry after the wait is a new request rather than a replay of the 429.
      await releaseKey(tx, { customerId: draft.customer.id, key: input.idempotencyKey });
      return decided;
    }
    const body = toView(draft.record, draft.customer.id, language, { ownAccounts: draft.ownAccounts, confirmation: decided.confirmation });
    const response = { status: 201, body };
    await storeResponse(tx, { customerId: draft.customer.id, key: input.idempotencyKey, response });
    return { ok: true, response };
  });
  if (!outcome.ok) throw issueFailureProblem(outcome);
  return storedAnswer(outcome.response);
}

/**
 * The draft of the request, or, when the request is refused as it stands today (a rule that
 * came after it: a transfer to one's own phone is now a form error, not a declined operation),
 * the answer first stored under its key: a retry returns the first result, whatever changed
 * since. Only a refusal pays for the look-up, so the usual path reads nothing more.
 */
async function resolveOrReplay<Request, Details>(
  ctx: AppContext,
  kind: OperationKindHandler<Request, Details>,
  input: CreateOperationInput<Request>,
  hash: string,
  now: Date,
): Promise<OperationDraft<Details> | OperationAnswer> {
  try {
    return await kind.resolve(ctx, { customerId: input.customerId, request: input.request, meta: input.meta, now });
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    const stored = await findStoredResponse(ctx.db, { customerId: input.customerId, key: input.idempotencyKey, hash });
    if (!stored) throw error;
    return storedAnswer(stored);
  }
}

/**
 * The decision of a new operation, in its transaction: declined now (a refusal while resolving,
 * or one foreseeable before a code, SECURITY.md 33), executed at once (exempt from SCA), or
 * waiting for a code bound to its amount and payee. Writes the record in its resulting state.
 */
async function decide<Request, Details>(
  tx: Tx,
  ctx: AppContext,
  kind: OperationKindHandler<Request, Details>,
  draft: OperationDraft<Details>,
  { exemptByPayee, parties }: { exemptByPayee: PayeeExemption | null; parties: KnownParties },
  meta: RequestMeta,
  now: Date,
): Promise<{ ok: true; confirmation: ConfirmationView | null } | IssueRefusal> {
  const { record, customer } = draft;
  const totalMinor = record.amountMinor + record.feeMinor;
  const lowValuePolicy = ctx.config.transfers.scaLowValue;
  // RTS art. 16: whether the customer's allowance still has room is decided under its lock.
  const lowValue =
    exemptByPayee === null &&
    !draft.declined &&
    withinLowValueCap(lowValuePolicy, record) &&
    (await lowValueAllowanceFits(tx, lowValuePolicy, customer.id, totalMinor));
  const exemption: ScaExemption | null = exemptByPayee ?? (lowValue ? 'low-value' : null);
  const declineNow = draft.declined ?? (exemption ? null : await foreseeDecline(tx, ctx, kind.moneyOut(record), now));
  if (declineNow) {
    applySettlement(record, { status: 'declined', reason: declineNow, at: now });
    await writeRecord(tx, kind, draft);
    await operationsEnded(tx, ctx, [record]);
    await notifyOutcome(tx, ctx, record, parties);
    return { ok: true, confirmation: null };
  }
  if (exemption) {
    record.scaExemption = exemption;
    const settlement = await execute(tx, ctx, kind, record, now);
    applySettlement(record, settlement);
    await writeRecord(tx, kind, draft);
    await operationsEnded(tx, ctx, [record]);
    // Only money that moved uses up the allowance: a declined operation leaves it as it was.
    if (exemption === 'low-value' && settlement.status !== 'declined') await spendLowValueAllowance(tx, customer.id, totalMinor);
    await notifyOutcome(tx, ctx, record, parties);
    return { ok: true, confirmation: null };
  }
  // The code counts against the customer's hourly cap of payment codes (sca's codeCaps).
  takeLock(tx, 'sca-caps');
  const issued = await tryIssueCode(
    tx,
    { keyring: ctx.config.keyring, now },
    {
      purpose: 'transfer',
      phone: customer.phone,
      customerId: customer.id,
      details: linkedDetails(record),
      smsText: operationCodeSms(ctx, record, customer),
      meta,
      policy: codePolicy(ctx.config),
    },
  );
  if (!issued.ok) return issued;
  record.status = 'awaiting_confirmation';
  record.challengeId = issued.code.challengeId;
  record.expiresAt = issued.code.expiresAt;
  await writeRecord(tx, kind, draft);
  return {
    ok: true,
    confirmation: { expiresAt: issued.code.expiresAt.toISOString(), resendAvailableAt: issued.code.resendAvailableAt.toISOString() },
  };
}

/** The payee to be told of a credit, when the operation will move at once without a code (a trusted payee). */
async function payeeIfMovingNow<Details>(
  ctx: AppContext,
  draft: OperationDraft<Details>,
  exemptByPayee: PayeeExemption | null,
): Promise<Customer | null> {
  const payeeId = draft.record.payeeCustomerId;
  if (exemptByPayee === null || draft.declined || payeeId === null || payeeId === draft.customer.id) return null;
  return findCustomerById(ctx.db, payeeId);
}

async function writeRecord<Request, Details>(tx: Tx, kind: OperationKindHandler<Request, Details>, draft: OperationDraft<Details>) {
  await insertOperation(tx, draft.record);
  if (draft.details) await kind.saveDetails(tx, draft.record, draft.details);
}
