import type { ReactNode, Ref } from 'react';
import { TextField } from '../../ui';

/** The PIN's digits (4–6), as every PIN field takes them: hidden, numeric keypad, no autofill, nothing but digits kept. */
export function PinField({
  label,
  hint,
  error,
  name,
  value,
  onPinChange,
  ref,
  autoFocus,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  name: string;
  value: string;
  onPinChange: (pin: string) => void;
  ref?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      ref={ref}
      label={label}
      hint={hint}
      error={error}
      name={name}
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={6}
      className="field--code"
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onPinChange(event.target.value.replace(/\D/g, '').slice(0, 6))}
    />
  );
}
