import type { AppContext } from '../../context.js';
import { listRecentPayees } from '../operations/index.js';
import { selectPayeeTaxIds } from './transfers.repo.js';

/** How many recent payees the transfers screen shows: one row of faces, not a contact book. */
export const RECENT_PAYEES_MAX = 10;

export interface RecentPayee {
  kind: 'phone' | 'iban';
  /** The phone or IBAN the customer sent to: theirs to see again. */
  phone: string | null;
  iban: string | null;
  /** The payee's masked name inside the bank, the name typed for another bank. */
  name: string;
  /** For another bank: the IIN/BIN and purpose code typed last time, to fill the form again. */
  payeeTaxId: string | null;
  purposeCode: string | null;
  lastAmountMinor: number;
  currency: string;
  lastAt: string;
  operationId: string;
}

/**
 * The people the customer last sent money to by phone or IBAN, newest first (issue 12 item 6):
 * from the operations that moved money (operations' listRecentPayees), with what only a transfer
 * keeps (the IIN/BIN of another bank's payee) from transfer_details.
 */
export async function recentPayees(ctx: AppContext, customerId: string): Promise<RecentPayee[]> {
  const records = await listRecentPayees(ctx, customerId, RECENT_PAYEES_MAX);
  const taxIds = await selectPayeeTaxIds(
    ctx.db,
    records.filter((record) => record.payeeCustomerId === null).map((record) => record.id),
  );
  return records.map((record) => {
    const kind = record.kind === 'transfer.phone' ? 'phone' : 'iban';
    const reference = record.payeeReference ?? '';
    const otherBank = kind === 'iban' && record.payeeCustomerId === null;
    return {
      kind,
      phone: kind === 'phone' ? reference : null,
      iban: kind === 'iban' ? reference : null,
      name: record.payeeLabel ?? reference,
      payeeTaxId: otherBank ? (taxIds.get(record.id) ?? null) : null,
      purposeCode: otherBank ? record.purposeCode : null,
      lastAmountMinor: Number(record.amountMinor),
      currency: record.currency,
      lastAt: record.createdAt.toISOString(),
      operationId: record.id,
    };
  });
}
