import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiFailure, callApi } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { Button, Card, DateTime, EmptyState, ErrorAlert, FingerprintIcon, KeypadIcon, LoadingState } from '../../../ui';
import { forgetDeviceId, forgetDevicesNotIn, loadDevice } from '../../auth/deviceStore';
import { FingerprintSetup } from './FingerprintSetup';
import { PinSetup } from './PinSetup';
import { type DeviceItem, loadDevices, useList } from './settings-data';

function DeviceRow({ item, onUnbound }: { item: DeviceItem; onUnbound: () => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [local, setLocal] = useState(false);

  useEffect(() => {
    void Promise.all([loadDevice('pin'), loadDevice('webauthn')]).then(([pin, webauthn]) =>
      setLocal(pin?.deviceId === item.id || webauthn?.deviceId === item.id),
    );
  }, [item.id]);

  async function unbind() {
    setBusy(true);
    const result = await callApi(() => api.DELETE('/api/v1/devices/{deviceId}', { params: { path: { deviceId: item.id } } }));
    setBusy(false);
    if (result.ok) {
      await forgetDeviceId(item.id);
      onUnbound();
    } else if (!result.aborted) setFailure(result.failure);
  }

  const kind = item.kind === 'webauthn' ? 'webauthn' : 'pin';
  return (
    <li className="list-row">
      <span className="list-row__icon">{kind === 'webauthn' ? <FingerprintIcon /> : <KeypadIcon />}</span>
      <div className="list-row__body">
        <p className="list-row__title">
          {item.name}
          {local ? <span className="badge badge--success">{t('devices.thisBrowser')}</span> : null}
          {item.status !== 'active' ? <span className="badge badge--muted">{t('devices.inactive')}</span> : null}
        </p>
        <p className="list-row__meta">
          {t(`devices.kind_${kind}`)}
          {' · '}
          {t('devices.bound')} <DateTime value={item.createdAt} format="date" />
          {' · '}
          {item.lastUsedAt ? (
            <>
              {t('devices.lastUsed')} <DateTime value={item.lastUsedAt} format="dateTime" />
            </>
          ) : (
            t('devices.neverUsed')
          )}
        </p>
        {failure ? <ErrorAlert failure={failure} /> : null}
        {confirming ? (
          <div className="form-actions">
            <Button variant="danger" loading={busy} onClick={() => void unbind()}>
              {t('devices.unbindYes')}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        ) : null}
      </div>
      {confirming ? null : (
        <Button variant="secondary" onClick={() => setConfirming(true)} aria-label={t('devices.unbindNamed', { name: item.name })}>
          {t('devices.unbind')}
        </Button>
      )}
    </li>
  );
}

export function DevicesSection({ version }: { version: number }) {
  const { t } = useTranslation();
  const { state, reload } = useList(loadDevices);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` changes when a password change unbound devices
  useEffect(() => {
    if (version > 0) reload();
  }, [version]);
  // This browser forgets the devices the server no longer lists (unbound here, elsewhere, by
  // "log out everywhere" or a password change), so the login screen offers only what works.
  useEffect(() => {
    if (state.status === 'ready') void forgetDevicesNotIn(new Set(state.items.map((item) => item.id)));
  }, [state]);
  return (
    <Card title={t('devices.title')} icon={<KeypadIcon />} id="devices">
      <p className="muted">{t('devices.lead')}</p>
      {state.status === 'loading' ? (
        <LoadingState />
      ) : state.status === 'error' ? (
        <ErrorAlert failure={state.failure} onRetry={reload} />
      ) : state.items.length === 0 ? (
        <EmptyState icon={<KeypadIcon />} title={t('devices.empty')} description={t('devices.emptyText')} />
      ) : (
        <ul className="list" aria-label={t('devices.title')}>
          {state.items.map((item) => (
            <DeviceRow key={item.id} item={item} onUnbound={reload} />
          ))}
        </ul>
      )}
      <PinSetup onBound={reload} />
      <FingerprintSetup onBound={reload} />
    </Card>
  );
}
