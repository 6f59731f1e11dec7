import type { ReactNode } from 'react';
import { Button } from './Button';
import { ErrorIcon, InfoIcon, SuccessIcon, WarningIcon } from './icons';
import { useKit } from './KitProvider';
import { type ApiFailure, describeError } from './problem';

export type AlertTone = 'info' | 'warning' | 'error' | 'success';

const ICONS: Record<AlertTone, ReactNode> = {
  info: <InfoIcon />,
  warning: <WarningIcon />,
  error: <ErrorIcon />,
  success: <SuccessIcon />,
};

interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  action?: ReactNode;
  /**
   * Announce the alert when it appears. Errors and warnings interrupt (role=alert); info and
   * success are polite (role=status). Static alerts present from the first render pass false.
   */
  live?: boolean;
}

export function Alert({ tone = 'info', title, children, action, live = true }: AlertProps) {
  const urgent = tone === 'error' || tone === 'warning';
  const role = live ? (urgent ? 'alert' : 'status') : undefined;
  return (
    <div className={`alert alert--${tone}`} role={role}>
      <span className="alert__icon">{ICONS[tone]}</span>
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children ? <div className="alert__text">{children}</div> : null}
        {action ? <div className="alert__action">{action}</div> : null}
      </div>
    </div>
  );
}

/** An API failure as an error Alert: the server's localized title/detail, the request number
 * to quote to the contact center, and an optional retry. A mistake of the reader's own (a 4xx)
 * keeps the request number folded away under "details for support"; a fault of ours shows it. */
export function ErrorAlert({ failure, onRetry }: { failure: ApiFailure; onRetry?: () => void }) {
  const { t } = useKit();
  const message = describeError(failure, t);
  return (
    <Alert
      tone="error"
      title={message.title}
      action={
        onRetry ? (
          <Button variant="secondary" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    >
      {message.detail ? <p>{message.detail}</p> : null}
      {message.fieldErrors.length > 0 ? (
        <>
          <p>{t('errors.fieldErrors')}</p>
          <ul>
            {message.fieldErrors.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </>
      ) : null}
      {message.requestId ? <RequestNumber requestId={message.requestId} folded={isOrdinaryMistake(failure)} /> : null}
    </Alert>
  );
}

function isOrdinaryMistake(failure: ApiFailure): boolean {
  return failure.status !== null && failure.status >= 400 && failure.status < 500;
}

function RequestNumber({ requestId, folded }: { requestId: string; folded: boolean }) {
  const { t } = useKit();
  const line = <p className="alert__meta">{t('errors.requestId', { requestId })}</p>;
  if (!folded) return line;
  return (
    <details className="alert__details">
      <summary>{t('errors.supportDetails')}</summary>
      {line}
    </details>
  );
}
