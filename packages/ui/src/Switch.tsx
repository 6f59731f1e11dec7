import { type InputHTMLAttributes, useId } from 'react';

interface SwitchProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'id' | 'role'> {
  label: string;
}

/** An on/off setting: a real checkbox with role=switch, so keyboards and screen readers know it. */
export function Switch({ label, className, checked, ...rest }: SwitchProps) {
  const id = useId();
  return (
    <label className={['switch', className].filter(Boolean).join(' ')} htmlFor={id}>
      <span className="switch__label">{label}</span>
      <input id={id} type="checkbox" role="switch" aria-checked={Boolean(checked)} checked={checked} className="switch__input" {...rest} />
      <span className="switch__track" aria-hidden="true">
        <span className="switch__thumb" />
      </span>
    </label>
  );
}
