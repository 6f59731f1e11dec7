import './challenge.css';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type ApiFailure, problemCode } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { dotted } from '../../lib/masked';
import { Alert, Button, ErrorAlert, LoadingState, Money, ShieldIcon, TextField } from '../../ui';
import { codeFromInput } from '../auth/CodeStep';
import { answerChallenge, type Challenge, cancelChallenge, loadChallenge, resendChallenge } from './checkout-api';
import { minutesAndSeconds, useSecondsLeft } from './checkout-model';

const CODE_PATTERN = /^\d{6}$/;
/**
 * How often the page asks whether the challenge ended in the app (docs/3ds.md: the page polls the
 * view): the buyer looks from the phone back to the page, and should see it go on within seconds.
 */
const APP_APPROVAL_POLL_MS = 2_500;
/** The challenge API's refusals after which no code can pass: the result is the ACS's to give. */
const ENDED_PROBLEMS = new Set(['acs-challenge-ended', 'acs-challenge-not-found']);

type Load = { status: 'loading' } | { status: 'error'; failure: ApiFailure } | { status: 'ready'; challenge: Challenge };

/**
 * The bank's own 3-D Secure step (issue 15 item 4), on the checkout page itself so the checkout
 * token never leaves memory. It shows what the code confirms (the merchant, the amount, the
 * card: the SMS names the same, dynamic linking), the memo's warning, the tries and the time
 * left. When the ACS says the challenge is over (right code, last wrong one, cancel, time up)
 * `onDone` runs: the checkout then asks the server, which takes the result from the ACS itself.
 */
export function ChallengeStep({ acsTransID, onDone }: { acsTransID: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    void loadChallenge(acsTransID, controller.signal).then((result) => {
      if (result.ok) setLoad({ status: 'ready', challenge: result.data });
      else if (!result.aborted) setLoad({ status: 'error', failure: result.failure });
    });
    return () => controller.abort();
  }, [acsTransID]);
  const ended = load.status === 'ready' && load.challenge.status !== 'pending';
  useEffect(() => {
    if (ended) onDone();
  }, [ended, onDone]);
  // Approved (or declined) in the Kassa app: the view stops being pending, and `ended` above goes
  // on exactly as after a right code.
  const appApproval = load.status === 'ready' && load.challenge.appApproval && !ended;
  useEffect(() => {
    if (!appApproval) return;
    let controller = new AbortController();
    const timer = window.setInterval(() => {
      controller.abort();
      controller = new AbortController();
      void loadChallenge(acsTransID, controller.signal).then((result) => {
        if (result.ok && result.data.status !== 'pending') setLoad({ status: 'ready', challenge: result.data });
      });
    }, APP_APPROVAL_POLL_MS);
    return () => {
      window.clearInterval(timer);
      controller.abort();
    };
  }, [appApproval, acsTransID]);

  return (
    <section className="acs stack" aria-labelledby="acs-title">
      <header className="acs__head">
        <ShieldIcon />
        <h2 id="acs-title" className="acs__title">
          {t('acs.title')}
        </h2>
      </header>
      {load.status === 'loading' || ended ? <LoadingState label={t('acs.opening')} /> : null}
      {load.status === 'error' ? <ErrorAlert failure={load.failure} onRetry={onDone} /> : null}
      {load.status === 'ready' && !ended ? (
        <ChallengeForm
          challenge={load.challenge}
          onChallenge={(challenge) => setLoad({ status: 'ready', challenge })}
          acsTransID={acsTransID}
          onDone={onDone}
        />
      ) : null}
    </section>
  );
}

interface ChallengeFormProps {
  acsTransID: string;
  challenge: Challenge;
  onChallenge: (challenge: Challenge) => void;
  onDone: () => void;
}

function ChallengeForm({ acsTransID, challenge, onChallenge, onDone }: ChallengeFormProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [triesLeft, setTriesLeft] = useState(challenge.triesLeft);
  const [wrong, setWrong] = useState(false);
  const [resent, setResent] = useState(false);
  const [busy, setBusy] = useState<'answer' | 'resend' | 'cancel' | null>(null);
  const secondsLeft = useSecondsLeft(challenge.expiresAt);
  const resendSeconds = useSecondsLeft(challenge.resendAvailableAt);
  const inputRef = useRef<HTMLInputElement>(null);
  const expired = secondsLeft === 0;

  useEffect(() => {
    inputRef.current?.focus();
  }, []);
  // Time is up: the ACS has ended the challenge with N; the checkout asks for the result.
  useEffect(() => {
    if (expired) onDone();
  }, [expired, onDone]);

  function ended(result: ApiFailure): boolean {
    const code = problemCode(result);
    return code !== null && ENDED_PROBLEMS.has(code);
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = codeFromInput(code);
    if (!CODE_PATTERN.test(typed)) {
      setCodeError(t('acs.codeInvalid'));
      inputRef.current?.focus();
      return;
    }
    setCodeError(null);
    setFailure(null);
    setResent(false);
    setBusy('answer');
    const result = await answerChallenge(acsTransID, typed);
    setBusy(null);
    if (!result.ok) {
      if (result.aborted) return;
      if (ended(result.failure)) onDone();
      else setFailure(result.failure);
      return;
    }
    if (result.data.done) {
      onDone();
      return;
    }
    setTriesLeft(result.data.triesLeft);
    setWrong(true);
    setCode('');
    inputRef.current?.focus();
  }

  async function handleResend() {
    setBusy('resend');
    setFailure(null);
    const result = await resendChallenge(acsTransID);
    setBusy(null);
    if (result.ok) {
      onChallenge(result.data);
      setTriesLeft(result.data.triesLeft);
      setWrong(false);
      setResent(true);
      setCode('');
      inputRef.current?.focus();
    } else if (!result.aborted) {
      if (ended(result.failure)) onDone();
      else setFailure(result.failure);
    }
  }

  async function handleCancel() {
    setBusy('cancel');
    setFailure(null);
    const result = await cancelChallenge(acsTransID);
    setBusy(null);
    if (result.ok || (!result.aborted && ended(result.failure))) onDone();
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <form className="stack" method="post" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <p>{t('acs.lead')}</p>
      <dl className="acs__facts">
        <div>
          <dt>{t('acs.merchant')}</dt>
          <dd>{challenge.merchantName}</dd>
        </div>
        <div>
          <dt>{t('acs.amount')}</dt>
          <dd className="acs__amount">
            <Money amountMinor={challenge.amountMinor} currency={challenge.currency} />
          </dd>
        </div>
        <div>
          <dt>{t('acs.card')}</dt>
          <dd className="mono">{dotted(challenge.maskedPan)}</dd>
        </div>
      </dl>
      {challenge.sandbox ? (
        <Alert tone="info" live={false}>
          {t('acs.sandboxCode')}
        </Alert>
      ) : challenge.maskedPhone ? (
        <p className="acs__sent">{t('acs.codeSent', { phone: dotted(challenge.maskedPhone) })}</p>
      ) : null}
      {challenge.appApproval ? <p className="acs__in-app">{t('approvals.acsInApp')}</p> : null}
      <p className="acs__warning">
        <strong>{t('acs.warning')}</strong>
      </p>
      <TextField
        ref={inputRef}
        label={t('acs.code')}
        hint={t('acs.codeHint')}
        name="one-time-code"
        className="field--code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={6}
        value={code}
        error={codeError ?? (wrong ? t('acs.wrongCode', { count: triesLeft }) : null)}
        onChange={(event) => {
          setCode(codeFromInput(event.target.value));
          setCodeError(null);
        }}
      />
      <p className="acs__meta" aria-live="off">
        <span>{t('acs.triesLeft', { count: triesLeft })}</span>
        <span>{expired ? t('acs.expired') : t('acs.expiresIn', { time: minutesAndSeconds(secondsLeft) })}</span>
      </p>
      {resent ? (
        <Alert tone="success" live>
          {t('acs.resent')}
        </Alert>
      ) : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      <Button type="submit" className="button--wide" loading={busy === 'answer'} disabled={expired}>
        {t('acs.confirm')}
      </Button>
      <div className="form-actions form-actions--split">
        {challenge.sandbox ? (
          <span />
        ) : (
          <Button
            variant="secondary"
            loading={busy === 'resend'}
            disabled={resendSeconds > 0 || expired || challenge.resendAvailableAt === null}
            onClick={() => void handleResend()}
          >
            {resendSeconds > 0 ? t('acs.resendIn', { seconds: resendSeconds }) : t('acs.resend')}
          </Button>
        )}
        <Button variant="secondary" loading={busy === 'cancel'} onClick={() => void handleCancel()}>
          {t('acs.cancel')}
        </Button>
      </div>
    </form>
  );
}
