import { useEffect, useRef } from 'react';
import { useParams } from 'react-router-dom';
import { useLocale, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { Facts } from '../../money/components';
import { Alert, Button, ButtonLink, DateTime, ErrorAlert, ErrorIcon, InfoIcon, LoadingState, Money, Spinner, SuccessIcon } from '../../ui';
import { localized } from '../payments/payment-model';
import type { DoneScreen } from './done-model';
import type { GuestPaymentView } from './guest-model';
import { useGuestStatus } from './useGuestStatus';
import '../transfers/transfers.css';
import '../payments/payments.css';
import './guest-pay.css';

type ProviderStatus = NonNullable<GuestPaymentView['providerStatus']>;
const PROVIDER_STATUS_KEYS = {
  pending: 'guestPay.providerStatus_pending',
  confirmed: 'guestPay.providerStatus_confirmed',
  'awaiting-activation': 'guestPay.providerStatus_awaitingActivation',
  rejected: 'guestPay.providerStatus_rejected',
  void: 'guestPay.providerStatus_void',
} as const satisfies Record<ProviderStatus, string>;

/** The heading of each outcome takes the focus, so a screen reader says what happened first. */
function useFocusedHeading(kind: DoneScreen['kind']) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (kind !== 'loading') heading.current?.focus();
  }, [kind]);
  return heading;
}

/** Paid: a receipt on screen, with what the SMS says too; the provider's word as it comes. */
function PaidReceipt({ payment }: { payment: GuestPaymentView }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const status = payment.providerStatus ?? 'pending';
  return (
    <>
      <Facts
        rows={[
          { label: t('guestPay.provider'), value: localized(payment.provider.name, language) },
          { label: t('guestPay.account'), value: <span className="mono">{payment.accountLabel}</span> },
          { label: t('guestPay.amount'), value: <Money amountMinor={payment.amountMinor} currency={payment.currency} /> },
          {
            label: t('guestPay.fee'),
            value: payment.feeMinor > 0 ? <Money amountMinor={payment.feeMinor} currency={payment.currency} /> : t('guestPay.feeNone'),
          },
          { label: t('guestPay.totalPaid'), value: <Money amountMinor={payment.totalMinor} currency={payment.currency} />, strong: true },
          payment.cardLast4 !== null && {
            label: t('guestPay.card'),
            value: <span className="mono">{t('guestPay.cardMasked', { last4: payment.cardLast4 })}</span>,
          },
          { label: t('guestPay.date'), value: <DateTime value={payment.endedAt ?? payment.createdAt} /> },
          { label: t('guestPay.paymentNumber'), value: <span className="mono guest-done__number">{payment.id}</span> },
          {
            label: t('guestPay.providerStatus'),
            value: (
              <span className="pay-result__provider" aria-live="polite" data-provider-status={status}>
                {status === 'pending' ? <Spinner decorative size="small" /> : null}
                <span>{t(PROVIDER_STATUS_KEYS[status])}</span>
              </span>
            ),
          },
        ]}
      />
      <Alert tone="success" live={false}>
        <p>{t('guestPay.receiptSent', { phone: payment.receiptPhone })}</p>
      </Alert>
    </>
  );
}

export function DoneOutcome({ screen, onRefresh }: { screen: DoneScreen; onRefresh: () => void }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const heading = useFocusedHeading(screen.kind);
  if (screen.kind === 'loading') return <LoadingState />;
  if (screen.kind === 'error') return <ErrorAlert failure={screen.failure} onRetry={onRefresh} />;
  if (screen.kind === 'no-token')
    return (
      <section className="result result--info guest-done" aria-labelledby="guest-done-title" data-outcome="no-token">
        <span className="result__icon">
          <InfoIcon />
        </span>
        <h1 id="guest-done-title" className="result__title" ref={heading} tabIndex={-1}>
          {t('guestPay.noTokenTitle')}
        </h1>
        <p className="muted">{t('guestPay.noTokenText')}</p>
        <div className="guest-done__actions">
          <ButtonLink to="/pay" variant="secondary" className="button--wide">
            {t('guestPay.another')}
          </ButtonLink>
        </div>
      </section>
    );
  const { payment } = screen;
  const waiting = screen.kind === 'waiting' || screen.kind === 'still-waiting';
  const tone = screen.kind === 'paid' ? 'success' : screen.kind === 'failed' ? 'error' : 'info';
  const title = {
    waiting: t('guestPay.waitingTitle'),
    'still-waiting': t('guestPay.stillWaitingTitle'),
    paid: t('guestPay.paidTitle'),
    failed: t('guestPay.failedTitle'),
  }[screen.kind];
  return (
    <section className={`result result--${tone} guest-done`} aria-labelledby="guest-done-title" data-outcome={screen.kind}>
      <span className="result__icon">
        {
          { waiting: <Spinner decorative size="large" />, 'still-waiting': <InfoIcon />, paid: <SuccessIcon />, failed: <ErrorIcon /> }[
            screen.kind
          ]
        }
      </span>
      <h1 id="guest-done-title" className="result__title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <p className="result__amount">
        <Money amountMinor={payment.totalMinor} currency={payment.currency} />
      </p>
      {screen.kind === 'paid' ? <PaidReceipt payment={payment} /> : null}
      {screen.kind === 'failed' ? (
        <>
          <p className="result__payee">{localized(payment.provider.name, language)}</p>
          <div className="result__reason" role="alert">
            <span className="result__reason-label">{t('guestPay.reason')}</span>
            <span>{payment.failureReason ?? t('guestPay.reasonUnknown')}</span>
          </div>
          <p>
            <strong>{t('guestPay.noMoneyTaken')}</strong>
          </p>
        </>
      ) : null}
      {screen.kind === 'waiting' ? <p className="muted">{t('guestPay.waitingText')}</p> : null}
      {screen.kind === 'still-waiting' ? (
        <>
          <p className="muted">{t('guestPay.stillWaitingText')}</p>
          <Button variant="secondary" onClick={onRefresh}>
            {t('guestPay.refresh')}
          </Button>
        </>
      ) : null}
      {waiting ? null : (
        <div className="guest-done__actions">
          {screen.kind === 'failed' ? (
            <ButtonLink to={`/pay/${payment.provider.id}`} variant="primary" className="button--wide">
              {t('guestPay.tryAgain')}
            </ButtonLink>
          ) : null}
          <ButtonLink to="/pay" variant="secondary" className="button--wide">
            {t('guestPay.another')}
          </ButtonLink>
        </div>
      )}
    </section>
  );
}

/**
 * /pay/done/:guestPaymentId, where the bank's checkout sends the guest back (issue 16 item 5):
 * waiting while the card has no answer, then a receipt (paid) or the reason (failed, nothing
 * taken, "try again"). Opened in another browser it has no token: it says where the answer is.
 */
export function GuestDonePage() {
  const { t } = useTranslation();
  usePageTitle(t('guestPay.doneTitle'));
  const { guestPaymentId = '' } = useParams();
  const { screen, refresh } = useGuestStatus(guestPaymentId);
  return (
    <div className="page page--narrow guest-pay">
      <DoneOutcome screen={screen} onRefresh={refresh} />
    </div>
  );
}
