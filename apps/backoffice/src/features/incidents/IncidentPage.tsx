import {
  Alert,
  type ApiFailure,
  Button,
  Card,
  callApi,
  DateTime,
  EmptyState,
  ErrorAlert,
  LoadingState,
  Money,
  PageHeader,
  TextField,
  useApiLoad,
} from '@kassa/ui';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useStaffSession } from '../../auth/session';
import { Age } from '../../customer-file/Age';
import { CaseNotes } from '../../customer-file/CaseNotes';
import { StaffByline } from '../../customer-file/StaffByline';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { type Incident, IncidentActions } from './IncidentActions';

/** The bank's contacts from GET /api/v1/meta, for the officer to give the customer. */
function Contacts() {
  const { t } = useTranslation();
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/meta', { signal })), []);
  return (
    <Card title={t('incidents.contactsTitle')}>
      <p className="muted">{t('incidents.contactsLead')}</p>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <dl className="facts">
          <div className="facts__row facts__row--strong">
            <dt>{t('incidents.contactCenter')}</dt>
            <dd>
              <a href={`tel:${state.data.contactCenterPhone}`}>{state.data.contactCenterPhone}</a>
            </dd>
          </div>
          <div className="facts__row facts__row--strong">
            <dt>{t('incidents.securityEmail')}</dt>
            <dd>
              <a href={`mailto:${state.data.securityEmail}`}>{state.data.securityEmail}</a>
            </dd>
          </div>
        </dl>
      ) : null}
    </Card>
  );
}

type Step = { status: 'in_progress' } | { status: 'resolved' | 'rejected'; resolution: string };

/** Assign to me; new → in progress → resolved | rejected with how it ended. */
function StatusSteps({ incident, onChanged }: { incident: Incident; onChanged: (incident: Incident) => void }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [resolution, setResolution] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const path = { params: { path: { incidentId: incident.id } } };

  function settle(result: Awaited<ReturnType<typeof callApi<Incident>>>) {
    setBusy(null);
    if (result.ok) onChanged(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }
  async function step(body: Step) {
    setBusy(body.status);
    setFailure(null);
    settle(await callApi(() => api.POST('/api/staff/v1/incidents/{incidentId}/status', { ...path, body })));
  }
  async function assign() {
    setBusy('assign');
    setFailure(null);
    settle(await callApi(() => api.POST('/api/staff/v1/incidents/{incidentId}/assign', { ...path, body: {} })));
  }

  if (incident.status === 'resolved' || incident.status === 'rejected')
    return <Alert tone="info">{t('incidents.closedWith', { text: incident.resolution ?? '' })}</Alert>;
  return (
    <Card title={t('incidents.steps')}>
      <div className="stack">
        <div className="case-actions">
          {incident.owner?.staffId !== session.staff.id ? (
            <Button variant="secondary" loading={busy === 'assign'} onClick={() => void assign()}>
              {t('cases.assignToMe')}
            </Button>
          ) : null}
          {incident.status === 'new' ? (
            <Button loading={busy === 'in_progress'} onClick={() => void step({ status: 'in_progress' })}>
              {t('incidents.takeIntoWork')}
            </Button>
          ) : null}
        </div>
        {incident.status === 'in_progress' ? (
          <>
            <TextField
              label={t('incidents.resolution')}
              hint={t('incidents.resolutionHint')}
              value={resolution}
              onChange={(event) => setResolution(event.target.value)}
            />
            <div className="case-actions">
              <Button loading={busy === 'resolved'} onClick={() => void step({ status: 'resolved', resolution: resolution.trim() })}>
                {t('incidents.resolve')}
              </Button>
              <Button
                variant="secondary"
                loading={busy === 'rejected'}
                onClick={() => void step({ status: 'rejected', resolution: resolution.trim() })}
              >
                {t('incidents.reject')}
              </Button>
            </div>
          </>
        ) : null}
        {failure ? <ErrorAlert failure={failure} /> : null}
      </div>
    </Card>
  );
}

function actionName(details: Record<string, unknown>): string {
  return typeof details.action === 'string' ? details.action : '';
}

/** One incident: the customer (masked, with the file), what was reported, the access, the steps. */
export function IncidentPage() {
  const { t } = useTranslation();
  usePageTitle(t('incidents.pageTitle'));
  const { incidentId = '' } = useParams();
  const { state, reload, setState } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/incidents/{incidentId}', { params: { path: { incidentId } }, signal })),
    [incidentId],
  );
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  const incident = state.data;
  const changed = (next: Incident) => setState({ status: 'ready', data: next });
  return (
    <div className="page">
      <p>
        <Link to="/incidents">{t('incidents.back')}</Link>
      </p>
      <PageHeader title={`${t('incidents.pageTitle')} · ${t(`incidents.kind_${incident.kind}`)}`} />
      <p>
        <span className={incident.priority === 'high' ? 'badge badge--danger' : 'badge badge--muted'}>
          {t(`incidents.priority_${incident.priority}`)}
        </span>{' '}
        <span className="badge badge--muted">{t(`incidents.status_${incident.status}`)}</span> {t(`incidents.source_${incident.source}`)} ·{' '}
        <Age since={incident.createdAt} />
      </p>
      <div className="grid grid--2">
        <Card title={t('cases.customer')}>
          <dl className="facts">
            <div className="facts__row facts__row--strong">
              <dt>{t('customerFile.name')}</dt>
              <dd>{incident.customer?.maskedName ?? '—'}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('customerFile.phone')}</dt>
              <dd className="mono">{incident.customer?.maskedPhone ?? '—'}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('cases.owner')}</dt>
              <dd>{incident.owner?.displayName ?? t('cases.nobody')}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('cases.created')}</dt>
              <dd>
                <DateTime value={incident.createdAt} />
              </dd>
            </div>
          </dl>
          {incident.text ? (
            <p>
              <strong>{t('incidents.text')}:</strong> {incident.text}
            </p>
          ) : null}
          <p>
            <Link to={`/customers/${incident.customerId}`}>{t('cases.openFile')}</Link>
          </p>
        </Card>
        <Contacts />
      </div>
      <StatusSteps incident={incident} onChanged={changed} />
      <div className="grid grid--2">
        <IncidentActions incident={incident} onChanged={changed} />
        <Card title={t('cases.operations')}>
          {incident.operations.length === 0 ? (
            <EmptyState title={t('cases.noOperations')} />
          ) : (
            <ul className="list">
              {incident.operations.map((operation) => (
                <li key={operation.id} className="list-row">
                  <div className="list-row__body">
                    <p className="list-row__title">
                      <span>{operation.payee}</span>
                      <Money amountMinor={operation.amountMinor} currency={operation.currency} />
                    </p>
                    <p className="list-row__meta">
                      <DateTime value={operation.createdAt} /> · {operation.status}
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <div className="grid grid--2">
        <CaseNotes
          notes={incident.notes}
          add={(text) =>
            callApi(() =>
              api.POST('/api/staff/v1/incidents/{incidentId}/notes', { params: { path: { incidentId: incident.id } }, body: { text } }),
            )
          }
          onChanged={changed}
        />
        <Card title={t('cases.timeline')}>
          <ul className="list">
            {incident.timeline.map((event) => (
              <li key={`${event.kind}-${event.at}`} className="list-row">
                <div className="list-row__body">
                  <p className="list-row__title">
                    {t(`incidents.event_${event.kind}`)}
                    {event.kind === 'action' && actionName(event.details) ? `: ${actionLabel(t, actionName(event.details))}` : ''}
                  </p>
                  <p className="list-row__meta">
                    <StaffByline staff={event.staff} /> · <DateTime value={event.at} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </div>
  );
}

function actionLabel(t: ReturnType<typeof useTranslation>['t'], action: string): string {
  if (action === 'end-sessions') return t('incidents.action_end-sessions');
  if (action === 'revoke-device') return t('incidents.action_revoke-device');
  if (action === 'reset-password') return t('incidentReset.timeline');
  if (action === 'block') return t('incidents.action_block');
  return action;
}
