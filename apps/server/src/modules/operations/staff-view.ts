import { type Static, Type } from 'typebox';
import { maskPhoneForDisplay } from '../identity/index.js';
import { maskIban } from '../ledger/index.js';
import type { OperationRecord } from './operations.types.js';

/**
 * An operation as the bank's staff read it from a case (modules/disputes, modules/incidents):
 * its facts as recorded, and the other party as the history names them (a masked name; a phone
 * or an IBAN only masked). The staff see the customer's side of it, not the payee's file.
 */
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const StaffOperationView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  status: Type.String(),
  amountMinor: Type.Integer(),
  feeMinor: Type.Integer(),
  currency: Type.String(),
  payee: Type.String(),
  sourceAccountId: nullable(Type.String()),
  scaExemption: nullable(Type.String()),
  declineReason: nullable(Type.String()),
  createdAt: Type.String(),
  completedAt: nullable(Type.String()),
});
export type StaffOperationView = Static<typeof StaffOperationView>;

export function staffOperationView(record: OperationRecord): StaffOperationView {
  const reference = record.payeeReference;
  const maskedReference = reference ? (reference.startsWith('+') ? maskPhoneForDisplay(reference) : maskIban(reference)) : '';
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    amountMinor: Number(record.amountMinor),
    feeMinor: Number(record.feeMinor),
    currency: record.currency,
    payee: record.payeeLabel ?? maskedReference,
    sourceAccountId: record.sourceAccountId,
    scaExemption: record.scaExemption,
    declineReason: record.declineReason,
    createdAt: record.createdAt.toISOString(),
    completedAt: record.completedAt?.toISOString() ?? null,
  };
}
