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
import type { CreateTransferInput } from './draft.js';
import { transferKind } from './transfer-kind.js';

/**
 * Creates a transfer under an Idempotency-Key: resolve the payee, then either ask for a code
 * bound to the amount and payee, or (own accounts, trusted payees, low value) move the money at
 * once. A transfer the bank refuses is recorded as declined with its reason and answered 201.
 */
export function createTransfer(
  ctx: AppContext,
  input: { customerId: string; idempotencyKey: string; body: CreateTransferInput; rawBody: unknown; meta: RequestMeta },
): Promise<OperationAnswer> {
  return createOperation(ctx, transferKind, {
    customerId: input.customerId,
    idempotencyKey: input.idempotencyKey,
    request: input.body,
    rawBody: input.rawBody,
    meta: input.meta,
  });
}

/** The code confirms exactly this transfer: its amount, currency and payee (dynamic linking). */
export function confirmTransfer(
  ctx: AppContext,
  input: { customerId: string; transferId: string; code: string; meta: RequestMeta },
): Promise<OperationView> {
  return confirmOperation(ctx, transferKind, {
    customerId: input.customerId,
    operationId: input.transferId,
    code: input.code,
    meta: input.meta,
  });
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
