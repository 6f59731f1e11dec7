import type { Operation } from './model';

/** An operation as the API returns it, for unit tests: a completed phone transfer unless overridden. */
export function operationFixture(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op_1',
    kind: 'phone',
    direction: 'outgoing',
    status: 'completed',
    sourceAccountId: 'acc_1',
    destinationAccountId: 'acc_2',
    amountMinor: 100_000,
    feeMinor: 0,
    currency: 'KZT',
    payee: 'Айгерим Б.',
    payer: null,
    purposeCode: null,
    description: null,
    declineReason: null,
    declineReasonText: null,
    createdAt: '2026-12-01T10:00:00Z',
    completedAt: null,
    scaExemption: null,
    confirmation: null,
    card: null,
    ...overrides,
  };
}
