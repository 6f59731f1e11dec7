import type { TransferKind } from '../../../api/enums';
import { type Account, compactIban } from '../../../money/model';

export interface TransferForm {
  sourceAccountId: string;
  destinationAccountId: string;
  payeePhone: string;
  payeeIban: string;
  payeeName: string;
  payeeTaxId: string;
  purposeCode: string;
  amountText: string;
  description: string;
}

export type FormErrors = Partial<Record<keyof TransferForm, string>>;

export type Step = 'details' | 'review' | 'code' | 'result';

/** The request body of POST /api/v1/transfers for a validated form. */
export function requestBody(kind: TransferKind, form: TransferForm, source: Account, amountMinor: bigint) {
  const currency = source.currency as 'KZT' | 'USD' | 'EUR' | 'RUB';
  const description = form.description.trim() || undefined;
  const base = { kind, sourceAccountId: source.id, amountMinor: Number(amountMinor), currency, description };
  if (kind === 'own') return { ...base, destinationAccountId: form.destinationAccountId };
  if (kind === 'phone') return { ...base, payeePhone: form.payeePhone.replace(/[\s()-]/g, '') };
  return {
    ...base,
    payeeIban: compactIban(form.payeeIban),
    payeeName: form.payeeName.trim() || undefined,
    payeeTaxId: form.payeeTaxId || undefined,
    purposeCode: form.purposeCode || undefined,
  };
}
