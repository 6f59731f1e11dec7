import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { Facts, StatusBadge } from '../../money/components';
import { isAccepted, type Operation } from '../../money/model';
import { Button, ButtonLink, DownloadIcon, ErrorIcon, Money, Spinner, SuccessIcon } from '../../ui';
import { WizardFooter } from '../transfers/wizard/WizardFooter';
import { providerSettled, type ServicePayment } from './payment-model';
import { type SaveablePayment, SavedActions } from './SavePaymentDialog';

/** How often, and how many times, the result asks where the provider stands: about half a minute in all. */
const PROVIDER_POLL_INTERVAL_MS = 2_000;
const PROVIDER_POLLS_MAX = 15;

/**
 * The provider's side of an accepted payment, asked a few times until it settles (confirmed,
 * awaiting activation, rejected); after that the history shows it. Stops when the screen closes.
 */
function useProviderStatus(paymentId: string, accepted: boolean): ServicePayment | null {
  const [view, setView] = useState<ServicePayment | null>(null);
  useEffect(() => {
    if (!accepted) return;
    const controller = new AbortController();
    let polls = 0;
    let timer: number | undefined;
    async function poll() {
      polls += 1;
      const result = await callApi(() =>
        api.GET('/api/v1/payments/{paymentId}', { params: { path: { paymentId } }, signal: controller.signal }),
      );
      if (result.ok) setView(result.data);
      const settled = result.ok && providerSettled(result.data.providerStatus);
      if (!settled && polls < PROVIDER_POLLS_MAX && !controller.signal.aborted)
        timer = window.setTimeout(() => void poll(), PROVIDER_POLL_INTERVAL_MS);
    }
    void poll();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [paymentId, accepted]);
  return view;
}

function useOutcome(payment: Operation) {
  const { t } = useTranslation();
  if (isAccepted(payment.status)) return { tone: 'success', title: t('payments.resultSent'), text: t('payments.resultSentText') } as const;
  if (payment.status === 'awaiting_confirmation') return { tone: 'info', title: t('payments.resultAwaiting'), text: '' } as const;
  if (payment.status === 'cancelled')
    return { tone: 'neutral', title: t('payments.resultCancelled'), text: t('payments.resultDeclinedText') } as const;
  if (payment.status === 'expired')
    return { tone: 'error', title: t('payments.resultExpired'), text: t('payments.resultDeclinedText') } as const;
  return { tone: 'error', title: t('payments.resultDeclined'), text: t('payments.resultDeclinedText') } as const;
}

/**
 * The last step: "sent to the provider" (then the provider's own word, as it comes), or declined
 * with the reason; the receipt, the details, the history, another payment.
 */
export function PayResult({
  payment,
  saveable,
  onAnother,
}: {
  payment: Operation;
  /** The provider and fields paid: "Save as favourite" and "Make it regular" once the bank has accepted it. */
  saveable?: SaveablePayment;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const accepted = isAccepted(payment.status);
  const outcome = useOutcome(payment);
  const provider = useProviderStatus(payment.id, accepted);
  const waiting = accepted && (provider === null || !providerSettled(provider.providerStatus));
  return (
    <div className="wizard-screen">
      <div className={`result result--${outcome.tone} wizard-screen__body`}>
        <span className="result__icon">{outcome.tone === 'error' ? <ErrorIcon /> : <SuccessIcon />}</span>
        <h2 className="result__title" ref={headingRef} tabIndex={-1}>
          {outcome.title}
        </h2>
        <p className="result__amount">
          <Money amountMinor={payment.amountMinor + payment.feeMinor} currency={payment.currency} />
        </p>
        <p className="result__payee">{payment.payee}</p>
        {outcome.tone === 'error' ? (
          <div className="result__reason" role="alert">
            <span className="result__reason-label">{t('payments.reason')}</span>
            <span>{payment.declineReasonText ?? t('payments.reasonUnknown')}</span>
          </div>
        ) : null}
        {outcome.text ? <p className="muted">{outcome.text}</p> : null}
        <Facts
          rows={[
            // Accepted is said by the title; the provider's own word follows. A refusal shows its status.
            !accepted && { label: t('operation.status'), value: <StatusBadge status={payment.status} kind={payment.kind} /> },
            accepted && {
              label: t('payments.providerStatus'),
              value: (
                <span className="pay-result__provider" aria-live="polite" data-provider-status={provider?.providerStatus ?? 'pending'}>
                  {waiting ? <Spinner decorative size="small" /> : null}
                  <span>{provider ? provider.providerStatusText : t('payments.providerWaiting')}</span>
                </span>
              ),
            },
            provider?.providerReference
              ? { label: t('payments.providerReference'), value: <span className="mono">{provider.providerReference}</span> }
              : null,
            payment.feeMinor > 0 && {
              label: t('payments.reviewFee'),
              value: <Money amountMinor={payment.feeMinor} currency={payment.currency} />,
            },
          ]}
        />
        <p className="result__links">
          {accepted ? (
            <a href={`/api/v1/operations/${encodeURIComponent(payment.id)}/receipt?format=pdf&lang=${language}`} download>
              <DownloadIcon /> {t('payments.receipt')}
            </a>
          ) : null}
          <Link to={`/operations/${payment.id}`}>{t('payments.details')}</Link>
          <Link to="/history">{t('payments.toHistory')}</Link>
        </p>
        {accepted && saveable ? <SavedActions payment={saveable} /> : null}
      </div>
      <WizardFooter>
        <Button variant="primary" onClick={onAnother}>
          {t('payments.another')}
        </Button>
        <ButtonLink to="/payments" variant="secondary">
          {t('payments.allPayments')}
        </ButtonLink>
      </WizardFooter>
    </div>
  );
}
