import { Card, callApi, DateTime, EmptyState, ErrorAlert, LoadingState, Money, PageHeader, useApiLoad } from '@kassa/ui';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { CaseNotes } from '../../customer-file/CaseNotes';
import { StaffByline } from '../../customer-file/StaffByline';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { ChargebackPanel } from './ChargebackPanel';
import { type Dispute, DisputeSteps } from './DisputeSteps';

/** The sessions and devices of the customer when they reported, as the case keeps them. */
function Snapshot({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const snapshot = dispute.accessSnapshot;
  return (
    <Card title={t('disputes.snapshot')}>
      {snapshot === null ? (
        <EmptyState title={t('disputes.noSnapshot')} />
      ) : (
        <>
          <h3>{t('cases.sessions')}</h3>
          {snapshot.sessions.length === 0 ? <p className="muted">{t('cases.noSessions')}</p> : null}
          <ul className="list">
            {snapshot.sessions.map((session) => (
              <li key={session.id} className="list-row">
                <div className="list-row__body">
                  <p className="list-row__title">
                    {session.agent} · {t(`customerFile.method_${session.method}`)}
                  </p>
                  <p className="list-row__meta">
                    {session.ipMasked ? <span className="mono">{session.ipMasked}</span> : null} <DateTime value={session.createdAt} />
                    {session.endedAt ? ` · ${t('cases.ended')}` : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
          <h3>{t('cases.devices')}</h3>
          {snapshot.devices.length === 0 ? <p className="muted">{t('cases.noDevices')}</p> : null}
          <ul className="list">
            {snapshot.devices.map((device) => (
              <li key={device.id} className="list-row">
                <div className="list-row__body">
                  <p className="list-row__title">{device.name}</p>
                  <p className="list-row__meta">
                    {t(`customerFile.device_${device.kind}`)} · <DateTime value={device.createdAt} />
                    {device.revokedAt ? ` · ${t('cases.revoked')}` : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** One dispute: the operation, the customer (masked), the snapshot, the steps, notes and timeline. */
export function DisputePage() {
  const { t } = useTranslation();
  usePageTitle(t('disputes.pageTitle'));
  const { disputeId = '' } = useParams();
  const { state, reload, setState } = useApiLoad<Dispute>(
    (signal) => callApi(() => api.GET('/api/staff/v1/disputes/{disputeId}', { params: { path: { disputeId } }, signal })),
    [disputeId],
  );
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  const dispute = state.data;
  const changed = (next: Dispute) => setState({ status: 'ready', data: next });
  const operation = dispute.operation;
  return (
    <div className="page">
      <p>
        <Link to="/disputes">{t('disputes.back')}</Link>
      </p>
      <PageHeader title={t('disputes.pageTitle')} />
      <p>
        <span className="badge badge--muted">{t(`disputes.status_${dispute.status}`)}</span>{' '}
        {dispute.overdue ? <span className="badge badge--danger">{t('disputes.overdue')}</span> : null} {t('disputes.due')}{' '}
        <DateTime value={dispute.dueAt} format="date" />
      </p>
      <div className="grid grid--2">
        <Card title={t('disputes.operation')}>
          <dl className="facts">
            <div className="facts__row facts__row--strong">
              <dt>{t('disputes.amount')}</dt>
              <dd>
                <Money amountMinor={dispute.amountMinor} currency={dispute.currency} />
              </dd>
            </div>
            {operation ? (
              <>
                <div className="facts__row">
                  <dt>{t('cases.customer')}</dt>
                  <dd>
                    {dispute.customer?.maskedName ?? '—'} <span className="mono">{dispute.customer?.maskedPhone ?? ''}</span>
                  </dd>
                </div>
                <div className="facts__row">
                  <dt>{t('disputes.operation')}</dt>
                  <dd>
                    {operation.payee} · {operation.kind} · {operation.status}
                  </dd>
                </div>
                <div className="facts__row">
                  <dt>{t('cases.created')}</dt>
                  <dd>
                    <DateTime value={operation.createdAt} />
                  </dd>
                </div>
              </>
            ) : null}
            <div className="facts__row">
              <dt>{t('cases.owner')}</dt>
              <dd>{dispute.owner?.displayName ?? t('cases.nobody')}</dd>
            </div>
          </dl>
          {dispute.comment ? (
            <p>
              <strong>{t('disputes.comment')}:</strong> {dispute.comment}
            </p>
          ) : null}
        </Card>
        <DisputeSteps dispute={dispute} onChanged={changed} />
      </div>
      {dispute.chargeback ? (
        // A column's width, as the other cards: its facts read label-to-value without a page-wide gap.
        <div className="grid grid--2">
          <ChargebackPanel chargeback={dispute.chargeback} caseOpen={dispute.closedAt === null} />
        </div>
      ) : null}
      <div className="grid grid--2">
        <Snapshot dispute={dispute} />
        <Card title={t('cases.timeline')}>
          <ul className="list">
            {dispute.timeline.map((event) => (
              <li key={`${event.kind}-${event.at}`} className="list-row">
                <div className="list-row__body">
                  <p className="list-row__title">{t(`disputes.event_${event.kind}`)}</p>
                  {event.customerMessage ? (
                    // The customer's own words on their steps; the bank's words to them on the staff's.
                    <p>
                      {event.actor === 'staff' ? t('disputes.toCustomer', { text: event.customerMessage }) : `«${event.customerMessage}»`}
                    </p>
                  ) : null}
                  <p className="list-row__meta">
                    <StaffByline staff={event.staff} /> · <DateTime value={event.at} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <CaseNotes
        notes={dispute.notes}
        add={(text) =>
          callApi(() =>
            api.POST('/api/staff/v1/disputes/{disputeId}/notes', { params: { path: { disputeId: dispute.id } }, body: { text } }),
          )
        }
        onChanged={changed}
      />
    </div>
  );
}
