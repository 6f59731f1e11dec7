import { Alert, Card, callApi, EmptyState, ErrorAlert, LoadingState, PageHeader, useApiLoad } from '@kassa/ui';
import { useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { AddSecurityKey } from './AddSecurityKey';
import { SecurityKeyRow } from './SecurityKeyRow';

/**
 * The staff member's own security keys (every role: GET /api/staff/v1/auth/security-keys): the
 * list, removal (never of the last second factor), and adding one by the browser's WebAuthn prompt.
 */
export function SecurityKeysPage() {
  const { t } = useTranslation();
  usePageTitle(t('securityKeys.title'));
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/staff/v1/auth/security-keys', { signal })), []);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <div className="page">
      <PageHeader title={t('securityKeys.title')} lead={t('securityKeys.lead')} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Card title={t('securityKeys.listTitle')}>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? <EmptyState title={t('securityKeys.empty')} /> : null}
        {state.status === 'ready' && state.data.items.length > 0 ? (
          <ul className="list security-keys">
            {state.data.items.map((key) => (
              <SecurityKeyRow
                key={key.id}
                securityKey={key}
                // Without TOTP the last key is the only way in: the server refuses its removal too.
                removable={state.data.totpEnrolled || state.data.items.length > 1}
                onRemoved={() => {
                  setNotice(t('securityKeys.removed', { name: key.name }));
                  reload();
                }}
              />
            ))}
          </ul>
        ) : null}
      </Card>
      <AddSecurityKey
        onAdded={(name) => {
          setNotice(t('securityKeys.added', { name }));
          reload();
        }}
      />
    </div>
  );
}
