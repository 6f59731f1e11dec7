import { startAuthentication, WebAuthnAbortService } from '@simplewebauthn/browser';
import { useEffect, useState } from 'react';
import { api, type SessionInfo } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Alert, Button, ErrorAlert, FingerprintIcon } from '../../ui';
import type { WebauthnDeviceRecord } from './deviceStore';
import { asJsonObject } from './webauthn';

/**
 * Login by the fingerprint (a WebAuthn passkey of this device), a chunk of its own: only a device
 * enrolled for it loads @simplewebauthn/browser, not every visitor's login screen.
 */
export function FingerprintLogin({ device, onLoggedIn }: { device: WebauthnDeviceRecord; onLoggedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [cancelled, setCancelled] = useState(false);

  useEffect(() => () => WebAuthnAbortService.cancelCeremony(), []);

  async function login() {
    setBusy(true);
    setFailure(null);
    setCancelled(false);
    const options = await callApi(() => api.POST('/api/v1/auth/webauthn/options', { body: { deviceId: device.deviceId } }));
    if (!options.ok) {
      setBusy(false);
      if (!options.aborted) setFailure(options.failure);
      return;
    }
    const { challengeId, options: optionsJSON } = options.data as unknown as {
      challengeId: string;
      options: Parameters<typeof startAuthentication>[0]['optionsJSON'];
    };
    let response: Awaited<ReturnType<typeof startAuthentication>>;
    try {
      response = await startAuthentication({ optionsJSON });
    } catch {
      setBusy(false);
      setCancelled(true);
      return;
    }
    const result = await callApi(() =>
      api.POST('/api/v1/auth/webauthn/login', { body: { challengeId, response: asJsonObject(response), client: 'web' } }),
    );
    setBusy(false);
    if (result.ok) onLoggedIn(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <div className="stack">
      {failure ? <ErrorAlert failure={failure} /> : null}
      {cancelled ? (
        <Alert tone="info" live>
          {t('webauthn.cancelled')}
        </Alert>
      ) : null}
      <Button variant="secondary" icon={<FingerprintIcon />} loading={busy} onClick={() => void login()} className="button--wide">
        {t('webauthn.login')}
      </Button>
    </div>
  );
}
