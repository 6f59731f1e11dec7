import { Type } from 'typebox';
import { Id, Timestamp } from '../../../shared/schemas.js';
import type { ReconciliationRow, RegistrySummary } from './registry.repo.js';

/** The API shapes of the provider's side (registry.routes.ts), the one source of their OpenAPI. */

export const BankDay = Type.String({
  format: 'date',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  description: 'A calendar day in the bank’s time zone (BANK_TIME_ZONE), YYYY-MM-DD',
});
const Minor = Type.Integer({ minimum: 0, description: 'Minor units (tiyn for KZT)' });

export const RegistryView = Type.Object({
  day: BankDay,
  paymentCount: Type.Integer({ minimum: 0 }),
  totalMinor: Minor,
  currency: Type.String(),
  sha256: Type.String({ description: 'SHA-256 (hex) of the whole file as served, its #sha256= line included' }),
  byteLength: Type.Integer({ minimum: 0 }),
  createdAt: Timestamp,
});

export const RegistryPage = Type.Object({
  items: Type.Array(RegistryView),
  nextCursor: Type.Union([BankDay, Type.Null()], { description: 'Pass as `before` for the older ones' }),
});

export const ReconciliationView = Type.Object({
  id: Id('rcn'),
  day: BankDay,
  staffId: Type.String(),
  matchedCount: Type.Integer({ minimum: 0 }),
  missingAtProviderCount: Type.Integer({ minimum: 0 }),
  missingAtBankCount: Type.Integer({ minimum: 0 }),
  amountMismatchCount: Type.Integer({ minimum: 0 }),
  missingAtProvider: Type.Array(Type.Object({ paymentId: Type.String(), amountMinor: Minor }), {
    description: 'The bank paid, the provider lists nothing (at most 1000; the count is exact)',
  }),
  missingAtBank: Type.Array(
    Type.Object({ paymentId: Type.String(), amountMinor: Minor, providerReference: Type.Union([Type.String(), Type.Null()]) }),
    { description: 'The provider lists a payment the bank has none of (at most 1000)' },
  ),
  amountMismatches: Type.Array(Type.Object({ paymentId: Type.String(), bankAmountMinor: Minor, providerAmountMinor: Minor }), {
    description: 'Both have it, with different amounts (at most 1000)',
  }),
  createdAt: Timestamp,
});

export function registryJson(registry: RegistrySummary) {
  return {
    day: registry.day,
    paymentCount: registry.paymentCount,
    totalMinor: Number(registry.totalMinor),
    currency: registry.currency,
    sha256: registry.sha256,
    byteLength: registry.byteLength,
    createdAt: registry.createdAt.toISOString(),
  };
}

export function reconciliationJson(report: ReconciliationRow) {
  return {
    id: report.id,
    day: report.day,
    staffId: report.staffId,
    matchedCount: report.matchedCount,
    missingAtProviderCount: report.missingAtProviderCount,
    missingAtBankCount: report.missingAtBankCount,
    amountMismatchCount: report.amountMismatchCount,
    missingAtProvider: report.missingAtProvider.map((item) => ({ paymentId: item.paymentId, amountMinor: Number(item.amountMinor) })),
    missingAtBank: report.missingAtBank.map((item) => ({ ...item, amountMinor: Number(item.amountMinor) })),
    amountMismatches: report.amountMismatches.map((item) => ({
      paymentId: item.paymentId,
      bankAmountMinor: Number(item.bankAmountMinor),
      providerAmountMinor: Number(item.providerAmountMinor),
    })),
    createdAt: report.createdAt.toISOString(),
  };
}
