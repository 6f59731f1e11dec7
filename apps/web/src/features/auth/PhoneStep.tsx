import { type FormEvent, type ReactNode, useState } from 'react';
import { type ApiFailure, describeError, fieldErrorsByName, problemCode } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Button, ErrorAlert, TextField } from '../../ui';

/** +7 701 123 45 67, 8 701 123 45 67, +77011234567: the server normalises; this only catches typos. */
export function looksLikePhone(input: string): boolean {
  const digits = input.replace(/[\s()-]/g, '');
  return /^\+?\d{10,15}$/.test(digits);
}

/** Digits of a Kazakh number with its country code: 7 and the ten of the number. */
const KZ_DIGITS_WITH_COUNTRY = 11;

/**
 * Formats digits as the customer types: "+7 701 123 45 67". Other countries are left alone.
 * Without a "+", a leading 8 is the trunk prefix and eleven digits from 7 carry the country code
 * (a pasted 87011234567 or 77011234567); anything shorter is the number itself, so "701 555 12 34"
 * typed into an empty field is +7 701…, not +7 015… (every Kazakh number starts with 7 after +7).
 */
export function formatPhoneInput(input: string): string {
  const cleaned = input.replace(/[^\d+]/g, '');
  let digits = cleaned.replace(/\D/g, '');
  const plus = cleaned.startsWith('+');
  if (plus && digits !== '' && !digits.startsWith('7')) return `+${digits}`.slice(0, 16);
  if (digits === '') return plus ? '+' : '';
  if (!plus && digits.startsWith('8')) digits = `7${digits.slice(1)}`;
  else if (!plus && !(digits.startsWith('7') && digits.length >= KZ_DIGITS_WITH_COUNTRY)) digits = `7${digits}`;
  digits = digits.slice(0, KZ_DIGITS_WITH_COUNTRY);
  const parts = [digits.slice(1, 4), digits.slice(4, 7), digits.slice(7, 9), digits.slice(9, 11)].filter(Boolean);
  return ['+7', ...parts].join(' ');
}

interface PhoneFieldProps {
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  autoFocus?: boolean;
}

export function PhoneField({ value, onChange, error, autoFocus }: PhoneFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('phone.label')}
      hint={t('phone.hint')}
      error={error}
      name="phone"
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      placeholder="+7 7__ ___ __ __"
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(formatPhoneInput(event.target.value))}
    />
  );
}

interface PhoneStepProps {
  intro?: ReactNode;
  submitLabel: string;
  onSubmit: (phone: string) => Promise<ApiFailure | null>;
}

/** One phone field and a button: the first step of registration and of password reset. */
export function PhoneStep({ intro, submitLabel, onSubmit }: PhoneStepProps) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!looksLikePhone(phone)) {
      setError(t('phone.invalid'));
      return;
    }
    setError(null);
    setFailure(null);
    setBusy(true);
    const result = await onSubmit(phone.replace(/\s/g, ''));
    setBusy(false);
    if (result) {
      setFailure(result);
      // The server names a bad number either as a field error or as the phone-invalid problem.
      setError(fieldErrorsByName(result).phone ?? (problemCode(result) === 'phone-invalid' ? describeError(result, t).title : null));
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void handleSubmit(event)} noValidate>
      {intro ? <p>{intro}</p> : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      <PhoneField value={phone} onChange={setPhone} error={error} autoFocus />
      <div className="form-actions">
        <Button type="submit" loading={busy}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
