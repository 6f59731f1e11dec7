import type { ReactNode, Ref } from 'react';
import { formatPhoneInput } from '../features/auth/PhoneStep';
import { useTranslation } from '../i18n';
import { TextField } from '../ui';
import { checkIban, typedIban } from './iban';

/**
 * The money forms' shared fields (issue 12): a payee's phone, an IBAN checked as it is typed, and
 * an amount read by parseAmountMinor. Each keeps what the customer typed and shows the error it
 * is given; the IBAN field also finds a typing mistake itself (a hint: the bank decides).
 */

interface FieldProps {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  hint?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

export function PayeePhoneField({ label, name, value, onChange, error, hint, ref }: FieldProps) {
  return (
    <TextField
      ref={ref}
      label={label}
      hint={hint}
      name={name}
      type="tel"
      inputMode="tel"
      autoComplete="off"
      value={value}
      error={error}
      onChange={(event) => onChange(formatPhoneInput(event.target.value))}
    />
  );
}

/** The inline word on an IBAN as typed: nothing while it is still being typed or when it is right. */
export function useIbanHint() {
  const { t } = useTranslation();
  return (value: string, options: { complete?: boolean } = {}): string | null => {
    const check = checkIban(value, options);
    if (check === 'checksum') return t('transfer.ibanChecksum');
    if (check === 'length') return t('transfer.ibanLength');
    if (check === 'format') return t('transfer.payeeIbanInvalid');
    if (check === 'empty' && options.complete) return t('transfer.ibanEmpty');
    return null;
  };
}

export function IbanField({ label, name, value, onChange, error, hint, ref }: FieldProps) {
  const ibanHint = useIbanHint();
  return (
    <TextField
      ref={ref}
      label={label}
      hint={hint}
      name={name}
      autoComplete="off"
      autoCapitalize="characters"
      spellCheck={false}
      className="field--mono"
      value={value}
      error={error ?? ibanHint(value)}
      onChange={(event) => onChange(typedIban(event.target.value))}
    />
  );
}

/** Longer than any amount with its spaces and a currency sign: a bound on the field, not a rule. */
const AMOUNT_TEXT_LENGTH_MAX = 40;

/**
 * The text is kept as typed, never rewritten ("1e5" is not 15, "-5" not 5): parseAmountMinor
 * reads it or says why it cannot (issue 12 item 3).
 */
export function AmountField({ label, name, value, onChange, error, hint, ref }: FieldProps) {
  return (
    <TextField
      ref={ref}
      label={label}
      hint={hint}
      name={name}
      inputMode="decimal"
      autoComplete="off"
      className="field--amount"
      value={value}
      error={error}
      maxLength={AMOUNT_TEXT_LENGTH_MAX}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
