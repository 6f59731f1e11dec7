import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { Facts } from '../../money/components';
import { Alert, Button, ButtonLink, Card, DateTime, ErrorAlert, FlagIcon, HistoryIcon, LoadingState, PageHeader } from '../../ui';
import './support.css';
import { type DisputeDetails, disputeTone } from './support-model';

/** The steps of the case, oldest first: who took each (the customer or the bank) and the bank's words. */
function Timeline({ dispute }: { dispute: DisputeDetails }) {
  const { t } = useTranslation();
  return (
    <Card title={t('support.timeline')} icon={<HistoryIcon />}>
      <ol className="timeline" data-testid="dispute-timeline">
        {dispute.timeline.map((entry) => (
          <li key={`${entry.kind}-${entry.at}`} className={`timeline__item timeline__item--${entry.by}`}>
            <p className="timeline__title">{t(`support.event_${entry.kind}`)}</p>
            <p className="timeline__meta">
              {entry.by === 'bank' ? t('support.byBank') : t('support.byYou')} · <DateTime value={entry.at} />
            </p>
            {entry.message ? <p className="timeline__message">{entry.message}</p> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

function Withdraw({ dispute, onDone }: { dispute: DisputeDetails; onDone: (next: DisputeDetails) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  // The question takes the focus, so a screen reader reads it before the buttons.
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  async function withdraw() {
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/v1/disputes/{disputeId}/withdraw', { params: { path: { disputeId: dispute.id } } }));
    setBusy(false);
    if (result.ok) onDone(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }
  if (!dispute.canWithdraw) return null;
  return (
    <div className="stack">
      {failure ? <ErrorAlert failure={failure} /> : null}
      {asking ? (
        <div ref={confirmRef} tabIndex={-1} className="stack focus-target">
          <Alert tone="warning" live>
            <p>{t('support.withdrawConfirm')}</p>
          </Alert>
          <div className="form-actions">
            <Button variant="danger" loading={busy} onClick={() => void withdraw()}>
              {t('support.withdrawYes')}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setAsking(true)}>
            {t('support.withdraw')}
          </Button>
        </div>
      )}
    </div>
  );
}

/** One dispute: the operation, where the case stands, its timeline, and "withdraw" while it is open. */
export function DisputePage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  usePageTitle(t('support.disputeTitle'));
  const { id = '' } = useParams();
  const { state, reload, setState } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/disputes/{disputeId}', { params: { path: { disputeId: id } }, signal })),
    [id],
  );
  const [withdrawn, setWithdrawn] = useState(false);
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') {
    return (
      <div className="page page--narrow">
        <PageHeader title={t('support.disputeTitle')} />
        <ErrorAlert failure={state.failure} onRetry={reload} />
      </div>
    );
  }
  const dispute = state.data;
  const money = (minor: number) => formatMoney(minor, dispute.currency, locale);
  const open = dispute.status === 'new' || dispute.status === 'investigating';
  return (
    <div className="page page--narrow">
      <PageHeader title={t('support.disputeTitle')} lead={t('support.disputeRow', { amount: money(dispute.amountMinor) })} />
      {withdrawn ? <Alert tone="success" title={t('support.withdrawDone')} /> : null}
      <Card title={t('support.status')} icon={<FlagIcon />}>
        <Facts
          rows={[
            {
              label: t('support.status'),
              value: (
                <span className={`badge badge--${disputeTone(dispute.status)}`} data-testid="dispute-status">
                  {t(`support.disputeStatus_${dispute.status}`)}
                </span>
              ),
            },
            { label: t('support.amount'), value: money(dispute.amountMinor) },
            open && { label: t('support.dueAt'), value: formatDateTime(dispute.dueAt, locale, 'date') ?? dispute.dueAt },
            dispute.refundAmountMinor !== null && { label: t('support.refunded'), value: money(dispute.refundAmountMinor), strong: true },
            dispute.rejectReasonText !== null && { label: t('support.reason'), value: dispute.rejectReasonText },
            dispute.comment !== null && { label: t('support.yourComment'), value: dispute.comment },
          ]}
        />
        <p>
          <Link to={`/operations/${dispute.operationId}`}>{t('support.openOperation')}</Link>
          {dispute.refundOperationId ? (
            <>
              {' · '}
              <Link to={`/operations/${dispute.refundOperationId}`}>{t('support.refundTitle')}</Link>
            </>
          ) : null}
        </p>
      </Card>
      <Timeline dispute={dispute} />
      <Withdraw
        dispute={dispute}
        onDone={(next) => {
          setWithdrawn(true);
          setState({ status: 'ready', data: next });
        }}
      />
      <div className="form-actions">
        <ButtonLink to="/support" variant="secondary">
          {t('support.backToRequests')}
        </ButtonLink>
      </div>
    </div>
  );
}
