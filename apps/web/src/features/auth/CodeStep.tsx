import { type FormEvent, type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { hostOf, useMeta } from '../../api/meta';
import { type ApiFailure, problemCode, problemNumber } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Alert, Button, ErrorAlert, LockIcon, TextField } from '../../ui';

const CODE_LENGTH = 6;
const CODE_PATTERN = /^\d{6}$/;
/** RTS art. 4(3)(b): the bank takes three wrong codes, then the code is void. */
const WRONG_CODES_MAX = 3;
/** The problems after which this code can never pass: the customer must start again. */
const CODE_ENDED = new Set(['code-attempts-exceeded', 'code-expired', 'code-not-valid-anymore']);

/**
 * A code as pasted or typed: "12 34 56", "123-456", or the whole SMS ("Код 123456 для…") give
 * "123456". Everything but digits goes, and the first six digits are the code.
 */
export function codeFromInput(text: string): string {
  return text.replace(/\D/g, '').slice(0, CODE_LENGTH);
}

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
  /**
   * What to do once the code can no longer pass (three wrong codes, or its time is up), worded
   * for the step: a login says to wait or reset the password. The contact center is added.
   */
  usedUpHint?: string;
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
  usedUpHint,
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
  const [wrongCodes, setWrongCodes] = useState(0);
  const seconds = useCountdown(resendAt);
  const inputRef = useRef<HTMLInputElement>(null);
  const warningId = useId();

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = codeFromInput(code);
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
      // A refusal with a status is a code the bank did not take (a login says no more than that).
      if (result.status !== null && result.status < 500) setWrongCodes((count) => count + 1);
      setCode('');
      inputRef.current?.focus();
    }
  }

  const endedCode = failure ? problemCode(failure) : null;
  const usedUp = (endedCode !== null && CODE_ENDED.has(endedCode)) || wrongCodes >= WRONG_CODES_MAX;
  const contactPhone = meta.status === 'ready' ? meta.meta.contactCenterPhone : null;

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
      // A new code comes with its own three tries.
      setWrongCodes(0);
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
      {usedUp ? (
        <Alert tone="error" title={t('code.usedUpTitle')}>
          <p>{usedUpHint ?? t('code.usedUpText')}</p>
          {contactPhone ? <p>{t('code.notYou', { phone: contactPhone })}</p> : null}
        </Alert>
      ) : failure ? (
        <ErrorAlert failure={failure} />
      ) : null}
      {usedUp ? (
        <div className="form-actions">
          <Button variant="primary" onClick={onBack}>
            {backLabel}
          </Button>
        </div>
      ) : (
        <CodeForm
          code={code}
          setCode={setCode}
          codeError={codeError}
          inputRef={inputRef}
          warningId={warningId}
          submitting={submitting}
          submitLabel={submitLabel}
          resend={onResend ? { seconds, resending, onResend: () => void handleResend() } : null}
          extra={children}
        />
      )}
      {usedUp ? null : (
        <p>
          <button type="button" className="link-button" onClick={onBack}>
            {backLabel}
          </button>
        </p>
      )}
    </form>
  );
}

interface CodeFormProps {
  code: string;
  setCode: (code: string) => void;
  codeError: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
  warningId: string;
  submitting: boolean;
  submitLabel: string;
  resend: { seconds: number; resending: boolean; onResend: () => void } | null;
  extra: ReactNode;
}

/**
 * The code field and its buttons. No maxLength: it would cut a pasted "12 34 56" to "12 34 "
 * before the spaces could be taken out; codeFromInput keeps six digits instead.
 */
function CodeForm({ code, setCode, codeError, inputRef, warningId, submitting, submitLabel, resend, extra }: CodeFormProps) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        ref={inputRef}
        label={t('code.label')}
        hint={t('code.hint')}
        error={codeError}
        name="code"
        className="field--code"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(event) => setCode(codeFromInput(event.target.value))}
        aria-describedby={warningId}
      />
      {extra}
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={submitting}>
          {submitLabel}
        </Button>
        {resend ? (
          <Button variant="secondary" onClick={resend.onResend} disabled={resend.seconds > 0} loading={resend.resending}>
            {resend.seconds > 0 ? t('code.resendIn', { seconds: resend.seconds }) : t('code.resend')}
          </Button>
        ) : null}
      </div>
    </>
  );
}
