import { type FormEvent, type ReactNode, useState } from 'react';
import { type ApiFailure, describeError, fieldErrorsByName, problemCode } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Button, ErrorAlert, TextField } from '../../ui';

/** +7 701 123 45 67, 8 701 123 45 67, +77011234567: the server normalises; this only catches typos. */
export function looksLikePhone(input: string): boolean {
  const digits = input.replace(/[\s()-]/g, '');
  return /^\+?\d{10,15}$/.test(digits);
}

/** Formats digits as the customer types: "+7 701 123 45 67". Other countries are left alone. */
export function formatPhoneInput(input: string): string {
  const cleaned = input.replace(/[^\d+]/g, '');
  let digits = cleaned.replace(/\D/g, '');
  if (cleaned.startsWith('+') && !digits.startsWith('7')) return `+${digits}`.slice(0, 16);
  if (digits.startsWith('8') && !cleaned.startsWith('+')) digits = `7${digits.slice(1)}`;
  if (digits === '') return cleaned.startsWith('+') ? '+' : '';
  if (!digits.startsWith('7')) digits = `7${digits}`;
  digits = digits.slice(0, 11);
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
