import { Button, Card, callApi, EmptyState, ErrorAlert, LoadingState, PageHeader, SelectField, ShieldIcon, useApiLoad } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import { api } from '../../api/client';
import { Age } from '../../customer-file/Age';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { IncidentPage } from './IncidentPage';
import '../../customer-file/cases.css';

const STATUSES = ['', 'new', 'in_progress', 'resolved', 'rejected'] as const;
type StatusFilter = (typeof STATUSES)[number];
const PRIORITIES = ['', 'high', 'normal'] as const;
type PriorityFilter = (typeof PRIORITIES)[number];

interface Filters {
  status: StatusFilter;
  priority: PriorityFilter;
  mine: boolean;
}

function pick<T extends string>(values: readonly T[], value: string): T | null {
  return (values as readonly string[]).includes(value) ? (value as T) : null;
}

/** The security officers' queue (GET /api/staff/v1/incidents): high priority first, then the oldest. */
function IncidentQueue() {
  const { t } = useTranslation();
  usePageTitle(t('incidents.title'));
  const [draft, setDraft] = useState<Filters>({ status: '', priority: '', mine: false });
  const [filters, setFilters] = useState<Filters>(draft);
  const { state, reload } = useApiLoad(
    (signal) =>
      callApi(() =>
        api.GET('/api/staff/v1/incidents', {
          params: {
            query: {
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.priority ? { priority: filters.priority } : {}),
              ...(filters.mine ? { owner: 'me' } : {}),
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
      <PageHeader title={t('incidents.title')} lead={t('incidents.lead')} />
      <Card>
        <form className="case-filters" onSubmit={apply}>
          <SelectField
            label={t('cases.filterStatus')}
            value={draft.status}
            onChange={(event) => setDraft({ ...draft, status: pick(STATUSES, event.target.value) ?? '' })}
          >
            {STATUSES.map((status) => (
              <option key={status || 'open'} value={status}>
                {status ? t(`incidents.status_${status}`) : t('cases.openOnly')}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('incidents.priority')}
            value={draft.priority}
            onChange={(event) => setDraft({ ...draft, priority: pick(PRIORITIES, event.target.value) ?? '' })}
          >
            {PRIORITIES.map((priority) => (
              <option key={priority || 'any'} value={priority}>
                {priority ? t(`incidents.priority_${priority}`) : t('cases.owner_any')}
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
          <Button type="submit" variant="secondary">
            {t('cases.apply')}
          </Button>
        </form>
      </Card>
      <Card title={t('incidents.title')} icon={<ShieldIcon />}>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? <EmptyState title={t('incidents.empty')} /> : null}
        {state.status === 'ready' && state.data.items.length > 0 ? (
          <div className="case-table__wrap">
            <table className="case-table">
              <thead>
                <tr>
                  <th scope="col">{t('incidents.priority')}</th>
                  <th scope="col">{t('incidents.kind')}</th>
                  <th scope="col">{t('incidents.age')}</th>
                  <th scope="col">{t('incidents.status')}</th>
                  <th scope="col">{t('cases.owner')}</th>
                </tr>
              </thead>
              <tbody>
                {state.data.items.map((incident) => (
                  <tr key={incident.id}>
                    <td>
                      <span className={incident.priority === 'high' ? 'badge badge--danger' : 'badge badge--muted'}>
                        {t(`incidents.priority_${incident.priority}`)}
                      </span>
                    </td>
                    <td>
                      <Link to={`/incidents/${incident.id}`}>{t(`incidents.kind_${incident.kind}`)}</Link>
                    </td>
                    <td>
                      <Age since={incident.createdAt} />
                    </td>
                    <td>{t(`incidents.status_${incident.status}`)}</td>
                    <td>{incident.owner?.displayName ?? t('cases.nobody')}</td>
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

/** The Incidents section (security officers: incidents.work): the queue and one incident. */
export function IncidentsSection() {
  return (
    <Routes>
      <Route index element={<IncidentQueue />} />
      <Route path=":incidentId" element={<IncidentPage />} />
    </Routes>
  );
}
