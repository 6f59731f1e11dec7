import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import {
  ButtonLink,
  Card,
  ChevronRightIcon,
  EmptyState,
  ErrorAlert,
  FlagIcon,
  InboxIcon,
  LoadingState,
  PageHeader,
  ShieldIcon,
} from '../../ui';
import { type Dispute, disputeTone, type Incident, incidentTone } from './support-model';

/** Both lists at once: a customer's requests are few, and the page shows them together. */
async function loadRequests(signal: AbortSignal) {
  const [disputes, incidents] = await Promise.all([
    callApi(() => api.GET('/api/v1/disputes', { signal })),
    callApi(() => api.GET('/api/v1/incidents', { signal })),
  ]);
  if (!disputes.ok) return disputes;
  if (!incidents.ok) return incidents;
  return { ok: true as const, data: { disputes: disputes.data.items, incidents: incidents.data.items } };
}

function DisputeRow({ dispute }: { dispute: Dispute }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const amount = formatMoney(dispute.amountMinor, dispute.currency, locale);
  const open = dispute.status === 'new' || dispute.status === 'investigating';
  return (
    <li className="list-row">
      <span className="list-row__icon">
        <FlagIcon />
      </span>
      <div className="list-row__body">
        <p className="list-row__title">
          <Link to={`/support/disputes/${dispute.id}`}>{t('support.disputeRow', { amount })}</Link>
        </p>
        <p className="list-row__meta">
          <span className={`badge badge--${disputeTone(dispute.status)}`}>{t(`support.disputeStatus_${dispute.status}`)}</span>{' '}
          {open
            ? t('support.dueBy', { date: formatDateTime(dispute.dueAt, locale, 'date') ?? dispute.dueAt })
            : t('support.sentAt', { date: formatDateTime(dispute.createdAt, locale, 'date') ?? dispute.createdAt })}
        </p>
      </div>
      <ChevronRightIcon className="menu-list__chevron" />
    </li>
  );
}

function IncidentRow({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <li className="list-row">
      <span className="list-row__icon">
        <ShieldIcon />
      </span>
      <div className="list-row__body">
        <p className="list-row__title">{t(`support.kind_${incident.kind}`)}</p>
        <p className="list-row__meta">
          <span className={`badge badge--${incidentTone(incident.status)}`}>{t(`support.incidentStatus_${incident.status}`)}</span>{' '}
          {t('support.sentAt', { date: formatDateTime(incident.createdAt, locale, 'dateTime') ?? incident.createdAt })}
        </p>
        {incident.text ? <p className="muted">{incident.text}</p> : null}
      </div>
    </li>
  );
}

/** "My requests": the customer's disputes and security reports with where each stands. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('support.myRequests'));
  const { state, reload } = useApiLoad(loadRequests, []);
  const report = (
    <ButtonLink to="/support/report" variant="primary">
      {t('support.reportButton')}
    </ButtonLink>
  );
  return (
    <div className="page">
      <PageHeader title={t('support.myRequests')} lead={t('support.myRequestsLead')} actions={report} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.disputes.length === 0 && state.data.incidents.length === 0 ? (
        <Card>
          <EmptyState icon={<InboxIcon />} title={t('support.emptyTitle')} description={t('support.emptyText')} />
        </Card>
      ) : null}
      {state.status === 'ready' && state.data.disputes.length > 0 ? (
        <Card title={t('support.disputes')} icon={<FlagIcon />}>
          <ul className="list">
            {state.data.disputes.map((dispute) => (
              <DisputeRow key={dispute.id} dispute={dispute} />
            ))}
          </ul>
        </Card>
      ) : null}
      {state.status === 'ready' && state.data.incidents.length > 0 ? (
        <Card title={t('support.incidents')} icon={<ShieldIcon />}>
          <ul className="list">
            {state.data.incidents.map((incident) => (
              <IncidentRow key={incident.id} incident={incident} />
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
