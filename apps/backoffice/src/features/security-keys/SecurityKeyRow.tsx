import { type ApiFailure, Button, callApi, DateTime, ErrorAlert, LockIcon } from '@kassa/ui';
import { useState } from 'react';
import { api } from '../../api/client';
import type { GetResponse } from '../../api/shapes';
import { useTranslation } from '../../i18n';

type SecurityKey = GetResponse<'/api/staff/v1/auth/security-keys'>['items'][number];

/** One key: its name, when it was added and last opened the back office, and its removal (asked twice). */
export function SecurityKeyRow({
  securityKey,
  removable,
  onRemoved,
}: {
  securityKey: SecurityKey;
  removable: boolean;
  onRemoved: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function remove() {
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.DELETE('/api/staff/v1/auth/security-keys/{keyId}', { params: { path: { keyId: securityKey.id } } }),
    );
    setBusy(false);
    if (result.ok) onRemoved();
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <li className="list-row">
      <span className="list-row__icon">
        <LockIcon />
      </span>
      <div className="list-row__body stack">
        <p className="list-row__title">{securityKey.name}</p>
        <p className="list-row__meta">
          {t('securityKeys.addedAt')} <DateTime value={securityKey.createdAt} format="date" /> · {t('securityKeys.lastUsed')}:{' '}
          {securityKey.lastUsedAt ? <DateTime value={securityKey.lastUsedAt} /> : t('securityKeys.neverUsed')}
        </p>
        {failure ? <ErrorAlert failure={failure} /> : null}
        {!removable ? <p className="list-row__meta">{t('securityKeys.lastFactor')}</p> : null}
        {removable && !confirming ? (
          <div className="form-actions">
            <Button variant="secondary" onClick={() => setConfirming(true)}>
              {t('securityKeys.remove')}
            </Button>
          </div>
        ) : null}
        {removable && confirming ? (
          <div className="stack">
            <p>{t('securityKeys.removeConfirm', { name: securityKey.name })}</p>
            <div className="form-actions">
              <Button variant="danger" loading={busy} onClick={() => void remove()}>
                {t('securityKeys.removeYes')}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)}>
                {t('securityKeys.cancel')}
              </Button>
            </div>
          </div>
        ) : null}
      </div>
    </li>
  );
}
