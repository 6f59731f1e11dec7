import { type FormEvent, useRef, useState } from 'react';
import type { ApiFailure } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { dotted } from '../../lib/masked';
import { Alert, Button, ErrorAlert, Money } from '../../ui';
import { PinField } from '../auth/PinField';
import { minutesAndSeconds, useSecondsLeft } from '../checkout/checkout-model';
import { ApprovalResult, CallBank, type FinalOutcome, isFinal } from './ApprovalResult';
import type { PendingApproval } from './approvals-api';
import { type ApprovalOutcome, PIN_PATTERN } from './approvals-model';

type Step = 'review' | 'pin' | 'decline';

export interface ApprovalScreenProps {
  approval: PendingApproval;
  /** The session was opened by PIN and this browser holds the PIN device's key. */
  canApprove: boolean;
  /** The contact center's number, null while the bank's details load. */
  phone: string | null;
  onApprove: (pin: string) => Promise<ApprovalOutcome>;
  onDecline: () => Promise<ApprovalOutcome>;
  /** Only to render a given step in tests; the screen starts at the review. */
  initialStep?: Step;
}

/** What the approval confirms: the shop, the amount, the card and the time left (dynamic linking). */
function Facts({ approval, secondsLeft }: { approval: PendingApproval; secondsLeft: number }) {
  const { t } = useTranslation();
  return (
    <dl className="approval__facts">
      <div>
        <dt>{t('approvals.merchant')}</dt>
        <dd>{approval.merchantName}</dd>
      </div>
      <div>
        <dt>{t('approvals.amount')}</dt>
        <dd className="approval__amount">
          <Money amountMinor={approval.amountMinor} currency={approval.currency} />
        </dd>
      </div>
      <div>
        <dt>{t('approvals.card')}</dt>
        <dd className="mono">{dotted(approval.maskedPan)}</dd>
      </div>
      <div>
        <dt>{t('approvals.timeLeft')}</dt>
        <dd className="approval__time">{secondsLeft > 0 ? minutesAndSeconds(secondsLeft) : t('approvals.expired')}</dd>
      </div>
    </dl>
  );
}

/**
 * One purchase waiting for the customer's approval (issue 15 item 4): the facts, the memo's
 * warning with the bank's number, and Approve (the PIN, the device key's signature) or Decline
 * (after a confirmation). A wrong PIN keeps the PIN step with the tries left; every other answer
 * ends the screen with its result.
 */
export function ApprovalScreen({ approval, canApprove, phone, onApprove, onDecline, initialStep = 'review' }: ApprovalScreenProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>(initialStep);
  const [final, setFinal] = useState<FinalOutcome | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const secondsLeft = useSecondsLeft(approval.expiresAt);
  const expired = secondsLeft === 0;

  if (final) return <ApprovalResult outcome={final} phone={phone} />;

  /** Settles an outcome that is not the PIN step's own (a wrong PIN). */
  function settle(outcome: ApprovalOutcome): void {
    if (isFinal(outcome)) setFinal(outcome);
    else if (outcome.kind === 'failed') setFailure(outcome.failure);
  }

  async function decline() {
    setBusy(true);
    setFailure(null);
    const outcome = await onDecline();
    setBusy(false);
    settle(outcome);
  }

  return (
    <div className="stack">
      <p>{t('approvals.lead')}</p>
      <Facts approval={approval} secondsLeft={secondsLeft} />
      <div className="approval__warning">
        <p>
          <strong>{t('approvals.warning')}</strong>
        </p>
        <CallBank phone={phone} />
      </div>
      {!canApprove ? (
        <Alert tone="info" title={t('approvals.unavailableTitle')} live={false}>
          <p>{t('approvals.unavailableText')}</p>
        </Alert>
      ) : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      {step === 'pin' && canApprove && !expired ? (
        <PinStep onApprove={onApprove} onOutcome={settle} onCancel={() => setStep('review')} />
      ) : step === 'decline' ? (
        <Alert
          tone="warning"
          title={t('approvals.declineConfirm')}
          action={
            <div className="form-actions">
              <Button variant="danger" loading={busy} onClick={() => void decline()}>
                {t('approvals.declineYes')}
              </Button>
              <Button variant="secondary" onClick={() => setStep('review')}>
                {t('common.cancel')}
              </Button>
            </div>
          }
        >
          <p>{t('approvals.declineText')}</p>
        </Alert>
      ) : (
        <div className="approval__actions">
          {canApprove ? (
            <Button className="button--wide" disabled={expired} onClick={() => setStep('pin')}>
              {t('approvals.approve')}
            </Button>
          ) : null}
          <Button variant="secondary" className="button--wide" disabled={expired} onClick={() => setStep('decline')}>
            {t('approvals.decline')}
          </Button>
        </div>
      )}
    </div>
  );
}

interface PinStepProps {
  onApprove: (pin: string) => Promise<ApprovalOutcome>;
  onOutcome: (outcome: ApprovalOutcome) => void;
  onCancel: () => void;
}

/** The PIN, as the PIN login asks for it: the same field, the same rule. */
export function PinStep({ onApprove, onOutcome, onCancel }: PinStepProps) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!PIN_PATTERN.test(pin)) {
      setError(t('pin.invalid'));
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    const outcome = await onApprove(pin);
    setBusy(false);
    setPin('');
    if (outcome.kind === 'wrong-pin') {
      setError(t('approvals.wrongPin', { count: outcome.attemptsLeft ?? '?' }));
      inputRef.current?.focus();
      return;
    }
    onOutcome(outcome);
  }

  return (
    <form className="stack approval__pin" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <p>{t('approvals.pinIntro')}</p>
      <PinField ref={inputRef} label={t('pin.label')} error={error} name="pin" autoFocus value={pin} onPinChange={setPin} />
      <div className="form-actions form-actions--split">
        <Button type="submit" loading={busy}>
          {t('approvals.pinSubmit')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
