import {
  Button,
  Card,
  callApi,
  DateTime,
  EmptyState,
  ErrorAlert,
  LoadingState,
  Money,
  PageHeader,
  SelectField,
  useApiLoad,
} from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { DisputePage } from './DisputePage';
import '../../customer-file/cases.css';

const STATUSES = ['', 'new', 'investigating', 'refunded', 'rejected', 'withdrawn'] as const;
type StatusFilter = (typeof STATUSES)[number];

interface Filters {
  status: StatusFilter;
  mine: boolean;
  overdue: boolean;
}

function isStatus(value: string): value is StatusFilter {
  return (STATUSES as readonly string[]).includes(value);
}

/** The dispute queue (GET /api/staff/v1/disputes): the one due first on top, overdue ones highlighted. */
function DisputeQueue() {
  const { t } = useTranslation();
  usePageTitle(t('disputes.title'));
  const [draft, setDraft] = useState<Filters>({ status: '', mine: false, overdue: false });
  const [filters, setFilters] = useState<Filters>(draft);
  const { state, reload } = useApiLoad(
    (signal) =>
      callApi(() =>
        api.GET('/api/staff/v1/disputes', {
          params: {
            query: {
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.mine ? { owner: 'me' } : {}),
              ...(filters.overdue ? { overdue: true } : {}),
            },
          },
          signal,
        }),
      ),
    [filters],
  );

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters(draft);
  }

  return (
    <div className="page">
      <PageHeader title={t('disputes.title')} lead={t('disputes.lead')} />
      <Card>
        <form className="case-filters" onSubmit={apply}>
          <SelectField
            label={t('cases.filterStatus')}
            value={draft.status}
            onChange={(event) => isStatus(event.target.value) && setDraft({ ...draft, status: event.target.value })}
          >
            {STATUSES.map((status) => (
              <option key={status || 'open'} value={status}>
                {status ? t(`disputes.status_${status}`) : t('cases.openOnly')}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('cases.filterOwner')}
            value={draft.mine ? 'me' : 'any'}
            onChange={(event) => setDraft({ ...draft, mine: event.target.value === 'me' })}
          >
            <option value="any">{t('cases.owner_any')}</option>
            <option value="me">{t('cases.owner_me')}</option>
          </SelectField>
          <label className="choice">
            <input type="checkbox" checked={draft.overdue} onChange={(event) => setDraft({ ...draft, overdue: event.target.checked })} />
            <span className="choice__text">{t('disputes.overdueOnly')}</span>
          </label>
          <Button type="submit" variant="secondary">
            {t('cases.apply')}
          </Button>
        </form>
      </Card>
      <Card title={t('disputes.title')}>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? <EmptyState title={t('disputes.empty')} /> : null}
        {state.status === 'ready' && state.data.items.length > 0 ? (
          <div className="case-table__wrap">
            <table className="case-table">
              <thead>
                <tr>
                  <th scope="col">{t('disputes.due')}</th>
                  <th scope="col">{t('disputes.amount')}</th>
                  <th scope="col">{t('disputes.status')}</th>
                  <th scope="col">{t('cases.owner')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((dispute) => (
                  <tr key={dispute.id} className={dispute.overdue ? 'is-overdue' : undefined}>
                    <td>
                      <Link to={`/disputes/${dispute.id}`}>
                        <DateTime value={dispute.dueAt} format="date" />
                      </Link>
                      {dispute.overdue ? <span className="badge badge--danger">{t('disputes.overdue')}</span> : null}
                    </td>
                    <td>
                      <Money amountMinor={dispute.amountMinor} currency={dispute.currency} />
                    </td>
                    <td>{t(`disputes.status_${dispute.status}`)}</td>
                    <td>{dispute.owner?.displayName ?? t('cases.nobody')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </Card>
    </div>
  );
}

/** The Disputes section (operators and security officers: disputes.work): the queue and one case. */
export function DisputesSection() {
  return (
    <Routes>
      <Route index element={<DisputeQueue />} />
      <Route path=":disputeId" element={<DisputePage />} />
    </Routes>
  );
}
