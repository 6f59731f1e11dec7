import type { TransferKind } from '../../../api/enums';
import { compactIban, groupIban } from '../../../money/iban';
import type { Account, RecentPayee, RepeatData } from '../../../money/model';
import { formatPhoneInput } from '../../auth/PhoneStep';
import { cardDigits } from './card-number';

export interface TransferForm {
  sourceAccountId: string;
  destinationAccountId: string;
  payeePhone: string;
  payeeIban: string;
  /** The recipient's card number as typed, grouped (kind card-number); in this state only. */
  cardNumber: string;
  payeeName: string;
  payeeTaxId: string;
  purposeCode: string;
  amountText: string;
  description: string;
}

export type FormErrors = Partial<Record<keyof TransferForm, string>>;

/** The request body of POST /api/v1/transfers for a validated form. */
export function requestBody(kind: TransferKind, form: TransferForm, source: Account, amountMinor: bigint) {
  const currency = source.currency as 'KZT' | 'USD' | 'EUR' | 'RUB';
  const description = form.description.trim() || undefined;
  const base = { kind, sourceAccountId: source.id, amountMinor: Number(amountMinor), currency, description };
  if (kind === 'own') return { ...base, destinationAccountId: form.destinationAccountId };
  if (kind === 'phone') return { ...base, payeePhone: phoneForApi(form.payeePhone) };
  if (kind === 'card-number') return { ...base, cardNumber: cardDigits(form.cardNumber) };
  return {
    ...base,
    payeeIban: compactIban(form.payeeIban),
    payeeName: form.payeeName.trim() || undefined,
    payeeTaxId: form.payeeTaxId || undefined,
    purposeCode: form.purposeCode || undefined,
  };
}

/** "+7 701 123 45 67" → "+77011234567". */
export function phoneForApi(typed: string): string {
  return typed.replace(/[\s()-]/g, '');
}

/** "150050" tiyn → "1500,50" for the amount field: what the customer would have typed. */
export function amountText(amountMinor: number, digits: number): string {
  if (digits === 0) return String(amountMinor);
  const padded = String(amountMinor).padStart(digits + 1, '0');
  const fraction = padded.slice(-digits);
  const whole = padded.slice(0, -digits);
  return /^0+$/.test(fraction) ? whole : `${whole},${fraction}`;
}

/** The form of a repeated transfer: the same accounts, payee and amount (GET /operations/{id} repeat). */
export function formFromRepeat(repeat: RepeatData, digits: number): Partial<TransferForm> {
  return {
    sourceAccountId: repeat.sourceAccountId,
    destinationAccountId: repeat.destinationAccountId ?? '',
    payeePhone: repeat.payeePhone ? formatPhoneInput(repeat.payeePhone) : '',
    payeeIban: repeat.payeeIban ? groupIban(repeat.payeeIban) : '',
    payeeName: repeat.payeeName ?? '',
    purposeCode: repeat.purposeCode ?? '',
    description: repeat.description ?? '',
    amountText: amountText(repeat.amountMinor, digits),
  };
}

/** The form for a recent payee: whom to pay; how much is the customer's to type. */
export function formFromPayee(payee: RecentPayee): Partial<TransferForm> {
  return {
    payeePhone: payee.phone ? formatPhoneInput(payee.phone) : '',
    payeeIban: payee.iban ? groupIban(payee.iban) : '',
    payeeName: payee.payeeTaxId ? payee.name : '',
    payeeTaxId: payee.payeeTaxId ?? '',
    purposeCode: payee.purposeCode ?? '',
  };
}
