import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hostOf, useMeta } from '../../api/meta';
import { type ApiFailure, problemNumber } from '../../api/problem';
import { Alert, Button, ErrorAlert, LockIcon, TextField } from '../../ui';

const CODE_PATTERN = /^\d{6}$/;

export type ResendOutcome = { ok: true; resendAvailableAt: string } | { ok: false; failure: ApiFailure };

interface CodeStepProps {
  /** "We sent a code to +7 701 *** ** 67", worded by the caller (login must not confirm the phone). */
  intro: ReactNode;
  resendAvailableAt: string;
  /** Sends the code; resolves to the failure to show, or null when the caller moved on. */
  onSubmit: (code: string) => Promise<ApiFailure | null>;
  /** Sends a new code; the button shows the cooldown's countdown. */
  onResend?: () => Promise<ResendOutcome>;
  onBack: () => void;
  backLabel: string;
  submitLabel: string;
  /** Extra fields submitted with the code (password reset: IIN and the new password). */
  children?: ReactNode;
  /** Validation of the extra fields; false stops the submit. */
  validateExtra?: () => boolean;
}

function secondsUntil(iso: string): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 1000));
}

/** A live countdown to an instant, in whole seconds. */
function useCountdown(until: string): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(until));
  useEffect(() => {
    setSeconds(secondsUntil(until));
    const timer = window.setInterval(() => setSeconds(secondsUntil(until)), 1000);
    return () => window.clearInterval(timer);
  }, [until]);
  return seconds;
}

/**
 * The one-time code screen shared by registration, login and password reset: the official
 * domain, the memo's warning, the code field, and a resend button with a live countdown.
 */
export function CodeStep({
  intro,
  resendAvailableAt,
  onSubmit,
  onResend,
  onBack,
  backLabel,
  submitLabel,
  children,
  validateExtra,
}: CodeStepProps) {
  const { t } = useTranslation();
  const { state: meta } = useMeta();
  const host = meta.status === 'ready' ? hostOf(meta.meta.publicOrigin) : null;
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [resending, setResending] = useState(false);
  const [resent, setResent] = useState(false);
  const [resendAt, setResendAt] = useState(resendAvailableAt);
  const seconds = useCountdown(resendAt);
  const inputRef = useRef<HTMLInputElement>(null);
  const warningId = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, '');
    const codeValid = CODE_PATTERN.test(trimmed);
    setCodeError(codeValid ? null : t('code.invalid'));
    const extraValid = validateExtra ? validateExtra() : true;
    if (!codeValid || !extraValid) {
      if (!codeValid) inputRef.current?.focus();
      return;
    }
    setSubmitting(true);
    setFailure(null);
    const result = await onSubmit(trimmed);
    setSubmitting(false);
    if (result !== null) {
      setFailure(result);
      setCode('');
      inputRef.current?.focus();
    }
  }

  async function handleResend() {
    if (!onResend) return;
    setResending(true);
    setFailure(null);
    setResent(false);
    const result = await onResend();
    setResending(false);
    if (result.ok) {
      setResendAt(result.resendAvailableAt);
      setResent(true);
      setCode('');
      inputRef.current?.focus();
    } else {
      const retryAfter = problemNumber(result.failure, 'retryAfterSeconds');
      if (retryAfter !== null) setResendAt(new Date(Date.now() + retryAfter * 1000).toISOString());
      setFailure(result.failure);
    }
  }

  return (
    <form className="stack code-step" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <p className="code-step__intro">{intro}</p>
      {host ? (
        <p className="code-step__domain">
          <LockIcon />
          <span>{t('code.domain', { host })}</span>
        </p>
      ) : null}
      <div id={warningId}>
        <Alert tone="warning" live={false} title={t('code.warningTitle')}>
          <p>{t('code.warningText')}</p>
        </Alert>
      </div>
      {resent ? <Alert tone="success">{t('code.resent')}</Alert> : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      <TextField
        ref={inputRef}
        label={t('code.label')}
        hint={t('code.hint')}
        error={codeError}
        name="code"
        className="field--code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        pattern="[0-9]*"
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
        aria-describedby={warningId}
      />
      {children}
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={submitting}>
          {submitLabel}
        </Button>
        {onResend ? (
          <Button variant="secondary" onClick={() => void handleResend()} disabled={seconds > 0} loading={resending}>
            {seconds > 0 ? t('code.resendIn', { seconds }) : t('code.resend')}
          </Button>
        ) : null}
      </div>
      <p>
        <button type="button" className="link-button" onClick={onBack}>
          {backLabel}
        </button>
      </p>
    </form>
  );
}
