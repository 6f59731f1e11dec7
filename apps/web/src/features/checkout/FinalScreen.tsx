import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Button, ErrorIcon, InfoIcon, Money, SuccessIcon } from '../../ui';
import type { CheckoutView } from './checkout-api';
import { safeReturnUrl } from './checkout-model';

/** Seconds a paid buyer sees the result before going back to the shop by themselves; a button stops it. */
const AUTO_RETURN_SECONDS = 5;

export type FinalKind = 'paid' | 'failed' | 'canceled' | 'expired' | 'processing';

/** Which final screen a view gets (null: the payment still takes a card or a code). */
export function finalKindOf(view: CheckoutView, nowMs: number): FinalKind | null {
  switch (view.status) {
    case 'succeeded':
    case 'requires_capture':
      return 'paid';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
    case 'processing':
      return 'processing';
    case 'requires_action':
      return null;
    case 'requires_payment_method': {
      const expiresAtMs = Date.parse(view.expiresAt);
      return Number.isFinite(expiresAtMs) && expiresAtMs <= nowMs ? 'expired' : null;
    }
  }
}

interface FinalScreenProps {
  view: CheckoutView;
  kind: FinalKind;
  onRefresh: () => void;
}

/**
 * The end of the checkout: what happened, in words, and the one way on ("back to the shop",
 * to the return URL the bank validated). Only a paid buyer is taken back by themselves, after a
 * visible countdown they can stop; nobody is sent anywhere without a button to see first.
 */
export function FinalScreen({ view, kind, onRefresh }: FinalScreenProps) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const returnUrl = safeReturnUrl(view.returnUrl);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const title = {
    paid: t('checkout.succeededTitle'),
    failed: t('checkout.failedTitle'),
    canceled: t('checkout.canceledTitle'),
    expired: t('checkout.expiredTitle'),
    processing: t('checkout.processingTitle'),
  }[kind];
  const icon = kind === 'paid' ? <SuccessIcon /> : kind === 'processing' ? <InfoIcon /> : <ErrorIcon />;

  return (
    <section className={`checkout-final checkout-final--${kind}`} aria-labelledby="final-title">
      <span className="checkout-final__icon">{icon}</span>
      <h1 id="final-title" className="checkout-final__title" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <p className="checkout-final__amount">
        <Money amountMinor={view.amountMinor} currency={view.currency} />
      </p>
      <p className="checkout-final__merchant">{view.merchant.displayName}</p>
      {view.card ? <p className="checkout-final__card mono">{t('checkout.paidCard', { last4: view.card.last4 })}</p> : null}
      <FinalText view={view} kind={kind} />
      <dl className="checkout-final__facts">
        <div>
          <dt>{t('checkout.paymentId')}</dt>
          <dd className="mono">{view.id}</dd>
        </div>
      </dl>
      {kind === 'processing' ? (
        <Button variant="secondary" onClick={onRefresh}>
          {t('checkout.refresh')}
        </Button>
      ) : null}
      {returnUrl && kind !== 'processing' ? <BackToShop href={returnUrl} auto={kind === 'paid'} /> : null}
    </section>
  );
}

function FinalText({ view, kind }: { view: CheckoutView; kind: FinalKind }) {
  const { t } = useTranslation();
  if (kind === 'paid') return view.status === 'requires_capture' ? <p>{t('checkout.authorisedText')}</p> : null;
  if (kind === 'failed') {
    return (
      <div className="checkout-final__reason">
        <p>
          <strong>{t('checkout.reason')}:</strong> {view.failure?.message || t('checkout.failedReasonUnknown')}
        </p>
        <p>{t('checkout.failedText')}</p>
      </div>
    );
  }
  if (kind === 'canceled') return <p>{t('checkout.canceledText')}</p>;
  if (kind === 'expired') return <p>{t('checkout.expiredText')}</p>;
  return <p>{t('checkout.processingText')}</p>;
}

/** "Back to the shop", and for a paid buyer a countdown that goes there by itself unless stopped. */
/** The bank's own payments (a guest paying a provider at /pay) come back to the bank, not to a shop. */
function returnsToBank(href: string): boolean {
  if (typeof window === 'undefined') return false;
  const target = new URL(href, window.location.href);
  return target.origin === window.location.origin && target.pathname.startsWith('/pay/');
}

function BackToShop({ href, auto }: { href: string; auto: boolean }) {
  const { t } = useTranslation();
  const [seconds, setSeconds] = useState(AUTO_RETURN_SECONDS);
  const [stopped, setStopped] = useState(!auto);
  useEffect(() => {
    if (stopped) return;
    if (seconds === 0) {
      window.location.assign(href);
      return;
    }
    const timer = window.setTimeout(() => setSeconds((left) => left - 1), 1000);
    return () => window.clearTimeout(timer);
  }, [seconds, stopped, href]);
  const toBank = returnsToBank(href);
  return (
    <div className="checkout-final__actions stack">
      <a className="button button--primary button--wide" href={href} rel="noreferrer">
        {t(toBank ? 'checkout.backToBank' : 'checkout.backToShop')}
      </a>
      {stopped ? null : (
        <p className="checkout-final__countdown" role="timer" aria-live="off">
          <span>{t(toBank ? 'checkout.autoReturnBank' : 'checkout.autoReturn', { seconds })}</span>{' '}
          <button type="button" className="link-button" onClick={() => setStopped(true)}>
            {t('checkout.stayHere')}
          </button>
        </p>
      )}
    </div>
  );
}
