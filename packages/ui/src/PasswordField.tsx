import { type InputHTMLAttributes, type Ref, useState } from 'react';
import { useKit } from './KitProvider';
import { TextField } from './TextField';

/** Passwords are 12–128 characters, any characters, no composition rules (SECURITY.md item 3). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

interface PasswordFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: string;
  error?: string | null;
  ref?: Ref<HTMLInputElement>;
  /** For a new password: shows the length rule and whether the value meets it. */
  showRule?: boolean;
  value: string;
}

/** A password input with a show / hide toggle and, for new passwords, the length rule live. */
export function PasswordField({ showRule = false, value, ...rest }: PasswordFieldProps) {
  const { t } = useKit();
  const [visible, setVisible] = useState(false);
  const length = [...value].length;
  const ruleMet = length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH;
  const hint = showRule ? (
    <span className={ruleMet ? 'rule rule--met' : 'rule'}>
      <span aria-hidden="true">{ruleMet ? '✓ ' : '• '}</span>
      {t('password.rule', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}{' '}
      <span className="rule__count">{t('password.count', { length })}</span>
    </span>
  ) : undefined;
  return (
    <TextField
      {...rest}
      value={value}
      type={visible ? 'text' : 'password'}
      hint={hint}
      spellCheck={false}
      autoCapitalize="off"
      addon={
        <button type="button" className="field__toggle" aria-pressed={visible} onClick={() => setVisible((v) => !v)}>
          {visible ? t('password.hide') : t('password.show')}
        </button>
      }
    />
  );
}
