import { electronicFormatIBAN, ValidationErrorsIBAN, validateIBAN } from 'ibantools';
import { ProblemError } from '../../shared/problem.js';
import { normalizeIban } from '../ledger/index.js';
import { TransferProblem } from './transfers.errors.js';
import { IBAN_FIELD_ERRORS } from './transfers.messages.js';

/**
 * An IBAN as typed ("kz86 125k zt50 0410 0100") in its electronic form, checked (ISO 13616 mod
 * 97), or a 400 `iban-invalid` whose field error under `pointer` says what to check: the check
 * digits (a typing mistake), the length, or the shape. The form checks the same as it is typed
 * (web money/iban.ts); this is the check that counts.
 */
export function checkedIban(typed: string, pointer: string): string {
  // The ledger's reading of an IBAN, the one its accounts are found by; the why of a refusal is ibantools'.
  const iban = normalizeIban(typed);
  if (iban) return iban;
  const { errorCodes } = validateIBAN(electronicFormatIBAN(typed) ?? '');
  const reason = errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)
    ? 'length'
    : errorCodes.includes(ValidationErrorsIBAN.WrongIBANChecksum)
      ? 'checksum'
      : 'format';
  throw new ProblemError(TransferProblem['iban-invalid'], { errors: [{ pointer, detail: IBAN_FIELD_ERRORS[reason] }] });
}
