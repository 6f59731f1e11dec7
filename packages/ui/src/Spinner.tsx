import { useKit } from './KitProvider';

interface SpinnerProps {
  /** Text for screen readers; defaults to "Loading…". Ignored when `decorative`. */
  label?: string;
  /** Inside a button or next to visible text that already says what is happening. */
  decorative?: boolean;
  size?: 'small' | 'medium' | 'large';
}

export function Spinner({ label, decorative = false, size = 'medium' }: SpinnerProps) {
  const { t } = useKit();
  const className = `spinner spinner--${size}`;
  if (decorative) return <span className={className} aria-hidden="true" />;
  return (
    <span className="spinner-wrap" role="status">
      <span className={className} aria-hidden="true" />
      <span className="visually-hidden">{label ?? t('common.loading')}</span>
    </span>
  );
}

/** A whole-region loading state: spinner plus visible text. */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useKit();
  return (
    <div className="loading-state" role="status">
      <span className="spinner spinner--large" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}
