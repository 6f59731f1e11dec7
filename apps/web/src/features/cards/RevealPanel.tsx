import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n';
import { Alert, CopyButton, ErrorAlert } from '../../ui';
import { CodeStep } from '../auth/CodeStep';
import { type CardView, clockText, groupPan, type RevealedDetails, secondsLeft } from './card-model';
import type { Reveal } from './useReveal';

/** The seconds left on the screen, redrawn with the reveal's own tick. */
function useSecondsLeft(hideAtMs: number): number {
  const [seconds, setSeconds] = useState(() => secondsLeft(hideAtMs, Date.now()));
  useEffect(() => {
    setSeconds(secondsLeft(hideAtMs, Date.now()));
    const timer = window.setInterval(() => setSeconds(secondsLeft(hideAtMs, Date.now())), 250);
    return () => window.clearInterval(timer);
  }, [hideAtMs]);
  return seconds;
}

/** The memo's warning, where the details are: never tell them to anyone, the bank never asks. */
function NeverTell() {
  const { t } = useTranslation();
  return (
    <Alert tone="warning" live={false} title={t('cards.neverTellTitle')}>
      <p>{t('cards.neverTellText')}</p>
    </Alert>
  );
}

/** The details beside the picture: a copy button for each and the countdown ("hide now" is among the quick actions). */
function ShownDetails({ details, hideAtMs }: { details: RevealedDetails; hideAtMs: number }) {
  const { t } = useTranslation();
  const seconds = useSecondsLeft(hideAtMs);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const total = details.visibleForSeconds;
  const rows = [
    { key: 'number', label: t('cards.number'), value: groupPan(details.pan), copy: details.pan },
    { key: 'expiry', label: t('cards.validThru'), value: details.expiry, copy: details.expiry },
    { key: 'cvc', label: 'CVC2', value: details.cvc2, copy: details.cvc2 },
    { key: 'name', label: t('cards.holder'), value: details.cardholderName, copy: details.cardholderName },
  ];
  return (
    <section className="reveal stack" aria-labelledby="reveal-title">
      <div className="reveal__head">
        <h2 id="reveal-title" className="section-title" ref={headingRef} tabIndex={-1}>
          {t('cards.detailsTitle')}
        </h2>
        <p className="reveal__countdown" aria-live="off">
          <span>{t('cards.hidesIn')}</span> <span className="reveal__clock">{clockText(seconds)}</span>
        </p>
      </div>
      {/* The bar is for the eye; the clock above says the same in words. */}
      <progress className="reveal__bar" max={total} value={seconds} aria-hidden="true" />
      <dl className="reveal__rows">
        {rows.map((row) => (
          <div key={row.key} className="reveal__row">
            <dt>{row.label}</dt>
            <dd>
              <span className="mono">{row.value}</span>
              <CopyButton value={row.copy} label={t('cards.copy', { what: row.label })} />
            </dd>
          </div>
        ))}
      </dl>
      <NeverTell />
    </section>
  );
}

/**
 * "Show card details": a button, then the SMS code for "show card •••• 1234" (the transfers' code
 * step), then the details for the seconds the bank allows, then hidden again.
 */
export function RevealPanel({ card, reveal }: { card: Pick<CardView, 'last4'>; reveal: Reveal }) {
  const { t } = useTranslation();
  const { state } = reveal;
  if (state.step === 'shown') return <ShownDetails details={state.details} hideAtMs={state.hideAtMs} />;
  if (state.step === 'code') {
    return (
      <section className="stack" aria-labelledby="reveal-code-title">
        <h2 id="reveal-code-title" className="section-title">
          {t('cards.revealCodeTitle', { last4: card.last4 })}
        </h2>
        <CodeStep
          intro={t('cards.revealCodeIntro', { last4: card.last4 })}
          resendAvailableAt={state.resendAvailableAt}
          onSubmit={reveal.confirm}
          onResend={reveal.resend}
          onBack={reveal.cancel}
          backLabel={t('cards.revealCancel')}
          submitLabel={t('cards.revealSubmit')}
          usedUpHint={t('cards.revealUsedUp')}
        />
      </section>
    );
  }
  // Idle: the button is among the card's quick actions (CardPage); here only what the last try said.
  if (state.step === 'idle' && state.hiddenBy === 'time') return <Alert tone="info">{t('cards.hiddenByTime')}</Alert>;
  return reveal.failure ? <ErrorAlert failure={reveal.failure} /> : null;
}
