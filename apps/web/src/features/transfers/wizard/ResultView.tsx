import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { useMeta } from '../../../api/meta';
import { useLocale, useTranslation } from '../../../i18n';
import { Facts, ScaExemptionNote, StatusBadge } from '../../../money/components';
import { isAccepted, type Operation } from '../../../money/model';
import { Button, ButtonLink, DownloadIcon, ErrorIcon, Money, SuccessIcon } from '../../../ui';
import { WizardFooter } from './WizardFooter';

type Tone = 'success' | 'info' | 'error' | 'neutral';

function useOutcome(transfer: Operation): { tone: Tone; title: string; text: string } {
  const { t } = useTranslation();
  switch (transfer.status) {
    case 'completed':
      return { tone: 'success', title: t('transfer.resultCompleted'), text: t('transfer.resultCompletedText') };
    case 'sent':
      return { tone: 'success', title: t('transfer.resultSent'), text: t('transfer.resultSentText') };
    case 'awaiting_confirmation':
      return { tone: 'info', title: t('transfer.resultAwaiting'), text: '' };
    case 'cancelled':
      return { tone: 'neutral', title: t('transfer.resultCancelled'), text: t('transfer.resultDeclinedText') };
    case 'expired':
      return { tone: 'error', title: t('transfer.resultExpired'), text: t('transfer.resultStartAgain') };
    default:
      return {
        tone: 'error',
        title: t('transfer.resultDeclined'),
        text: transfer.declineReason === 'wrong-code' ? t('transfer.resultStartAgain') : t('transfer.resultDeclinedText'),
      };
  }
}

/**
 * The last step: the bank's answer in words, the payee as the bank names it (an own account by
 * its kind and masked IBAN, never its id), and what can be done next: the receipt, saving the
 * payee as trusted, the details, another transfer.
 */
export function ResultView({
  transfer,
  trustQuery,
  onAnother,
}: {
  transfer: Operation;
  /** The payee as "save as trusted payee" fills it in (phone=… or iban=…), or null. */
  trustQuery: string | null;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { state: meta } = useMeta();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const outcome = useOutcome(transfer);
  const accepted = isAccepted(transfer.status);
  const contactPhone = meta.status === 'ready' ? meta.meta.contactCenterPhone : null;
  const canTrust = accepted && trustQuery !== null && transfer.scaExemption !== 'trusted-payee';
  return (
    <div className="wizard-screen">
      <div className={`result result--${outcome.tone} wizard-screen__body`}>
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
        {transfer.declineReason === 'wrong-code' && contactPhone ? (
          <p className="muted">{t('code.notYou', { phone: contactPhone })}</p>
        ) : null}
        <ScaExemptionNote operation={transfer} />
        <Facts
          rows={[
            { label: t('operation.status'), value: <StatusBadge status={transfer.status} /> },
            transfer.feeMinor > 0 && {
              label: t('operation.fee'),
              value: <Money amountMinor={transfer.feeMinor} currency={transfer.currency} />,
            },
          ]}
        />
        <p className="result__links">
          {accepted ? (
            <a href={`/api/v1/operations/${encodeURIComponent(transfer.id)}/receipt?format=pdf&lang=${language}`} download>
              <DownloadIcon /> {t('transfer.receipt')}
            </a>
          ) : null}
          {canTrust ? <Link to={`/payees?${trustQuery}`}>{t('transfer.saveTrusted')}</Link> : null}
          <Link to={`/operations/${transfer.id}`}>{t('transfer.details')}</Link>
          <Link to="/history">{t('transfer.toHistory')}</Link>
        </p>
      </div>
      <WizardFooter>
        <Button variant="primary" onClick={onAnother}>
          {t('transfer.another')}
        </Button>
        <ButtonLink to="/" variant="secondary">
          {t('transfer.toHome')}
        </ButtonLink>
      </WizardFooter>
    </div>
  );
}
