import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { useState } from 'react';
import { api } from '../../../api/client';
import { type ApiFailure, callApi } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { Alert, Button, ErrorAlert, FingerprintIcon } from '../../../ui';
import { saveDevice } from '../../auth/deviceStore';
import { useCurrentSession } from '../../auth/session';
import { asJsonObject } from '../../auth/webauthn';
import { BindingCodeStep } from './BindingCodeStep';
import { SetupHead } from './SetupHead';
import type { BindingStep } from './settings-data';
import { defaultDeviceName } from './settings-data';

export function FingerprintSetup({ onBound }: { onBound: () => void }) {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const [supported] = useState(() => browserSupportsWebAuthn());
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [done, setDone] = useState(false);
  const [binding, setBinding] = useState<BindingStep | null>(null);

  // Step 1: the server sends a code that names this device.
  async function start() {
    setBusy(true);
    setFailure(null);
    setCancelled(false);
    setDone(false);
    const result = await callApi(() => api.POST('/api/v1/devices/bindings', { body: { kind: 'webauthn', name: defaultDeviceName(t) } }));
    setBusy(false);
    if (result.ok) setBinding(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  // Step 2: with the code, the fingerprint or face prompt, then the credential and the code bind the device.
  async function confirm(code: string): Promise<ApiFailure | null> {
    if (!binding) return null;
    setCancelled(false);
    const options = await callApi(() => api.POST('/api/v1/devices/webauthn/options', { body: { bindingId: binding.bindingId } }));
    if (!options.ok) return options.aborted ? null : options.failure;
    const { challengeId, options: optionsJSON } = options.data as unknown as {
      challengeId: string;
      options: Parameters<typeof startRegistration>[0]['optionsJSON'];
    };
    let response: Awaited<ReturnType<typeof startRegistration>>;
    try {
      response = await startRegistration({ optionsJSON });
    } catch {
      // The code is not spent: the customer can try the prompt again with it.
      setCancelled(true);
      return null;
    }
    const result = await callApi(() =>
      api.POST('/api/v1/devices/webauthn', {
        body: { bindingId: binding.bindingId, code, challengeId, name: binding.name, response: asJsonObject(response) },
      }),
    );
    if (!result.ok) return result.aborted ? null : result.failure;
    await saveDevice({
      kind: 'webauthn',
      deviceId: result.data.deviceId,
      maskedPhone: session.customer.maskedPhone,
      createdAt: new Date().toISOString(),
    });
    setBinding(null);
    setDone(true);
    onBound();
    return null;
  }

  return (
    <div className="setup">
      <SetupHead icon={<FingerprintIcon />} title={t('webauthn.setupTitle')} text={t('webauthn.setupText')} />
      {done ? <Alert tone="success">{t('webauthn.setupDone')}</Alert> : null}
      {cancelled ? <Alert tone="info">{t('webauthn.cancelled')}</Alert> : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      {!supported ? (
        <Alert tone="info" live={false}>
          {t('webauthn.unsupported')}
        </Alert>
      ) : binding ? (
        <BindingCodeStep
          binding={binding}
          submitLabel={t('devices.codeSubmitWebauthn')}
          onSubmit={confirm}
          onCancel={() => {
            setBinding(null);
            setCancelled(false);
          }}
        />
      ) : (
        <div>
          <Button variant="secondary" icon={<FingerprintIcon />} loading={busy} onClick={() => void start()}>
            {t('webauthn.setup')}
          </Button>
        </div>
      )}
    </div>
  );
}
