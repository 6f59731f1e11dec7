import { Alert, type ApiFailure, Button, Card, callApi, DateTime, EmptyState } from '@kassa/ui';
import { useState } from 'react';
import { api } from '../../api/client';
import type { GetResponse, PostResponse } from '../../api/shapes';
import { ConfirmDialog } from '../../customer-file/ConfirmDialog';
import { useTranslation } from '../../i18n';

export type Incident = GetResponse<'/api/staff/v1/incidents/{incidentId}'>;
type Outcome = PostResponse<'/api/staff/v1/incidents/{incidentId}/actions'>['result'];
type Translate = ReturnType<typeof useTranslation>['t'];
type Action =
  | { action: 'end-sessions' }
  | { action: 'revoke-device'; deviceId: string; name: string }
  | { action: 'reset-password' }
  | { action: 'block' };

/** What the confirm dialog of each action asks, and what its button says. */
function dialogTexts(t: Translate, action: Action): { title: string; text: string; confirmLabel: string } {
  switch (action.action) {
    case 'end-sessions':
      return { title: t('incidents.endSessions'), text: t('incidents.endSessionsConfirm'), confirmLabel: t('incidents.endSessions') };
    case 'revoke-device':
      return {
        title: t('incidents.revoke'),
        text: t('incidents.revokeConfirm', { name: action.name }),
        confirmLabel: t('incidents.revoke'),
      };
    case 'reset-password':
      return { title: t('incidentReset.confirmTitle'), text: t('incidentReset.confirmText'), confirmLabel: t('incidentReset.action') };
    case 'block':
      return { title: t('incidents.block'), text: t('incidents.blockConfirm'), confirmLabel: t('incidents.block') };
  }
}

function doneText(t: Translate, action: Action, outcome: Outcome): string {
  switch (action.action) {
    case 'end-sessions':
      return t('incidents.done_sessions', { count: outcome.sessionsEnded ?? 0 });
    case 'revoke-device':
      return t('incidents.done_device');
    case 'reset-password':
      return t('incidentReset.done', { count: outcome.sessionsEnded ?? 0 });
    case 'block':
      return outcome.alreadyBlocked ? t('incidents.done_alreadyBlocked') : t('incidents.done_block');
  }
}

/**
 * The actions on the customer's access from an open incident (POST …/actions), each behind a
 * confirm dialog: end every session, revoke one device, reset the password, the emergency block.
 */
export function IncidentActions({ incident, onChanged }: { incident: Incident; onChanged: (incident: Incident) => void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<Action | null>(null);
  // What was done, kept untranslated so the message follows a change of language.
  const [done, setDone] = useState<{ action: Action; outcome: Outcome } | null>(null);
  const open = incident.status === 'new' || incident.status === 'in_progress';
  const liveSessions = incident.access.sessions.filter((session) => session.endedAt === null);
  const liveDevices = incident.access.devices.filter((device) => device.revokedAt === null);

  async function run(action: Action): Promise<ApiFailure | null> {
    const body = action.action === 'revoke-device' ? { action: action.action, deviceId: action.deviceId } : { action: action.action };
    const result = await callApi(() =>
      api.POST('/api/staff/v1/incidents/{incidentId}/actions', { params: { path: { incidentId: incident.id } }, body }),
    );
    if (!result.ok) return result.aborted ? null : result.failure;
    setDone({ action, outcome: result.data.result });
    onChanged(result.data.incident);
    return null;
  }

  return (
    <Card title={t('incidents.actions')}>
      <p className="muted">{t('incidents.actionsLead')}</p>
      {done ? <Alert tone="success">{doneText(t, done.action, done.outcome)}</Alert> : null}
      <h3>{t('cases.sessions')}</h3>
      {incident.access.sessions.length === 0 ? (
        <EmptyState title={t('cases.noSessions')} />
      ) : (
        <ul className="list">
          {incident.access.sessions.map((session) => (
            <li key={session.id} className="list-row">
              <div className="list-row__body">
                <p className="list-row__title">
                  <span>
                    {session.agent} · {t(`customerFile.method_${session.method}`)}
                  </span>
                  {session.endedAt ? <span className="badge badge--muted">{t('cases.ended')}</span> : null}
                </p>
                <p className="list-row__meta">
                  {session.ipMasked ? <span className="mono">{session.ipMasked}</span> : null} <DateTime value={session.createdAt} />
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('cases.devices')}</h3>
      {incident.access.devices.length === 0 ? (
        <EmptyState title={t('cases.noDevices')} />
      ) : (
        <ul className="list">
          {incident.access.devices.map((device) => (
            <li key={device.id} className="list-row">
              <div className="list-row__body">
                <p className="list-row__title">
                  <span>{device.name}</span>
                  <span className="badge badge--muted">
                    {device.revokedAt ? t('cases.revoked') : t(`customerFile.device_${device.kind}`)}
                  </span>
                </p>
              </div>
              {open && device.revokedAt === null ? (
                <Button
                  variant="secondary"
                  className="button--compact"
                  onClick={() => setAsking({ action: 'revoke-device', deviceId: device.id, name: device.name })}
                >
                  {t('incidents.revoke')}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <div className="case-actions">
          <Button
            variant="secondary"
            disabled={liveSessions.length === 0 && liveDevices.length === 0}
            onClick={() => setAsking({ action: 'end-sessions' })}
          >
            {t('incidents.endSessions')}
          </Button>
          <Button variant="secondary" onClick={() => setAsking({ action: 'reset-password' })}>
            {t('incidentReset.action')}
          </Button>
          <Button variant="danger" onClick={() => setAsking({ action: 'block' })}>
            {t('incidents.block')}
          </Button>
        </div>
      ) : null}
      {asking ? (
        <ConfirmDialog
          {...dialogTexts(t, asking)}
          danger={asking.action !== 'end-sessions'}
          onConfirm={() => run(asking)}
          onClose={() => setAsking(null)}
        />
      ) : null}
    </Card>
  );
}
