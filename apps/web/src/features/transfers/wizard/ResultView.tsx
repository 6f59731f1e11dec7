import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Facts, ScaExemptionNote, StatusBadge } from '../../../money/components';
import type { Operation } from '../../../money/model';
import { Button, ButtonLink, ErrorIcon, Money, SuccessIcon } from '../../../ui';

/** The last step: the bank's answer, in words, with the way to the details and the history. */
export function ResultView({ transfer, onAnother }: { transfer: Operation; onAnother: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const outcome =
    transfer.status === 'completed'
      ? { tone: 'success', title: t('transfer.resultCompleted'), text: t('transfer.resultCompletedText') }
      : transfer.status === 'sent'
        ? { tone: 'success', title: t('transfer.resultSent'), text: t('transfer.resultSentText') }
        : transfer.status === 'awaiting_confirmation'
          ? { tone: 'info', title: t('transfer.resultAwaiting'), text: '' }
          : {
              tone: 'error',
              title: transfer.status === 'expired' ? t('transfer.resultExpired') : t('transfer.resultDeclined'),
              text: t('transfer.resultDeclinedText'),
            };
  return (
    <div className={`result result--${outcome.tone}`}>
      <span className="result__icon">{outcome.tone === 'error' ? <ErrorIcon /> : <SuccessIcon />}</span>
      <h2 className="result__title" ref={headingRef} tabIndex={-1}>
        {outcome.title}
      </h2>
      <p className="result__amount">
        <Money amountMinor={transfer.amountMinor} currency={transfer.currency} />
      </p>
      <p className="result__payee">{transfer.payee}</p>
      {outcome.tone === 'error' ? (
        <div className="result__reason" role="alert">
          <span className="result__reason-label">{t('transfer.reason')}</span>
          <span>{transfer.declineReasonText ?? t('transfer.reasonUnknown')}</span>
        </div>
      ) : null}
      {outcome.text ? <p className="muted">{outcome.text}</p> : null}
      <ScaExemptionNote operation={transfer} />
      <Facts
        rows={[
          { label: t('operation.status'), value: <StatusBadge status={transfer.status} /> },
          transfer.feeMinor > 0 && {
            label: t('operation.fee'),
            value: <Money amountMinor={transfer.feeMinor} currency={transfer.currency} />,
          },
          { label: t('operation.id'), value: <span className="mono">{transfer.id}</span> },
        ]}
      />
      <div className="form-actions">
        <ButtonLink to={`/operations/${transfer.id}`} variant="primary">
          {t('transfer.details')}
        </ButtonLink>
        <Button variant="secondary" onClick={onAnother}>
          {t('transfer.another')}
        </Button>
        <Link to="/history">{t('transfer.toHistory')}</Link>
      </div>
    </div>
  );
}
