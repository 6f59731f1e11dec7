import { useState } from 'react';
import { api } from '../../../api/client';
import { type ApiFailure, callApi } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { Alert, Button, Card, DateTime, DeviceIcon, EmptyState, ErrorAlert, LoadingState, LogoutIcon, RefreshIcon } from '../../../ui';
import { describeUserAgent, forgetDevicesExcept } from '../../auth/deviceStore';
import { useCurrentSession, useSession } from '../../auth/session';

import { loadSessions, type SessionItem, useList } from './settings-data';

function SessionRow({ item, onEnded }: { item: SessionItem; onEnded: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const { browser, os } = describeUserAgent(item.userAgent);
  const name =
    browser && os
      ? t('devices.defaultName', { browser, os })
      : (browser ?? os ?? (item.client === 'mobile' ? t('sessions.mobileApp') : t('devices.unknownDevice')));

  async function end() {
    setBusy(true);
    const result = await callApi(() => api.DELETE('/api/v1/sessions/{sessionId}', { params: { path: { sessionId: item.id } } }));
    setBusy(false);
    if (result.ok) onEnded();
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <li className="list-row">
      <span className="list-row__icon">
        <DeviceIcon />
      </span>
      <div className="list-row__body">
        <p className="list-row__title">
          {name}
          {item.current ? <span className="badge badge--success">{t('sessions.current')}</span> : null}
        </p>
        <p className="list-row__meta">
          {t(`sessions.method_${item.method === 'pin' || item.method === 'webauthn' ? item.method : 'password_sms'}`)}
          {' · '}
          {t('sessions.ip', { ip: item.ip ?? '—' })}
        </p>
        <p className="list-row__meta">
          {t('sessions.lastActive')} <DateTime value={item.lastSeenAt} format="dateTime" />
          {' · '}
          {t('sessions.started')} <DateTime value={item.createdAt} format="dateTime" />
        </p>
        {failure ? <ErrorAlert failure={failure} /> : null}
      </div>
      {item.current ? null : (
        <Button variant="secondary" loading={busy} onClick={() => void end()} aria-label={t('sessions.endNamed', { name })}>
          {t('sessions.end')}
        </Button>
      )}
    </li>
  );
}

export function SessionsSection() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const current = useCurrentSession();
  const { state, reload } = useList(loadSessions);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function endAll() {
    setBusy(true);
    const result = await callApi(() => api.POST('/api/v1/auth/logout-all'));
    setBusy(false);
    if (result.ok) {
      // The server unbound every device but the one this session logged in with (if any).
      await forgetDevicesExcept(current.method === 'pin' || current.method === 'webauthn' ? current.method : null);
      await logout('everywhere', { callServer: false });
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('sessions.title')} icon={<DeviceIcon />} id="sessions">
      <p className="muted">{t('sessions.lead')}</p>
      {state.status === 'loading' ? (
        <LoadingState />
      ) : state.status === 'error' ? (
        <ErrorAlert failure={state.failure} onRetry={reload} />
      ) : state.items.length === 0 ? (
        <EmptyState title={t('sessions.empty')} />
      ) : (
        <ul className="list" aria-label={t('sessions.title')}>
          {state.items.map((item) => (
            <SessionRow key={item.id} item={item} onEnded={reload} />
          ))}
        </ul>
      )}
      {failure ? <ErrorAlert failure={failure} /> : null}
      {confirming ? (
        <Alert
          tone="warning"
          title={t('sessions.endAllConfirm')}
          action={
            <div className="form-actions">
              <Button variant="danger" loading={busy} onClick={() => void endAll()}>
                {t('sessions.endAllYes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </Button>
            </div>
          }
        >
          <p>{t('sessions.endAllText')}</p>
        </Alert>
      ) : (
        <div className="form-actions">
          <Button variant="danger" icon={<LogoutIcon />} onClick={() => setConfirming(true)}>
            {t('sessions.endAll')}
          </Button>
          <Button variant="secondary" icon={<RefreshIcon />} onClick={reload}>
            {t('common.refresh')}
          </Button>
        </div>
      )}
    </Card>
  );
}
