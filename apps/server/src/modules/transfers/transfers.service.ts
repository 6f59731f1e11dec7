import type { AppContext } from '../../context.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import {
  cancelOperation,
  confirmOperation,
  createOperation,
  type OperationAnswer,
  type OperationView,
  resendOperationCode,
} from '../operations/index.js';
import { sendIfToOtherBankCard } from './card-send.js';
import type { CreateTransferInput } from './draft.js';
import { transferKind } from './transfer-kind.js';

/**
 * Creates a transfer under an Idempotency-Key: resolve the payee, then either ask for a code
 * bound to the amount and payee, or (own accounts, trusted payees, low value) move the money at
 * once. A transfer the bank refuses is recorded as declined with its reason and answered 201.
 */
export async function createTransfer(
  ctx: AppContext,
  input: { customerId: string; idempotencyKey: string; body: CreateTransferInput; rawBody: unknown; meta: RequestMeta },
): Promise<OperationAnswer> {
  const answer = await createOperation(ctx, transferKind, {
    customerId: input.customerId,
    idempotencyKey: input.idempotencyKey,
    request: input.body,
    rawBody: input.rawBody,
    meta: input.meta,
  });
  // Another bank's card decided at once (low value): its credit goes out now, after the commit.
  await sendIfToOtherBankCard(ctx, answer.body, input.meta);
  return answer;
}

/** The code confirms exactly this transfer: its amount, currency and payee (dynamic linking). */
export async function confirmTransfer(
  ctx: AppContext,
  input: { customerId: string; transferId: string; code: string; meta: RequestMeta },
): Promise<OperationView> {
  const view = await confirmOperation(ctx, transferKind, {
    customerId: input.customerId,
    operationId: input.transferId,
    code: input.code,
    meta: input.meta,
  });
  await sendIfToOtherBankCard(ctx, view, input.meta);
  return view;
}

export function resendTransferCode(
  ctx: AppContext,
  input: { customerId: string; transferId: string; meta: RequestMeta },
): Promise<OperationView> {
  return resendOperationCode(ctx, transferKind, { customerId: input.customerId, operationId: input.transferId, meta: input.meta });
}

/** The customer cancels a transfer awaiting its code: the code stops working, nothing moves. */
export function cancelTransfer(
  ctx: AppContext,
  input: { customerId: string; transferId: string; meta: RequestMeta },
): Promise<OperationView> {
  return cancelOperation(ctx, transferKind, { customerId: input.customerId, operationId: input.transferId, meta: input.meta });
}
