import type { Queryable } from '../../db/database.js';
import type { Currency } from '../ledger/index.js';
import { type OperationRecord, operationRecord } from '../operations/index.js';
import { selectPaidGuestPayments } from './guest/guest.repo.js';

/**
 * Where a service payment's money stands, whoever paid it (migration 0051): a customer's payment
 * by its operation (operations.types.ts life cycle), a guest's by its card payment, whose row in
 * service_payments is written only in the commit that moved the money. The notify worker and the
 * registry read payments through here, so both kinds are told and listed alike.
 *
 *   moved:   sent or completed (a guest's: paid)                    -> the provider is told, the registry lists it;
 *   waiting: created, awaiting_confirmation, authorised              -> not yet: look again at recheckAt;
 *   none:    declined, expired, cancelled, reversed                   -> never moved: void, no line.
 */
export type MoneyState = 'moved' | 'waiting' | 'none';

export interface PaymentMoney {
  paymentId: string;
  customerId: string | null;
  state: MoneyState;
  amountMinor: bigint;
  currency: Currency;
  /** When the money moved (or the payment was made, while it waits). */
  paidAt: Date;
  /** While waiting: when its code expires, if it names one. */
  recheckAt: Date | null;
}

/** A payment as service_payments names it. */
export interface PaymentRef {
  paymentId: string;
  guest: boolean;
}

/** Operation records read in parallel (one indexed read each): a few connections' worth, not the pool. */
const OPERATION_READS_PARALLEL = 20;

function stateOf(record: OperationRecord): MoneyState {
  switch (record.status) {
    case 'sent':
    case 'completed':
      return 'moved';
    case 'created':
    case 'awaiting_confirmation':
    case 'authorised':
      return 'waiting';
    case 'declined':
    case 'expired':
    case 'cancelled':
    case 'reversed':
      return 'none';
  }
}

function fromOperation(record: OperationRecord): PaymentMoney {
  return {
    paymentId: record.id,
    customerId: record.customerId,
    state: stateOf(record),
    amountMinor: record.amountMinor,
    currency: record.currency,
    paidAt: record.completedAt ?? record.createdAt,
    recheckAt: record.expiresAt,
  };
}

/** The money of each payment named, by id; a payment with no operation or guest row is left out (the caller says so). */
export async function paymentsMoney(q: Queryable, refs: readonly PaymentRef[]): Promise<Map<string, PaymentMoney>> {
  const found = new Map<string, PaymentMoney>();
  const guestIds = refs.filter((ref) => ref.guest).map((ref) => ref.paymentId);
  for (const paid of await selectPaidGuestPayments(q, guestIds)) {
    found.set(paid.id, {
      paymentId: paid.id,
      customerId: null,
      state: 'moved',
      amountMinor: paid.amountMinor,
      currency: paid.currency,
      paidAt: paid.paidAt,
      recheckAt: null,
    });
  }
  const operationIds = refs.filter((ref) => !ref.guest).map((ref) => ref.paymentId);
  for (let start = 0; start < operationIds.length; start += OPERATION_READS_PARALLEL) {
    const chunk = operationIds.slice(start, start + OPERATION_READS_PARALLEL);
    const records = await Promise.all(chunk.map((id) => operationRecord(q, id)));
    for (const record of records) if (record) found.set(record.id, fromOperation(record));
  }
  return found;
}
