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
import { notifyNow } from './notify/index.js';
import { servicePaymentKind } from './payment-kind.js';
import type { CreateServicePaymentInput } from './resolve.js';

/**
 * Pays a provider under an Idempotency-Key: resolve (the provider's answer, the amount by its
 * rule, the fee), then a code bound to the amount, the provider and the account paid, or (low
 * value) the money at once. Once the money is posted the provider is told within a second
 * (notify/), outside every transaction here; a crash in between leaves the row due for the worker.
 */
export async function createServicePayment(
  ctx: AppContext,
  input: { customerId: string; idempotencyKey: string; body: CreateServicePaymentInput; rawBody: unknown; meta: RequestMeta },
): Promise<OperationAnswer> {
  const answer = await createOperation(ctx, servicePaymentKind, {
    customerId: input.customerId,
    idempotencyKey: input.idempotencyKey,
    request: input.body,
    rawBody: input.rawBody,
    meta: input.meta,
  });
  if (answer.body.status === 'sent') await notifyNow(ctx, answer.body.id);
  return answer;
}

/** The code confirms exactly this payment: amount, currency, provider and account (dynamic linking). */
export async function confirmServicePayment(
  ctx: AppContext,
  input: { customerId: string; paymentId: string; code: string; meta: RequestMeta },
): Promise<OperationView> {
  const view = await confirmOperation(ctx, servicePaymentKind, {
    customerId: input.customerId,
    operationId: input.paymentId,
    code: input.code,
    meta: input.meta,
  });
  if (view.status === 'sent') await notifyNow(ctx, view.id);
  return view;
}

export function resendServicePaymentCode(
  ctx: AppContext,
  input: { customerId: string; paymentId: string; meta: RequestMeta },
): Promise<OperationView> {
  return resendOperationCode(ctx, servicePaymentKind, { customerId: input.customerId, operationId: input.paymentId, meta: input.meta });
}

export function cancelServicePayment(
  ctx: AppContext,
  input: { customerId: string; paymentId: string; meta: RequestMeta },
): Promise<OperationView> {
  return cancelOperation(ctx, servicePaymentKind, { customerId: input.customerId, operationId: input.paymentId, meta: input.meta });
}
