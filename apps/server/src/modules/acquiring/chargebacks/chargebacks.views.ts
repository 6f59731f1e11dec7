import { Type } from 'typebox';
import { Id, literalUnion, Timestamp } from '../../../shared/schemas.js';
import type { Merchant } from '../merchants.types.js';
import { CHARGEBACK_REASONS, CHARGEBACK_STATUSES, type Chargeback, RESPONSE_KINDS } from './chargebacks.types.js';

/** A chargeback as the merchant's API shows it (its webhooks' data too) and as the bank's staff see it on the case. */

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Response = nullable(Type.Object({ kind: literalUnion(RESPONSE_KINDS), text: nullable(Type.String()), at: Timestamp }));

export const ChargebackView = Type.Object({
  id: Id('cb'),
  object: literalUnion(['dispute']),
  paymentId: Id('pay'),
  status: literalUnion(CHARGEBACK_STATUSES),
  reason: literalUnion(CHARGEBACK_REASONS),
  amountMinor: Type.Integer({ description: 'What the cardholder disputes: the payment’s captured amount less its refunds' }),
  currency: Type.String(),
  respondBy: Type.String({ description: 'Answer before this time: after it the bank decides on what it has' }),
  response: Response,
  lostMinor: nullable(Type.Integer({ description: 'When lost: what was charged back from the settlement account' })),
  createdAt: Timestamp,
  closedAt: nullable(Timestamp),
});

export const ChargebackPage = Type.Object({
  items: Type.Array(ChargebackView),
  nextCursor: Type.Union([Id('cb'), Type.Null()], { description: 'Pass as `after` for the next page; null on the last' }),
});

function responseJson(chargeback: Chargeback) {
  const response = chargeback.response;
  return response ? { kind: response.kind, text: response.text, at: response.at.toISOString() } : null;
}

export function chargebackJson(chargeback: Chargeback) {
  return {
    id: chargeback.id,
    object: 'dispute' as const,
    paymentId: chargeback.paymentId,
    status: chargeback.status,
    reason: chargeback.reason,
    amountMinor: Number(chargeback.amountMinor),
    currency: chargeback.currency,
    respondBy: chargeback.respondBy.toISOString(),
    response: responseJson(chargeback),
    lostMinor: chargeback.lostMinor === null ? null : Number(chargeback.lostMinor),
    createdAt: chargeback.createdAt.toISOString(),
    closedAt: chargeback.closedAt?.toISOString() ?? null,
  };
}

export const StaffChargebackView = Type.Object({
  id: Id('cb'),
  paymentId: Id('pay'),
  merchant: Type.Object({ id: Type.String(), displayName: Type.String(), legalName: Type.String() }),
  status: literalUnion(CHARGEBACK_STATUSES),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  respondBy: Timestamp,
  response: Response,
  lostMinor: nullable(Type.Integer()),
  recoveredMinor: Type.Integer({ description: 'Of lostMinor, what the merchant’s settlement account has paid so far' }),
  createdAt: Timestamp,
  closedAt: nullable(Timestamp),
});

export function staffChargebackJson(chargeback: Chargeback, merchant: Pick<Merchant, 'id' | 'displayName' | 'legalName'>) {
  return {
    id: chargeback.id,
    paymentId: chargeback.paymentId,
    merchant: { id: merchant.id, displayName: merchant.displayName, legalName: merchant.legalName },
    status: chargeback.status,
    amountMinor: Number(chargeback.amountMinor),
    currency: chargeback.currency,
    respondBy: chargeback.respondBy.toISOString(),
    response: responseJson(chargeback),
    lostMinor: chargeback.lostMinor === null ? null : Number(chargeback.lostMinor),
    recoveredMinor: Number(chargeback.recoveredMinor),
    createdAt: chargeback.createdAt.toISOString(),
    closedAt: chargeback.closedAt?.toISOString() ?? null,
  };
}
